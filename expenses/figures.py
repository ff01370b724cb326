"""Figures about expenses for reports and the managers' page: totals, never
people. The quarterly report can add an expenses section from
``expenses_figures`` without knowing how claims are stored."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from councils.models import Council, Organisation
from councils.periods import Period

from .forms import financial_year_of
from .models import Claim, ClaimLine, ClaimStatus, CouncilBudget
from .selectors import WAITING, age_in_working_days, target_days


@dataclass(frozen=True)
class ExpenseFigures:
    claims_paid: int
    amount_paid_pence: int
    median_days_to_pay: float | None
    worst_days_to_pay: int | None
    claims_waiting: int
    oldest_waiting_working_days: int | None
    overdue_waiting: int
    target_working_days: int


def expenses_figures(
    organisation: Organisation, councils: list[Council] | None, period: Period
) -> ExpenseFigures:
    """Claims paid in the period (amount, median and worst days from sending
    to payment), and claims still waiting at the period's end with their age.
    ``councils=None`` means the whole organisation. No person is named."""
    claims = Claim.objects.filter(organisation=organisation)
    if councils is not None:
        claims = claims.filter(council__in=councils)
    paid = claims.filter(status=ClaimStatus.PAID, paid_on__range=(period.start, period.end))
    days = sorted(paid.values_list("days_to_pay", flat=True))
    amount = paid.aggregate(total=Sum("amount_paid_pence"))["total"] or 0
    end_of_period = timezone.make_aware(
        dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min)
    )
    # Waiting at the period's end: sent by then, and not yet paid or closed by then.
    waiting = list(
        claims.filter(submitted_at__lt=end_of_period)
        .exclude(status__in=[ClaimStatus.DRAFT, ClaimStatus.REJECTED, ClaimStatus.QUERIED])
        .exclude(paid_on__lte=period.end)
        .only("submitted_at", "status")
    )
    as_at = min(period.end, timezone.localdate())
    ages = [age_in_working_days(c, as_at) for c in waiting if c.status in WAITING]
    target = target_days(organisation)
    return ExpenseFigures(
        claims_paid=len(days),
        amount_paid_pence=amount,
        median_days_to_pay=statistics.median(days) if days else None,
        worst_days_to_pay=max(days) if days else None,
        claims_waiting=len(ages),
        oldest_waiting_working_days=max(ages) if ages else None,
        overdue_waiting=sum(1 for a in ages if a > target),
        target_working_days=target,
    )


@dataclass(frozen=True)
class CouncilSpending:
    council: Council
    budget_pence: int | None
    approved_pence: int  # approved or paid, for activities in the financial year

    @property
    def left_pence(self) -> int | None:
        return None if self.budget_pence is None else self.budget_pence - self.approved_pence


def spending_against_budget(
    organisation: Organisation, councils, today: dt.date | None = None
) -> tuple[int, list[CouncilSpending]]:
    """This financial year's approved and paid spending per council, with its budget."""
    return financial_year_spending(
        organisation, councils, financial_year_of(today or timezone.localdate())
    )


def financial_year_spending(
    organisation: Organisation, councils, year: int
) -> tuple[int, list[CouncilSpending]]:
    """Approved and paid expense claims per council in the financial year
    starting in April of ``year``, with its budget. Involvement payments are
    not expenses and are not counted here."""
    start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    spent = dict(
        ClaimLine.objects.filter(
            organisation=organisation,
            claim__status__in=[ClaimStatus.APPROVED, ClaimStatus.PAID],
            claim__activity_date__range=(start, end),
        )
        .values_list("claim__council_id")
        .annotate(total=Sum("amount_pence"))
        .values_list("claim__council_id", "total")
    )
    budgets = dict(
        CouncilBudget.objects.filter(organisation=organisation, year_starting=year).values_list(
            "council_id", "amount_pence"
        )
    )
    rows = [
        CouncilSpending(
            council=c, budget_pence=budgets.get(c.pk), approved_pence=spent.get(c.pk, 0)
        )
        for c in councils
    ]
    return year, rows
