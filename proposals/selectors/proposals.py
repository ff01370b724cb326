"""Reads of proposals: the lists people need, one proposal's page, and
what is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from councils.models import Council, Organisation
from councils.permissions import council_ids_where
from councils.precompiled import PrecompiledQuery
from councils.selectors import name_fields

from ..models import (
    ActionPoint,
    AgendaItem,
    Decision,
    ImplementationUpdate,
    Meeting,
    Proposal,
    ProposalComment,
    ProposalEvent,
    ProposalStatus,
)

# No implementation update for this long, and a proposal is overdue.
UPDATE_INTERVAL = dt.timedelta(days=30)

# Proposals that may be decided on at a council meeting.
DECIDABLE_STATUSES = frozenset(
    {ProposalStatus.READY, ProposalStatus.DEFERRED, ProposalStatus.PRESENTED}
)

# Overdue owners are reminded at most once a week.
REMINDER_GAP = dt.timedelta(days=7)


def proposals_for_org(organisation: Organisation) -> QuerySet[Proposal]:
    return Proposal.objects.filter(organisation=organisation)


def visible_council_ids(user, organisation: Organisation) -> set[int] | None:
    return council_ids_where(user, organisation, "proposals.view_proposal")


def in_councils(qs: QuerySet, council_ids: set[int] | None, field: str = "council_id"):
    if council_ids is None:
        return qs
    return qs.filter(**{f"{field}__in": council_ids})


def overdue_q(*, now: dt.datetime | None = None) -> Q:
    """Being put in place, and either past its target date or with no update
    for 30 days (``implementation_state`` says which, for one proposal)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return Q(status=ProposalStatus.IN_PROGRESS) & (
        Q(target_date__lt=today)
        | Q(last_update_at__lt=now - UPDATE_INTERVAL)
        | Q(last_update_at__isnull=True)
    )


# An update is "due" (not yet overdue) in the last week before the interval ends.
UPDATE_DUE_SOON = dt.timedelta(days=7)


@dataclass(frozen=True)
class ImplementationState:
    """Where one proposal being put in place stands against its two clocks,
    kept apart because the owner answers them differently: an update is due
    or overdue (the owner posts one), and the target date has passed (only
    the chair can change it: the owner asks, or marks the work as done)."""

    update_due_by: dt.datetime | None  # None: no update was ever recorded
    update_overdue: bool
    update_due: bool  # due within a week, not yet overdue
    past_target: bool
    days_past_target: int

    @property
    def is_overdue(self) -> bool:
        """What ``overdue_q`` counts: either clock has run out."""
        return self.update_overdue or self.past_target


def implementation_state(
    proposal: Proposal, *, now: dt.datetime | None = None
) -> ImplementationState | None:
    """The rule behind every "Update due", "Update overdue" and "Past target
    date" tag, for one loaded proposal (None unless it is being put in
    place). ``overdue_q`` is the same rule in SQL, for counting and sorting;
    a test keeps the two in step."""
    if proposal.status != ProposalStatus.IN_PROGRESS:
        return None
    now = now or timezone.now()
    today = timezone.localdate(now)
    last = proposal.last_update_at
    due_by = last + UPDATE_INTERVAL if last is not None else None
    update_overdue = due_by is None or due_by < now
    target = proposal.target_date
    past_target = target is not None and target < today
    return ImplementationState(
        update_due_by=due_by,
        update_overdue=update_overdue,
        update_due=not update_overdue and due_by - now <= UPDATE_DUE_SOON,
        past_target=past_target,
        days_past_target=(today - target).days if past_target else 0,
    )


@dataclass(frozen=True)
class ProposalFilters:
    council: Council | None = None
    theme_id: int | None = None
    status: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


def aware_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def aware_end(day: dt.date) -> dt.datetime:
    """The first moment after ``day`` (periods include their last day)."""
    return aware_start(day + dt.timedelta(days=1))


PROPOSAL_LIST_FIELDS = (
    "public_id",
    "title",
    "status",
    "raised_at",
    "target_date",
    "last_update_at",
    "council__name",
    "theme__name",
)


def proposal_list(
    *, organisation: Organisation, user, filters: ProposalFilters
) -> tuple[QuerySet[Proposal], dict[str, int]]:
    """Proposals the user may see, filtered, and the count in each status
    (the counts ignore the status filter so every option shows its number)."""
    qs = _filtered(organisation, user, filters)
    counts = {
        row["status"]: row["n"] for row in qs.order_by().values("status").annotate(n=Count("id"))
    }
    return proposal_rows(organisation=organisation, user=user, filters=filters, qs=qs), counts


