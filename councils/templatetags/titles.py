"""The browser tab's title: "Page – Organisation – Said and Done".

The base layout adds the organisation and the product's name after the
page's own title, so a page title that names them too ("Dashboard:
Organisation", "Quarterly report – Organisation – July to September") would
repeat them. ``page_title`` names each once, whatever the page's title says.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()

SEPARATOR = " – "


@register.filter(needs_autoescape=True)
def page_title(page: str, organisation, autoescape: bool = True) -> SafeString:
    """``page`` is the rendered title block (already escaped)."""
    escape = conditional_escape if autoescape else str
    product = str(escape(gettext("Said and Done")))
    org = str(escape(organisation.name)) if organisation else ""
    parts = []
    for part in str(page).split(SEPARATOR):
        part = " ".join(part.split())
        if org and part.endswith(f": {org}"):
            part = part.removesuffix(f": {org}")
        if part and part not in {org, product}:
            parts.append(part)
    if org:
        parts.append(org)
    parts.append(product)
    return mark_safe(SEPARATOR.join(parts))  # every part was escaped before
