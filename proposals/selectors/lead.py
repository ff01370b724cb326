"""The lead's page: what to do next. Open work first (proposals the person
owns and action points given to them), the most overdue at the top, each
with its target date, the last update and what the reps were told; finished
work apart. Paged in the database, so the page costs the same number of
queries whatever the person owns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from councils.models import Organisation
from councils.permissions import council_ids_where
from councils.precompiled import PrecompiledAggregate, PrecompiledQuery
from councils.selectors import name_fields

from ..models import (
    ActionPoint,
    ActionPointUpdate,
    ImplementationUpdate,
    Proposal,
    ProposalStatus,
    TargetDateRequest,
)
from .proposals import in_councils, overdue_q

OPEN_PAGE_SIZE = 20
DONE_PAGE_SIZE = 20
DONE_PREVIEW = 5

IMPLEMENTATION = "implementation"
ACTION = "action"
FINISHED_STATUSES = (ProposalStatus.IMPLEMENTED, ProposalStatus.NOT_IMPLEMENTED)


@dataclass(frozen=True)
class LeadItem:
    """One row of the lead's page: a proposal being put in place or an action point."""

    kind: str
    obj: Proposal | ActionPoint
    due: dt.date | None
    is_overdue: bool
    days_late: int
    last_update_at: dt.datetime | None
    told_reps: str  # the last note the reps could read, or ""
    finished_at: dt.datetime | None = None

    @property
    def is_implementation(self) -> bool:
        return self.kind == IMPLEMENTATION


def _columns(qs: QuerySet, *, kind: str, due, overdue, finished) -> QuerySet:
    # The same columns, in the same order, on both sides of the union.
    return qs.annotate(
        item_kind=Value(kind, output_field=CharField()),
        item_id=F("pk"),
        item_due=Cast(due, DateField()),
        item_overdue=overdue,
        item_finished=Cast(finished, DateTimeField()),
    ).values_list("item_kind", "item_id", "item_due", "item_overdue", "item_finished")


