"""The browser tab's title: "Page – Organisation – Said and Done".

The base layout adds the organisation and the product's name after the
page's own title, so a page title that names them too ("Dashboard:
Organisation", "Quarterly report – Organisation – July to September") would
repeat them. ``page_title`` names each once, whatever the page's title says.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()

SEPARATOR = " – "


def _without(text: str, name: str) -> str:
    """``text`` with ``name`` taken out where it stands as a part of the title
    ("– name –", at either end, or after a colon at the end)."""
    if not name:
        return text
    name = re.escape(name)
    sep = re.escape(SEPARATOR)
    text = re.sub(rf"(?:^|{sep}){name}(?={sep}|$)", "", text)
    text = re.sub(rf":\s*{name}$", "", text)
    return text.removeprefix(SEPARATOR).strip()


@register.filter(needs_autoescape=True)
def page_title(page: str, organisation, autoescape: bool = True) -> SafeString:
    """``page`` is the rendered title block (already escaped)."""
    escape = conditional_escape if autoescape else str
    product = str(escape(gettext("Said and Done")))
    org = str(escape(organisation.name)) if organisation else ""
    text = _without(_without(" ".join(str(page).split()), org), product)
    parts = [part for part in (text, org, product) if part]
    return mark_safe(SEPARATOR.join(parts))  # every part was escaped before
