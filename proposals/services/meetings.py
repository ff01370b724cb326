"""Coordinators schedule, change and cancel hub and council meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record, changes_between, model_values
from councils.models import Council, Organisation, Role
from councils.periods import day_label

from .. import access, selectors, tasks
from ..models import AgendaItem, Meeting, ProposalEvent
from .agenda import agenda_build
from .common import add_agenda_item, lock_meeting, moment, record_event

MEETING_FIELDS = ["date", "starts_at", "venue", "chair", "papers_due"]


def _check_meeting_people(
    *, council: Council, kind: str, chair, invited: Iterable
) -> tuple[object, list]:
    invited = list(invited)
    allowed = set(selectors.people_for_council(council).values_list("pk", flat=True))
    if any(p.pk not in allowed for p in invited):
        raise ValidationError({"invited": _("Invite people who work with this council.")})
    if kind == Meeting.Kind.COUNCIL:
        if chair is None:
            raise ValidationError({"chair": _("Choose who chairs the council meeting.")})
        if not selectors.user_has_role_for_council(chair, council, Role.CHAIR):
            raise ValidationError(
                {"chair": _("The chair must be a senior chair for this council.")}
            )
    else:
        reps = set(selectors.reps_of_council(council).values_list("pk", flat=True))
        if chair is not None and chair.pk not in reps:
            raise ValidationError(
                {"chair": _("A hub meeting is for reps: choose a rep to chair it.")}
            )
        if any(p.pk not in reps for p in invited):
            raise ValidationError({"invited": _("Hub meetings are for reps only.")})
    return chair, invited


@transaction.atomic
def meeting_create(
    *,
    organisation: Organisation,
    council: Council,
    kind: str,
    date: dt.date,
    starts_at: dt.time,
    venue: str,
    chair,
    invited: Iterable = (),
    papers_due: dt.date | None = None,
    actor,
) -> Meeting:
    """A coordinator schedules a hub or council meeting; its agenda is assembled
    at once from what is waiting for it."""
    if council.organisation_id != organisation.pk:
        raise ValidationError({"council": _("Choose a council from this organisation.")})
    access.refuse(
        access.may_schedule_meetings(actor, council),
        _("Only coordinators can schedule meetings for this council."),
    )
    if kind not in Meeting.Kind.values:
        raise ValidationError({"kind": _("Choose a hub meeting or a council meeting.")})
    if not venue.strip():
        raise ValidationError({"venue": _("Say where the meeting is.")})
    chair, invited = _check_meeting_people(council=council, kind=kind, chair=chair, invited=invited)
    _check_papers_due(date=date, papers_due=papers_due)
    meeting = Meeting.objects.create(
        organisation=organisation,
        council=council,
        kind=kind,
        date=date,
        starts_at=starts_at,
        venue=venue.strip(),
        chair=chair,
        papers_due=papers_due,
        created_by=actor,
    )
    meeting.invited.set(invited)
    audit_record(
        organisation=organisation,
        actor=actor,
        action="meeting.created",
        obj=meeting,
        changes={"council": council.name, "kind": kind, "date": date},
    )
    agenda_build(meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def _check_papers_due(*, date: dt.date, papers_due: dt.date | None) -> None:
    if papers_due is not None and papers_due > date:
        raise ValidationError(
            {"papers_due": _("Papers must be due on or before the day of the meeting.")}
        )


def meeting_update(
    *,
    meeting: Meeting,
    date: dt.date,
    starts_at: dt.time,
    venue: str,
    chair,
    invited: Iterable,
    papers_due: dt.date | None = None,
    actor,
) -> Meeting:
    """Change a meeting's date, time, place and people.

    The meeting is re-read under a lock first: a coordinator may have
    cancelled it a moment ago (and everyone has been told), and saving the
    page they had open must not bring it back."""
    access.refuse(
        access.may_change_meeting(actor, meeting), _("Only coordinators can change this meeting.")
    )
    meeting = lock_meeting(meeting)
    if meeting.cancelled_at:
        raise ValidationError(
            {"__all__": _("This meeting was cancelled, so it can no longer be changed.")}
        )
    if not venue.strip():
        raise ValidationError({"venue": _("Say where the meeting is.")})
    if (
        meeting.chair_id
        and chair != meeting.chair
        and meeting.decisions.filter(published_at__isnull=True).exists()
    ):
        raise ValidationError(
            {"chair": _("The chair has recorded decisions that are not published yet.")}
        )
    chair, invited = _check_meeting_people(
        council=meeting.council, kind=meeting.kind, chair=chair, invited=invited
    )
    _check_papers_due(date=date, papers_due=papers_due)
    before = model_values(meeting, MEETING_FIELDS)
    meeting.date, meeting.starts_at, meeting.venue, meeting.chair, meeting.papers_due = (
        date,
        starts_at,
        venue.strip(),
        chair,
        papers_due,
    )
    changed = list(MEETING_FIELDS)
    if meeting.date != before["date"] or meeting.papers_due != before["papers_due"]:
        # A new date means a new papers deadline, so a new reminder.
        meeting.papers_reminder_sent_at = None
        changed.append("papers_reminder_sent_at")
    meeting.save(update_fields=changed)
    meeting.invited.set(invited)
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="meeting.updated",
        obj=meeting,
        changes=changes_between(before, model_values(meeting, MEETING_FIELDS)),
    )
    return meeting


def cancel_refusal(meeting: Meeting) -> str | None:
    """Why this meeting cannot be cancelled, in plain words, or None if it can.
    The confirmation page shows it instead of the form."""
    if meeting.cancelled_at:
        return _("This meeting is already cancelled.")
    if meeting.minutes_completed_at or meeting.decisions.exists():
        return _(
            "This meeting has already happened: it has decisions or completed minutes. "
            "It cannot be cancelled."
        )
    return None


def _where_it_goes(meeting: Meeting, next_meeting: Meeting | None) -> str:
    hub = meeting.kind == Meeting.Kind.HUB
    if next_meeting is not None:
        day = day_label(next_meeting.date)
        if hub:
            return _("It is on the agenda of the next hub meeting, on %(day)s.") % {"day": day}
        return _("It is on the agenda of the next council meeting, on %(day)s.") % {"day": day}
    if hub:
        return _("It goes to the next hub meeting when one is scheduled.")
    return _("It goes to the next council meeting when one is scheduled.")


@transaction.atomic
def meeting_cancel(
    *, meeting: Meeting, reason: str, actor, at: dt.datetime | None = None
) -> Meeting:
    """A coordinator cancels a meeting that has not happened, saying why.

    The cancellation is claimed with ``UPDATE ... WHERE cancelled_at IS NULL``,
    so two coordinators pressing at once cancel (and email) once. Proposals on
    its agenda keep their status: ready ones stay ready and go onto the
    council's next meeting of the same kind (now, if one is scheduled; if not,
    the agenda builder picks them up when it is). After commit, everyone
    invited and the chair get one email with the reason."""
    access.refuse(
        access.may_change_meeting(actor, meeting), _("Only coordinators can cancel this meeting.")
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the meeting is cancelled.")})
    at = moment(at)
    meeting = lock_meeting(meeting)
    refusal = cancel_refusal(meeting)
    if refusal:
        raise ValidationError({"__all__": refusal})
    claimed = Meeting.objects.filter(pk=meeting.pk, cancelled_at__isnull=True).update(
        cancelled_at=at, cancelled_reason=reason, cancelled_by=actor
    )
    if not claimed:
        raise ValidationError({"__all__": _("This meeting is already cancelled.")})
    meeting.cancelled_at, meeting.cancelled_reason, meeting.cancelled_by = at, reason, actor

    items = list(selectors.waiting_agenda_items(meeting))
    next_meeting = (
        selectors.next_meeting_like(meeting, today=timezone.localdate(at)) if items else None
    )
    said = reason if reason[-1] in ".!?" else f"{reason}."
    where = _where_it_goes(meeting, next_meeting)
    for item in items:
        if next_meeting is not None:
            add_agenda_item(next_meeting, kind=AgendaItem.Kind.PROPOSAL, proposal=item.proposal)
        record_event(
            item.proposal,
            ProposalEvent.Kind.MEETING_CANCELLED,
            actor=actor,
            at=at,
            meeting=meeting,
            text=_("Reason: %(reason)s %(where)s") % {"reason": said, "where": where},
        )
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="meeting.cancelled",
        obj=meeting,
        changes={
            "reason": reason,
            "proposals_waiting": [i.proposal.public_id for i in items],
            "moved_to": next_meeting.public_id if next_meeting else None,
        },
    )
    after_commit(tasks.notify_meeting_cancelled, meeting.pk)
    return meeting