def _filtered(organisation: Organisation, user, filters: ProposalFilters) -> QuerySet[Proposal]:
    qs = in_councils(proposals_for_org(organisation), visible_council_ids(user, organisation))
    if filters.council is not None:
        qs = qs.filter(council=filters.council)
    if filters.theme_id:
        qs = qs.filter(theme_id=filters.theme_id)
    if filters.start:
        qs = qs.filter(raised_at__gte=aware_start(filters.start))
    if filters.end:
        qs = qs.filter(raised_at__lt=aware_end(filters.end))
    return qs


def proposal_rows(
    *, organisation: Organisation, user, filters: ProposalFilters, qs=None
) -> QuerySet[Proposal]:
    """The rows of ``proposal_list`` alone, without counting them."""
    if qs is None:
        qs = _filtered(organisation, user, filters)
    if filters.status:
        qs = qs.filter(status=filters.status)
    # The columns the list shows (its status tags read the target date and
    # the last update), not the proposals' texts.
    return qs.select_related("council", "theme").only(*PROPOSAL_LIST_FIELDS)


def proposal_for_detail(organisation: Organisation, public_id: str) -> Proposal | None:
    return (
        Proposal.objects.filter(organisation=organisation, public_id=public_id)
        .select_related(
            "council",
            "council__region",
            "theme",
            "owner",
            "created_by",
            "published_decision",
            "published_decision__decided_by",
            "published_decision__meeting",
            "published_decision__replaced_by",
            "published_decision__deferred_to_meeting",
        )
        .prefetch_related("authors")
        .first()
    )


def timeline_for(proposal: Proposal) -> QuerySet[ProposalEvent]:
    return proposal.events.select_related("actor", "meeting")


def comments_for(proposal: Proposal) -> QuerySet[ProposalComment]:
    return proposal.comments.select_related("author")


def implementation_updates_for(proposal: Proposal) -> QuerySet[ImplementationUpdate]:
    return proposal.implementation_updates.select_related("author")


def decision_history_for(proposal: Proposal) -> QuerySet[Decision]:
    """Published decisions only: an unpublished one is the chair's until then."""
    return proposal.decisions.filter(published_at__isnull=False).select_related(
        "meeting", "decided_by", "replaced_by", "deferred_to_meeting"
    )


# What the reps' list (and their home panel) shows of each proposal: its
# status and tags, what was done or why, its council and theme; not the
# proposal's other texts.
OUR_PROPOSALS_FIELDS = (
    "public_id",
    "title",
    "status",
    "we_did",
    "not_implemented_reason",
    "target_date",
    "last_update_at",
    "updated_at",
    "council__name",
    "theme__name",
    "published_decision__reason",
)


def our_proposals(*, organisation: Organisation, user) -> QuerySet[Proposal]:
    """For reps: the proposals of their councils, those they wrote first."""
    council_ids = council_ids_where(user, organisation, "proposals.author_proposal")
    qs = in_councils(proposals_for_org(organisation), council_ids)
    return (
        qs.select_related("council", "theme", "published_decision")
        .only(*OUR_PROPOSALS_FIELDS)
        .annotate(
            is_mine=Exists(
                Proposal.authors.through.objects.filter(proposal_id=OuterRef("pk"), user=user)
            )
        )
        .order_by("-is_mine", "-updated_at", "-id")
    )


# What the chair's lists show of a meeting: its name (``Meeting.__str__``
# reads the kind and the day), its address and its council. Not the
# meetings' and proposals' other columns: building a query that selects
# them all cost more than running it.
MEETING_FIELDS = (
    "meeting__public_id",
    "meeting__kind",
    "meeting__date",
    "meeting__council__name",
)


def _ids_key(ids: set[int] | None) -> tuple[int, ...] | None:
    return None if ids is None else tuple(sorted(ids))


def _decisions_key(organisation: Organisation, user) -> tuple:
    """What decides the shape of the chair's lists: the councils where they
    decide proposals and give them owners (None: every council)."""
    return (
        _ids_key(council_ids_where(user, organisation, "proposals.decide_proposal")),
        _ids_key(council_ids_where(user, organisation, "proposals.assign_owner")),
    )


def decisions_scope(organisation: Organisation, user) -> tuple:
    """What, besides the chair, decides what ``decisions_awaiting`` lists."""
    return _decisions_key(organisation, user)


