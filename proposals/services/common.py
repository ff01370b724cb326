"""What every proposals service shares: the moment something happened, the
proposal's timeline, row locks, and putting things on agendas."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Council

from .. import selectors
from ..models import AgendaItem, Meeting, Proposal, ProposalEvent


def moment(at: dt.datetime | None) -> dt.datetime:
    """When it happened: ``at`` when loading history, otherwise now."""
    return at or timezone.now()


def meeting_start(meeting: Meeting) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(meeting.date, meeting.starts_at))


def record_event(
    proposal: Proposal,
    kind: str,
    *,
    actor,
    at: dt.datetime,
    from_status: str = "",
    to_status: str = "",
    meeting: Meeting | None = None,
    text: str = "",
) -> ProposalEvent:
    """Add a line to the proposal's timeline (never edited afterwards)."""
    return ProposalEvent.objects.create(
        organisation_id=proposal.organisation_id,
        proposal=proposal,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=at,
        from_status=from_status,
        to_status=to_status,
        meeting=meeting,
        text=text,
    )


def lock_proposal(proposal: Proposal) -> Proposal:
    """Re-read the proposal under a row lock: two people acting at once on the
    same proposal are served one after the other, each seeing the other's work."""
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("council", "organisation")
        .get(pk=proposal.pk)
    )


def lock_meeting(meeting: Meeting) -> Meeting:
    """Re-read the meeting under a row lock, so a change made a moment ago
    (a cancellation, completed minutes) is seen before anything is written."""
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("council", "organisation", "chair")
        .get(pk=meeting.pk)
    )


def require_not_cancelled(meeting: Meeting, field: str = "__all__") -> None:
    if meeting.cancelled_at:
        raise ValidationError({field: _("This meeting was cancelled.")})


def require_minutes_open(meeting: Meeting, field: str = "__all__") -> None:
    if meeting.minutes_completed_at:
        raise ValidationError({field: _("The minutes of this meeting are complete.")})


def next_order(meeting: Meeting) -> int:
    return (meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0) + 10


def add_agenda_item(meeting: Meeting, **fields) -> AgendaItem | None:
    """Put something on the agenda unless it is there already."""
    lookup = {k: v for k, v in fields.items() if k in {"proposal", "action_point", "kind"}}
    if AgendaItem.objects.filter(meeting=meeting, **lookup).exists():
        return None
    return AgendaItem.objects.create(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        order=next_order(meeting),
        **fields,
    )


def add_to_upcoming(council: Council, *, after: dt.date, kinds: set[str], **fields) -> None:
    """Put something on the agenda of the council's meetings still to come."""
    for meeting in selectors.upcoming_meetings(council=council).filter(
        date__gt=after, kind__in=kinds
    ):
        add_agenda_item(meeting, **fields)
