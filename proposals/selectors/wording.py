"""Which of a proposal's words are approved for publication, and which wait.

An approval stands only while the proposal's words still read exactly as
they did when the coordinator approved them (``WordingApproval.source_text``).
Documents and public pages read the approved words with
``with_printable_words`` (one subquery per part, so a document's number of
queries stays fixed); the coordinator's queue and the proposal page read
``waiting_words`` and ``wording_for``.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from councils.models import Organisation

from ..models import SOURCE_FIELDS, Proposal, ProposalStatus, WordingApproval, WordingPart

# Proposals whose words may be printed: once they have been to a council
# meeting. Drafts and ready proposals can still be rewritten by their reps,
# and a withdrawn one is never printed.
WORDING_STATUSES = frozenset(ProposalStatus.values) - {
    ProposalStatus.DRAFT,
    ProposalStatus.READY,
    ProposalStatus.WITHDRAWN,
}

# Parts every such proposal has (the database refuses an empty title or
# "you said"); the others only when there are words.
ALWAYS = (WordingPart.TITLE, WordingPart.PROBLEM)


def _matching(part: str) -> QuerySet[WordingApproval]:
    """The row for this part of the outer proposal, if it was made for the
    words the proposal holds now."""
    return WordingApproval.objects.filter(
        proposal=OuterRef("pk"), part=part, source_text=OuterRef(SOURCE_FIELDS[part])
    )


def printed_name(part: str) -> str:
    """The annotation ``with_printable_words`` gives each part."""
    return f"printable_{part}"


def with_printable_words(queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """Annotate ``printable_<part>`` for every part: the approved words, or
    None while the words are not approved (or changed since)."""
    return queryset.annotate(
        **{
            printed_name(part): Subquery(
                _matching(part).filter(status=WordingApproval.Status.APPROVED).values("text")[:1]
            )
            for part in WordingPart.values
        }
    )


def _reviewed_name(part: str) -> str:
    return f"reviewed_{part}"


def _waiting_q() -> Q:
    """A proposal with at least one part whose present words nobody has
    approved or sent back."""
    q = Q()
    for part in WordingPart.values:
        q |= _part_waiting_q(part)
    return q


def proposals_with_waiting_words(
    organisation: Organisation, council_ids: set[int] | None
) -> QuerySet[Proposal]:
    """Proposals of these councils (None: all) with words waiting."""
    queryset = Proposal.objects.filter(organisation=organisation, status__in=WORDING_STATUSES)
    if council_ids is not None:
        queryset = queryset.filter(council_id__in=council_ids)
    return queryset.annotate(**_reviewed_annotations()).filter(_waiting_q())


@functools.cache
def _reviewed_annotations() -> dict[str, Exists]:
    """``reviewed_<part>`` for every part. Built once: the subqueries do not
    change from call to call, and building them each time cost more than
    running them (Django copies an expression before it uses it)."""
    return {_reviewed_name(part): Exists(_matching(part)) for part in WordingPart.values}


@dataclass(frozen=True)
class PartWording:
    """One part of a proposal's words and where it stands."""

    proposal: Proposal
    part: str
    label: str
    text: str  # the proposal's words now
    state: str  # "approved", "sent_back" or "waiting"
    approval: WordingApproval | None  # the coordinator's last answer, if any
    since: dt.datetime | None = None  # when the part became due for a reading

    @property
    def approved(self) -> bool:
        return self.state == "approved"

    @property
    def sent_back(self) -> bool:
        return self.state == "sent_back"

    @property
    def waiting(self) -> bool:
        return self.state == "waiting"

    @property
    def changed_since_approval(self) -> bool:
        """Approved once, then the words changed: it waits again."""
        return self.waiting and self.approval is not None

    @property
    def printed_text(self) -> str:
        return self.approval.text if self.approved and self.approval else ""


def current_words(proposal: Proposal, part: str) -> str:
    if part in (WordingPart.DECISION_REASON, WordingPart.DECISION_CHANGES):
        decision = proposal.published_decision
        if decision is None:
            return ""
        field = "reason" if part == WordingPart.DECISION_REASON else "changes_required"
        return getattr(decision, field) or ""
    return getattr(proposal, SOURCE_FIELDS[part]) or ""


def _since(proposal: Proposal, part: str) -> dt.datetime | None:
    decision = proposal.published_decision
    if part in (WordingPart.DECISION_REASON, WordingPart.DECISION_CHANGES) and decision:
        return decision.published_at or decision.decided_at
    if part == WordingPart.WE_DID:
        return proposal.implemented_at
    if part == WordingPart.NOT_IMPLEMENTED_REASON:
        return proposal.not_implemented_at
    return proposal.presented_at or proposal.decided_at or proposal.raised_at


