"""Involvement payments: the benefits-advice record, adding a payment for a
rep's time, and paying it. Never part of an expenses total."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record
from councils.models import Council, Organisation

from .. import access, tasks
from ..models import (
    BenefitsAdvice,
    BenefitsChoice,
    InvolvementPayment,
    InvolvementPaymentStatus,
    InvolvementStatusChange,
    PaymentMethod,
)
from ..money import HOURS_MAX, NATIONAL_LIVING_WAGE_PENCE, hours_pence, money
from .common import plain_reason, policy_for, refuse_unless

DESCRIPTION_MAX = 200
PAST_LIMIT = dt.timedelta(days=366)


def advice_in_force(organisation: Organisation, rep) -> BenefitsAdvice | None:
    """The newest benefits-advice record for this rep, or None."""
    return BenefitsAdvice.objects.filter(organisation=organisation, rep=rep).first()


def payment_refusal_for_advice(advice: BenefitsAdvice | None) -> str | None:
    if advice is None:
        return _(
            "First record that the rep was offered independent benefits advice, and what "
            "they chose. Being paid can affect a person's benefits."
        )
    if not advice.allows_payment:
        return _("The rep asked not to be paid. Record new benefits advice if that changes.")
    return None


@transaction.atomic
def benefits_advice_record(
    *,
    council: Council,
    rep,
    offered_on: dt.date,
    choice: str,
    wants_payment: bool | None = None,
    actor,
) -> BenefitsAdvice:
    refuse_unless(access.involvement_add_refusal(actor, rep=rep, council=council))
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if offered_on > today:
        errors["offered_on"] = _("The date cannot be in the future.")
    elif offered_on < today - PAST_LIMIT:
        errors["offered_on"] = _("Enter a date within the last 12 months.")
    if choice not in BenefitsChoice.values:
        errors["choice"] = _("Choose what the rep chose.")
    if errors:
        raise ValidationError(errors)
    advice = BenefitsAdvice.objects.create(
        organisation_id=council.organisation_id,
        council=council,
        rep=rep,
        offered_on=offered_on,
        choice=choice,
        wants_payment=wants_payment,
        recorded_by=actor,
    )
    audit_record(
        organisation=council.organisation,
        actor=actor,
        action="expenses.benefits_advice_recorded",
        obj=advice,
        changes={"rep": rep.public_id, "choice": choice, "wants_payment": wants_payment},
    )
    return advice


def _check_time(*, activity_date: dt.date, description: str, hours: Decimal | None) -> str:
    """The hours, date and what the time was for: the same rules when a
    payment is added and when it is corrected. Returns the description."""
    description = description.strip()
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if hours is None or hours <= 0:
        errors["hours"] = _("Enter how many hours, for example 2.5.")
    elif hours > HOURS_MAX:
        errors["hours"] = _("Enter 24 hours or fewer.")
    elif hours != hours.quantize(Decimal("0.01")):
        errors["hours"] = _("Enter the hours with no more than 2 numbers after the point.")
    if activity_date is None:
        errors["activity_date"] = _("Enter the date.")
    elif activity_date > today:
        errors["activity_date"] = _("The date cannot be in the future.")
    elif activity_date < today - PAST_LIMIT:
        errors["activity_date"] = _("Enter a date within the last 12 months.")
    if not description:
        errors["description"] = _("Say what the time was for, for example ‘Council meeting’.")
    elif len(description) > DESCRIPTION_MAX:
        errors["description"] = _("Use 200 characters or fewer.")
    if errors:
        raise ValidationError(errors)
    return description


def _history(
    payment: InvolvementPayment,
    *,
    from_status: str,
    to_status: str,
    actor,
    action: str,
    changes,
    note: str = "",
) -> None:
    payment.status = to_status
    InvolvementStatusChange.objects.create(
        organisation_id=payment.organisation_id,
        payment=payment,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        note=note,
        at=timezone.now(),
    )
    audit_record(
        organisation=payment.organisation,
        actor=actor,
        action=action,
        obj=payment,
        changes={"status": [from_status, to_status], **changes},
    )


@transaction.atomic
def involvement_payment_add(
    *,
    council: Council,
    rep,
    activity_date: dt.date,
    description: str,
    hours: Decimal | None,
    actor,
) -> InvolvementPayment:
    """A payment for ``hours`` of the rep's time at the organisation's rate.
    It waits for finance; it is paid only once benefits advice is recorded."""
    refuse_unless(access.involvement_add_refusal(actor, rep=rep, council=council))
    policy = policy_for(council.organisation)
    description = _check_time(activity_date=activity_date, description=description, hours=hours)
    if policy.involvement_hourly_rate_pence < NATIONAL_LIVING_WAGE_PENCE:
        raise ValidationError(
            {
                "hours": _(
                    "The organisation's hourly rate is below the National Living Wage "
                    "(%(floor)s). The admin must raise it first."
                )
                % {"floor": money(NATIONAL_LIVING_WAGE_PENCE)}
            }
        )
    rate = policy.involvement_hourly_rate_pence
    payment = InvolvementPayment.objects.create(
        organisation_id=council.organisation_id,
        council=council,
        rep=rep,
        created_by=actor,
        activity_date=activity_date,
        description=description,
        hours=hours,
        rate_pence=rate,
        amount_pence=hours_pence(hours, rate),
    )
    _history(
        payment,
        from_status="",
        to_status=InvolvementPaymentStatus.WAITING,
        actor=actor,
        action="expenses.involvement_payment_added",
        changes={"hours": str(hours), "rate_pence": rate, "amount_pence": payment.amount_pence},
    )
    after_commit(tasks.notify_involvement_added, payment.pk)
    return payment


@transaction.atomic
def involvement_payments_mark_paid(
    *,
    organisation: Organisation,
    payments: list[InvolvementPayment],
    paid_on: dt.date | None,
    method: str,
    actor,
) -> list[InvolvementPayment]:
    """Pay involvement payments, all or none. Each needs benefits advice on record."""
    errors: dict[str, str] = {}
    if paid_on is None:
        errors["paid_on"] = _("Enter the date of payment.")
    elif paid_on > timezone.localdate():
        errors["paid_on"] = _("The date of payment cannot be in the future.")
    if method not in PaymentMethod.values:
        errors["method"] = _("Choose how it was paid.")
    if not payments:
        errors["payments"] = _("Choose at least one payment.")
    if errors:
        raise ValidationError(errors)
    paid = []
    for payment in sorted(payments, key=lambda p: p.pk):
        payment = (
            InvolvementPayment.objects.select_for_update()
            .select_related("organisation", "rep")
            .get(pk=payment.pk)
        )
        if payment.organisation_id != organisation.pk:
            raise ValidationError(_("A payment from another organisation was chosen."))
        refuse_unless(access.involvement_pay_refusal(actor, payment))
        advice = advice_in_force(organisation, payment.rep)
        refusal = payment_refusal_for_advice(advice)
        if refusal:
            raise ValidationError({"payments": refusal})
        payment.advice = advice
        payment.paid_on = paid_on
        payment.payment_method = method
        payment.paid_by = actor
        _history(
            payment,
            from_status=payment.status,
            to_status=InvolvementPaymentStatus.PAID,
            actor=actor,
            action="expenses.involvement_payment_paid",
            changes={"paid_on": paid_on, "method": method, "advice": advice.public_id},
        )
        payment.save(update_fields=["status", "advice", "paid_on", "payment_method", "paid_by"])
        after_commit(tasks.notify_involvement_paid, payment.pk)
        paid.append(payment)
    return paid


def _lock(payment: InvolvementPayment) -> InvolvementPayment:
    return (
        InvolvementPayment.objects.select_for_update()
        .select_related("organisation", "council", "rep")
        .get(pk=payment.pk)
    )


def _reason(reason: str) -> str:
    return plain_reason(
        reason,
        field="reason",
        empty=_("Say why, so that anyone reading the record later understands."),
        short=_("Explain the reason in a full sentence."),
    )


@transaction.atomic
def involvement_payment_correct(
    *,
    payment: InvolvementPayment,
    activity_date: dt.date,
    description: str,
    hours: Decimal | None,
    reason: str,
    actor,
) -> InvolvementPayment:
    """Put right a payment recorded wrongly, while it waits for payment. The
    amount is worked out again at the rate recorded with it; what it was, what
    it is now and why are kept in the history and the audit log."""
    payment = _lock(payment)
    refuse_unless(access.involvement_change_refusal(actor, payment))
    errors = {}
    try:
        description = _check_time(activity_date=activity_date, description=description, hours=hours)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        reason = _reason(reason)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    fields = ["activity_date", "description", "hours", "amount_pence"]
    before = {name: getattr(payment, name) for name in fields}
    payment.activity_date = activity_date
    payment.description = description
    payment.hours = hours
    payment.amount_pence = hours_pence(hours, payment.rate_pence)
    changes = {
        name: [str(before[name]), str(getattr(payment, name))]
        for name in fields
        if before[name] != getattr(payment, name)
    }
    if not changes:
        raise ValidationError({"hours": _("Nothing was changed. Change what was wrong first.")})
    _history(
        payment,
        from_status=payment.status,
        to_status=payment.status,
        actor=actor,
        action="expenses.involvement_payment_corrected",
        changes={**changes, "reason": reason},
        note=reason,
    )
    payment.save(update_fields=fields)
    return payment


@transaction.atomic
def involvement_payment_cancel(
    *, payment: InvolvementPayment, reason: str, actor
) -> InvolvementPayment:
    """Cancel a payment recorded wrongly, before it is paid. It stays on the
    record as cancelled, with the reason; it is never deleted."""
    payment = _lock(payment)
    refuse_unless(access.involvement_change_refusal(actor, payment))
    reason = _reason(reason)
    payment.cancel_reason = reason
    _history(
        payment,
        from_status=payment.status,
        to_status=InvolvementPaymentStatus.CANCELLED,
        actor=actor,
        action="expenses.involvement_payment_cancelled",
        changes={"amount_pence": payment.amount_pence, "reason": reason},
        note=reason,
    )
    payment.save(update_fields=["status", "cancel_reason"])
    return payment


@transaction.atomic
def involvement_payment_reverse(
    *, payment: InvolvementPayment, reason: str, actor
) -> InvolvementPayment:
    """Finance records that a paid payment was paid in error. It keeps its
    payment details and stays on every list as "paid in error", with the
    reason; the coordinator adds the right payment, if any, as a new one."""
    payment = _lock(payment)
    refuse_unless(access.involvement_reverse_refusal(actor, payment))
    reason = _reason(reason)
    payment.cancel_reason = reason
    _history(
        payment,
        from_status=payment.status,
        to_status=InvolvementPaymentStatus.REVERSED,
        actor=actor,
        action="expenses.involvement_payment_reversed",
        changes={
            "amount_pence": payment.amount_pence,
            "paid_on": payment.paid_on,
            "reason": reason,
        },
        note=reason,
    )
    payment.save(update_fields=["status", "cancel_reason"])
    return payment


def involvement_exported(*, organisation: Organisation, count: int, actor) -> None:
    audit_record(
        organisation=organisation,
        actor=actor,
        action="expenses.involvement_exported",
        obj=organisation,
        changes={"payments": count},
    )
