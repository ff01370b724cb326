"""Figures for the quarterly report and the managers' page."""

import datetime as dt

import pytest
from django.utils import timezone

from councils.periods import custom_period
from expenses.figures import expenses_figures, spending_against_budget
from expenses.forms import financial_year_of
from expenses.models import Claim, CouncilBudget
from expenses.workdays import working_days_between
from tests.expenses.factories import paid_claim, submitted_claim

pytestmark = pytest.mark.django_db


def test_paid_amount_median_and_worst_days(tenant_a):
    today = timezone.localdate()
    for days, amounts in ((2, (100,)), (5, (250, 1)), (20, (999,))):
        claim = paid_claim(tenant_a, amounts=amounts)
        Claim.objects.filter(pk=claim.pk).update(days_to_pay=days)
    waiting = submitted_claim(tenant_a)
    Claim.objects.filter(pk=waiting.pk).update(submitted_at=timezone.now() - dt.timedelta(days=28))
    figures = expenses_figures(
        tenant_a.organisation, None, custom_period(today - dt.timedelta(days=30), today)
    )
    assert figures.claims_paid == 3
    assert figures.amount_paid_pence == 1350
    assert figures.median_days_to_pay == 5
    assert figures.worst_days_to_pay == 20
    assert figures.claims_waiting == 1
    assert figures.oldest_waiting_working_days == 20
    assert figures.overdue_waiting == 1


def test_figures_for_one_council_leave_out_the_others(tenant_a):
    paid_claim(tenant_a, amounts=(500,))
    today = timezone.localdate()
    figures = expenses_figures(
        tenant_a.organisation, [tenant_a.other_council], custom_period(today, today)
    )
    assert figures.claims_paid == 0 and figures.amount_paid_pence == 0


def test_spending_against_this_financial_years_budget(tenant_a):
    today = timezone.localdate()
    CouncilBudget.objects.create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        year_starting=financial_year_of(today),
        amount_pence=50000,
    )
    paid_claim(tenant_a, amounts=(1234,))
    submitted_claim(tenant_a, amounts=(9999,))  # not approved: not spent yet
    year, rows = spending_against_budget(
        tenant_a.organisation, [tenant_a.council, tenant_a.other_council]
    )
    assert rows[0].approved_pence == 1234 and rows[0].left_pence == 48766
    assert rows[1].budget_pence is None and rows[1].approved_pence == 0


def test_financial_year_runs_april_to_march():
    assert financial_year_of(dt.date(2026, 3, 31)) == 2025
    assert financial_year_of(dt.date(2026, 4, 1)) == 2026


def test_working_days_skip_weekends():
    friday, monday = dt.date(2026, 11, 27), dt.date(2026, 11, 30)
    assert working_days_between(friday, monday) == 1
    assert working_days_between(monday, monday + dt.timedelta(days=14)) == 10
