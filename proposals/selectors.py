"""Reads for proposals and meetings: querysets scoped to one organisation, the
lists people need, and the figures with explicit denominators.

``proposal_figures`` is shared with the reports app (quarterly report, You
Said We Did): it computes every count and median in the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from councils.models import Council, Organisation, Role, RoleAssignment
from councils.permissions import council_ids_where

from .models import (
    ACCEPTED_STATUSES,
    DECIDED_STATUSES,
    ActionPoint,
    ActionPointUpdate,
    AgendaItem,
    Attendance,
    Decision,
    ImplementationUpdate,
    Meeting,
    MinutePoint,
    Proposal,
    ProposalComment,
    ProposalEvent,
    ProposalStatus,
)

User = get_user_model()

# No implementation update for this long, and a proposal is overdue.
UPDATE_INTERVAL = dt.timedelta(days=30)

# Proposals that may be decided on at a council meeting.
DECIDABLE_STATUSES = frozenset(
    {ProposalStatus.READY, ProposalStatus.DEFERRED, ProposalStatus.PRESENTED}
)


# ---------------------------------------------------------------------------
# People


def people_with_role_for_council(council: Council, roles: set[str]) -> QuerySet:
    """People with a current role among ``roles`` whose scope covers ``council``."""
    assignments = (
        RoleAssignment.objects.active()
        .filter(organisation_id=council.organisation_id, role__in=roles)
        .filter(
            Q(council=council)
            | Q(council__isnull=True, region_id=council.region_id)
            | Q(council__isnull=True, region__isnull=True)
        )
    )
    return User.objects.filter(is_active=True, id__in=assignments.values("user_id")).order_by(
        "display_name", "username"
    )


def reps_of_council(council: Council) -> QuerySet:
    return people_with_role_for_council(council, {Role.REP})


def leads_for_council(council: Council) -> QuerySet:
    return people_with_role_for_council(council, {Role.LEAD})


def chairs_for_council(council: Council) -> QuerySet:
    return people_with_role_for_council(council, {Role.CHAIR})


def people_for_council(council: Council) -> QuerySet:
    """Everyone who could be invited to, or own an action from, a meeting."""
    return people_with_role_for_council(council, set(Role.values))


def user_has_role_for_council(user, council: Council, role: str) -> bool:
    return people_with_role_for_council(council, {role}).filter(pk=user.pk).exists()


# ---------------------------------------------------------------------------
# Proposals


def proposals_for_org(organisation: Organisation) -> QuerySet[Proposal]:
    return Proposal.objects.filter(organisation=organisation)


def visible_council_ids(user, organisation: Organisation) -> set[int] | None:
    return council_ids_where(user, organisation, "proposals.view_proposal")


def _in_councils(qs: QuerySet, council_ids: set[int] | None, field: str = "council_id"):
    if council_ids is None:
        return qs
    return qs.filter(**{f"{field}__in": council_ids})


def overdue_q(*, now: dt.datetime | None = None) -> Q:
    """Being put in place, and either past its target date or with no update
    for 30 days."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return Q(status=ProposalStatus.IN_PROGRESS) & (
        Q(target_date__lt=today)
        | Q(last_update_at__lt=now - UPDATE_INTERVAL)
        | Q(last_update_at__isnull=True)
    )


@dataclass(frozen=True)
class ProposalFilters:
    council: Council | None = None
    theme_id: int | None = None
    status: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


def _aware_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _aware_end(day: dt.date) -> dt.datetime:
    """The first moment after ``day`` (periods include their last day)."""
    return _aware_start(day + dt.timedelta(days=1))


