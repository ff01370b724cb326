"""Reads of meetings: who sees which, the meeting page, what comes next,
and which meetings need their papers reminder."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from councils.models import Council, Organisation
from councils.permissions import council_ids_where

from ..models import (
    ActionPoint,
    ActionPointUpdate,
    AgendaItem,
    Attendance,
    Decision,
    ImplementationUpdate,
    Meeting,
    MinutePoint,
    Proposal,
    ProposalStatus,
)
from .proposals import DECIDABLE_STATUSES


def meetings_scope(user, organisation: Organisation) -> tuple:
    """The councils whose meetings ``meetings_visible_to`` shows, besides
    those the person chairs or is invited to."""
    return tuple(
        council_ids_where(user, organisation, perm)
        for perm in (
            "proposals.view_proposal",
            "proposals.author_proposal",
            "proposals.manage_meetings",
        )
    )


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
    # "Invited" is asked with EXISTS rather than a join, so that each meeting
    # comes once without DISTINCT over every column (which the list and its
    # page count paid for on every view).
    invited = Meeting.invited.through.objects.filter(meeting=OuterRef("pk"), user=user)
    return qs.filter(council_q | hub_q | Q(chair=user) | Exists(invited))


def meeting_list(*, organisation: Organisation, user) -> QuerySet[Meeting]:
    return (
        meetings_visible_to(user, organisation)
        .select_related("council", "chair", "organisation")
        .annotate(items=Count("agenda_items"))
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


def next_hub_meeting(council: Council, *, today: dt.date | None = None) -> Meeting | None:
    """The council's next hub meeting still to happen, where its reps choose
    which drafts go forward."""
    return (
        upcoming_meetings(council=council, today=today)
        .filter(kind=Meeting.Kind.HUB)
        .order_by("date", "starts_at", "id")
        .first()
    )


def next_meetings_of_councils(
    *, organisation: Organisation, councils, today: dt.date | None = None
) -> list[tuple[Council, list[Meeting]]]:
    """For each council, its next hub meeting and its next council meeting
    still to happen (not cancelled), soonest first. One query whatever the
    number of councils (the rep's home page)."""
    today = today or timezone.localdate()
    upcoming = Meeting.objects.filter(
        organisation=organisation,
        cancelled_at__isnull=True,
        minutes_completed_at__isnull=True,
        date__gte=today,
    )
    first_of_its_kind = (
        upcoming.filter(council=OuterRef("council"), kind=OuterRef("kind"))
        .order_by("date", "starts_at", "id")
        .values("pk")[:1]
    )
    meetings = upcoming.filter(
        council__in=[c.pk for c in councils], pk=Subquery(first_of_its_kind)
    ).order_by("date", "starts_at", "id")
    by_council: dict[int, list[Meeting]] = {c.pk: [] for c in councils}
    for meeting in meetings:
        by_council[meeting.council_id].append(meeting)
    return [(c, by_council[c.pk]) for c in sorted(councils, key=lambda c: c.name)]


def meetings_for_chair(*, organisation: Organisation, user, today: dt.date | None = None):
    """Council meetings still to happen that this person chairs, or that are
    of a council where they decide proposals, soonest first."""
    today = today or timezone.localdate()
    meetings = Meeting.objects.filter(
        organisation=organisation,
        kind=Meeting.Kind.COUNCIL,
        cancelled_at__isnull=True,
        minutes_completed_at__isnull=True,
        date__gte=today,
    )
    council_ids = council_ids_where(user, organisation, "proposals.decide_proposal")
    if council_ids is not None:
        meetings = meetings.filter(Q(council_id__in=council_ids) | Q(chair=user))
    return meetings.select_related("council", "chair").order_by("date", "starts_at", "id")


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
            papers_due__isnull=True,
            date__gte=due_from,
            date__lte=due_from + dt.timedelta(days=PAPERS_REMINDER_DAYS),
        )
    # A papers date the coordinator chose: the same window, on that date.
    window |= Q(
        papers_due__gte=today,
        papers_due__lte=today + dt.timedelta(days=PAPERS_REMINDER_DAYS),
    )
    return (
        Meeting.objects.filter(window)
        .filter(cancelled_at__isnull=True, papers_reminder_sent_at__isnull=True)
        .select_related("organisation", "council", "chair")
    )


def proposals_addable_to_agenda(meeting: Meeting) -> QuerySet[Proposal]:
    """The proposals the agenda may take, and only those: a council meeting
    decides proposals marked ready (or deferred), a hub meeting looks at
    drafts; of the meeting's own council, and not already on its agenda."""
    statuses = DECIDABLE_STATUSES if meeting.is_council else {ProposalStatus.DRAFT}
    return (
        Proposal.objects.filter(
            organisation_id=meeting.organisation_id,
            council_id=meeting.council_id,
            status__in=statuses,
        )
        .exclude(agenda_items__meeting=meeting)
        .order_by("title")
    )
