"""Every transition and refusal, called on the services directly."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from councils.models import AuditEvent, Role
from expenses import services
from expenses.models import Claim, ExpensePolicy
from tests.expenses.factories import approved_claim, draft_claim, submitted_claim
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def second_coordinator(tenant):
    return user_with_role(tenant.organisation, Role.COORDINATOR, username="second-coordinator")


def test_rep_claims_for_themself_and_a_token_makes_one_claim(tenant_a):
    rep = tenant_a["rep"]
    kwargs = dict(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        rep=rep,
        activity_kind="training",
        activity_description="Safeguarding course",
        activity_date=TODAY(),
        submission_token="tok-1",
        actor=rep,
    )
    first, created = services.claim_create(**kwargs)
    again, created_again = services.claim_create(**kwargs)
    assert created and not created_again
    assert first.pk == again.pk
    assert Claim.objects.count() == 1
    assert AuditEvent.objects.filter(action="expenses.claim_started").count() == 1


def test_a_rep_cannot_claim_for_another_rep(tenant_a):
    other = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    with pytest.raises(PermissionDenied):
        draft_claim(tenant_a, rep=other, actor=tenant_a["rep"])


def test_staff_who_are_not_coordinators_cannot_claim_for_a_rep(tenant_a):
    for role in ("chair", "manager", "finance", "lead", "admin"):
        with pytest.raises(PermissionDenied):
            draft_claim(tenant_a, actor=tenant_a[role])


def test_activity_date_in_the_future_is_refused(tenant_a):
    with pytest.raises(ValidationError) as error:
        draft_claim(tenant_a, date=TODAY() + dt.timedelta(days=1))
    assert "activity_date" in error.value.message_dict


def test_mileage_is_miles_times_the_rate_and_needs_miles(tenant_a):
    ExpensePolicy.objects.create(organisation=tenant_a.organisation, mileage_rate_pence=45)
    claim = draft_claim(tenant_a, amounts=())
    line = services.claim_line_add(
        claim=claim, kind="mileage", miles=Decimal("12.3"), actor=tenant_a["rep"]
    )
    assert line.amount_pence == 554  # 12.3 × 45 = 553.5, half a penny up
    assert line.rate_pence == 45
    with pytest.raises(ValidationError) as error:
        services.claim_line_add(claim=claim, kind="mileage", miles=None, actor=tenant_a["rep"])
    assert "miles" in error.value.message_dict


@pytest.mark.parametrize("amount", [-1, 0, 100_001, None])
def test_bad_amounts_are_refused(tenant_a, amount):
    claim = draft_claim(tenant_a, amounts=())
    with pytest.raises(ValidationError) as error:
        services.claim_line_add(
            claim=claim, kind="meals", amount_pence=amount, receipt_lost=True, actor=tenant_a["rep"]
        )
    assert "amount" in error.value.message_dict


def test_a_cost_needs_a_receipt_or_a_declaration(tenant_a):
    claim = draft_claim(tenant_a, amounts=())
    with pytest.raises(ValidationError) as error:
        services.claim_line_add(claim=claim, kind="fares", amount_pence=300, actor=tenant_a["rep"])
    assert "receipt" in error.value.message_dict


def test_database_refuses_a_negative_amount(tenant_a):
    claim = draft_claim(tenant_a)
    line = claim.lines.first()
    line.amount_pence = -5
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save(update_fields=["amount_pence"])


def test_an_empty_claim_cannot_be_sent(tenant_a):
    claim = draft_claim(tenant_a, amounts=())
    with pytest.raises(ValidationError):
        services.claim_submit(claim=claim, actor=tenant_a["rep"])


def test_sending_twice_sends_once_and_tells_the_approvers(
    tenant_a, django_capture_on_commit_callbacks
):
    claim = draft_claim(tenant_a)
    with django_capture_on_commit_callbacks(execute=True):
        claim, sent = services.claim_submit(claim=claim, actor=tenant_a["rep"])
        again, sent_again = services.claim_submit(claim=claim, actor=tenant_a["rep"])
    assert sent and not sent_again
    assert claim.history.filter(to_status="submitted").count() == 1
    assert [m.to for m in mail.outbox] == [[tenant_a["coordinator"].email]]


def test_approve_query_reject_by_a_coordinator(tenant_a):
    coordinator = tenant_a["coordinator"]
    claim = services.claim_approve(claim=submitted_claim(tenant_a), actor=coordinator)
    assert claim.status == "approved" and claim.approved_by == coordinator

    queried = services.claim_query(
        claim=submitted_claim(tenant_a),
        question="Which bus did you take to the meeting?",
        actor=coordinator,
    )
    assert queried.status == "queried"
    assert queried.history.last().note == "Which bus did you take to the meeting?"

    rejected = services.claim_reject(
        claim=submitted_claim(tenant_a),
        reason="This meeting was online, so there were no fares to pay.",
        actor=coordinator,
    )
    assert rejected.status == "rejected"


@pytest.mark.parametrize("reason", ["", "No.", "duplicate claim"])
def test_a_rejection_needs_a_reason_in_a_sentence(tenant_a, reason):
    claim = submitted_claim(tenant_a)
    with pytest.raises(ValidationError) as error:
        services.claim_reject(claim=claim, reason=reason, actor=tenant_a["coordinator"])
    assert "reason" in error.value.message_dict
    claim.refresh_from_db()
    assert claim.status == "submitted"


def test_a_queried_claim_is_answered_and_sent_back(tenant_a):
    rep = tenant_a["rep"]
    claim = services.claim_query(
        claim=submitted_claim(tenant_a),
        question="Please add the receipt for the train.",
        actor=tenant_a["coordinator"],
    )
    first_sent = claim.submitted_at
    with pytest.raises(ValidationError):
        services.claim_submit(claim=claim, actor=rep)
    claim, sent = services.claim_submit(claim=claim, answer="The ticket was lost.", actor=rep)
    assert sent and claim.status == "submitted"
    # The rep's wait is measured from the first time it was sent.
    assert claim.submitted_at == first_sent
    assert list(claim.history.values_list("to_status", flat=True)) == [
        "submitted",
        "queried",
        "submitted",
    ]


def test_nobody_approves_their_own_claim(tenant_a):
    coordinator = tenant_a["coordinator"]
    # A coordinator who is also a rep of the council claims for themself.
    user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    from councils.models import RoleAssignment

    RoleAssignment.objects.create(
        organisation=tenant_a.organisation,
        user=coordinator,
        role=Role.REP,
        council=tenant_a.council,
        starts_on=dt.date(2020, 1, 1),
    )
    coordinator.__dict__.pop("_role_assignment_cache", None)
    claim = submitted_claim(tenant_a, rep=coordinator)
    with pytest.raises(PermissionDenied, match="own claim"):
        services.claim_approve(claim=claim, actor=coordinator)


def test_nobody_approves_a_claim_they_made_for_a_rep(tenant_a):
    coordinator = tenant_a["coordinator"]
    claim = submitted_claim(tenant_a, actor=coordinator)
    assert claim.created_by == coordinator and claim.rep == tenant_a["rep"]
    for decide in (
        lambda: services.claim_approve(claim=claim, actor=coordinator),
        lambda: services.claim_query(
            claim=claim, question="Is this right for the fares?", actor=coordinator
        ),
        lambda: services.claim_reject(
            claim=claim, reason="It was made twice by mistake here.", actor=coordinator
        ),
    ):
        with pytest.raises(PermissionDenied, match="another coordinator"):
            decide()
    services.claim_approve(claim=claim, actor=second_coordinator(tenant_a))


@pytest.mark.parametrize("role", ["rep", "chair", "lead", "manager", "finance", "admin"])
def test_only_coordinators_decide(tenant_a, role):
    claim = submitted_claim(tenant_a)
    with pytest.raises(PermissionDenied):
        services.claim_approve(claim=claim, actor=tenant_a[role])


def test_a_coordinator_of_another_council_cannot_decide(tenant_a):
    other = user_with_role(tenant_a.organisation, Role.COORDINATOR, council=tenant_a.other_council)
    with pytest.raises(PermissionDenied):
        services.claim_approve(claim=submitted_claim(tenant_a), actor=other)


def test_above_the_threshold_two_different_approvers(tenant_a):
    ExpensePolicy.objects.create(
        organisation=tenant_a.organisation, second_approval_above_pence=5000
    )
    first = tenant_a["coordinator"]
    claim = submitted_claim(tenant_a, amounts=(3000, 2001))
    claim = services.claim_approve(claim=claim, actor=first)
    assert claim.status == "submitted" and claim.first_approved_by == first
    with pytest.raises(PermissionDenied, match="second, different approver"):
        services.claim_approve(claim=claim, actor=first)
    claim = services.claim_approve(claim=claim, actor=second_coordinator(tenant_a))
    assert claim.status == "approved"


def test_at_the_threshold_one_approver_is_enough(tenant_a):
    ExpensePolicy.objects.create(
        organisation=tenant_a.organisation, second_approval_above_pence=5000
    )
    claim = services.claim_approve(
        claim=submitted_claim(tenant_a, amounts=(5000,)), actor=tenant_a["coordinator"]
    )
    assert claim.status == "approved"


def test_decisions_only_on_waiting_claims(tenant_a):
    claim = draft_claim(tenant_a)
    with pytest.raises(PermissionDenied, match="not waiting"):
        services.claim_approve(claim=claim, actor=tenant_a["coordinator"])


def test_finance_pays_in_a_batch_and_days_are_recorded(
    tenant_a, django_capture_on_commit_callbacks
):
    a = approved_claim(tenant_a, amounts=(450, 1275))
    b = approved_claim(tenant_a, amounts=(999,))
    Claim.objects.filter(pk=a.pk).update(submitted_at=timezone.now() - dt.timedelta(days=6))
    with django_capture_on_commit_callbacks(execute=True):
        paid = services.claims_mark_paid(
            organisation=tenant_a.organisation,
            claims=[a, b],
            paid_on=TODAY(),
            method="cash",
            actor=tenant_a["finance"],
        )
    assert {c.status for c in paid} == {"paid"}
    a.refresh_from_db()
    assert a.amount_paid_pence == 1725 and a.days_to_pay == 6 and a.payment_method == "cash"
    assert len(mail.outbox) == 2


def test_payment_needs_a_date_not_in_the_future_and_a_method(tenant_a):
    claim = approved_claim(tenant_a)
    for paid_on, method in ((TODAY() + dt.timedelta(days=1), "cash"), (TODAY(), "cheque")):
        with pytest.raises(ValidationError):
            services.claim_mark_paid(
                claim=claim, paid_on=paid_on, method=method, actor=tenant_a["finance"]
            )


@pytest.mark.parametrize("role", ["coordinator", "rep", "manager", "chair", "admin"])
def test_only_finance_pays_when_there_is_a_finance_officer(tenant_a, role):
    claim = approved_claim(tenant_a)
    with pytest.raises(PermissionDenied):
        services.claim_mark_paid(claim=claim, paid_on=TODAY(), method="cash", actor=tenant_a[role])


def test_the_admin_pays_where_there_is_no_finance_officer(tenant_a):
    from councils.models import RoleAssignment

    RoleAssignment.objects.filter(user=tenant_a["finance"]).delete()
    claim = services.claim_mark_paid(
        claim=approved_claim(tenant_a), paid_on=TODAY(), method="voucher", actor=tenant_a["admin"]
    )
    assert claim.status == "paid"


def test_a_claim_not_approved_cannot_be_paid(tenant_a):
    claim = submitted_claim(tenant_a)
    with pytest.raises(PermissionDenied, match="approved"):
        services.claim_mark_paid(
            claim=claim, paid_on=TODAY(), method="cash", actor=tenant_a["finance"]
        )


def test_paid_claims_cannot_be_changed(tenant_a):
    claim = approved_claim(tenant_a)
    services.claim_mark_paid(claim=claim, paid_on=TODAY(), method="cash", actor=tenant_a["finance"])
    with pytest.raises(PermissionDenied):
        services.claim_line_add(
            claim=claim, kind="meals", amount_pence=100, receipt_lost=True, actor=tenant_a["rep"]
        )
    with pytest.raises(PermissionDenied):
        services.claim_reject(
            claim=claim, reason="Changed my mind about all of it.", actor=tenant_a["coordinator"]
        )


def test_database_keeps_a_paid_claim_with_its_payment_date(tenant_a):
    claim = approved_claim(tenant_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status="paid")


def test_database_keeps_a_rejection_with_its_reason(tenant_a):
    claim = submitted_claim(tenant_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status="rejected")


def test_an_advance_is_reconciled_and_only_the_difference_is_paid(tenant_a):
    coordinator, rep = tenant_a["coordinator"], tenant_a["rep"]
    advance = services.advance_give(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        rep=rep,
        amount_pence=500,
        method="ticket",
        given_on=TODAY(),
        activity_date=TODAY(),
        description="Return bus ticket to the meeting",
        actor=coordinator,
    )
    claim = submitted_claim(tenant_a, amounts=(500, 350))
    services.advance_reconcile(advance=advance, claim=claim, actor=coordinator)
    assert services.amount_owed_pence(claim) == 350
    claim = services.claim_approve(claim=claim, actor=coordinator)
    claim = services.claim_mark_paid(
        claim=claim, paid_on=TODAY(), method="cash", actor=tenant_a["finance"]
    )
    assert claim.amount_paid_pence == 350
    with pytest.raises(ValidationError):
        services.advance_reconcile(
            advance=advance, claim=submitted_claim(tenant_a), actor=coordinator
        )


def test_only_coordinators_give_advances(tenant_a):
    with pytest.raises(PermissionDenied):
        services.advance_give(
            organisation=tenant_a.organisation,
            council=tenant_a.council,
            rep=tenant_a["rep"],
            amount_pence=500,
            method="cash",
            given_on=TODAY(),
            activity_date=TODAY(),
            description="Bus fare",
            actor=tenant_a["rep"],
        )


def test_overdue_claims_remind_once_a_week(tenant_a, django_capture_on_commit_callbacks):
    claim = submitted_claim(tenant_a)
    Claim.objects.filter(pk=claim.pk).update(submitted_at=timezone.now() - dt.timedelta(days=30))
    fresh = submitted_claim(tenant_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.overdue_reminders_send() == 1
    assert len(mail.outbox) == 1 and "overdue" in mail.outbox[0].subject
    assert services.overdue_reminders_send() == 0
    later = timezone.now() + dt.timedelta(days=8)
    assert services.overdue_reminders_send(now=later) == 1
    fresh.refresh_from_db()
    assert fresh.reminded_at is None


def test_a_policy_change_is_audited_and_only_by_the_admin(tenant_a):
    with pytest.raises(PermissionDenied):
        services.policy_update(
            organisation=tenant_a.organisation, actor=tenant_a["coordinator"], mileage_rate_pence=1
        )
    policy = services.policy_update(
        organisation=tenant_a.organisation, actor=tenant_a["admin"], mileage_rate_pence=40
    )
    assert policy.mileage_rate_pence == 40
    event = AuditEvent.objects.get(action="expenses.policy_changed")
    assert event.changes == {"mileage_rate_pence": [45, 40]}