def _decisions_querysets(key: tuple, organisation_id: int, user_id: int | None = None) -> dict:
    council_ids, assign_ids = key
    meetings = Meeting.objects.filter(
        organisation_id=organisation_id, kind=Meeting.Kind.COUNCIL, cancelled_at__isnull=True
    )
    if council_ids is not None:
        meetings = meetings.filter(Q(council_id__in=council_ids) | Q(chair_id=user_id))
    waiting = (
        AgendaItem.objects.filter(
            meeting__in=meetings,
            kind=AgendaItem.Kind.PROPOSAL,
            proposal__status__in=DECIDABLE_STATUSES,
        )
        .exclude(
            Exists(
                Decision.objects.filter(
                    proposal_id=OuterRef("proposal_id"), meeting_id=OuterRef("meeting_id")
                )
            )
        )
        .select_related("meeting", "meeting__council", "proposal")
        .only(*MEETING_FIELDS, "proposal__public_id", "proposal__title")
        .order_by("meeting__date", "order")
    )
    unpublished = (
        Decision.objects.filter(meeting__in=meetings, published_at__isnull=True)
        .select_related("meeting", "meeting__council", "proposal")
        .only("outcome", *MEETING_FIELDS, "proposal__title")
        .order_by("meeting__date", "id")
    )
    needs_owner = (
        in_councils(
            proposals_for_org(organisation_id).filter(
                status__in=[ProposalStatus.ACCEPTED, ProposalStatus.ACCEPTED_WITH_CHANGES]
            ),
            assign_ids,
        )
        .select_related("council")
        .only("public_id", "title", "council__name")
    )
    if assign_ids is not None and not assign_ids:
        needs_owner = needs_owner.none()
    return {"waiting": waiting, "unpublished": unpublished, "needs_owner": needs_owner}


def decisions_awaiting(*, organisation: Organisation, user) -> dict:
    """For chairs: proposals on council agendas waiting for a decision, decisions
    recorded but not yet published, and accepted proposals with no owner."""
    return _decisions_querysets(_decisions_key(organisation, user), organisation.pk, user.pk)


def _decisions_list(name: str) -> PrecompiledQuery:
    return PrecompiledQuery(lambda key, **values: _decisions_querysets(key, **values)[name])


# The chair's page reads each list with SQL built once a scope: building
# the three queries cost more than running them.
_DECISION_LISTS = {
    name: _decisions_list(name) for name in ("waiting", "unpublished", "needs_owner")
}


def decisions_awaiting_lists(*, organisation: Organisation, user) -> dict[str, list]:
    """``decisions_awaiting``, each list read."""
    key = _decisions_key(organisation, user)
    lists = {}
    for name, query in _DECISION_LISTS.items():
        values = {"organisation_id": organisation.pk}
        if name != "needs_owner" and key[0] is not None:
            # Meetings they chair count too, in councils where they do not decide.
            values["user_id"] = user.pk
        lists[name] = query.run(key=key, **values)
    return lists


def my_actions(*, organisation: Organisation, user, now: dt.datetime | None = None) -> dict:
    """For leads: proposals they own and action points given to them."""
    owned = (
        proposals_for_org(organisation)
        .filter(owner=user)
        .select_related("council", "theme")
        .annotate(is_overdue=Exists(Proposal.objects.filter(overdue_q(now=now), pk=OuterRef("pk"))))
        .order_by("-is_overdue", "target_date", "id")
    )
    actions = (
        ActionPoint.objects.filter(
            organisation=organisation, owner=user, status=ActionPoint.Status.OPEN
        )
        .select_related("council", "meeting")
        .order_by("due_on", "id")
    )
    return {"owned": owned, "actions": actions}


OVERDUE_TABLE_FIELDS = (
    "public_id",
    "title",
    "status",
    "target_date",
    "last_update_at",
    "council__name",
    *name_fields("owner"),
)


def overdue_proposals(
    *, organisation: Organisation, council_ids: set[int] | None, now: dt.datetime | None = None
) -> QuerySet[Proposal]:
    """Overdue proposals with the columns the overdue table
    (``proposals/includes/overdue_table.html``) shows, not their texts."""
    qs = proposals_for_org(organisation).filter(overdue_q(now=now))
    return (
        in_councils(qs, council_ids)
        .select_related("council", "owner")
        .only(*OVERDUE_TABLE_FIELDS)
        .order_by("target_date", "last_update_at", "id")
    )


def overdue_action_points(
    *, organisation: Organisation, council_ids: set[int] | None, today: dt.date | None = None
) -> QuerySet[ActionPoint]:
    today = today or timezone.localdate()
    qs = ActionPoint.objects.filter(
        organisation=organisation, status=ActionPoint.Status.OPEN, due_on__lt=today
    )
    return (
        in_councils(qs, council_ids)
        .select_related("council", "owner")
        .only(
            "description",
            "due_on",
            "council__name",
            *name_fields("owner"),
        )
        .order_by("due_on")
    )


def overdue_proposals_due_reminder(*, now: dt.datetime) -> QuerySet[Proposal]:
    """Across every organisation (the scheduled task opts in explicitly)."""
    return (
        Proposal.objects.filter(overdue_q(now=now), owner__isnull=False)
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lt=now - REMINDER_GAP))
        .select_related("organisation", "owner", "council")
    )
