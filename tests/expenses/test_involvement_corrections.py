"""An involvement payment recorded wrongly: a coordinator of the council
corrects or cancels it while it waits, with a reason; finance records a paid
one as paid in error. Every change is audited and kept; nothing vanishes."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.models import AuditEvent
from councils.periods import this_quarter_so_far
from expenses import services
from expenses.figures import involvement_figures
from expenses.models import InvolvementPayment
from tests.expenses.test_involvement import YESTERDAY, add_payment, pay, record_advice, switch_on

pytestmark = pytest.mark.django_db
REASON = "The meeting lasted two hours, not three as first written."


@pytest.fixture
def payment(tenant_a):
    switch_on(tenant_a, rate_pence=1500)
    return add_payment(tenant_a, hours="3")


def correct(tenant, payment, *, hours="2", reason=REASON, actor=None):
    return services.involvement_payment_correct(
        payment=payment,
        activity_date=YESTERDAY,
        description="Council meeting",
        hours=Decimal(hours),
        reason=reason,
        actor=actor or tenant["coordinator"],
    )


def test_a_waiting_payment_is_corrected_at_its_own_rate(tenant_a, payment):
    services.policy_update(
        organisation=tenant_a.organisation,
        actor=tenant_a["admin"],
        involvement_hourly_rate_pence=2000,
    )
    corrected = correct(tenant_a, payment, hours="2")
    assert corrected.amount_pence == 3000  # 2 hours at the 15.00 it was added at
    assert corrected.status == "waiting"
    change = corrected.history.last()
    assert (change.from_status, change.to_status, change.note) == ("waiting", "waiting", REASON)
    event = AuditEvent.objects.get(action="expenses.involvement_payment_corrected")
    assert event.changes["amount_pence"] == ["4500", "3000"]
    assert event.changes["reason"] == REASON


@pytest.mark.parametrize(
    "reason, hours, field",
    [
        ("", "2", "reason"),
        ("Wrong", "2", "reason"),
        (REASON, "3", "hours"),
        (REASON, "30", "hours"),
    ],
)
def test_a_correction_needs_a_reason_and_a_change(tenant_a, payment, reason, hours, field):
    with pytest.raises(ValidationError) as error:
        correct(tenant_a, payment, hours=hours, reason=reason)
    assert field in error.value.message_dict
    payment.refresh_from_db()
    assert payment.amount_pence == 4500


def test_a_waiting_payment_is_cancelled_and_kept(tenant_a, payment):
    services.involvement_payment_cancel(
        payment=payment, reason="Added to the wrong rep by mistake.", actor=tenant_a["coordinator"]
    )
    payment = InvolvementPayment.objects.get(pk=payment.pk)
    assert payment.status == "cancelled"
    assert payment.cancel_reason == "Added to the wrong rep by mistake."
    assert [h.to_status for h in payment.history.all()] == ["waiting", "cancelled"]
    assert AuditEvent.objects.filter(action="expenses.involvement_payment_cancelled").exists()
    record_advice(tenant_a)
    with pytest.raises(PermissionDenied, match="cancelled"):
        pay(tenant_a, [payment])
    with pytest.raises(PermissionDenied):
        correct(tenant_a, payment)
    figures = involvement_figures(tenant_a.organisation, None, this_quarter_so_far())
    assert figures.payments_waiting == 0


def test_who_may_correct_or_cancel(tenant_a, payment):
    for who in ("rep", "finance", "manager", "chair"):
        with pytest.raises(PermissionDenied):
            correct(tenant_a, payment, actor=tenant_a[who])
        with pytest.raises(PermissionDenied):
            services.involvement_payment_cancel(payment=payment, reason=REASON, actor=tenant_a[who])
    with pytest.raises(PermissionDenied):  # only finance records a payment as paid in error
        services.involvement_payment_reverse(
            payment=payment, reason=REASON, actor=tenant_a["coordinator"]
        )


def test_a_paid_payment_cannot_vanish(tenant_a, payment):
    record_advice(tenant_a)
    [paid] = pay(tenant_a, [payment])
    with pytest.raises(PermissionDenied, match="paid in error"):
        services.involvement_payment_cancel(
            payment=paid, reason=REASON, actor=tenant_a["coordinator"]
        )
    with pytest.raises(PermissionDenied):
        correct(tenant_a, paid)
    with pytest.raises(PermissionDenied):
        services.involvement_payment_reverse(
            payment=paid, reason=REASON, actor=tenant_a["coordinator"]
        )
    with pytest.raises(ValidationError):
        services.involvement_payment_reverse(payment=paid, reason="", actor=tenant_a["finance"])
    reversed_ = services.involvement_payment_reverse(
        payment=paid, reason="Paid twice: the bank sent it back.", actor=tenant_a["finance"]
    )
    reversed_ = InvolvementPayment.objects.get(pk=reversed_.pk)
    assert reversed_.status == "reversed"
    # Its payment details stay, with the reason.
    assert reversed_.paid_on == timezone.localdate() and reversed_.paid_by == tenant_a["finance"]
    assert [h.to_status for h in reversed_.history.all()] == ["waiting", "paid", "reversed"]
    assert AuditEvent.objects.filter(action="expenses.involvement_payment_reversed").exists()
    figures = involvement_figures(tenant_a.organisation, None, this_quarter_so_far())
    assert figures.payments_paid == 0 and figures.amount_paid_pence == 0


def test_the_payment_page(tenant_a, payment, client_for, django_assert_max_num_queries):
    org = tenant_a.organisation.slug
    url = f"/{org}/expenses/involvement/payments/{payment.public_id}/"
    coordinator = client_for(tenant_a["coordinator"])
    with django_assert_max_num_queries(30):
        page = coordinator.get(url)
    assert page.status_code == 200
    assert "Correct the payment" in page.content.decode()
    person = coordinator.get(f"/{org}/expenses/involvement/people/{tenant_a['rep'].public_id}/")
    assert url in person.content.decode()
    # A reason too short: the page comes back with the words kept.
    page = coordinator.post(url, {"action": "cancel", "reason": "Wrong"})
    assert page.status_code == 200 and "full sentence" in page.content.decode()
    assert InvolvementPayment.objects.get(pk=payment.pk).status == "waiting"
    page = coordinator.post(
        url,
        {
            "action": "correct",
            "activity_date": YESTERDAY.isoformat(),
            "description": "Council meeting",
            "hours": "2",
            "reason": REASON,
        },
    )
    assert page.status_code == 302
    assert InvolvementPayment.objects.get(pk=payment.pk).amount_pence == 3000
    # The rep sees none of it; finance cannot cancel a waiting payment; the
    # coordinator can. (One test client: each client_for signs it in again.)
    assert client_for(tenant_a["rep"]).get(url).status_code == 403
    finance = client_for(tenant_a["finance"])
    assert finance.post(url, {"action": "cancel", "reason": REASON}).status_code == 403
    coordinator = client_for(tenant_a["coordinator"])
    assert coordinator.post(url, {"action": "cancel", "reason": REASON}).status_code == 302
    assert InvolvementPayment.objects.get(pk=payment.pk).status == "cancelled"
    assert "Cancelled" in coordinator.get(url).content.decode()


def test_finance_records_a_paid_one_from_the_list(tenant_a, payment, client_for):
    record_advice(tenant_a)
    pay(tenant_a, [payment])
    finance = client_for(tenant_a["finance"])
    org = tenant_a.organisation.slug
    url = f"/{org}/expenses/involvement/payments/{payment.public_id}/"
    assert url in finance.get(f"/{org}/expenses/involvement/to-pay/").content.decode()
    assert "Record as paid in error" in finance.get(url).content.decode()
    assert finance.post(url, {"action": "reverse", "reason": REASON}).status_code == 302
    assert InvolvementPayment.objects.get(pk=payment.pk).status == "reversed"
