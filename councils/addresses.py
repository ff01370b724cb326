"""A page's address for every row of a list, reversed once.

``{% url %}`` for each row was about a fifth of a 50-row list's render.
Reversing once with a mark where the public id goes, then putting each row's
id there, gives the same address for every id that needs no escaping, which
is every public id (letters, digits, "-" and "_": ``new_short_id``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse

# Not a public id, nor part of a slug.
_ID_MARK = "~id~"
_URL_SAFE_ID = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class IdUrl:
    """In a template: ``{{ u.before }}{{ row.public_id }}{{ u.after }}``.
    In Python: ``u(public_id)``, which reverses as usual any id that is not
    URL-safe."""

    # Templates read ``before`` and ``after``; they must not call it.
    do_not_call_in_templates = True

    name: str
    org_slug: str
    before: str
    after: str

    def __call__(self, public_id: str) -> str:
        if _URL_SAFE_ID.fullmatch(public_id):
            return f"{self.before}{public_id}{self.after}"
        return reverse(self.name, args=[self.org_slug, public_id])


def id_url(name: str, org_slug: str) -> IdUrl:
    """The address of the page ``name`` of this organisation, for any public id."""
    before, after = reverse(name, args=[org_slug, _ID_MARK]).split(_ID_MARK)
    return IdUrl(name, org_slug, before, after)