def proposal_list(
    *, organisation: Organisation, user, filters: ProposalFilters
) -> tuple[QuerySet[Proposal], dict[str, int]]:
    """Proposals the user may see, filtered, and the count in each status
    (the counts ignore the status filter so every option shows its number)."""
    qs = _in_councils(proposals_for_org(organisation), visible_council_ids(user, organisation))
    if filters.council is not None:
        qs = qs.filter(council=filters.council)
    if filters.theme_id:
        qs = qs.filter(theme_id=filters.theme_id)
    if filters.start:
        qs = qs.filter(raised_at__gte=_aware_start(filters.start))
    if filters.end:
        qs = qs.filter(raised_at__lt=_aware_end(filters.end))
    counts = {
        row["status"]: row["n"] for row in qs.order_by().values("status").annotate(n=Count("id"))
    }
    if filters.status:
        qs = qs.filter(status=filters.status)
    qs = qs.select_related("council", "theme", "owner").annotate(
        is_overdue=Exists(Proposal.objects.filter(overdue_q(), pk=OuterRef("pk")))
    )
    return qs, counts


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
    # Only quotes a coordinator approved for publication, never the raw words.
    quotes = list(
        items.filter(quote_status="approved", consent_to_quote=True)
        .exclude(approved_quote="")
        .values_list("approved_quote", flat=True)[:5]
    )
    return Evidence(quotes=quotes, **row)


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


def our_proposals(*, organisation: Organisation, user) -> QuerySet[Proposal]:
    """For reps: the proposals of their councils, those they wrote first."""
    council_ids = council_ids_where(user, organisation, "proposals.author_proposal")
    qs = _in_councils(proposals_for_org(organisation), council_ids)
    return (
        qs.select_related("council", "theme", "published_decision")
        .annotate(
            is_mine=Exists(
                Proposal.authors.through.objects.filter(proposal_id=OuterRef("pk"), user=user)
            )
        )
        .order_by("-is_mine", "-updated_at", "-id")
    )


def decisions_awaiting(*, organisation: Organisation, user) -> dict:
    """For chairs: proposals on council agendas waiting for a decision, decisions
    recorded but not yet published, and accepted proposals with no owner."""
    council_ids = council_ids_where(user, organisation, "proposals.decide_proposal")
    meetings = Meeting.objects.filter(
        organisation=organisation, kind=Meeting.Kind.COUNCIL, cancelled_at__isnull=True
    )
    if council_ids is not None:
        meetings = meetings.filter(Q(council_id__in=council_ids) | Q(chair=user))
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
        .select_related("meeting", "meeting__council", "proposal", "proposal__theme")
        .order_by("meeting__date", "order")
    )
    unpublished = (
        Decision.objects.filter(meeting__in=meetings, published_at__isnull=True)
        .select_related("meeting", "meeting__council", "proposal")
        .order_by("meeting__date", "id")
    )
    assign_ids = council_ids_where(user, organisation, "proposals.assign_owner")
    needs_owner = _in_councils(
        proposals_for_org(organisation).filter(
            status__in=[ProposalStatus.ACCEPTED, ProposalStatus.ACCEPTED_WITH_CHANGES]
        ),
        assign_ids,
    ).select_related("council")
    if assign_ids is not None and not assign_ids:
        needs_owner = needs_owner.none()
    return {"waiting": waiting, "unpublished": unpublished, "needs_owner": needs_owner}


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


def overdue_proposals(
    *, organisation: Organisation, council_ids: set[int] | None, now: dt.datetime | None = None
) -> QuerySet[Proposal]:
    qs = proposals_for_org(organisation).filter(overdue_q(now=now))
    return (
        _in_councils(qs, council_ids)
        .select_related("council", "owner")
        .order_by("target_date", "last_update_at", "id")
    )


def overdue_action_points(
    *, organisation: Organisation, council_ids: set[int] | None, today: dt.date | None = None
) -> QuerySet[ActionPoint]:
    today = today or timezone.localdate()
    qs = ActionPoint.objects.filter(
        organisation=organisation, status=ActionPoint.Status.OPEN, due_on__lt=today
    )
    return _in_councils(qs, council_ids).select_related("council", "owner").order_by("due_on")


