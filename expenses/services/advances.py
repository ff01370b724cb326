"""Advances: money or a ticket given before a journey, reconciled later."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import audit_record
from councils.models import Council, Organisation

from .. import access
from ..models import Advance, AdvanceMethod, Claim, ClaimStatus
from ..money import LINE_MAX_PENCE
from .common import lock_claim

ADVANCE_AHEAD = dt.timedelta(days=92)


@transaction.atomic
def advance_give(
    *,
    organisation: Organisation,
    council: Council,
    rep,
    amount_pence: int,
    method: str,
    given_on: dt.date,
    activity_date: dt.date,
    description: str,
    actor,
) -> Advance:
    if council.organisation_id != organisation.pk or not access.may_give_advance(actor, council):
        raise PermissionDenied(_("Only a coordinator of this council can give advances."))
    if not rep.has_perm(access.CLAIM, council):
        raise ValidationError({"rep": _("Choose a rep of this council.")})
    if actor.pk == rep.pk:
        raise PermissionDenied(_("Nobody can give an advance to themself."))
    description = description.strip()
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if amount_pence <= 0:
        errors["amount"] = _("The amount must be more than 0.")
    elif amount_pence > LINE_MAX_PENCE:
        errors["amount"] = _("The amount must be £1,000 or less.")
    if method not in AdvanceMethod.values:
        errors["method"] = _("Choose how the advance was given.")
    if given_on > today:
        errors["given_on"] = _("The date it was given cannot be in the future.")
    if activity_date > today + ADVANCE_AHEAD:
        errors["activity_date"] = _("Choose a date within the next 3 months.")
    if not description:
        errors["description"] = _("Say what the advance is for, for example ‘Bus to the meeting’.")
    if len(description) > 200:
        errors["description"] = _("Use 200 characters or fewer.")
    if errors:
        raise ValidationError(errors)
    advance = Advance.objects.create(
        organisation=organisation,
        council=council,
        rep=rep,
        given_by=actor,
        given_on=given_on,
        method=method,
        amount_pence=amount_pence,
        activity_date=activity_date,
        description=description,
    )
    audit_record(
        organisation=organisation,
        actor=actor,
        action="expenses.advance_given",
        obj=advance,
        changes={"amount_pence": amount_pence, "method": method, "council": council.name},
    )
    return advance


@transaction.atomic
def advance_reconcile(*, advance: Advance, claim: Claim, actor) -> Advance:
    """Set an advance against the rep's claim for the same activity. What is
    owed either way is then shown on the claim, and paid is the difference."""
    claim = lock_claim(claim)
    advance = Advance.objects.select_for_update().get(pk=advance.pk)
    if not access.may_give_advance(actor, claim.council):
        raise PermissionDenied(_("Only a coordinator of this council can reconcile advances."))
    if advance.organisation_id != claim.organisation_id or advance.rep_id != claim.rep_id:
        raise ValidationError(_("The advance and the claim must be for the same rep."))
    if advance.claim_id is not None:
        raise ValidationError(_("This advance has been reconciled already."))
    if claim.status in (ClaimStatus.PAID, ClaimStatus.REJECTED):
        raise ValidationError(_("This claim is closed. Choose a claim that is not paid yet."))
    advance.claim = claim
    advance.reconciled_at = timezone.now()
    advance.reconciled_by = actor
    advance.save(update_fields=["claim", "reconciled_at", "reconciled_by"])
    audit_record(
        organisation=claim.organisation,
        actor=actor,
        action="expenses.advance_reconciled",
        obj=advance,
        changes={"claim": claim.public_id, "amount_pence": advance.amount_pence},
    )
    return advance
