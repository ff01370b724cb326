"""``{% our_proposal_cards page.object_list %}``: the cards of "Our
proposals", the reps' list: each proposal's title, status, what was done or
why, its council, theme and last change.

Written here rather than by the template a card (25 a page, each a dozen
lookups, translations and a ``{% blocktranslate %}`` with a date): the
labels are translated and the address reversed once a page. It writes what
the template wrote, character for character
(``tests/proposals/test_proposal_cards.py`` keeps that template as its
oracle)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from councils.addresses import id_url

from .proposal_state import status_tag

register = template.Library()


@register.simple_tag(takes_context=True)
def our_proposal_cards(context, proposals) -> SafeString:
    # Translated words are the template's own: not escaped, as in a template.
    mine = gettext("You wrote this")
    we_did = gettext("We did:")
    could_not = gettext("Could not be done:")
    why = gettext("Why:")
    last_change = gettext("last change %(day)s")
    proposal_url = id_url("proposal_detail", context["organisation"].slug)
    out = []
    for p in proposals:
        out.append(
            '\n  <li class="app-card">\n    <h2 class="govuk-heading-s govuk-!-margin-bottom-2">'
            f'<a class="govuk-link" href="{conditional_escape(proposal_url(p.public_id))}">'
            f"{conditional_escape(p.title)}</a></h2>"
            f'\n    <p class="govuk-body govuk-!-margin-bottom-2">{status_tag(context, p)}'
        )
        if p.is_mine:
            out.append(f' <strong class="govuk-tag govuk-tag--grey">{mine}</strong>')
        out.append("</p>\n    ")
        decision = p.published_decision
        if p.status == "implemented":
            out.append(
                f'<p class="govuk-body"><strong>{we_did}</strong> '
                f"{conditional_escape(p.we_did)}</p>\n    "
            )
        elif p.status == "not_implemented":
            out.append(
                f'<p class="govuk-body"><strong>{could_not}</strong> '
                f"{conditional_escape(p.not_implemented_reason)}</p>\n    "
            )
        elif decision and decision.reason:
            out.append(
                f'<p class="govuk-body"><strong>{why}</strong> '
                f"{conditional_escape(decision.reason)}</p>"
            )
        day = conditional_escape(format_date(timezone.localtime(p.updated_at), "j M Y"))
        council = conditional_escape(p.council.name)
        theme = f" · {conditional_escape(p.theme.name)}" if p.theme else ""
        out.append(
            f'\n    <p class="govuk-body-s govuk-!-margin-bottom-0">{council}{theme} · '
            f"{last_change % {'day': day}}</p>\n  </li>\n  "
        )
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def proposal_rows(context, proposals) -> SafeString:
    """The rows of the proposals table (all proposals, filtered): title,
    status, council, theme and the day it was raised, as the template a row
    wrote them (``tests/proposals/test_proposal_cards.py``)."""
    proposal_url = id_url("proposal_detail", context["organisation"].slug)
    cell = '\n    <td class="govuk-table__cell">'
    out = []
    for p in proposals:
        theme = conditional_escape(p.theme.name) if p.theme and p.theme.name else "–"
        raised = conditional_escape(format_date(timezone.localtime(p.raised_at), "j M Y"))
        out.append(
            f'\n  <tr class="govuk-table__row">{cell}<a class="govuk-link" '
            f'href="{conditional_escape(proposal_url(p.public_id))}">'
            f"{conditional_escape(p.title)}</a></td>"
            f"{cell}{status_tag(context, p)}</td>"
            f"{cell}{conditional_escape(p.council.name)}</td>"
            f"{cell}{theme}</td>"
            f"{cell}{raised}</td>\n  </tr>\n  "
        )
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def waiting_word_rows(context, parts) -> SafeString:
    """The rows of the words waiting for approval: the proposal, the part
    and its words, since when, as the template a row wrote them
    (``tests/proposals/test_proposal_cards.py``)."""
    review_url = id_url("wording_review", context["organisation"].slug)
    changed = gettext("Changed since approval")
    cell = '\n    <td class="govuk-table__cell">'
    out = []
    for w in parts:
        p = w.proposal
        tag = f' <strong class="govuk-tag govuk-tag--yellow">{changed}</strong>'
        since = format_date(timezone.localtime(w.since), "j M Y") if w.since else ""
        out.append(
            f'\n  <tr class="govuk-table__row">{cell}<a class="govuk-link" '
            f'href="{conditional_escape(review_url(p.public_id))}">{conditional_escape(p.title)}'
            f'</a><br><span class="govuk-body-s">{conditional_escape(p.council.name)} · '
            f"{conditional_escape(p.get_status_display())}</span></td>"
            f"{cell}<strong>{conditional_escape(w.label)}</strong>"
            f"{tag if w.changed_since_approval else ''}"
            f"<br>{conditional_escape(Truncator(w.text).chars(160))}</td>"
            f"{cell}{conditional_escape(since)}</td>\n  </tr>\n  "
        )
    return mark_safe("".join(out))
