"""Closing a follow-up once the coordinator has acted on it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import audit_record
from councils.privacy import check_no_personal_data

from .. import access
from ..models import FeedbackItem
from .limits import NOTE_MAX


@transaction.atomic
def followup_close(*, item: FeedbackItem, note: str, actor) -> FeedbackItem:
    access.require(access.may_close_followup(actor, item), access.REFUSE_FOLLOWUP)
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Write what was done, so the follow-up can be closed.")})
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": _("The note must be %(max)s characters or fewer.") % {"max": NOTE_MAX}}
        )
    check_no_personal_data(note=note)
    # Two coordinators may close the same follow-up at once: the second is told.
    locked = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    if not locked.follow_up_is_open:
        raise ValidationError(_("This follow-up is already closed."))
    locked.follow_up_closed_at = timezone.now()
    locked.follow_up_closed_by = actor
    locked.follow_up_note = note
    fields = ["follow_up_closed_at", "follow_up_closed_by", "follow_up_note"]
    locked.save(update_fields=fields)
    for name in fields:
        setattr(item, name, getattr(locked, name))
    audit_record(
        organisation=item.organisation,
        actor=actor,
        action="feedback.follow_up_closed",
        obj=item,
        changes={"follow_up": locked.follow_up},
    )
    return item
