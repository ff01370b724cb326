"""Involvement payments: off by default, at least the National Living Wage,
never paid before benefits advice is recorded, separation of duties, and kept
apart from every expenses list, export and figure."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.models import AuditEvent
from councils.periods import this_quarter_so_far
from expenses import services
from expenses.figures import expenses_figures
from expenses.models import InvolvementPayment, InvolvementStatusChange
from expenses.money import NATIONAL_LIVING_WAGE_PENCE
from tests.expenses.factories import paid_claim

pytestmark = pytest.mark.django_db
YESTERDAY = timezone.localdate() - dt.timedelta(days=1)


def switch_on(tenant, rate_pence=1500):
    return services.policy_update(
        organisation=tenant.organisation,
        actor=tenant["admin"],
        involvement_payments_enabled=True,
        involvement_hourly_rate_pence=rate_pence,
    )


def add_payment(tenant, hours="2.5", actor=None):
    return services.involvement_payment_add(
        council=tenant.council,
        rep=tenant["rep"],
        activity_date=YESTERDAY,
        description="Council meeting",
        hours=Decimal(hours),
        actor=actor or tenant["coordinator"],
    )


def record_advice(tenant, choice="took_advice", wants_payment=None):
    return services.benefits_advice_record(
        council=tenant.council,
        rep=tenant["rep"],
        offered_on=YESTERDAY,
        choice=choice,
        wants_payment=wants_payment,
        actor=tenant["coordinator"],
    )


def pay(tenant, payments, actor=None):
    return services.involvement_payments_mark_paid(
        organisation=tenant.organisation,
        payments=payments,
        paid_on=timezone.localdate(),
        method="bank_transfer",
        actor=actor or tenant["finance"],
    )


def test_off_by_default(tenant_a):
    with pytest.raises(PermissionDenied):
        add_payment(tenant_a)


def test_floor_is_the_national_living_wage_from_april_2025():
    assert NATIONAL_LIVING_WAGE_PENCE == 1221


def test_rate_under_the_national_living_wage_is_refused(tenant_a):
    with pytest.raises(ValidationError) as error:
        switch_on(tenant_a, rate_pence=1220)
    assert "involvement_hourly_rate_pence" in error.value.message_dict
    policy = switch_on(tenant_a, rate_pence=1221)
    assert policy.involvement_hourly_rate_pence == 1221


def test_amount_is_hours_times_rate_to_the_penny(tenant_a):
    switch_on(tenant_a, rate_pence=1221)
    payment = add_payment(tenant_a, hours="2.5")
    assert payment.amount_pence == 3053  # 2.5 × 1221 = 3052.5, half a penny up
    assert payment.rate_pence == 1221
    assert [h.to_status for h in InvolvementStatusChange.objects.filter(payment=payment)] == [
        "waiting"
    ]
    assert AuditEvent.objects.filter(action="expenses.involvement_payment_added").exists()


@pytest.mark.parametrize("hours", ["0", "-1", "25"])
def test_bad_hours_are_refused(tenant_a, hours):
    switch_on(tenant_a)
    with pytest.raises(ValidationError) as error:
        add_payment(tenant_a, hours=hours)
    assert "hours" in error.value.message_dict


def test_never_paid_before_benefits_advice_is_recorded(tenant_a):
    switch_on(tenant_a)
    payment = add_payment(tenant_a)
    with pytest.raises(ValidationError):
        pay(tenant_a, [payment])
    payment.refresh_from_db()
    assert payment.status == "waiting"
    advice = record_advice(tenant_a, choice="declined_advice")
    [paid] = pay(tenant_a, [payment])
    assert paid.status == "paid" and paid.advice == advice
    assert [h.to_status for h in paid.history.all()] == ["waiting", "paid"]


def test_rep_who_asked_not_to_be_paid_is_not_paid(tenant_a):
    switch_on(tenant_a)
    payment = add_payment(tenant_a)
    record_advice(tenant_a, choice="no_benefits", wants_payment=False)
    with pytest.raises(ValidationError):
        pay(tenant_a, [payment])


def test_separation_of_duties(tenant_a):
    switch_on(tenant_a)
    with pytest.raises(PermissionDenied):  # a rep cannot add their own
        add_payment(tenant_a, actor=tenant_a["rep"])
    with pytest.raises(PermissionDenied):  # a manager is not a coordinator
        add_payment(tenant_a, actor=tenant_a["manager"])
    payment = add_payment(tenant_a)
    record_advice(tenant_a)
    with pytest.raises(PermissionDenied):  # the coordinator who added it does not pay it
        pay(tenant_a, [payment], actor=tenant_a["coordinator"])
    with pytest.raises(PermissionDenied):  # an admin, where there is a finance officer
        pay(tenant_a, [payment], actor=tenant_a["admin"])
    with pytest.raises(PermissionDenied):
        services.benefits_advice_record(
            council=tenant_a.council,
            rep=tenant_a["rep"],
            offered_on=YESTERDAY,
            choice="took_advice",
            actor=tenant_a["rep"],
        )


def test_paid_email_goes_to_the_rep(tenant_a, mailoutbox, django_capture_on_commit_callbacks):
    switch_on(tenant_a)
    tenant_a["rep"].email = "rep@example.org"
    tenant_a["rep"].save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        payment = add_payment(tenant_a)
        record_advice(tenant_a)
        pay(tenant_a, [payment])
    assert any("involvement payment" in m.subject for m in mailoutbox)
    assert "rep@example.org" in [m.to[0] for m in mailoutbox]


def test_kept_apart_from_expenses_figures_and_csv(tenant_a, client_for):
    switch_on(tenant_a)
    claim = paid_claim(tenant_a, amounts=(450,))
    payment = add_payment(tenant_a)
    figures = expenses_figures(tenant_a.organisation, None, this_quarter_so_far())
    assert figures.amount_paid_pence == claim.amount_paid_pence == 450
    client = client_for(tenant_a["finance"])
    body = client.get(f"/{tenant_a.organisation.slug}/expenses/to-pay.csv").content.decode()
    assert payment.public_id not in body
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    f"/{tenant_a.organisation.slug}/expenses/involvement/to-pay.csv"
                ).content.decode()
            )
        )
    )
    assert rows[1][0] == payment.public_id
    assert rows[-1] == ["total", "", "", "", "", "", "37.50", ""]  # 2.5 × £15
    assert AuditEvent.objects.filter(action="expenses.involvement_exported").exists()


def test_pages_for_coordinator_finance_and_rep(tenant_a, client_for):
    switch_on(tenant_a)
    base = f"/{tenant_a.organisation.slug}/expenses/involvement"
    rep = tenant_a["rep"]
    client = client_for(tenant_a["coordinator"])
    assert client.get(f"{base}/").status_code == 200
    person = f"{base}/people/{rep.public_id}/"
    # Bad input: the error beside the field and what was typed kept.
    response = client.post(
        f"{person}payments/",
        {
            "council": tenant_a.council.public_id,
            "activity_date": YESTERDAY.isoformat(),
            "description": "Training day",
            "hours": "0",
        },
    )
    assert response.status_code == 200
    assert "Training day" in response.content.decode()
    response = client.post(
        f"{person}payments/",
        {
            "council": tenant_a.council.public_id,
            "activity_date": YESTERDAY.isoformat(),
            "description": "Training day",
            "hours": "3",
        },
    )
    assert response.status_code == 302
    payment = InvolvementPayment.objects.get()
    assert payment.amount_pence == 4500
    page = client.get(person).content.decode()
    assert "First record that the rep was offered independent benefits advice" in page
    response = client.post(
        f"{person}advice/",
        {"offered_on": YESTERDAY.isoformat(), "choice": "took_advice", "wants_payment": "yes"},
    )
    assert response.status_code == 302

    finance = client_for(tenant_a["finance"])
    assert "£45.00" in finance.get(f"{base}/to-pay/").content.decode()
    response = finance.post(
        f"{base}/to-pay/pay/",
        {
            "payments": [payment.public_id],
            "paid_on": timezone.localdate().isoformat(),
            "method": "cash",
        },
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == "paid"

    mine = client_for(rep).get(f"{base}/mine/")
    assert mine.status_code == 200 and "£45.00" in mine.content.decode()


def test_pages_refuse_when_switched_off(tenant_a, client_for):
    base = f"/{tenant_a.organisation.slug}/expenses/involvement"
    assert client_for(tenant_a["coordinator"]).get(f"{base}/").status_code == 403
    assert client_for(tenant_a["rep"]).get(f"{base}/mine/").status_code == 403


def test_policy_page_sets_the_switch_and_refuses_a_low_rate(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    url = f"/{tenant_a.organisation.slug}/expenses/policy/"
    data = {
        "mileage_rate_pence": "45",
        "second_approval_above": "100.00",
        "payment_target_working_days": "10",
        "involvement_payments_enabled": "on",
        "involvement_hourly_rate": "12.00",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "National Living Wage" in response.content.decode()
    assert response.context["form"].errors["involvement_hourly_rate"]
    response = client.post(url, {**data, "involvement_hourly_rate": "12.21"})
    assert response.status_code == 302
    policy = services.policy_for(tenant_a.organisation)
    assert policy.involvement_payments_enabled and policy.involvement_hourly_rate_pence == 1221