def overdue_proposals_due_reminder(*, now: dt.datetime) -> QuerySet[Proposal]:
    """Across every organisation (the scheduled task opts in explicitly)."""
    return (
        Proposal.objects.filter(overdue_q(now=now), owner__isnull=False)
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lt=now - REMINDER_GAP))
        .select_related("organisation", "owner", "council")
    )


# Overdue owners are reminded at most once a week.
REMINDER_GAP = dt.timedelta(days=7)


# ---------------------------------------------------------------------------
# Meetings


def meetings_visible_to(user, organisation: Organisation) -> QuerySet[Meeting]:
    """Council meetings for everyone who may see proposals there; hub meetings
    (reps only) for the council's reps and for meeting organisers."""
    qs = Meeting.objects.filter(organisation=organisation)
    view_ids = council_ids_where(user, organisation, "proposals.view_proposal")
    hub_ids_reps = council_ids_where(user, organisation, "proposals.author_proposal")
    hub_ids_org = council_ids_where(user, organisation, "proposals.manage_meetings")

    def in_ids(ids):
        if ids is None:
            return Q()
        return Q(council_id__in=ids)

    council_q = Q(kind=Meeting.Kind.COUNCIL) & in_ids(view_ids)
    if view_ids is not None and not view_ids:
        council_q = Q(pk__in=[])
    hub_q = Q(pk__in=[])
    for ids in (hub_ids_reps, hub_ids_org):
        if ids is None or ids:
            hub_q |= Q(kind=Meeting.Kind.HUB) & in_ids(ids)
    return qs.filter(council_q | hub_q | Q(chair=user) | Q(invited=user)).distinct()


def meeting_list(*, organisation: Organisation, user) -> QuerySet[Meeting]:
    return (
        meetings_visible_to(user, organisation)
        .select_related("council", "chair", "organisation")
        .annotate(items=Count("agenda_items", distinct=True))
    )


def meeting_for_page(meeting: Meeting) -> dict:
    """Everything the meeting page shows, in a fixed number of queries."""
    items = list(
        meeting.agenda_items.select_related(
            "proposal",
            "proposal__theme",
            "proposal__owner",
            "action_point",
            "action_point__owner",
            "action_point__meeting",
        )
    )
    proposal_ids = [i.proposal_id for i in items if i.proposal_id]
    decisions = {
        d.proposal_id: d
        for d in Decision.objects.filter(meeting=meeting).select_related("decided_by")
    }
    latest_updates = {}
    for update in ImplementationUpdate.objects.filter(proposal_id__in=proposal_ids).order_by(
        "proposal_id", "-created_at", "-id"
    ):
        latest_updates.setdefault(update.proposal_id, update)
    ap_ids = [i.action_point_id for i in items if i.action_point_id]
    ap_notes = {
        u.action_point_id: u
        for u in ActionPointUpdate.objects.filter(
            meeting=meeting, action_point_id__in=ap_ids
        ).select_related("author")
    }
    for item in items:
        item.decision = decisions.get(item.proposal_id)
        item.latest_update = latest_updates.get(item.proposal_id)
        item.action_note = ap_notes.get(item.action_point_id)
        item.needs_note = bool(
            item.action_point_id
            and item.action_point.status == ActionPoint.Status.OPEN
            and item.action_point.meeting_id != meeting.pk
            and item.action_note is None
        )
    return {
        "items": items,
        "attendance": list(Attendance.objects.filter(meeting=meeting).select_related("user")),
        "minutes": list(
            MinutePoint.objects.filter(meeting=meeting).select_related("author", "agenda_item")
        ),
        "new_action_points": list(
            ActionPoint.objects.filter(meeting=meeting).select_related("owner")
        ),
        "invited": list(meeting.invited.all()),
        "unpublished_count": sum(1 for d in decisions.values() if d.published_at is None),
        "decision_count": len(decisions),
    }


