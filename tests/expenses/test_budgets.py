"""Budgets: set by the admin or the council's coordinators for a financial
year (April to March), pounds and pence, never negative, shown against spending."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.models import AuditEvent
from expenses import services
from expenses.forms import financial_year_of
from expenses.models import CouncilBudget
from tests.expenses.factories import approved_claim

pytestmark = pytest.mark.django_db


def page(tenant):
    return f"/{tenant.organisation.slug}/expenses/budgets/"


def this_year():
    return financial_year_of(timezone.localdate())


def test_coordinator_sets_a_budget_in_pounds_and_pence(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    data = {"council": tenant_a.council.public_id, "year": this_year(), "amount": "£1,250.50"}
    response = client.post(page(tenant_a), data)
    assert response.status_code == 302
    budget = CouncilBudget.objects.get()
    assert (budget.amount_pence, budget.year_starting) == (125050, this_year())
    assert AuditEvent.objects.filter(action="expenses.budget_set").exists()
    # Set again: the same row changes, no second budget for the year.
    client.post(page(tenant_a), {**data, "amount": "1300"})
    assert CouncilBudget.objects.get().amount_pence == 130000


def test_spending_is_shown_against_the_budget(tenant_a, client_for):
    approved_claim(tenant_a, amounts=(450, 300))
    services.budget_set(
        council=tenant_a.council,
        year_starting=this_year(),
        amount_pence=10000,
        actor=tenant_a["admin"],
    )
    body = client_for(tenant_a["coordinator"]).get(page(tenant_a)).content.decode()
    assert "£100.00" in body and "£7.50" in body and "£92.50" in body


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "cannot be less than 0"),
        ("12.345", "no more than 2 numbers after the point"),
        ("lots", "pounds and pence"),
        ("5000000", "or less"),
    ],
)
def test_bad_amounts_are_shown_beside_the_field(tenant_a, client_for, amount, message):
    client = client_for(tenant_a["admin"])
    data = {"council": tenant_a.council.public_id, "year": this_year(), "amount": amount}
    response = client.post(page(tenant_a), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["amount"])
    assert f'value="{amount}"' in response.content.decode()
    assert not CouncilBudget.objects.exists()


def test_service_refuses_negative_and_people_who_may_not(tenant_a):
    with pytest.raises(ValidationError):
        services.budget_set(
            council=tenant_a.council,
            year_starting=this_year(),
            amount_pence=-1,
            actor=tenant_a["admin"],
        )
    for role in ("manager", "rep", "finance"):
        with pytest.raises(PermissionDenied):
            services.budget_set(
                council=tenant_a.council,
                year_starting=this_year(),
                amount_pence=100,
                actor=tenant_a[role],
            )


def test_manager_sees_totals_but_cannot_set_budgets(tenant_a, client_for):
    client = client_for(tenant_a["manager"])
    assert client.get(page(tenant_a)).status_code == 403
    totals = client.get(f"/{tenant_a.organisation.slug}/expenses/totals/")
    assert totals.status_code == 200 and "Spending against budget" in totals.content.decode()
