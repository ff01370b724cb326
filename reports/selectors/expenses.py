"""The quarterly report's expenses section: how fast reps were paid back,
what is still waiting, and spending against budget, as at the period's end.

The figures come from ``expenses.figures`` (the one place they are worked
out); this module only picks the councils of the report's scope and puts the
figures into plain content for the renderer. No rep is named. The count of
reps paid goes through the disclosure rule. Payments for reps' time
(involvement payments) are income, not expenses: they have their own part,
and are never added to an expenses figure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from councils.disclosure import Cell, people_count
from councils.models import Council
from councils.periods import Period
from expenses.figures import (
    ExpenseFigures,
    InvolvementFigures,
    budget_rows,
    expenses_figures,
    involvement_figures,
)
from expenses.forms import financial_year_label, financial_year_of
from expenses.models import ExpensePolicy
from expenses.selectors import DEFAULT_TARGET

from .scope import ReportScope


@dataclass(frozen=True)
class BudgetRow:
    council_name: str
    budget_pence: int | None
    spent_pence: int

    @property
    def left_pence(self) -> int | None:
        return None if self.budget_pence is None else self.budget_pence - self.spent_pence


@dataclass(frozen=True)
class InvolvementPart:
    figures: InvolvementFigures
    people_paid: Cell

    @property
    def amount_shown(self) -> bool:
        """What one or a few people were paid for their time is their income:
        the amount is not printed when the people paid are fewer than 5."""
        return not self.people_paid.suppressed


@dataclass(frozen=True)
class ExpensesSection:
    as_at: dt.date
    claims: ExpenseFigures
    reps_paid: Cell
    financial_year_label: str
    budgets: list[BudgetRow]
    involvement: InvolvementPart | None = None

    @property
    def budgeted(self) -> list[BudgetRow]:
        return [row for row in self.budgets if row.budget_pence is not None]

    @property
    def budget_total_pence(self) -> int:
        return sum(row.budget_pence for row in self.budgeted)

    @property
    def spent_against_budget_pence(self) -> int:
        return sum(row.spent_pence for row in self.budgeted)

    @property
    def left_total_pence(self) -> int:
        return self.budget_total_pence - self.spent_against_budget_pence


def _councils(scope: ReportScope):
    """The councils of the scope as a queryset (read as a subquery), or None
    for the whole organisation."""
    if scope.council is not None:
        return Council.objects.filter(pk=scope.council.pk)
    if scope.region is not None:
        return Council.objects.filter(organisation=scope.organisation, region=scope.region)
    return None


def expenses_section(scope: ReportScope, period: Period) -> ExpensesSection:
    """The section's content, as at the end of ``period``. Five queries."""
    organisation = scope.organisation
    councils = _councils(scope)
    policy = ExpensePolicy.objects.filter(organisation=organisation).first()
    target = policy.payment_target_working_days if policy else DEFAULT_TARGET
    claims = expenses_figures(organisation, councils, period, target=target)
    year = financial_year_of(period.end)
    involvement = involvement_figures(organisation, councils, period)
    offered = policy is not None and policy.involvement_payments_enabled
    return ExpensesSection(
        as_at=period.end,
        claims=claims,
        reps_paid=people_count(claims.reps_paid),
        financial_year_label=financial_year_label(year),
        budgets=[
            BudgetRow(name, budget, spent)
            for name, budget, spent in budget_rows(organisation, councils, year, period)
        ],
        involvement=InvolvementPart(involvement, people_count(involvement.people_paid))
        if offered or involvement.payments_paid or involvement.payments_waiting
        else None,
    )
