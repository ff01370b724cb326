"""Demo claims in every state, so a newcomer sees the whole flow: a draft,
claims waiting (one overdue), a question for a rep, one not approved with its
reason, approved ones waiting for finance, paid ones with their days to pay,
an advance still to reconcile and one set against a claim. Northmoor has a
finance officer; Southfen has none, so its admin pays. Northmoor offers
involvement payments and has one waiting, with its benefits-advice record.

Idempotent: an organisation that has claims already is left alone. Made
through the services (with notifications paused), then moved back in time.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.utils import timezone

from councils.after_commit import notifications_paused
from councils.models import Council, Role, RoleAssignment
from councils.workdays import working_day_on_or_before

from . import services
from .forms import financial_year_of
from .models import Claim, ClaimStatusChange, CouncilBudget, ExpensePolicy, InvolvementPayment
from .money import NATIONAL_LIVING_WAGE_PENCE

User = get_user_model()
DEMO_PASSWORD = "said-and-done-demo"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # the README's published demo secret


def seed(context: dict) -> None:
    people = context["people"]
    with notifications_paused():
        for org in context["organisations"]:
            ExpensePolicy.objects.get_or_create(organisation=org)
            _budgets(org)
            if org.slug == "northmoor":
                _involvement(org, people["nm-admin"], people["nm-rep"], people["nm-coordinator"])
            if Claim.objects.filter(organisation=org).exists():
                continue
            prefix = "nm" if org.slug == "northmoor" else "sf"
            payer = _finance_officer(org) if prefix == "nm" else people[f"{prefix}-admin"]
            rep, coordinator = people[f"{prefix}-rep"], people[f"{prefix}-coordinator"]
            other_rep = people.get(f"{prefix}-rep2", rep)
            _story(org, rep, other_rep, coordinator, payer)


def _finance_officer(org):
    user, created = User.objects.get_or_create(
        username="nm-finance",
        defaults={"display_name": "Fay Mensah", "email": "nm-finance@example.org"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    RoleAssignment.objects.get_or_create(
        organisation=org,
        user=user,
        role=Role.FINANCE,
        defaults={"starts_on": timezone.localdate() - dt.timedelta(days=365)},
    )
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def _budgets(org) -> None:
    year = financial_year_of(timezone.localdate())
    for council in Council.objects.filter(organisation=org):
        CouncilBudget.objects.get_or_create(
            organisation=org, council=council, year_starting=year, defaults={"amount_pence": 150000}
        )


def _involvement(org, admin, rep, coordinator) -> None:
    """Northmoor offers involvement payments: one for a rep's time, with the
    benefits-advice record that lets finance pay it. Southfen keeps the switch off."""
    if InvolvementPayment.objects.filter(organisation=org).exists():
        return
    services.policy_update(
        organisation=org,
        actor=admin,
        involvement_payments_enabled=True,
        involvement_hourly_rate_pence=NATIONAL_LIVING_WAGE_PENCE,
    )
    council = getattr(getattr(rep, "rep_profile", None), "council", None)
    council = council or Council.objects.filter(organisation=org).first()
    today = timezone.localdate()
    services.benefits_advice_record(
        council=council,
        rep=rep,
        offered_on=today - dt.timedelta(days=14),
        choice="took_advice",
        wants_payment=True,
        actor=coordinator,
    )
    services.involvement_payment_add(
        council=council,
        rep=rep,
        activity_date=working_day_on_or_before(today - dt.timedelta(days=3)),
        description="Council meeting and preparation",
        hours=Decimal("3"),
        actor=coordinator,
    )


def _back(claim: Claim, days_ago: int, *, paid_after: int | None = None) -> None:
    """Move a claim's history back in time: sent ``days_ago``, paid after ``paid_after`` days."""
    sent = timezone.now() - dt.timedelta(days=days_ago)
    # The meeting or surgery claimed for was on a working day before it was sent.
    activity = working_day_on_or_before(timezone.localdate(sent) - dt.timedelta(days=1))
    changes = {"submitted_at": sent, "activity_date": activity}
    if claim.approved_at:
        changes["approved_at"] = sent + dt.timedelta(days=1)
    if paid_after is not None:
        changes["paid_on"] = (sent + dt.timedelta(days=paid_after)).date()
        changes["days_to_pay"] = paid_after
    Claim.objects.filter(pk=claim.pk).update(**changes)
    ClaimStatusChange.objects.filter(claim=claim).update(at=sent)


