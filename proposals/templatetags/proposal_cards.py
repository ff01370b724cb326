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
