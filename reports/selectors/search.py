"""Search across proposals, decisions, meetings, action points and (for the
council's reps and coordinators) feedback.

Every section starts from the queryset the person may open — the same scope
the object's own page checks — and only then looks for the words, so a term
typed by a rep never reaches a row they could not open. PostgreSQL uses
full-text search (``SearchVector`` / ``SearchQuery``, with GIN indexes made by
reports/migrations/0005, which only run on PostgreSQL); SQLite (the demo)
looks for every word with ``icontains``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet

from councils.addresses import id_url
from councils.models import Organisation
from councils.permissions import council_ids_where
from proposals.models import ActionPoint, Decision, Meeting, MinutePoint, Proposal
from proposals.selectors import meetings_visible_to, visible_council_ids
from proposals.selectors.proposals import in_councils
from surgeries.models import FeedbackItem

# The fields searched, in this order. The GIN indexes in
# reports/migrations/0005_search_indexes_on_postgresql.py are built on the
# same expressions: change both together.
SEARCH_CONFIG = "english"
PROPOSAL_FIELDS = ("title", "problem", "solution", "we_did")
DECISION_FIELDS = ("reason", "changes_required")
MEETING_FIELDS = ("venue", "cancelled_reason")
MINUTE_FIELDS = ("text",)
ACTION_FIELDS = ("description",)
FEEDBACK_FIELDS = ("said", "suggestion")

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
PER_SECTION = 10


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str = ""
    when: dt.date | dt.datetime | None = None


@dataclass(frozen=True)
class Section:
    key: str
    hits: list[Hit]
    more: bool  # there are more than shown


def clean_query(text: str) -> str:
    text = re.sub(r"\s+", " ", (text or "").strip())
    return text[:MAX_QUERY_LENGTH]


def _words(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query) if w][:MAX_WORDS]


def has_words(query: str) -> bool:
    """Whether there is anything to look for (``search`` finds nothing without)."""
    return bool(_words(query))


def is_postgresql(qs: QuerySet) -> bool:
    return connections[qs.db].vendor == "postgresql"


def matching(qs: QuerySet, fields: tuple[str, ...], query: str) -> QuerySet:
    """Rows of ``qs`` whose fields hold the words of ``query``."""
    if is_postgresql(qs):
        from django.contrib.postgres.search import SearchQuery, SearchVector

        # alias(), not annotate(): the vector is only looked for, never sent
        # back with each row.
        return qs.alias(search_vector=SearchVector(*fields, config=SEARCH_CONFIG)).filter(
            search_vector=SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        )
    words = _words(query)
    if not words:
        return qs.none()
    each_word = [reduce(or_, (Q(**{f"{f}__icontains": w}) for f in fields)) for w in words]
    return qs.filter(reduce(and_, each_word))


def _snippet(text: str, query: str, width: int = 160) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    words = _words(query)
    lower = text.lower()
    at = min((lower.find(w.lower()) for w in words if w.lower() in lower), default=0)
    start = max(0, at - width // 3)
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def _section(key: str, rows: list, make, limit: int) -> Section:
    return Section(key, [make(row) for row in rows[:limit]], len(rows) > limit)


def proposals_found(user, organisation, query, limit=PER_SECTION) -> Section:
    qs = in_councils(
        Proposal.objects.filter(organisation=organisation),
        visible_council_ids(user, organisation),
    )
    # Only the columns a hit shows: a proposal's long texts are searched,
    # not read.
    rows = list(
        matching(qs, PROPOSAL_FIELDS, query)
        .select_related("council")
        .only("public_id", "title", "status", "raised_at", "council__name")
        .order_by("-raised_at", "-id")[: limit + 1]
    )
    url = id_url("proposal_detail", organisation.slug)
    return _section(
        "proposals",
        rows,
        lambda p: Hit(
            p.title,
            url(p.public_id),
            f"{p.council.name} · {p.get_status_display()}",
            p.raised_at,
        ),
        limit,
    )


def decisions_found(user, organisation, query, limit=PER_SECTION) -> Section:
    qs = in_councils(
        Decision.objects.filter(organisation=organisation, published_at__isnull=False),
        visible_council_ids(user, organisation),
        field="proposal__council_id",
    )
    rows = list(
        matching(qs, DECISION_FIELDS, query)
        .select_related("proposal", "meeting")
        .only(
            "outcome",
            "reason",
            "changes_required",
            "proposal__public_id",
            "proposal__title",
            "meeting__date",
        )
        .order_by("-published_at", "-id")[: limit + 1]
    )
    url = id_url("proposal_detail", organisation.slug)
    return _section(
        "decisions",
        rows,
        lambda d: Hit(
            d.proposal.title,
            url(d.proposal.public_id),
            f"{d.get_outcome_display()}: {_snippet(d.reason or d.changes_required, query)}",
            d.meeting.date,
        ),
        limit,
    )


def meetings_found(user, organisation, query, limit=PER_SECTION, *, visible=None) -> Section:
    """``visible``: the meetings the person may open, when the caller has
    that queryset already."""
    if visible is None:
        visible = meetings_visible_to(user, organisation)
    minutes = matching(
        MinutePoint.objects.filter(organisation=organisation, meeting_id=OuterRef("pk")),
        MINUTE_FIELDS,
        query,
    )
    # The words only narrow the visible meetings (so the words' own subquery
    # need not repeat who may see what); the visible ones are filtered
    # directly, not as a subquery of their ids (one query less to build).
    by_words = matching(
        Meeting.objects.filter(organisation=organisation), MEETING_FIELDS, query
    ).values("pk")
    rows = list(
        visible.filter(Q(pk__in=by_words) | Q(Exists(minutes)))
        .select_related("council")
        .only("public_id", "kind", "date", "council__name")
        .order_by("-date", "-id")[: limit + 1]
    )
    url = id_url("meeting_detail", organisation.slug)
    return _section(
        "meetings",
        rows,
        lambda m: Hit(str(m), url(m.public_id), m.council.name, m.date),
        limit,
    )


def action_points_found(user, organisation, query, limit=PER_SECTION, *, visible=None) -> Section:
    if visible is None:
        visible = meetings_visible_to(user, organisation)
    qs = ActionPoint.objects.filter(organisation=organisation, meeting__in=visible.values("pk"))
    rows = list(
        matching(qs, ACTION_FIELDS, query)
        .select_related("council", "meeting")
        .only("description", "status", "due_on", "council__name", "meeting__public_id")
        .order_by("-due_on", "-id")[: limit + 1]
    )
    url = id_url("meeting_detail", organisation.slug)
    return _section(
        "action_points",
        rows,
        lambda a: Hit(
            _snippet(a.description, query, 120),
            url(a.meeting.public_id) + "#action-points",
            f"{a.council.name} · {a.get_status_display()}",
            a.due_on,
        ),
        limit,
    )


def feedback_found(user, organisation, query, limit=PER_SECTION) -> Section | None:
    """Only for those who read raw feedback (the council's reps and
    coordinators); None for everyone else, who never search it at all."""
    council_ids = council_ids_where(user, organisation, "surgeries.view_raw_feedback")
    if council_ids is not None and not council_ids:
        return None
    qs = in_councils(FeedbackItem.objects.filter(organisation=organisation), council_ids)
    rows = list(
        matching(qs, FEEDBACK_FIELDS, query)
        .select_related("council", "theme")
        .only("public_id", "said", "received_on", "council__name", "theme__name")
        .order_by("-received_on", "-id")[: limit + 1]
    )
    url = id_url("feedback_detail", organisation.slug)
    return _section(
        "feedback",
        rows,
        lambda f: Hit(
            _snippet(f.said, query, 120),
            url(f.public_id),
            " · ".join(x for x in (f.council.name, f.theme.name if f.theme_id else "") if x),
            f.received_on,
        ),
        limit,
    )


def search(*, user, organisation: Organisation, query: str) -> list[Section]:
    query = clean_query(query)
    if not has_words(query):
        return []
    # Built once: the meetings and their action points both start from it.
    visible = meetings_visible_to(user, organisation)
    sections = [
        proposals_found(user, organisation, query),
        decisions_found(user, organisation, query),
        meetings_found(user, organisation, query, visible=visible),
        action_points_found(user, organisation, query, visible=visible),
        feedback_found(user, organisation, query),
    ]
    return [s for s in sections if s is not None]
