"""A rep (or a coordinator for them) makes a claim, adds its costs, and sends it."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record
from councils.models import Council, Organisation
from proposals.models import Meeting
from surgeries.models import Surgery

from .. import access, tasks
from ..models import ActivityKind, Claim, ClaimLine, ClaimStatus, LineKind, Receipt
from ..money import LINE_MAX_PENCE, MILES_MAX, mileage_pence
from ..receipts import CleanReceipt, receipt_clean
from ..storage import receipt_storage
from .common import lock_claim, policy_for, refuse_unless, status_change

CLAIM_BACK = dt.timedelta(days=366)
DESCRIPTION_MAX = 200
LINES_MAX = 30
# Costs a rep is not usually given a receipt for: the rep may say so instead.
NO_RECEIPT_NEEDED = {LineKind.MILEAGE}


def _check_activity(
    *,
    organisation: Organisation,
    council: Council,
    activity_kind: str,
    activity_date: dt.date,
    activity_description: str,
    surgery: Surgery | None,
    meeting: Meeting | None,
) -> None:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if council.organisation_id != organisation.pk:
        errors["council"] = _("Choose a council from this organisation.")
    if activity_kind not in ActivityKind.values:
        errors["activity_kind"] = _("Choose what the costs were for.")
    if activity_date > today:
        errors["activity_date"] = _("The date cannot be in the future.")
    elif activity_date < today - CLAIM_BACK:
        errors["activity_date"] = _("Claims must be made within 12 months of the activity.")
    if activity_kind in (ActivityKind.TRAINING, ActivityKind.OTHER) and not activity_description:
        errors["activity_description"] = _("Say what the training or activity was.")
    if len(activity_description) > DESCRIPTION_MAX:
        errors["activity_description"] = _("Use 200 characters or fewer.")
    for name, linked in (("surgery", surgery), ("meeting", meeting)):
        if linked is not None and (
            linked.organisation_id != organisation.pk or linked.council_id != council.pk
        ):
            errors[name] = _("Choose one of this council's surgeries or meetings.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def claim_create(
    *,
    organisation: Organisation,
    council: Council,
    rep,
    activity_kind: str,
    activity_date: dt.date,
    activity_description: str = "",
    surgery: Surgery | None = None,
    meeting: Meeting | None = None,
    submission_token: str | None = None,
    actor,
) -> tuple[Claim, bool]:
    """Start a claim (a draft). Returns (claim, created): a form sent twice with
    the same token returns the claim the first one made."""
    submission_token = (submission_token or "").strip() or None
    if submission_token:
        existing = Claim.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            if existing.organisation_id != organisation.pk or existing.created_by_id != actor.pk:
                raise ValidationError(_("This form has been used already. Reload the page."))
            return existing, False
    if not access.may_claim_for(actor, rep=rep, council=council):
        raise PermissionDenied(_("You cannot claim expenses for this person in this council."))
    activity_description = activity_description.strip()
    if surgery is not None:
        activity_kind, activity_date = ActivityKind.SURGERY, surgery.date
    if meeting is not None:
        activity_kind, activity_date = ActivityKind.MEETING, meeting.date
    _check_activity(
        organisation=organisation,
        council=council,
        activity_kind=activity_kind,
        activity_date=activity_date,
        activity_description=activity_description,
        surgery=surgery,
        meeting=meeting,
    )
    try:
        with transaction.atomic():
            claim = Claim.objects.create(
                organisation=organisation,
                council=council,
                rep=rep,
                created_by=actor,
                activity_kind=activity_kind,
                activity_date=activity_date,
                activity_description=activity_description,
                surgery=surgery,
                meeting=meeting,
                submission_token=submission_token,
            )
    except IntegrityError:
        # The same form arrived twice at the same moment: the other one won.
        existing = Claim.objects.filter(submission_token=submission_token).first()
        if existing is None:
            raise
        return existing, False
    audit_record(
        organisation=organisation,
        actor=actor,
        action="expenses.claim_started",
        obj=claim,
        changes={
            "council": council.name,
            "activity_kind": activity_kind,
            "activity_date": activity_date,
            "on_behalf": actor.pk != rep.pk,
        },
    )
    return claim, True


def _store_receipt(*, line: ClaimLine, clean: CleanReceipt, actor) -> Receipt:
    name = f"receipts/{line.organisation_id}/{secrets.token_hex(16)}.{clean.extension}"
    stored = receipt_storage.save(name, ContentFile(clean.content))
    try:
        return Receipt.objects.create(
            organisation_id=line.organisation_id,
            line=line,
            stored_name=stored,
            content_type=clean.content_type,
            size=len(clean.content),
            uploaded_by=actor,
        )
    except Exception:
        receipt_storage.delete(stored)
        raise


@transaction.atomic
def claim_line_add(
    *,
    claim: Claim,
    kind: str,
    amount_pence: int | None = None,
    miles: Decimal | None = None,
    description: str = "",
    receipt=None,
    receipt_lost: bool = False,
    submission_token: str | None = None,
    actor,
) -> ClaimLine:
    """Add one cost. Mileage is worked out from the miles and the
    organisation's rate; other costs need a receipt or a note that there is none.
    The same form sent twice (same token) adds the cost once."""
    claim = lock_claim(claim)
    submission_token = (submission_token or "").strip() or None
    if submission_token:
        # Adding to a claim is serialised by the lock above, so no race here.
        existing = ClaimLine.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            if existing.claim_id != claim.pk:
                raise ValidationError(_("This form has been used already. Reload the page."))
            return existing
    refuse_unless(access.edit_refusal(actor, claim))
    description = description.strip()
    errors: dict[str, str] = {}
    rate = None
    if kind not in LineKind.values:
        errors["kind"] = _("Choose what the cost was for.")
    if kind == LineKind.MILEAGE:
        if miles is None or miles <= 0:
            errors["miles"] = _("Enter how many miles you drove.")
        elif miles > MILES_MAX:
            errors["miles"] = _("Enter 1,000 miles or fewer. Check you have typed it correctly.")
        else:
            rate = policy_for(claim.organisation).mileage_rate_pence
            amount_pence = mileage_pence(miles, rate)
    else:
        miles = None
        if amount_pence is None:
            errors["amount"] = _("Enter the amount, for example 4.50.")
        elif amount_pence <= 0:
            errors["amount"] = _("The amount must be more than 0.")
        elif amount_pence > LINE_MAX_PENCE:
            errors["amount"] = _("The amount must be £1,000 or less.")
        if receipt is None and not receipt_lost:
            errors["receipt"] = _("Add a photo of the receipt, or tick that you have no receipt.")
        if receipt is not None and receipt_lost:
            errors["receipt_lost"] = _("You added a receipt, so untick ‘I have no receipt’.")
    if kind == LineKind.OTHER and not description:
        errors["description"] = _("Say what the cost was for.")
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = _("Use 200 characters or fewer.")
    if claim.lines.count() >= LINES_MAX:
        errors["kind"] = _("A claim can have up to 30 costs. Start another claim for the rest.")
    clean = None
    if receipt is not None and "receipt" not in errors and "receipt_lost" not in errors:
        try:
            clean = receipt_clean(receipt)
        except ValidationError as error:
            errors["receipt"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    line = ClaimLine.objects.create(
        organisation_id=claim.organisation_id,
        claim=claim,
        kind=kind,
        description=description,
        miles=miles,
        rate_pence=rate,
        amount_pence=amount_pence,
        receipt_lost=receipt_lost and kind not in NO_RECEIPT_NEEDED,
        submission_token=submission_token,
    )
    if clean is not None:
        _store_receipt(line=line, clean=clean, actor=actor)
    audit_record(
        organisation=claim.organisation,
        actor=actor,
        action="expenses.line_added",
        obj=claim,
        changes={
            "line": line.public_id,
            "kind": kind,
            "amount_pence": amount_pence,
            "receipt": receipt is not None,
            "receipt_lost": line.receipt_lost,
        },
    )
    return line


@transaction.atomic
def claim_line_remove(*, line: ClaimLine, actor) -> None:
    claim = lock_claim(line.claim)
    refuse_unless(access.edit_refusal(actor, claim))
    receipt = Receipt.objects.filter(line=line).first()
    audit_record(
        organisation=claim.organisation,
        actor=actor,
        action="expenses.line_removed",
        obj=claim,
        changes={"line": line.public_id, "kind": line.kind, "amount_pence": line.amount_pence},
    )
    line.delete()
    if receipt is not None:
        stored = receipt.stored_name
        transaction.on_commit(lambda: receipt_storage.delete(stored))


@transaction.atomic
def claim_submit(*, claim: Claim, answer: str = "", actor) -> tuple[Claim, bool]:
    """Send a claim for approval, or send it back after a question.

    Returns (claim, sent): pressing "Send" twice sends it once."""
    claim = lock_claim(claim)
    if claim.status == ClaimStatus.SUBMITTED and access.is_claimant(actor, claim):
        return claim, False
    refuse_unless(access.edit_refusal(actor, claim))
    answer = answer.strip()
    errors: dict[str, str] = {}
    lines = list(claim.lines.all())
    if not lines:
        errors["lines"] = _("Add at least one cost before you send the claim.")
    elif sum(line.amount_pence for line in lines) <= 0:
        errors["lines"] = _("The claim adds up to £0. Add what you spent.")
    if claim.activity_date > timezone.localdate():
        errors["activity_date"] = _("The date cannot be in the future.")
    if claim.status == ClaimStatus.QUERIED and not answer:
        errors["answer"] = _("Answer the question before you send the claim back.")
    if len(answer) > 2000:
        errors["answer"] = _("Use 2,000 characters or fewer.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    was_queried = claim.status == ClaimStatus.QUERIED
    fields = ["status", "first_approved_by", "first_approved_at"]
    if claim.submitted_at is None:
        claim.submitted_at = now
        fields.append("submitted_at")
    # Costs may have changed since a first approval: both approvals start again.
    claim.first_approved_by = None
    claim.first_approved_at = None
    status_change(
        claim=claim,
        to_status=ClaimStatus.SUBMITTED,
        actor=actor,
        note=answer,
        action="expenses.claim_resubmitted" if was_queried else "expenses.claim_submitted",
        changes={"total_pence": sum(line.amount_pence for line in lines)},
    )
    claim.save(update_fields=fields)
    after_commit(tasks.notify_claim_submitted, claim.pk)
    return claim, True
