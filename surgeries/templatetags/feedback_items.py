"""``{% item_meta item %}``: the line under a piece of feedback (its kind,
the day it was received, where it came from, a safeguarding flag), on every
page that lists feedback.

A tag rather than an included template: a list of 50 items looked up the
same few translations and formatted the same few days 50 times over (about
110 µs an item); this translates each label and formats each day once a
page. It writes what the template wrote, character for character."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as format_date
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def item_meta(context, item) -> SafeString:
    # One page's labels, kept while that page renders (never across requests
    # or languages).
    once = context.render_context.setdefault("item_meta", {})

    def words(key, make, escape=conditional_escape) -> str:
        if key not in once:
            once[key] = escape(make())
        return once[key]

    parts = [
        words(("kind", item.kind), item.get_kind_display),
        " · ",
        words(("day", item.received_on), lambda: format_date(item.received_on, "j M Y")),
        " · ",
    ]
    if item.surgery_id:
        # Translated words are the template's own: not escaped, as in a template.
        at = words("surgery at", lambda: gettext("Surgery at %(site)s"), escape=str)
        parts.append(at % {"site": conditional_escape(item.surgery.site.name)})
    else:
        parts.append(words(("channel", item.channel), item.get_channel_display))
        if item.site_id:
            parts += [", ", conditional_escape(item.site.name)]
    if item.follow_up == "safeguarding":
        parts += [" · ", words("safeguarding", lambda: gettext("Safeguarding"), escape=str)]
    return mark_safe("".join(parts))