def _open_rows(organisation: Organisation, user, now: dt.datetime) -> QuerySet:
    today = timezone.localdate(now)
    proposals = Proposal.objects.filter(
        organisation=organisation, owner=user, status=ProposalStatus.IN_PROGRESS
    ).order_by()
    actions = ActionPoint.objects.filter(
        organisation=organisation, owner=user, status=ActionPoint.Status.OPEN
    ).order_by()
    return _columns(
        proposals,
        kind=IMPLEMENTATION,
        due=F("target_date"),
        overdue=Case(
            When(overdue_q(now=now), then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
        finished=Value(None, output_field=DateTimeField()),
    ).union(
        _columns(
            actions,
            kind=ACTION,
            due=F("due_on"),
            overdue=Case(
                When(due_on__lt=today, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
            finished=Value(None, output_field=DateTimeField()),
        ),
        all=True,
    )


def _done_rows(organisation: Organisation, user) -> QuerySet:
    proposals = Proposal.objects.filter(
        organisation=organisation, owner=user, status__in=FINISHED_STATUSES
    ).order_by()
    actions = ActionPoint.objects.filter(
        organisation=organisation, owner=user, status=ActionPoint.Status.CLOSED
    ).order_by()
    zero = Value(0, output_field=IntegerField())
    return _columns(
        proposals,
        kind=IMPLEMENTATION,
        due=F("target_date"),
        overdue=zero,
        finished=Coalesce("implemented_at", "not_implemented_at"),
    ).union(
        _columns(actions, kind=ACTION, due=F("due_on"), overdue=zero, finished=F("closed_at")),
        all=True,
    )


def _last_implementation_note():
    latest = ImplementationUpdate.objects.filter(proposal_id=OuterRef("pk")).order_by(
        "-created_at", "-id"
    )
    return Subquery(latest.values("note")[:1])


def _last_action_note():
    latest = ActionPointUpdate.objects.filter(action_point_id=OuterRef("pk")).order_by(
        "-created_at", "-id"
    )
    return latest


def _waiting_request():
    return TargetDateRequest.objects.filter(
        proposal_id=OuterRef("pk"), status=TargetDateRequest.Status.WAITING
    )


# What the page shows of each row, not the proposals' texts nor the
# meetings' papers.
LEAD_PROPOSAL_FIELDS = (
    "public_id",
    "title",
    "status",
    "target_date",
    "last_update_at",
    "council__name",
)
LEAD_ACTION_FIELDS = (
    "description",
    "council__name",
    "meeting__public_id",
    "meeting__kind",
    "meeting__date",
)


def _proposals_by_id_query(count, **ids):
    """The page's proposals: ``count`` of them (the query's shape), their
    ids as values ``id0``, ``id1``..."""
    return (
        Proposal.objects.filter(pk__in=[ids[f"id{n}"] for n in range(count)])
        .select_related("council")
        .only(*LEAD_PROPOSAL_FIELDS)
        .annotate(
            last_note=_last_implementation_note(),
            waiting_target_date=Subquery(_waiting_request().values("new_target_date")[:1]),
        )
    )


def _actions_by_id_query(count, **ids):
    latest = _last_action_note()
    return (
        ActionPoint.objects.filter(pk__in=[ids[f"id{n}"] for n in range(count)])
        .select_related("council", "meeting")
        .only(*LEAD_ACTION_FIELDS)
        .annotate(
            last_note=Subquery(latest.values("note")[:1]),
            last_note_at=Subquery(latest.values("created_at")[:1]),
        )
    )


# Built once for each number of rows a page can hold: with their
# subqueries, each cost several times more to build than to run.
_PROPOSALS_BY_ID = PrecompiledQuery(_proposals_by_id_query)
_ACTIONS_BY_ID = PrecompiledQuery(_actions_by_id_query)


def _by_id(query: PrecompiledQuery, ids: list[int]) -> dict:
    if not ids:
        return {}
    return {
        obj.pk: obj for obj in query.run(key=len(ids), **{f"id{n}": pk for n, pk in enumerate(ids)})
    }


def _load(rows: list[tuple], today: dt.date) -> list[LeadItem]:
    """The objects behind one page of rows: one query per kind, whatever the page."""
    proposals = _by_id(_PROPOSALS_BY_ID, [row[1] for row in rows if row[0] == IMPLEMENTATION])
    actions = _by_id(_ACTIONS_BY_ID, [row[1] for row in rows if row[0] == ACTION])
    items = []
    for kind, pk, due, overdue, finished in rows:
        if kind == IMPLEMENTATION:
            obj = proposals[pk]
            last_at = obj.last_update_at
        else:
            obj = actions[pk]
            last_at = obj.last_note_at
        days_late = (today - due).days if due and due < today else 0
        items.append(
            LeadItem(
                kind=kind,
                obj=obj,
                due=due,
                is_overdue=bool(overdue),
                days_late=days_late,
                last_update_at=last_at,
                told_reps=obj.last_note or "",
                finished_at=finished,
            )
        )
    return items


def _action_counts_query(today, organisation_id, user_id):
    return ActionPoint.objects.filter(organisation_id=organisation_id, owner_id=user_id), {
        "open": Count("id", filter=Q(status=ActionPoint.Status.OPEN)),
        "overdue": Count("id", filter=Q(status=ActionPoint.Status.OPEN, due_on__lt=today)),
        "done": Count("id", filter=Q(status=ActionPoint.Status.CLOSED)),
    }


# The lead's action points counted with SQL built once a day.
_ACTION_COUNTS = PrecompiledAggregate(_action_counts_query)


@dataclass(frozen=True)
class LeadPage:
    open_page: Page | None  # None when the finished work is asked for
    open_items: list[LeadItem]
    overdue_count: int
    done_items: list[LeadItem]
    done_count: int
    done_page: Page | None  # only when every finished item is asked for


def lead_page(
    *,
    organisation: Organisation,
    user,
    page: str | int | None = 1,
    all_done: bool = False,
    now: dt.datetime | None = None,
) -> LeadPage:
    """Open work a page at a time with the first few finished items; or, with
    ``all_done``, every finished item a page at a time."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    # Open, overdue and finished work counted together: one query for the
    # proposals, one for the action points (three counts of unions before).
    proposals = Proposal.objects.filter(
        organisation=organisation,
        owner=user,
        status__in=[ProposalStatus.IN_PROGRESS, *FINISHED_STATUSES],
    ).aggregate(
        open=Count("id", filter=Q(status=ProposalStatus.IN_PROGRESS)),
        overdue=Count("id", filter=overdue_q(now=now)),
        done=Count("id", filter=Q(status__in=FINISHED_STATUSES)),
    )
    actions = _ACTION_COUNTS.run(key=today, organisation_id=organisation.pk, user_id=user.pk)
    open_count = proposals["open"] + actions["open"]
    overdue_count = proposals["overdue"] + actions["overdue"]
    done_count = proposals["done"] + actions["done"]
    done_rows = _done_rows(organisation, user).order_by("-item_finished", "-item_id")
    if all_done:
        done_paginator = Paginator(done_rows, DONE_PAGE_SIZE)
        done_paginator.count = done_count
        done = done_paginator.get_page(page)
        return LeadPage(
            open_page=None,
            open_items=[],
            overdue_count=overdue_count,
            done_items=_load(list(done.object_list), today),
            done_count=done_count,
            done_page=done,
        )
    open_rows = _open_rows(organisation, user, now).order_by(
        "-item_overdue", F("item_due").asc(nulls_last=True), "item_kind", "item_id"
    )
    open_paginator = Paginator(open_rows, OPEN_PAGE_SIZE)
    open_paginator.count = open_count
    open_page = open_paginator.get_page(page)
    open_list = list(open_page.object_list)
    # Open and finished rows loaded together: one query per kind, not two.
    items = _load(open_list + list(done_rows[:DONE_PREVIEW]), today)
    return LeadPage(
        open_page=open_page,
        open_items=items[: len(open_list)],
        overdue_count=overdue_count,
        done_items=items[len(open_list) :],
        done_count=done_count,
        done_page=None,
    )


def _target_requests_query(key, organisation_id):
    council_ids, limit = key
    qs = TargetDateRequest.objects.filter(
        organisation_id=organisation_id, status=TargetDateRequest.Status.WAITING
    )
    qs = in_councils(qs, council_ids, field="proposal__council_id")
    return (
        qs.select_related("proposal", "proposal__council", "asked_by")
        .only(
            "public_id",
            "new_target_date",
            "proposal__title",
            "proposal__council__name",
            *name_fields("asked_by"),
        )
        .order_by("asked_at", "id")[:limit]
    )


# Its SQL built once a scope: a four-table query cost more to build than to run.
_TARGET_REQUESTS = PrecompiledQuery(_target_requests_query)


def target_requests_waiting(*, organisation: Organisation, user, limit: int = 50) -> list:
    """For chairs: requests for a new target date waiting for an answer, in
    the councils where they give proposals their owners, oldest first."""
    council_ids = council_ids_where(user, organisation, "proposals.assign_owner")
    if council_ids is not None and not council_ids:
        return []
    key = (None if council_ids is None else tuple(sorted(council_ids)), limit)
    return _TARGET_REQUESTS.run(key=key, organisation_id=organisation.pk)
