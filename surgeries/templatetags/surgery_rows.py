"""``{% surgery_row s surgery_url %}``: one surgery of the surgeries list
(when and where, its reps, what was logged), inside its ``<li>``.

A tag rather than template markup: each row was three translated sentences,
a loop over its reps and a dozen filters and variables, about 180 µs a row
and 70 rows a page; this translates each sentence once a page. It writes
what the template wrote, character for character."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import time as format_time
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

register = template.Library()


def _number(value) -> str:
    # As a template writes a number in a translated sentence.
    return conditional_escape(str(localize(value)))


def _once(once: dict, key, make, escape=conditional_escape) -> str:
    if key not in once:
        once[key] = escape(make())
    return once[key]


@register.simple_tag(takes_context=True)
def surgery_row(context, s, surgery_url) -> SafeString:
    # The page's fixed words, kept while that page renders (never across
    # requests or languages).
    once = context.render_context.setdefault("surgery_row", {})
    if not once:
        once.update(
            when=gettext(
                '%(date)s, %(starts)s to %(ends)s<span class="govuk-visually-hidden">'
                " at %(site)s</span>"
            ),
            cancelled=gettext("Cancelled"),
            # Translated words are the template's own: not escaped, as there.
            reps=gettext("Reps:"),
            no_reps=gettext("none chosen yet"),
            approached=gettext("%(count)s approached"),
            url=(conditional_escape(surgery_url.before), conditional_escape(surgery_url.after)),
        )
    site = conditional_escape(s.site.name)
    when = once["when"] % {
        "date": conditional_escape(format_date(s.date, "D j M Y")),
        "starts": _once(once, ("time", s.starts_at), lambda: format_time(s.starts_at, "H:i")),
        "ends": _once(once, ("time", s.ends_at), lambda: format_time(s.ends_at, "H:i")),
        "site": site,
    }
    before, after = once["url"]
    parts = [
        '\n    <a class="govuk-link govuk-!-font-weight-bold" href="',
        f'{before}{conditional_escape(s.public_id)}{after}">{when}</a>',
    ]
    if s.is_cancelled:
        parts.append(f' <strong class="govuk-tag govuk-tag--grey">{once["cancelled"]}</strong>')
    # ``rep_list``: the reps as the list's selector read them.
    rep_list = s.rep_list if hasattr(s, "rep_list") else s.reps.all()
    reps = ", ".join(conditional_escape(str(r)) for r in rep_list) or once["no_reps"]
    items = _once(
        once,
        ("items", s.item_count),
        lambda: (
            ngettext("%(count)s feedback item", "%(count)s feedback items", s.item_count)
            % {"count": _number(s.item_count)}
        ),
        escape=str,
    )
    parts += [
        f"<br>\n    {site}, {conditional_escape(s.council.name)}<br>\n",
        f'    <span class="govuk-body-s">{once["reps"]} {reps}. {items}',
    ]
    if s.people_approached:
        parts.append(", " + once["approached"] % {"count": _number(s.people_approached)})
    parts.append(".</span>\n  ")
    return mark_safe("".join(parts))
