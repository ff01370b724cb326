"""Finance (or the admin, where there is no finance officer) pays approved claims."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record
from councils.models import Organisation

from .. import access, tasks
from ..models import Advance, Claim, ClaimStatus, PaymentMethod
from .common import claim_total_pence, lock_claim, refuse_unless, status_change


def amount_owed_pence(claim: Claim) -> int:
    """What the rep is owed: the claim less any advance reconciled against it.
    Negative when the advance was more than was spent."""
    advanced = sum(Advance.objects.filter(claim=claim).values_list("amount_pence", flat=True))
    return claim_total_pence(claim) - advanced


def _check_payment(paid_on: dt.date | None, method: str) -> None:
    errors: dict[str, str] = {}
    if paid_on is None:
        errors["paid_on"] = _("Enter the date of payment.")
    elif paid_on > timezone.localdate():
        errors["paid_on"] = _("The date of payment cannot be in the future.")
    if method not in PaymentMethod.values:
        errors["method"] = _("Choose how the claim was paid.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def claims_mark_paid(
    *, organisation: Organisation, claims: list[Claim], paid_on: dt.date, method: str, actor
) -> list[Claim]:
    """Mark approved claims paid, all or none, and record the days each rep waited."""
    _check_payment(paid_on, method)
    if not claims:
        raise ValidationError({"claims": _("Choose at least one claim to mark as paid.")})
    paid = []
    # Locked in a fixed order, so two batches at once cannot deadlock.
    for claim in sorted(claims, key=lambda c: c.pk):
        claim = lock_claim(claim)
        if claim.organisation_id != organisation.pk:
            raise ValidationError(_("A claim from another organisation was chosen."))
        refuse_unless(access.pay_refusal(actor, claim))
        if paid_on < timezone.localtime(claim.approved_at).date():
            raise ValidationError(
                {"paid_on": _("The date of payment cannot be before the claim was approved.")}
            )
        owed = amount_owed_pence(claim)
        claim.paid_on = paid_on
        claim.payment_method = method
        claim.paid_by = actor
        claim.amount_paid_pence = max(owed, 0)
        claim.days_to_pay = (paid_on - timezone.localtime(claim.submitted_at).date()).days
        status_change(
            claim=claim,
            to_status=ClaimStatus.PAID,
            actor=actor,
            action="expenses.claim_paid",
            changes={
                "paid_on": paid_on,
                "method": method,
                "amount_paid_pence": claim.amount_paid_pence,
                "days_to_pay": claim.days_to_pay,
            },
        )
        claim.save(
            update_fields=[
                "status",
                "paid_on",
                "payment_method",
                "paid_by",
                "amount_paid_pence",
                "days_to_pay",
            ]
        )
        after_commit(tasks.notify_claim_paid, claim.pk)
        paid.append(claim)
    return paid


def claim_mark_paid(*, claim: Claim, paid_on: dt.date, method: str, actor) -> Claim:
    return claims_mark_paid(
        organisation=claim.organisation,
        claims=[claim],
        paid_on=paid_on,
        method=method,
        actor=actor,
    )[0]


def claims_exported(*, organisation: Organisation, count: int, actor) -> None:
    """A CSV of claims (with reps' names) left the system: written to the audit log."""
    audit_record(
        organisation=organisation,
        actor=actor,
        action="expenses.claims_exported",
        obj=organisation,
        changes={"claims": count},
    )
