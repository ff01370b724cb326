"""What the feedback behind a proposal says, told only in counts and in the
words a coordinator approved for quoting. Never the raw words, and never who
said them: a proposal's "you said" can end up printed in a document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Min, QuerySet
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from councils.disclosure import people_count
from councils.models import Council
from councils.periods import day_label
from surgeries.models import FeedbackItem

from ..models import Proposal

QUOTE_LIMIT = 5


def quotable(items: QuerySet[FeedbackItem], council: Council) -> QuerySet[FeedbackItem]:
    """Items a coordinator approved for quoting, from people who agreed.
    A quote is approved for its own council only, so items of any other
    council are left out even when they are linked."""
    return (
        items.filter(
            organisation_id=council.organisation_id,
            council_id=council.pk,
            quote_status=FeedbackItem.QuoteStatus.APPROVED,
            consent_to_quote=True,
        )
        .exclude(approved_quote="")
        .order_by("-received_on", "-id")
    )


def approved_quotes(items: QuerySet[FeedbackItem], council: Council) -> list[str]:
    """The approved wording, each the same words once."""
    seen: dict[str, str] = {}
    for text in quotable(items, council).values_list("approved_quote", flat=True):
        seen.setdefault(" ".join(text.lower().split()), text.strip())
    return list(seen.values())[:QUOTE_LIMIT]


@dataclass(frozen=True)
class Evidence:
    """What the linked feedback says about the problem, never who said it."""

    people: int
    surgeries: int
    first_on: dt.date | None
    last_on: dt.date | None
    quotes: list[str]


def evidence_for(proposal: Proposal) -> Evidence:
    items = proposal.evidence.all()
    row = items.aggregate(
        people=Count("id"),
        surgeries=Count("surgery", distinct=True),
        first_on=Min("received_on"),
        last_on=Max("received_on"),
    )
    return Evidence(quotes=approved_quotes(proposal.evidence.all(), proposal.council), **row)


def draft_problem_text(council: Council, items: Iterable[FeedbackItem]) -> str:
    """The "you said" a new draft starts with: how many people, where and
    when, what about, then the approved quotes. The rep edits it from there."""
    ids = [i.pk for i in items]
    if not ids:
        return ""
    chosen = FeedbackItem.objects.filter(
        pk__in=ids, organisation_id=council.organisation_id, council_id=council.pk
    )
    row = chosen.aggregate(
        people=Count("id"),
        surgeries=Count("surgery", distinct=True),
        first_on=Min("received_on"),
        last_on=Max("received_on"),
    )
    if not row["people"]:
        return ""
    themes = list(
        chosen.order_by("theme__position", "theme__name")
        .values_list("theme__name", flat=True)
        .distinct()
    )
    people = people_count(row["people"]).text
    where = ngettext("%(count)s surgery", "%(count)s surgeries", row["surgeries"]) % {
        "count": row["surgeries"]
    }
    if row["first_on"] == row["last_on"]:
        when = _("on %(day)s") % {"day": day_label(row["first_on"])}
    else:
        when = _("between %(first)s and %(last)s") % {
            "first": day_label(row["first_on"]),
            "last": day_label(row["last_on"]),
        }
    if row["surgeries"]:
        sentence = _("%(people)s people at %(where)s %(when)s said something about %(themes)s.")
    else:
        sentence = _("%(people)s people %(when)s said something about %(themes)s.")
    lines = [
        sentence
        % {
            "people": people,
            "where": where,
            "when": when,
            "themes": get_text_list(themes, _("and")),
        }
    ]
    lines += [f"“{quote}”" for quote in approved_quotes(chosen, council)]
    return "\n".join(lines)
