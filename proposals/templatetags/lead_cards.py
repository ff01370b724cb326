"""``{% lead_cards lead.open_items %}``: the cards of a lead's open work on
"My actions", each with what to do next.

Written here rather than by the template a card: each card was some fifty
lookups, filters and ``{% blocktranslate %}``s, most of the page's render.
Here the labels are translated and the addresses reversed once a page. It
writes what the template wrote, character for character
(``tests/proposals/test_lead_cards.py`` keeps that template as its oracle)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.template.defaultfilters import date as format_date
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_noop, ngettext

from councils.addresses import id_url

from .proposal_state import YOU_ASKED_FOR, implementation_state

register = template.Library()

SHORT_DATE = "j M Y"

LABELS = {
    "to_put_in_place": gettext_noop("Proposal to put in place"),
    "action_point": gettext_noop("Action point"),
    "target_date": gettext_noop("Target date"),
    "due": gettext_noop("Due"),
    "last_update": gettext_noop("Last update"),
    "never": gettext_noop("Never"),
    "told_reps": gettext_noop("What the reps were told"),
    "nothing_yet": gettext_noop("Nothing yet."),
    "post_update": gettext_noop("Post an update"),
    "on": gettext_noop("on"),
    "ask_target_date": gettext_noop("Ask for a new target date"),
    "for": gettext_noop("for"),
    "add_milestone": gettext_noop("Add a milestone"),
    "to": gettext_noop("to"),
    "see_meeting": gettext_noop("See the meeting"),
}


def _short_date(value: dt.date | dt.datetime | None) -> str:
    """As ``{{ value|date:"j M Y" }}`` prints it (local time for a moment)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return conditional_escape(format_date(value, SHORT_DATE))


@register.simple_tag(takes_context=True)
def lead_cards(context, items) -> SafeString:
    # Translated words are the template's own: not escaped, as in a template.
    t = {key: gettext(msgid) for key, msgid in LABELS.items()}
    slug = context["organisation"].slug
    proposal_url = id_url("proposal_detail", slug)
    meeting_url = id_url("meeting_detail", slug)
    update_url = id_url("proposal_update_add", slug)
    ask_url = id_url("target_date_ask", slug)
    milestone_url = id_url("milestone_new", slug)
    out = []
    for item in items:
        o = item.obj
        implementation = item.is_implementation
        waiting = getattr(o, "waiting_target_date", None)
        out.append(
            '\n  <li class="app-card">\n    <h3 class="govuk-heading-s govuk-!-margin-bottom-1">'
            "\n      "
        )
        if implementation:
            title = conditional_escape(o.title)
            out.append(
                f'<a class="govuk-link" href="{conditional_escape(proposal_url(o.public_id))}">'
                f"{title}</a>\n      "
            )
        else:
            meeting_href = conditional_escape(meeting_url(o.meeting.public_id))
            description = conditional_escape(Truncator(o.description).chars(120))
            out.append(
                f'<a class="govuk-link" href="{meeting_href}#action-points">{description}</a>'
            )
        kind = t["to_put_in_place"] if implementation else t["action_point"]
        out.append(
            '\n    </h3>\n    <p class="govuk-body-s govuk-!-margin-bottom-2">\n      '
            f"{kind} · {conditional_escape(o.council.name)}\n    </p>\n    "
        )
        if implementation:
            out.append(implementation_state(context, o, for_owner=True, waiting=waiting))
            out.append("\n    ")
        elif item.is_overdue:
            days = item.days_late
            late = ngettext("%(counter)s day late", "%(counter)s days late", days) % {
                "counter": conditional_escape(formats.localize(days))
            }
            out.append(f'<strong class="govuk-tag govuk-tag--red">{late}</strong>')
        due = _short_date(item.due) or "–"
        if waiting:
            asked = gettext(YOU_ASKED_FOR) % {"day": _short_date(waiting)}
            due += f'<br><span class="govuk-body-s">{asked}</span>'
        last = _short_date(item.last_update_at) if item.last_update_at else t["never"]
        told = (
            conditional_escape(Truncator(item.told_reps).chars(300))
            if item.told_reps
            else t["nothing_yet"]
        )
        row = '\n      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">'
        value = '</dt><dd class="govuk-summary-list__value">'
        out.append(
            '\n    <dl class="govuk-summary-list govuk-summary-list--no-border '
            'govuk-!-margin-bottom-2">'
            f"{row}{t['target_date'] if implementation else t['due']}{value}{due}</dd></div>"
            f"{row}{t['last_update']}{value}{last}</dd></div>"
            f"{row}{t['told_reps']}{value}{told}</dd></div>"
            '\n    </dl>\n    <p class="govuk-body govuk-!-margin-bottom-0">\n      '
        )
        if implementation:
            public_id = o.public_id
            out.append(
                f'\n      <a class="govuk-link" href="{conditional_escape(update_url(public_id))}">'
                f'{t["post_update"]}<span class="govuk-visually-hidden"> {t["on"]} {title}'
                "</span></a>\n      "
            )
            if not waiting:
                out.append(
                    f' · <a class="govuk-link" href="{conditional_escape(ask_url(public_id))}">'
                    f'{t["ask_target_date"]}<span class="govuk-visually-hidden"> {t["for"]} '
                    f"{title}</span></a>"
                )
            out.append(
                "\n      · "
                f'<a class="govuk-link" href="{conditional_escape(milestone_url(public_id))}">'
                f'{t["add_milestone"]}<span class="govuk-visually-hidden"> {t["to"]} {title}'
                "</span></a>\n      "
            )
        else:
            out.append(
                f'\n      <a class="govuk-link" href="{meeting_href}#action-points">'
                f'{t["see_meeting"]}<span class="govuk-visually-hidden">: '
                f"{conditional_escape(o.meeting)}</span></a>\n      "
            )
        out.append("\n    </p>\n  </li>\n")
    return mark_safe("".join(out))
