"""Action points: agreed at a meeting, carried forward onto every following
meeting of the council until closed, with an update note at each."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.audit import audit_record

from .. import selectors
from ..models import ActionPoint, ActionPointUpdate, AgendaItem, Meeting
from .common import (
    add_to_upcoming,
    lock_meeting,
    moment,
    require_minutes_open,
    require_not_cancelled,
)
from .minutes import require_minute_taker


@transaction.atomic
def action_point_create(
    *,
    meeting: Meeting,
    description: str,
    owner,
    due_on: dt.date,
    actor,
    at: dt.datetime | None = None,
) -> ActionPoint:
    require_minute_taker(meeting, actor)
    meeting = lock_meeting(meeting)
    require_not_cancelled(meeting, "description")
    require_minutes_open(meeting, "description")
    errors = {}
    if not description.strip():
        errors["description"] = _("Say what needs doing.")
    if (
        owner is None
        or not selectors.people_for_council(meeting.council).filter(pk=owner.pk).exists()
    ):
        errors["owner"] = _("Choose who will do it, from the people who work with this council.")
    if due_on is None:
        errors["due_on"] = _("Enter the date it is due.")
    elif due_on < meeting.date:
        errors["due_on"] = _("The due date cannot be before the meeting.")
    if errors:
        raise ValidationError(errors)
    point = ActionPoint.objects.create(
        organisation_id=meeting.organisation_id,
        council=meeting.council,
        meeting=meeting,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
        created_by=actor,
    )
    if at is not None:
        # Raised in the past (loading history): keep when it really was.
        ActionPoint.objects.filter(pk=point.pk).update(created_at=at)
        point.created_at = at
    add_to_upcoming(
        meeting.council,
        after=meeting.date,
        kinds=set(Meeting.Kind.values),
        kind=AgendaItem.Kind.ACTION_POINT,
        action_point=point,
    )
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="action_point.created",
        obj=point,
        changes={"owner": str(owner), "due_on": due_on},
    )
    return point


@transaction.atomic
def action_point_note(
    *,
    action_point: ActionPoint,
    meeting: Meeting,
    note: str,
    close: bool,
    actor,
    at: dt.datetime | None = None,
) -> ActionPointUpdate:
    """The update an open action point needs at each meeting it is carried to.
    "No progress, because ..." is a note; an empty note is not."""
    if action_point.owner_id != actor.pk:
        require_minute_taker(meeting, actor)
    if action_point.council_id != meeting.council_id:
        raise ValidationError({"__all__": _("This action point belongs to another council.")})
    require_not_cancelled(meeting, "note")
    action_point = ActionPoint.objects.select_for_update().get(pk=action_point.pk)
    if action_point.status != ActionPoint.Status.OPEN:
        raise ValidationError({"note": _("This action point is already closed.")})
    note = note.strip()
    if not note:
        raise ValidationError(
            {"note": _("Write an update. If nothing has happened, say so and why.")}
        )
    update, _created = ActionPointUpdate.objects.update_or_create(
        action_point=action_point,
        meeting=meeting,
        defaults={"note": note, "author": actor, "organisation_id": meeting.organisation_id},
    )
    changes = {"note": note}
    if close:
        action_point.status = ActionPoint.Status.CLOSED
        action_point.closed_at = moment(at)
        action_point.closed_by = actor
        action_point.save(update_fields=["status", "closed_at", "closed_by"])
        # It no longer needs a place on meetings still to come.
        AgendaItem.objects.filter(
            action_point=action_point, meeting__date__gt=meeting.date
        ).delete()
        changes["status"] = ActionPoint.Status.CLOSED
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="action_point.noted",
        obj=action_point,
        changes=changes,
    )
    return update