def _claim(org, council, rep, *, kind, description, costs, days_ago=1):
    claim, _ = services.claim_create(
        organisation=org,
        council=council,
        rep=rep,
        activity_kind=kind,
        activity_description=description,
        activity_date=working_day_on_or_before(timezone.localdate() - dt.timedelta(days=days_ago)),
        actor=rep,
    )
    for line_kind, amount in costs:
        if line_kind == "mileage":
            services.claim_line_add(claim=claim, kind="mileage", miles=Decimal(amount), actor=rep)
        else:
            services.claim_line_add(
                claim=claim, kind=line_kind, amount_pence=amount, receipt_lost=True, actor=rep
            )
    return claim


def _send(claim):
    return services.claim_submit(claim=claim, actor=claim.rep)[0]


def _story(org, rep, other_rep, coordinator, payer) -> None:
    council = rep.rep_profile.council if hasattr(rep, "rep_profile") else None
    council = council or Council.objects.filter(organisation=org).first()
    other_council = getattr(getattr(other_rep, "rep_profile", None), "council", None) or council
    today = timezone.localdate()

    # Paid, with believable waits.
    for days_ago, paid_after, costs in (
        (40, 6, [("fares", 480), ("meals", 650)]),
        (30, 12, [("mileage", "18.5")]),
        (20, 4, [("fares", 360), ("phone", 1000)]),
    ):
        claim = _claim(org, council, rep, kind="meeting", description="", costs=costs)
        claim = services.claim_approve(claim=_send(claim), actor=coordinator)
        services.claim_mark_paid(claim=claim, paid_on=today, method="bank_transfer", actor=payer)
        _back(claim, days_ago, paid_after=paid_after)

    # Approved, waiting for finance.
    claim = _claim(
        org, other_council, other_rep, kind="surgery", description="", costs=[("fares", 540)]
    )
    services.claim_approve(claim=_send(claim), actor=coordinator)
    _back(claim, 3)

    # Waiting for approval: one fresh, one overdue.
    _back(
        _send(
            _claim(
                org,
                council,
                rep,
                kind="training",
                description="Safeguarding training",
                costs=[("childcare", 2400)],
            )
        ),
        1,
    )
    overdue = _send(
        _claim(
            org,
            other_council,
            other_rep,
            kind="meeting",
            description="",
            costs=[("fares", 720), ("stationery", 350)],
        )
    )
    _back(overdue, 21)

    # A question for the rep.
    queried = _send(
        _claim(
            org,
            council,
            rep,
            kind="other",
            description="Visit to a hostel",
            costs=[("fares", 1850)],
        )
    )
    services.claim_query(
        claim=queried,
        question="The fare looks high for that journey. Was it a taxi? If so, say why.",
        actor=coordinator,
    )

    # Not approved, with a reason the rep can understand.
    rejected = _send(
        _claim(org, council, rep, kind="meeting", description="", costs=[("meals", 1500)])
    )
    services.claim_reject(
        claim=rejected,
        reason="Lunch was provided at this meeting, so meals cannot be claimed for it.",
        actor=coordinator,
    )
    _back(rejected, 9)

    # A draft the rep has not sent yet.
    _claim(org, council, rep, kind="surgery", description="", costs=[("stamps", 270)])

    # An advance set against a claim, and one still waiting after its journey.
    ticket = services.advance_give(
        organisation=org,
        council=council,
        rep=rep,
        amount_pence=600,
        method="ticket",
        given_on=working_day_on_or_before(today - dt.timedelta(days=8)),
        activity_date=working_day_on_or_before(today - dt.timedelta(days=6)),
        description="Return train ticket to the regional meeting",
        actor=coordinator,
    )
    reconciled = _send(
        _claim(
            org,
            council,
            rep,
            kind="meeting",
            description="",
            costs=[("fares", 600), ("meals", 480)],
        )
    )
    services.advance_reconcile(advance=ticket, claim=reconciled, actor=coordinator)
    services.advance_give(
        organisation=org,
        council=other_council,
        rep=other_rep,
        amount_pence=1000,
        method="cash",
        given_on=working_day_on_or_before(today - dt.timedelta(days=12)),
        activity_date=working_day_on_or_before(today - dt.timedelta(days=10)),
        description="Bus fares for the surgery week",
        actor=coordinator,
    )