def wording_for(proposal: Proposal) -> list[PartWording]:
    """Every part of this proposal that has words, and where each stands.
    Uses ``proposal.wordings`` (prefetch it for lists)."""
    rows = {row.part: row for row in proposal.wordings.all()}
    parts = []
    for part, label in WordingPart.choices:
        text = current_words(proposal, part)
        if not text:
            continue
        row = rows.get(part)
        if row is not None and row.source_text == text:
            state = row.status
        else:
            state = "waiting"
        parts.append(
            PartWording(
                proposal=proposal,
                part=part,
                label=str(label),
                text=text,
                state=state,
                approval=row,
                since=_since(proposal, part),
            )
        )
    return parts


def _far_past() -> dt.datetime:
    return dt.datetime.min.replace(tzinfo=dt.UTC)


def waiting_words(organisation: Organisation, council_ids: set[int] | None) -> list[PartWording]:
    """Every part waiting for a coordinator, oldest first. Two queries."""
    proposals = (
        proposals_with_waiting_words(organisation, council_ids)
        .select_related("council", "theme", "published_decision")
        .prefetch_related("wordings")
        .annotate(first_due=Coalesce("presented_at", "decided_at", "raised_at"))
        .order_by("first_due", "id")
    )
    parts = [
        part
        for proposal in proposals
        if proposal.status in WORDING_STATUSES
        for part in wording_for(proposal)
        if part.waiting
    ]
    parts.sort(key=lambda p: (p.since or _far_past(), p.proposal.pk))
    return parts


def sent_back_words(organisation: Organisation, council_ids: set[int] | None, limit: int = 20):
    """Words recently sent back whose text has not changed since."""
    rows = (
        WordingApproval.objects.filter(
            organisation=organisation, status=WordingApproval.Status.SENT_BACK
        )
        .select_related("proposal", "proposal__published_decision")
        .only(
            "part",
            "source_text",
            "note",
            "reviewed_at",
            "proposal__public_id",
            "proposal__title",
            "proposal__problem",
            "proposal__we_did",
            "proposal__not_implemented_reason",
            "proposal__published_decision__reason",
            "proposal__published_decision__changes_required",
        )
        .order_by("-reviewed_at", "-id")
    )
    if council_ids is not None:
        rows = rows.filter(proposal__council_id__in=council_ids)
    still = [r for r in rows[: limit * 2] if current_words(r.proposal, r.part) == r.source_text]
    return still[:limit]


def _part_waiting_q(part: str) -> Q:
    """This part has words, and nobody has approved or sent back these
    words: ``wording_for`` calls it "waiting". Needs the ``reviewed_<part>``
    annotation of ``proposals_with_waiting_words``."""
    waiting = Q(**{_reviewed_name(part): False})
    if part not in ALWAYS:
        waiting &= _has_words_q(part)
    return waiting


def _since_name(part: str) -> str:
    """The annotation for ``_since_expression(part)``, shared by the parts
    that share the expression."""
    if part in (WordingPart.DECISION_REASON, WordingPart.DECISION_CHANGES):
        return "since_decision"
    if part in (WordingPart.WE_DID, WordingPart.NOT_IMPLEMENTED_REASON):
        return f"since_{part}"
    return "since_presented"


def _since_expression(part: str):
    """``_since`` in SQL: when the part became due for a reading."""
    if part in (WordingPart.DECISION_REASON, WordingPart.DECISION_CHANGES):
        return Coalesce("published_decision__published_at", "published_decision__decided_at")
    if part == WordingPart.WE_DID:
        return F("implemented_at")
    if part == WordingPart.NOT_IMPLEMENTED_REASON:
        return F("not_implemented_at")
    return Coalesce("presented_at", "decided_at", "raised_at")


@functools.cache
def _part_waiting_conditions() -> dict[str, Q]:
    """For each part, ``_part_waiting_q`` on the proposal itself, with no
    annotation. Built once: the subqueries do not change from call to call,
    and building them each time cost more than running them."""
    conditions = {}
    for part in WordingPart.values:
        waiting = Q(~Exists(_matching(part)))
        if part not in ALWAYS:
            waiting &= _has_words_q(part)
        conditions[part] = waiting
    return conditions