def upcoming_meetings(*, council: Council, today: dt.date | None = None) -> QuerySet[Meeting]:
    today = today or timezone.localdate()
    return Meeting.objects.filter(
        council=council, cancelled_at__isnull=True, minutes_completed_at__isnull=True
    ).filter(date__gte=today)


def waiting_agenda_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """Proposal items on the meeting's agenda still waiting for it: drafts at a
    hub meeting; ready or deferred proposals at a council meeting."""
    if meeting.kind == Meeting.Kind.HUB:
        waiting = {ProposalStatus.DRAFT}
    else:
        waiting = {ProposalStatus.READY, ProposalStatus.DEFERRED}
    return AgendaItem.objects.filter(
        meeting=meeting, kind=AgendaItem.Kind.PROPOSAL, proposal__status__in=waiting
    ).select_related("proposal")


def next_meeting_like(meeting: Meeting, *, today: dt.date | None = None) -> Meeting | None:
    """The council's next meeting of the same kind still to happen (not this one)."""
    return (
        upcoming_meetings(council=meeting.council, today=today)
        .filter(kind=meeting.kind)
        .exclude(pk=meeting.pk)
        .order_by("date", "starts_at", "id")
        .first()
    )


# Papers reminders go this many days before the papers are due.
PAPERS_REMINDER_DAYS = 3


def meetings_due_papers_reminder(*, today: dt.date) -> QuerySet[Meeting]:
    """Meetings, across every organisation, whose papers are due within the
    next few days and whose reminder has not gone yet. Each organisation sets
    its own ``papers_due_days``: papers are due on ``date - papers_due_days``,
    so the meeting date must fall in [today + days, today + days + 3]."""
    window = Q(pk__in=[])
    for org_id, days in Organisation.objects.filter(is_active=True).values_list(
        "id", "papers_due_days"
    ):
        due_from = today + dt.timedelta(days=days)
        window |= Q(
            organisation_id=org_id,
            date__gte=due_from,
            date__lte=due_from + dt.timedelta(days=PAPERS_REMINDER_DAYS),
        )
    return (
        Meeting.objects.filter(window)
        .filter(cancelled_at__isnull=True, papers_reminder_sent_at__isnull=True)
        .select_related("organisation", "council", "chair")
    )


# ---------------------------------------------------------------------------
# Figures


