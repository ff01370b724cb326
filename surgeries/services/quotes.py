"""Checking people's words before anyone else may read them.

The coordinator's page may be open a while. Meanwhile the rep may correct the
words or find the person no longer agrees to be quoted; a decision made on
the old words must not bring them back. So each decision locks the item and
decides on it as it is now."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import audit_record
from councils.privacy import check_no_personal_data

from .. import access
from ..models import FeedbackItem
from .limits import QUOTE_MAX

REVIEW_FIELDS = ["quote_status", "approved_quote", "quote_reviewed_at", "quote_reviewed_by"]


def _review(item: FeedbackItem, locked: FeedbackItem, *, status: str, text: str, actor) -> None:
    locked.quote_status = status
    locked.approved_quote = text
    locked.quote_reviewed_at = timezone.now()
    locked.quote_reviewed_by = actor
    locked.save(update_fields=REVIEW_FIELDS)
    for name in REVIEW_FIELDS:
        setattr(item, name, getattr(locked, name))


@transaction.atomic
def quote_approve(*, item: FeedbackItem, text: str, actor) -> FeedbackItem:
    """Approve words for publication, edited to remove staff names."""
    access.require(access.may_review_quote(actor, item), access.REFUSE_QUOTE)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the words to publish.")})
    if len(text) > QUOTE_MAX:
        raise ValidationError(
            {"text": _("A quote must be %(max)s characters or fewer.") % {"max": QUOTE_MAX}}
        )
    check_no_personal_data(text=text)
    locked = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    if not locked.consent_to_quote:
        raise ValidationError(_("This person did not agree to be quoted."))
    if locked.said != item.said:
        raise ValidationError(
            _("The words were corrected a moment ago. Check the new words, then decide again.")
        )
    _review(item, locked, status=FeedbackItem.QuoteStatus.APPROVED, text=text, actor=actor)
    audit_record(
        organisation=item.organisation,
        actor=actor,
        action="feedback.quote_approved",
        obj=item,
        changes={"edited": text != locked.said.strip()},
    )
    return item


@transaction.atomic
def quote_reject(*, item: FeedbackItem, actor) -> FeedbackItem:
    access.require(access.may_review_quote(actor, item), access.REFUSE_QUOTE)
    locked = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    _review(item, locked, status=FeedbackItem.QuoteStatus.REJECTED, text="", actor=actor)
    audit_record(
        organisation=item.organisation, actor=actor, action="feedback.quote_rejected", obj=item
    )
    return item
