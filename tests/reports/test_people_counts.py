"""People are people: every count of people goes through the one disclosure
rule, diversity tables say they count comments, and new reps are counted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from councils.periods import Period
from reports.renderers import QuarterlyReportRenderer, YouSaidWeDidRenderer
from reports.selectors import ReportScope, quarterly_content, you_said_we_did_content
from tests.reports.factories import AttendanceFactory, MeetingFactory, SurgeryFactory, rep_profile

pytestmark = pytest.mark.django_db

Q = Period(dt.date(2025, 4, 1), dt.date(2025, 6, 30))


def scope(tenant):
    return ReportScope(tenant.organisation, council=tenant.council)


@pytest.fixture
def small(tenant_a):
    c = tenant_a.council
    SurgeryFactory(
        council=c,
        date=dt.date(2025, 5, 1),
        people_approached=4,
        people_engaged=3,
        people_declined=1,
    )
    rep_profile(council=c, joined_on=dt.date(2025, 5, 2))
    rep_profile(council=c, joined_on=dt.date(2025, 5, 3))
    meeting = MeetingFactory(council=c, date=dt.date(2025, 5, 10))
    AttendanceFactory(meeting=meeting, status="apologies")
    return scope(tenant_a)


def test_small_counts_of_people_are_never_printed_as_numbers(small):
    html = QuarterlyReportRenderer(quarterly_content(small, Q)).html()
    assert "Apologies sent: 1" not in html
    assert "Apologies sent: fewer than 5" in html
    assert "fewer than 5 new" in html
    # The key points on the summary page follow the same rule as the tiles.
    assert "reps were active on 30 June 2025: fewer than 5 new" in html
    assert "2 new" not in html
    assert '<td class="num">3</td>' not in html
    booklet = YouSaidWeDidRenderer(you_said_we_did_content(small, Q)).html()
    assert "They talked with fewer than 5 people." in booklet
    assert "They talked with 3" not in booklet


def test_diversity_tables_say_they_count_comments(small):
    html = QuarterlyReportRenderer(quarterly_content(small, Q)).html()
    assert "Who the comments came from" in html
    assert "Diversity of the people we engaged" not in html


def test_a_rep_made_today_without_a_joining_date_is_new(tenant_a):
    today = timezone.localdate()
    period = Period(today - dt.timedelta(days=10), today)
    before = quarterly_content(scope(tenant_a), period).reps
    rep_profile(council=tenant_a.council)
    after = quarterly_content(scope(tenant_a), period).reps
    assert (after.active, after.new) == (before.active + 1, before.new + 1)
    # Every rep here was made today, so every active rep is new.
    assert after.new == after.active


def test_a_change_is_not_shown_when_nothing_to_compare(small):
    content = quarterly_content(small, Q)
    assert content.reach.surgeries_held.change_label == "nothing to compare with"
    assert content.reach.people_engaged.change_label == "not shown, to protect a small number"


def test_charts_and_shares_of_people_follow_the_rule_too(small):
    """3 engaged of 4 approached, 2 new reps, 1 place expected: the charts'
    value labels and the shares print none of them as a number."""
    html = QuarterlyReportRenderer(quarterly_content(small, Q)).html()
    assert "3 engaged out of 4 approached" not in html
    assert "fewer than 5 engaged out of fewer than 5 approached" in html
    assert "75%" not in html  # 3 of 4 would give both away
    for small_number in (2, 3, 4):
        assert f">{small_number}</text>" not in html  # chart value labels
    assert "out of 1 places expected" not in html
    assert "0 places taken out of fewer than 5 places expected" in html
