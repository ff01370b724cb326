"""What happened at a meeting: who came, the minutes, and closing them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from councils.audit import audit_record

from .. import access, selectors
from ..models import ActionPoint, AgendaItem, Attendance, Meeting, MinutePoint
from .common import lock_meeting, moment, require_minutes_open, require_not_cancelled


def require_meeting_runner(meeting: Meeting, actor) -> None:
    access.refuse(
        access.may_run_meeting(actor, meeting),
        _("Only the coordinator or the meeting's chair can do this."),
    )


def require_minute_taker(meeting: Meeting, actor) -> None:
    if meeting.kind == Meeting.Kind.HUB:
        access.refuse(
            access.may_take_minutes(actor, meeting),
            _("Hub meeting minutes are taken by reps or the coordinator."),
        )
    access.refuse(
        access.may_take_minutes(actor, meeting), _("Your role does not let you write minutes.")
    )


@transaction.atomic
def attendance_record(*, meeting: Meeting, statuses: dict, actor) -> int:
    """``statuses`` maps person → attended / apologies / absent (or "" to clear)."""
    require_meeting_runner(meeting, actor)
    meeting = lock_meeting(meeting)
    require_not_cancelled(meeting)
    allowed = set(selectors.people_for_council(meeting.council).values_list("pk", flat=True))
    changed = 0
    for person, status in statuses.items():
        if person.pk not in allowed:
            raise ValidationError(
                {"__all__": _("%(person)s does not work with this council.") % {"person": person}}
            )
        if not status:
            changed += Attendance.objects.filter(meeting=meeting, user=person).delete()[0]
            continue
        if status not in Attendance.Status.values:
            raise ValidationError({"__all__": _("Choose attended, apologies or absent.")})
        Attendance.objects.update_or_create(
            meeting=meeting,
            user=person,
            defaults={
                "status": status,
                "recorded_by": actor,
                "organisation_id": meeting.organisation_id,
            },
        )
        changed += 1
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="meeting.attendance_recorded",
        obj=meeting,
        changes={str(p): s for p, s in statuses.items()},
    )
    return changed


@transaction.atomic
def minute_add(
    *, meeting: Meeting, text: str, actor, agenda_item: AgendaItem | None = None
) -> MinutePoint:
    require_minute_taker(meeting, actor)
    meeting = lock_meeting(meeting)
    require_not_cancelled(meeting, "text")
    require_minutes_open(meeting, "text")
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the point.")})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item from this meeting's agenda.")})
    point = MinutePoint.objects.create(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        agenda_item=agenda_item,
        text=text,
        author=actor,
    )
    audit_record(
        organisation=meeting.organisation, actor=actor, action="minutes.added", obj=meeting
    )
    return point


@transaction.atomic
def meeting_complete_minutes(*, meeting: Meeting, actor, at: dt.datetime | None = None) -> Meeting:
    """Close the minutes. Refused while a carried-forward action point has no
    update note for this meeting: silence is not an update."""
    require_meeting_runner(meeting, actor)
    meeting = lock_meeting(meeting)
    require_not_cancelled(meeting)
    if meeting.minutes_completed_at:
        raise ValidationError({"__all__": _("The minutes are already complete.")})
    missing = (
        AgendaItem.objects.filter(
            meeting=meeting,
            kind=AgendaItem.Kind.ACTION_POINT,
            action_point__status=ActionPoint.Status.OPEN,
        )
        .exclude(action_point__meeting=meeting)
        .exclude(action_point__updates__meeting=meeting)
        .count()
    )
    if missing:
        raise ValidationError(
            {
                "__all__": ngettext(
                    "%(count)d action point carried forward still needs an update. "
                    "If nothing has happened, say so and why.",
                    "%(count)d action points carried forward still need an update. "
                    "If nothing has happened, say so and why.",
                    missing,
                )
                % {"count": missing}
            }
        )
    if meeting.decisions.filter(published_at__isnull=True).exists():
        raise ValidationError({"__all__": _("Publish this meeting's decisions first.")})
    meeting.minutes_completed_at = moment(at)
    meeting.save(update_fields=["minutes_completed_at"])
    audit_record(
        organisation=meeting.organisation, actor=actor, action="minutes.completed", obj=meeting
    )
    return meeting