def waiting_words_count(organisation: Organisation, council_ids: set[int] | None) -> int:
    """``len(waiting_words(...))``, counted in the database in one query:
    the coordinator's home shows it, and reading every waiting proposal to
    count their parts was most of that page's time."""
    proposals = Proposal.objects.filter(organisation=organisation, status__in=WORDING_STATUSES)
    if council_ids is not None:
        proposals = proposals.filter(council_id__in=council_ids)
    counts = proposals.aggregate(
        **{
            part: Count("id", filter=waiting)
            for part, waiting in _part_waiting_conditions().items()
        }
    )
    return sum(counts.values())


# What ``wording_for`` reads and the queue page shows of each proposal:
# not its other texts and dates.
QUEUE_FIELDS = (
    "public_id",
    "status",
    "title",
    "problem",
    "we_did",
    "not_implemented_reason",
    "raised_at",
    "presented_at",
    "decided_at",
    "implemented_at",
    "not_implemented_at",
    "council__name",
    "published_decision__reason",
    "published_decision__changes_required",
    "published_decision__published_at",
    "published_decision__decided_at",
)


def _has_words_q(part: str) -> Q:
    """This part has words (title and "you said" always do)."""
    field = SOURCE_FIELDS[part]
    return ~Q(**{field: ""}) & Q(**{f"{field}__isnull": False})


def _waiting_parts(
    organisation: Organisation, council_ids: set[int] | None
) -> list[tuple[dt.datetime, int, int]]:
    """``(since, proposal pk, part order)`` of every waiting part, by the
    rule of ``_part_waiting_q``, from one narrow query of the proposals with
    words waiting: one query to build and run, where a query per part (and
    another to count them) cost more to compile than to run."""
    parts = list(WordingPart.values)
    optional = [part for part in parts if part not in ALWAYS]
    rows = (
        proposals_with_waiting_words(organisation, council_ids)
        .annotate(**_waiting_part_annotations())
        .values(
            "pk",
            *(_reviewed_name(part) for part in parts),
            *(f"has_{part}" for part in optional),
            *{_since_name(part): None for part in parts},
        )
        .order_by()
    )
    # Each part's columns named once, not once a row.
    columns = [
        (
            order,
            _reviewed_name(part),
            f"has_{part}" if part in optional else None,
            _since_name(part),
        )
        for order, part in enumerate(parts)
    ]
    far_past = _far_past()
    waiting = []
    for row in rows:
        for order, reviewed, has_words, since in columns:
            if row[reviewed] or (has_words is not None and not row[has_words]):
                continue
            waiting.append((row[since] or far_past, row["pk"], order))
    return waiting


@functools.cache
def _waiting_part_annotations() -> dict:
    """What ``_waiting_parts`` reads of each part besides ``reviewed_<part>``:
    whether it has words, and since when it is due. Built once, as
    ``_reviewed_annotations``."""
    parts = list(WordingPart.values)
    return {
        **{
            f"has_{part}": ExpressionWrapper(_has_words_q(part), output_field=BooleanField())
            for part in parts
            if part not in ALWAYS
        },
        **{_since_name(part): _since_expression(part) for part in parts},
    }


def waiting_words_page(
    organisation: Organisation, council_ids: set[int] | None, number, per_page: int
) -> Page:
    """One page of ``waiting_words(...)``, oldest first, with the count of
    every waiting part (``page.paginator.count``), in three queries however
    many wait: every waiting part's proposal and "since" (no words), then
    only this page's proposals and approvals. ``number`` is read as
    ``Paginator.get_page`` reads it: anything not a page shows the first or
    the last."""
    every = _waiting_parts(organisation, council_ids)
    page = Paginator(range(len(every)), per_page).get_page(number)
    start = page.start_index() - 1 if every else 0
    # Oldest first; a part with no date first of all, as ``waiting_words``.
    shown = heapq.nsmallest(start + per_page, every)[start:]
    chosen = (
        Proposal.objects.filter(pk__in={pk for _, pk, _ in shown})
        .select_related("council", "published_decision")
        .only(*QUEUE_FIELDS)
        .prefetch_related("wordings")
    )
    by_pk = {proposal.pk: proposal for proposal in chosen}
    wordings = {
        pk: {part.part: part for part in wording_for(proposal)} for pk, proposal in by_pk.items()
    }
    parts = list(WordingPart.values)
    waiting = []
    for _, pk, order in shown:
        part = wordings.get(pk, {}).get(parts[order])
        if part is not None and part.waiting:
            waiting.append(part)
    page.object_list = waiting
    return page


def proposal_for_wording(proposal: Proposal) -> Proposal:
    """The proposal again, with what ``wording_for`` reads."""
    return (
        Proposal.objects.select_related("council", "theme", "published_decision")
        .prefetch_related("wordings")
        .get(pk=proposal.pk)
    )
