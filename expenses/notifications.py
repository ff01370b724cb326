"""Emails about expense claims. Called by expenses.tasks after a transaction
has committed; each takes an id, loads what it needs, and writes to the people
who have an address (many reps have none: their claim's page says the same)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from councils.email import email_people

from . import access, selectors
from .models import Claim, ClaimStatus, InvolvementPayment, InvolvementPaymentStatus
from .money import money
from .services.common import claim_total_pence


def _link(name: str, claim: Claim) -> str:
    return settings.SITE_URL + reverse(name, args=[claim.organisation.slug, claim.public_id])


def _claim(claim_id: int) -> Claim:
    return Claim.objects.select_related("organisation", "council", "rep").get(pk=claim_id)


def _approvers(claim: Claim) -> list:
    return [
        p
        for p in selectors.people_holding(claim.council, access.APPROVE)
        if access.decide_refusal(p, claim) is None
    ]


def _payers(claim: Claim) -> list:
    people = selectors.people_holding(claim.council, access.PAY)
    if not people.exists():
        people = selectors.people_holding(claim.council, access.MANAGE_POLICY)
    return [p for p in people if p.pk not in (claim.rep_id, claim.created_by_id)]


def claim_submitted(*, claim_id: int) -> int:
    claim = _claim(claim_id)
    if claim.status != ClaimStatus.SUBMITTED:
        return 0
    return email_people(
        people=_approvers(claim),
        subject=_("An expense claim is waiting for approval"),
        template="expenses/email/claim_submitted.txt",
        context={
            "claim": claim,
            "total": money(claim_total_pence(claim)),
            "link": _link("expenses_claim_detail", claim),
        },
    )


def claim_decided(*, claim_id: int) -> int:
    claim = _claim(claim_id)
    subjects = {
        ClaimStatus.APPROVED: _("Your expense claim is approved"),
        ClaimStatus.QUERIED: _("A question about your expense claim"),
        ClaimStatus.REJECTED: _("Your expense claim was not approved"),
    }
    if claim.status not in subjects:
        return 0
    return email_people(
        people=[claim.rep],
        subject=subjects[claim.status],
        template="expenses/email/claim_decided.txt",
        context={
            "claim": claim,
            "total": money(claim_total_pence(claim)),
            "link": _link("expenses_claim_detail", claim),
        },
    )


def claim_paid(*, claim_id: int) -> int:
    claim = _claim(claim_id)
    if claim.status != ClaimStatus.PAID:
        return 0
    return email_people(
        people=[claim.rep],
        subject=_("Your expenses have been paid"),
        template="expenses/email/claim_paid.txt",
        context={
            "claim": claim,
            "amount": money(claim.amount_paid_pence),
            "link": _link("expenses_claim_detail", claim),
        },
    )


def overdue_reminder(*, claim_id: int) -> int:
    """To the approvers of a claim waiting for approval, or to whoever pays an
    approved one."""
    claim = _claim(claim_id)
    if claim.status == ClaimStatus.SUBMITTED:
        people = _approvers(claim)
    elif claim.status == ClaimStatus.APPROVED:
        people = _payers(claim)
    else:
        return 0
    return email_people(
        people=people,
        subject=_("An expense claim is overdue"),
        template="expenses/email/overdue_reminder.txt",
        context={
            "claim": claim,
            "age": selectors.age_in_working_days(claim),
            "total": money(claim_total_pence(claim)),
            "link": _link("expenses_claim_detail", claim),
        },
    )


# ---------------------------------------------------------------- involvement payments


def _involvement(payment_id: int) -> InvolvementPayment:
    return InvolvementPayment.objects.select_related("organisation", "council", "rep").get(
        pk=payment_id
    )


def _involvement_link(payment: InvolvementPayment, name: str) -> str:
    return settings.SITE_URL + reverse(name, args=[payment.organisation.slug])


def involvement_added(*, payment_id: int) -> int:
    """To whoever pays: a payment for a rep's time is waiting."""
    payment = _involvement(payment_id)
    if payment.status != InvolvementPaymentStatus.WAITING:
        return 0
    people = selectors.people_holding(payment.council, access.PAY)
    if not people.exists():
        people = selectors.people_holding(payment.council, access.MANAGE_POLICY)
    return email_people(
        people=[p for p in people if p.pk not in (payment.rep_id, payment.created_by_id)],
        subject=_("An involvement payment is waiting to be paid"),
        template="expenses/email/involvement_added.txt",
        context={
            "payment": payment,
            "amount": money(payment.amount_pence),
            "link": _involvement_link(payment, "expenses_involvement_to_pay"),
        },
    )


def involvement_paid(*, payment_id: int) -> int:
    payment = _involvement(payment_id)
    if payment.status != InvolvementPaymentStatus.PAID:
        return 0
    return email_people(
        people=[payment.rep],
        subject=_("Your involvement payment has been paid"),
        template="expenses/email/involvement_paid.txt",
        context={
            "payment": payment,
            "amount": money(payment.amount_pence),
            "link": _involvement_link(payment, "expenses_involvement_mine"),
        },
    )
