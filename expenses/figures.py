"""Figures about expenses for reports and the managers' page: totals, never
people's names. The quarterly report's expenses section
(reports/selectors/expenses.py) reads these without knowing how claims are
stored.

Every figure is as at the period's end: a claim paid after the end is still
waiting in that period; a claim queried or turned down after the end was
waiting then. The status at a moment comes from the claim's status history
(``ClaimStatusChange``). Involvement payments are income, not expenses: they
have figures of their own (``involvement_figures``) and are never added in."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from councils.models import Council, Organisation
from councils.periods import Period

from .forms import financial_year_of
from .models import (
    Claim,
    ClaimLine,
    ClaimStatus,
    ClaimStatusChange,
    CouncilBudget,
    InvolvementPayment,
    InvolvementPaymentStatus,
    InvolvementStatusChange,
)
from .selectors import target_days
from .workdays import working_days_between

# Sent, and not yet queried back, turned down or paid.
WAITING_AT_END = (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.PAID)


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _after(period: Period) -> dt.datetime:
    """The first moment after the period (its last day included)."""
    return _start_of_day(period.end + dt.timedelta(days=1))


def _in_councils(rows, councils, field: str = "council"):
    """``councils``: Council objects, ids or a queryset of councils (read as
    a subquery, not a query of its own); None means the whole organisation."""
    return rows if councils is None else rows.filter(**{f"{field}__in": councils})


def _status_at(history, parent: str, moment: dt.datetime) -> Subquery:
    """The status a row had at ``moment``: the last change before it."""
    return Subquery(
        history.objects.filter(**{parent: OuterRef("pk")}, at__lt=moment)
        .order_by("-at", "-id")
        .values("to_status")[:1]
    )


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
    # A count of PEOPLE: print it through councils.disclosure.
    reps_paid: int = 0


def expenses_figures(
    organisation: Organisation, councils, period: Period, *, target: int | None = None
) -> ExpenseFigures:
    """Claims paid in the period (amount, median and worst days from sending
    to payment, how many reps), and claims still waiting at the period's end
    with their age in working days. ``councils=None`` means the whole
    organisation; ``target`` is the policy's, read if not given. No person is
    named. One query (two without ``target``)."""
    end = _after(period)
    in_period = (period.start, period.end)
    not_paid_by_end = Q(paid_on__isnull=True) | Q(paid_on__gt=period.end)
    rows = (
        _in_councils(Claim.objects.filter(organisation=organisation), councils)
        .annotate(status_at_end=_status_at(ClaimStatusChange, "claim", end))
        .filter(
            Q(status=ClaimStatus.PAID, paid_on__range=in_period)
            | (Q(submitted_at__lt=end, status_at_end__in=WAITING_AT_END) & not_paid_by_end)
        )
        .values_list("paid_on", "days_to_pay", "amount_paid_pence", "rep_id", "submitted_at")
    )
    paid, waiting = [], []
    for row in rows:
        (paid if row[0] is not None and row[0] <= period.end else waiting).append(row)
    days = sorted(row[1] for row in paid)
    as_at = min(period.end, timezone.localdate())
    ages = [working_days_between(timezone.localtime(row[4]).date(), as_at) for row in waiting]
    target = target_days(organisation) if target is None else target
    return ExpenseFigures(
        claims_paid=len(paid),
        amount_paid_pence=sum(row[2] for row in paid),
        median_days_to_pay=statistics.median(days) if days else None,
        worst_days_to_pay=max(days) if days else None,
        claims_waiting=len(ages),
        oldest_waiting_working_days=max(ages) if ages else None,
        overdue_waiting=sum(1 for age in ages if age > target),
        target_working_days=target,
        reps_paid=len({row[3] for row in paid}),
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
    lines = ClaimLine.objects.filter(
        organisation=organisation,
        claim__status__in=[ClaimStatus.APPROVED, ClaimStatus.PAID],
        claim__activity_date__range=(start, end),
    )
    spent = dict(
        lines.values_list("claim__council_id")
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


def budget_rows(
    organisation: Organisation, councils, year: int, as_at: Period
) -> list[tuple[str, int | None, int]]:
    """(council name, budget, approved or paid by the end of ``as_at``) for
    each council in ``councils`` (None: all) with a budget for the financial
    year starting in April of ``year``, or spending in it. Two queries."""
    start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    lines = _in_councils(
        ClaimLine.objects.filter(
            organisation=organisation,
            claim__status__in=[ClaimStatus.APPROVED, ClaimStatus.PAID],
            claim__activity_date__range=(start, end),
            claim__approved_at__lt=_after(as_at),
        ),
        councils,
        "claim__council",
    )
    spent = {
        (council_id, name): total
        for council_id, name, total in lines.values_list("claim__council_id")
        .annotate(total=Sum("amount_pence"))
        .values_list("claim__council_id", "claim__council__name", "total")
    }
    budgets = {
        (council_id, name): amount
        for council_id, name, amount in _in_councils(
            CouncilBudget.objects.filter(organisation=organisation, year_starting=year), councils
        ).values_list("council_id", "council__name", "amount_pence")
    }
    keys = sorted(set(spent) | set(budgets), key=lambda key: (key[1], key[0]))
    return [(key[1], budgets.get(key), spent.get(key, 0)) for key in keys]


@dataclass(frozen=True)
class InvolvementFigures:
    """Payments for reps' time: income, never part of an expenses figure."""

    payments_paid: int
    amount_paid_pence: int
    # A count of PEOPLE: print it through councils.disclosure.
    people_paid: int
    payments_waiting: int


def involvement_figures(organisation: Organisation, councils, period: Period) -> InvolvementFigures:
    """Involvement payments paid in the period, and those waiting at its end
    (added by then, and not paid or cancelled by then). One query."""
    end = _after(period)
    paid = Q(status=InvolvementPaymentStatus.PAID, paid_on__range=(period.start, period.end))
    waiting = (
        Q(created_at__lt=end)
        & (Q(paid_on__isnull=True) | Q(paid_on__gt=period.end))
        & Q(status_at_end__in=[InvolvementPaymentStatus.WAITING, InvolvementPaymentStatus.PAID])
    )
    figures = (
        _in_councils(InvolvementPayment.objects.filter(organisation=organisation), councils)
        .annotate(status_at_end=_status_at(InvolvementStatusChange, "payment", end))
        .aggregate(
            count=Count("pk", filter=paid),
            amount=Sum("amount_pence", filter=paid),
            people=Count("rep", filter=paid, distinct=True),
            waiting=Count("pk", filter=waiting),
        )
    )
    return InvolvementFigures(
        payments_paid=figures["count"] or 0,
        amount_paid_pence=figures["amount"] or 0,
        people_paid=figures["people"] or 0,
        payments_waiting=figures["waiting"] or 0,
    )
