"""Cases the figures oracle (test_figures_oracle.py) found wrong, kept as
plain tests: each failed before its fix in reports/selectors."""

import datetime as dt

import pytest
from django.utils import timezone

from councils.periods import Period
from members.models import RepProfile
from proposals.models import Decision, ProposalEvent, ProposalStatus
from reports.selectors import ReportScope, quarterly_content, you_said_we_did_content
from tests.factories import UserFactory
from tests.reports.factories import FeedbackItemFactory, aware, decided_proposal, rep_profile

pytestmark = pytest.mark.django_db

S = ProposalStatus
Q3 = Period(dt.date(2025, 7, 1), dt.date(2025, 9, 30))
Q4 = Period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def scope(tenant):
    return ReportScope(tenant.organisation, council=tenant.council)


def test_feedback_between_the_period_before_and_this_one_is_in_neither(tenant_a):
    """A period of 10 days compares with the 10 days just before; a quarter
    so far compares with the same weeks of the quarter before, which end
    long before this quarter starts. Feedback in that gap was counted as
    "the quarter before"."""
    period = Period(dt.date(2025, 10, 1), dt.date(2025, 10, 10), "1 to 10 October, so far")
    previous = period.previous()
    assert previous.end < dt.date(2025, 9, 30)  # the same weeks of July
    FeedbackItemFactory(council=tenant_a.council, received_on=dt.date(2025, 9, 20))
    FeedbackItemFactory(council=tenant_a.council, received_on=previous.start)
    rows = quarterly_content(scope(tenant_a), period).feedback_by_theme
    assert [(row.now, row.before) for row in rows] == [(0, 1)]


def test_a_proposal_deferred_in_one_quarter_and_decided_in_the_next_was_deferred_then(
    tenant_a,
):
    proposal = decided_proposal(
        council=tenant_a.council,
        status=S.NOT_ACCEPTED,
        decided_on=dt.date(2025, 11, 5),
        chair=tenant_a["chair"],
        reason="There is no budget for this.",
        title="Weekend opening",
        raised_on=dt.date(2025, 8, 1),
    )
    # Before that decision it had been deferred at a meeting in September.
    ProposalEvent.objects.create(
        organisation=tenant_a.organisation,
        proposal=proposal,
        kind=ProposalEvent.Kind.DECISION,
        at=aware(dt.date(2025, 9, 10), 16),
        from_status=S.PRESENTED,
        to_status=S.DEFERRED,
    )
    q3 = you_said_we_did_content(scope(tenant_a), Q3)
    assert [(item.title, item.deferred) for item in q3.in_progress] == [("Weekend opening", True)]
    assert q3.could_not == []
    q4 = you_said_we_did_content(scope(tenant_a), Q4)
    assert [item.title for item in q4.could_not] == ["Weekend opening"]


def test_a_not_accepted_decision_published_after_the_quarter_is_told_in_the_next(tenant_a):
    """Decided at a meeting on 29 September, published on 2 October: people
    learn it in October, so the October to December booklet says it."""
    proposal = decided_proposal(
        council=tenant_a.council,
        status=S.NOT_ACCEPTED,
        decided_on=dt.date(2025, 9, 29),
        chair=tenant_a["chair"],
        reason="There is no budget for this.",
        title="Water cups",
    )
    ProposalEvent.objects.filter(proposal=proposal, to_status=S.NOT_ACCEPTED).update(
        at=aware(dt.date(2025, 10, 2), 9)
    )
    assert you_said_we_did_content(scope(tenant_a), Q3).could_not == []
    q4 = you_said_we_did_content(scope(tenant_a), Q4)
    assert [item.title for item in q4.could_not] == ["Water cups"]


def test_reps_are_counted_as_they_were_at_the_end_of_the_period(tenant_a):
    council = tenant_a.council
    # Active all through the quarter, moved on to work in the next one.
    rep_profile(
        council=council,
        status=RepProfile.Status.MOVED_ON,
        joined_on=dt.date(2025, 1, 10),
        left_on=dt.date(2025, 11, 1),
    )
    # No joining date, and an account made after the quarter ended.
    later = UserFactory()
    type(later).objects.filter(pk=later.pk).update(
        date_joined=timezone.make_aware(dt.datetime(2025, 10, 20, 9))
    )
    RepProfile.objects.create(organisation=council.organisation, user=later, council=council)
    q3 = quarterly_content(scope(tenant_a), Q3)
    assert q3.reps.active == 1
    q4 = quarterly_content(scope(tenant_a), Q4)
    assert (q4.reps.active, q4.reps.new, q4.reps.moved_on) == (1, 1, 1)


def test_a_proposal_replaced_in_the_quarter_is_told_in_that_quarter_only(tenant_a):
    """The July to September booklet left out a replaced proposal: every
    decision published in the period is in the booklet."""
    proposal = decided_proposal(
        council=tenant_a.council,
        status=S.REPLACED,
        decided_on=dt.date(2025, 8, 12),
        chair=tenant_a["chair"],
        title="Ten minute rule",
    )
    # The factory records an acceptance; make it the replacement it was.
    Decision.objects.filter(proposal=proposal).update(
        outcome=Decision.Outcome.REPLACED, reason="The council wants one idea for both offices."
    )
    events = ProposalEvent.objects.filter(proposal=proposal)
    events.filter(to_status=S.REPLACED).delete()
    events.filter(to_status=S.ACCEPTED).update(to_status=S.REPLACED)
    q3 = you_said_we_did_content(scope(tenant_a), Q3)
    assert [item.title for item in q3.in_progress] == ["Ten minute rule"]
    assert q3.in_progress[0].outcome == (
        "The council asked for a new version of this idea in August 2025. "
        "The reps are working on it."
    )
    assert not q3.in_progress[0].deferred
    assert you_said_we_did_content(scope(tenant_a), Q4).in_progress == []
