"""The navigation: each app registers the sections it offers, with the
permission a person needs (in any scope) to see the link."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from .permissions import can_anywhere


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: str | None  # None: everyone with a role in the organisation
    order: int
    roles: frozenset[str] | None = None  # shown only to these roles, if set


_ITEMS: list[NavItem] = []


def register(
    label: str, url_name: str, perm: str | None, order: int, roles: set[str] | None = None
) -> None:
    if any(item.url_name == url_name for item in _ITEMS):
        return
    _ITEMS.append(NavItem(label, url_name, perm, order, frozenset(roles) if roles else None))
    _ITEMS.sort(key=lambda item: item.order)


@lru_cache(maxsize=4096)
def _section_url(url_name: str, org_slug: str, urlconf: str, script_prefix: str) -> str:
    """A section's address, reversed once per process: the menu is on every
    page, and reversing its fifteen or so links was most of its cost. The
    address depends only on these four (the language is not in the path)."""
    return reverse(url_name, kwargs={"org_slug": org_slug}, urlconf=urlconf)


def items_for(request) -> list[dict]:
    organisation = request.organisation
    visible = []
    for item in _ITEMS:
        if item.roles is not None and not (item.roles & request.roles):
            continue
        if item.perm is not None and not can_anywhere(request.user, organisation, item.perm):
            continue
        url = _section_url(
            item.url_name,
            organisation.slug,
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
        )
        visible.append({"label": item.label, "url": url})
    path = request.path
    # The longest matching link is the current section.
    current = max(
        (v for v in visible if path.startswith(v["url"])), key=lambda v: len(v["url"]), default=None
    )
    for v in visible:
        v["active"] = v is current
    return visible