@dataclass(frozen=True)
class Ratio:
    """A share with its numerator and denominator stated, never a bare percent."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> int | None:
        if not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator)

    def __str__(self) -> str:
        if self.percent is None:
            return f"{self.numerator} of {self.denominator}"
        return f"{self.percent}% ({self.numerator} of {self.denominator})"


@dataclass(frozen=True)
class ProposalFigures:
    """Proposal figures for one organisation (optionally some councils and a period).

    Cohorts, so that every share has its denominator:

    - ``raised``: proposals raised in the period.
    - ``presented``: proposals first presented at a council meeting in the period.
    - ``accepted``: of those presented, accepted (with or without changes),
      including those now being put in place or finished.
    - ``implemented``: of those presented, now done.
    - ``accepted_of_presented`` = accepted ÷ presented;
      ``implemented_of_accepted`` = implemented ÷ accepted;
      ``implemented_of_presented`` = implemented ÷ presented.
    - ``median_days_to_decision``: raised → final decision, for proposals whose
      final decision (not a deferral) was made in the period
      (``decided_count`` of them).
    - ``median_days_to_implementation``: decision → done, for proposals done in
      the period (``implemented_in_period`` of them).
    - ``overdue``: now, being put in place and past the target date or with no
      update for 30 days (not limited to the period).
    """

    raised: int
    presented: int
    accepted: int
    not_accepted: int
    deferred: int
    in_progress: int
    implemented: int
    not_implemented: int
    accepted_of_presented: Ratio
    implemented_of_accepted: Ratio
    implemented_of_presented: Ratio
    decided_count: int
    median_days_to_decision: float | None
    implemented_in_period: int
    median_days_to_implementation: float | None
    overdue: int


def _period(qs: QuerySet, field: str, start: dt.date | None, end: dt.date | None) -> QuerySet:
    if start:
        qs = qs.filter(**{f"{field}__gte": _aware_start(start)})
    if end:
        qs = qs.filter(**{f"{field}__lt": _aware_end(end)})
    return qs


def _median_days(qs: QuerySet, later: str, earlier: str) -> tuple[int, float | None]:
    """The median of ``later - earlier`` in days, ordered and picked in the
    database (one or two middle rows), portable to SQLite and PostgreSQL."""
    durations = (
        qs.annotate(span=ExpressionWrapper(F(later) - F(earlier), output_field=DurationField()))
        .order_by("span", "id")
        .values_list("span", flat=True)
    )
    n = durations.count()
    if n == 0:
        return 0, None
    middle = list(durations[(n - 1) // 2 : n // 2 + 1])
    seconds = sum(d.total_seconds() for d in middle) / len(middle)
    return n, round(seconds / 86400, 1)


def proposal_figures(
    *,
    organisation: Organisation,
    council_ids: set[int] | list[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> ProposalFigures:
    """Figures with explicit denominators; see ``ProposalFigures`` for each cohort.

    ``council_ids`` None means every council of the organisation; ``start`` and
    ``end`` are dates (both included), None meaning open-ended.
    """
    base = proposals_for_org(organisation)
    if council_ids is not None:
        base = base.filter(council_id__in=list(council_ids))

    presented = _period(base.filter(presented_at__isnull=False), "presented_at", start, end)
    row = presented.aggregate(
        presented=Count("id"),
        accepted=Count("id", filter=Q(status__in=ACCEPTED_STATUSES)),
        not_accepted=Count("id", filter=Q(status=ProposalStatus.NOT_ACCEPTED)),
        deferred=Count("id", filter=Q(status=ProposalStatus.DEFERRED)),
        in_progress=Count(
            "id",
            filter=Q(
                status__in=[
                    ProposalStatus.ACCEPTED,
                    ProposalStatus.ACCEPTED_WITH_CHANGES,
                    ProposalStatus.IN_PROGRESS,
                ]
            ),
        ),
        implemented=Count("id", filter=Q(status=ProposalStatus.IMPLEMENTED)),
        not_implemented=Count("id", filter=Q(status=ProposalStatus.NOT_IMPLEMENTED)),
    )
    raised = _period(base, "raised_at", start, end).count()
    decided_n, to_decision = _median_days(
        _period(
            base.filter(status__in=DECIDED_STATUSES, decided_at__isnull=False),
            "decided_at",
            start,
            end,
        ).exclude(status=ProposalStatus.WITHDRAWN),
        "decided_at",
        "raised_at",
    )
    implemented_n, to_implementation = _median_days(
        _period(
            base.filter(status=ProposalStatus.IMPLEMENTED, decided_at__isnull=False),
            "implemented_at",
            start,
            end,
        ),
        "implemented_at",
        "decided_at",
    )
    overdue = base.filter(overdue_q()).count()
    return ProposalFigures(
        raised=raised,
        presented=row["presented"],
        accepted=row["accepted"],
        not_accepted=row["not_accepted"],
        deferred=row["deferred"],
        in_progress=row["in_progress"],
        implemented=row["implemented"],
        not_implemented=row["not_implemented"],
        accepted_of_presented=Ratio(row["accepted"], row["presented"]),
        implemented_of_accepted=Ratio(row["implemented"], row["accepted"]),
        implemented_of_presented=Ratio(row["implemented"], row["presented"]),
        decided_count=decided_n,
        median_days_to_decision=to_decision,
        implemented_in_period=implemented_n,
        median_days_to_implementation=to_implementation,
        overdue=overdue,
    )
