"""The quarterly report's expenses section: figures as at the period's end,
no rep named, the count of reps through the disclosure rule, spending against
budget, involvement payments apart, and a fixed number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councils.periods import Period
from expenses import services
from expenses.figures import expenses_figures, involvement_figures
from expenses.models import (
    Claim,
    ClaimStatusChange,
    CouncilBudget,
    InvolvementPayment,
    InvolvementStatusChange,
)
from reports.renderers import QuarterlyReportRenderer
from reports.selectors import ReportScope, quarterly_content
from reports.selectors.expenses import expenses_section
from tests.expenses.factories import approved_claim, paid_claim, submitted_claim
from tests.reports.pdftext import pdf_text, says

pytestmark = pytest.mark.django_db

Q3 = Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30))


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def backdate(claim: Claim, *, sent: dt.date, moves: dict, paid_on=None) -> Claim:
    """Put a claim's history in the past: sent on ``sent``, and each later
    status (``moves``: status → day) reached on its day."""
    changes = {"submitted_at": at(sent), "activity_date": sent - dt.timedelta(days=1)}
    if "approved" in moves:
        changes["approved_at"] = at(moves["approved"])
    if paid_on is not None:
        changes["paid_on"] = paid_on
        changes["days_to_pay"] = (paid_on - sent).days
    Claim.objects.filter(pk=claim.pk).update(**changes)
    ClaimStatusChange.objects.filter(claim=claim, to_status="submitted").update(at=at(sent))
    for status, day in moves.items():
        ClaimStatusChange.objects.filter(claim=claim, to_status=status).update(at=at(day))
    return Claim.objects.get(pk=claim.pk)


@pytest.fixture
def quarter(tenant_a):
    """Claims around the third quarter of 2026, seen on 1 December 2026 or later."""
    t = tenant_a
    # Paid inside the quarter, 4 days after it was sent.
    paid = backdate(
        paid_claim(t, amounts=(1000, 250)),
        sent=dt.date(2026, 7, 6),
        moves={"approved": dt.date(2026, 7, 7), "paid": dt.date(2026, 7, 10)},
        paid_on=dt.date(2026, 7, 10),
    )
    # Sent in the quarter, paid only after it ended: still waiting at its end.
    late = backdate(
        paid_claim(t, amounts=(700,)),
        sent=dt.date(2026, 9, 1),
        moves={"approved": dt.date(2026, 9, 2), "paid": dt.date(2026, 10, 5)},
        paid_on=dt.date(2026, 10, 5),
    )
    # Queried after the quarter ended: waiting at its end.
    queried = submitted_claim(t, amounts=(300,))
    services.claim_query(
        claim=queried, question="Which bus did you take that day?", actor=t["coordinator"]
    )
    queried = backdate(queried, sent=dt.date(2026, 9, 28), moves={"queried": dt.date(2026, 10, 2)})
    # Turned down inside the quarter: not waiting.
    rejected = submitted_claim(t, amounts=(400,))
    services.claim_reject(
        claim=rejected, reason="This was not a council activity at all.", actor=t["coordinator"]
    )
    backdate(rejected, sent=dt.date(2026, 8, 3), moves={"rejected": dt.date(2026, 8, 4)})
    # Sent after the quarter: nothing to do with it.
    backdate(submitted_claim(t, amounts=(900,)), sent=dt.date(2026, 10, 12), moves={})
    # Approved after the quarter: not spent against the budget at its end.
    backdate(
        approved_claim(t, amounts=(5000,)),
        sent=dt.date(2026, 9, 29),
        moves={"approved": dt.date(2026, 10, 1)},
    )
    CouncilBudget.objects.create(
        organisation=t.organisation, council=t.council, year_starting=2026, amount_pence=50000
    )
    return {"paid": paid, "late": late, "queried": queried}


def test_figures_are_as_at_the_end_of_the_period(tenant_a, quarter):
    figures = expenses_figures(tenant_a.organisation, None, Q3)
    assert figures.claims_paid == 1
    assert figures.amount_paid_pence == 1250
    assert figures.median_days_to_pay == 4 and figures.worst_days_to_pay == 4
    assert figures.reps_paid == 1
    # The claim paid on 5 October and the one queried on 2 October were both
    # waiting on 30 September; so was the one sent on 29 September.
    assert figures.claims_waiting == 3
    # Sent 1 September: 21 working days to 30 September.
    assert figures.oldest_waiting_working_days == 21
    assert figures.overdue_waiting == 1


def test_section_for_a_council_with_spending_against_budget(tenant_a, quarter):
    section = expenses_section(ReportScope(tenant_a.organisation, council=tenant_a.council), Q3)
    assert section.as_at == Q3.end
    assert section.reps_paid.text == "fewer than 5"
    assert section.financial_year_label == "April 2026 to March 2027"
    [row] = section.budgets
    # Approved by 30 September: the paid claim and the one paid later (1,250
    # + 700); the claim approved on 1 October is not counted yet.
    assert (row.council_name, row.budget_pence, row.spent_pence) == (
        tenant_a.council.name,
        50000,
        1950,
    )
    assert row.left_pence == 48050
    assert section.involvement is None  # not offered, none recorded
    other = expenses_section(ReportScope(tenant_a.organisation, council=tenant_a.other_council), Q3)
    assert other.claims.claims_paid == 0 and other.claims.claims_waiting == 0
    assert other.budgets == []


def test_the_pdf_has_the_section_and_names_no_rep(tenant_a, quarter):
    content = quarterly_content(ReportScope(tenant_a.organisation, council=tenant_a.council), Q3)
    text = pdf_text(QuarterlyReportRenderer(content).render())
    assert says(text, "Expenses: paying reps back")
    assert says(text, "Claims paid 1")
    assert says(text, "Amount paid £12.50")
    assert says(text, "Reps paid fewer than 5")
    assert says(text, "Claims sent and not yet paid 3")
    assert says(text, "The oldest, in working days 21")
    assert says(text, "£500.00 £19.50 £480.50")
    for person in (tenant_a["rep"], tenant_a["coordinator"], tenant_a["finance"]):
        assert str(person) not in text
        assert person.username not in text


def _involvement_paid(tenant, hours: str, *, added: dt.date, paid_on: dt.date):
    services.benefits_advice_record(
        council=tenant.council,
        rep=tenant["rep"],
        offered_on=timezone.localdate(),
        choice="took_advice",
        actor=tenant["coordinator"],
    )
    payment = services.involvement_payment_add(
        council=tenant.council,
        rep=tenant["rep"],
        activity_date=timezone.localdate(),
        description="Council meeting",
        hours=Decimal(hours),
        actor=tenant["coordinator"],
    )
    services.involvement_payments_mark_paid(
        organisation=tenant.organisation,
        payments=[payment],
        paid_on=timezone.localdate(),
        method="bank_transfer",
        actor=tenant["finance"],
    )
    InvolvementPayment.objects.filter(pk=payment.pk).update(paid_on=paid_on, created_at=at(added))
    InvolvementStatusChange.objects.filter(payment=payment, to_status="waiting").update(
        at=at(added)
    )
    InvolvementStatusChange.objects.filter(payment=payment, to_status="paid").update(at=at(paid_on))
    return payment


def test_involvement_payments_are_apart_and_small_amounts_hidden(tenant_a, quarter):
    services.policy_update(
        organisation=tenant_a.organisation,
        actor=tenant_a["admin"],
        involvement_payments_enabled=True,
        involvement_hourly_rate_pence=1500,
    )
    _involvement_paid(tenant_a, "2", added=dt.date(2026, 8, 18), paid_on=dt.date(2026, 8, 20))
    # Added in the quarter and paid after its end: waiting at the end.
    _involvement_paid(tenant_a, "1", added=dt.date(2026, 9, 25), paid_on=dt.date(2026, 10, 20))
    figures = involvement_figures(tenant_a.organisation, None, Q3)
    assert (figures.payments_paid, figures.amount_paid_pence, figures.people_paid) == (1, 3000, 1)
    assert figures.payments_waiting == 1
    scope = ReportScope(tenant_a.organisation, council=tenant_a.council)
    section = expenses_section(scope, Q3)
    # Never added to the expenses.
    assert section.claims.amount_paid_pence == 1250
    assert section.budgets[0].spent_pence == 1950
    assert section.involvement.people_paid.text == "fewer than 5"
    assert not section.involvement.amount_shown
    text = pdf_text(QuarterlyReportRenderer(quarterly_content(scope, Q3)).render())
    assert says(text, "Payments for reps’ time (not expenses)")
    assert says(text, "Amount paid not shown, to protect a small number")
    assert "£30.00" not in text


def test_the_section_takes_the_same_queries_however_many_claims(tenant_a, quarter):
    scope = ReportScope(tenant_a.organisation, region=tenant_a.region)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            expenses_section(scope, Q3)
        return len(ctx.captured_queries)

    before = count()
    for _ in range(4):
        backdate(
            paid_claim(tenant_a, amounts=(100, 200)),
            sent=dt.date(2026, 8, 3),
            moves={"approved": dt.date(2026, 8, 4), "paid": dt.date(2026, 8, 5)},
            paid_on=dt.date(2026, 8, 5),
        )
        backdate(submitted_claim(tenant_a), sent=dt.date(2026, 9, 10), moves={})
    assert count() == before <= 5
    section = expenses_section(scope, Q3)
    assert section.claims.claims_paid == 5
    assert section.claims.amount_paid_pence == 1250 + 4 * 300
