"""Nothing counted before it happened: a period not yet over runs to today
and says so; only surgeries and meetings that took place are held."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from councils.periods import Period
from reports.renderers import QuarterlyReportRenderer
from reports.selectors import ReportScope, quarterly_content, you_said_we_did_content
from tests.reports.factories import MeetingFactory, SurgeryFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)
Q4 = Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))


@pytest.fixture
def on_1_december():
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0)), tick=False):
        yield


@pytest.fixture
def calendar(tenant_a, on_1_december):
    c = tenant_a.council
    SurgeryFactory(council=c, date=dt.date(2026, 11, 30))
    # Today, no one seen yet; next week; and a cancelled one last month.
    SurgeryFactory(council=c, date=TODAY, people_approached=0, people_engaged=0, people_declined=0)
    SurgeryFactory(council=c, date=dt.date(2026, 12, 8))
    SurgeryFactory(council=c, date=dt.date(2026, 11, 2), cancelled_at=timezone.now())
    MeetingFactory(council=c, date=dt.date(2026, 11, 20))
    MeetingFactory(council=c, date=dt.date(2026, 12, 7))
    MeetingFactory(council=c, date=dt.date(2026, 12, 25))
    return ReportScope(tenant_a.organisation, council=c)


def test_a_quarter_in_progress_runs_to_today_and_says_so(calendar):
    content = quarterly_content(calendar, Q4)
    assert content.period.end == TODAY
    assert content.period.label == "1 October 2026 to 1 December 2026, so far"
    html = QuarterlyReportRenderer(content).html()
    assert "31 December" not in html
    assert "so far" in html


def test_only_what_took_place_is_held(calendar):
    content = quarterly_content(calendar, Q4)
    assert content.reach.surgeries_held.now == 1
    assert content.meetings.council_meetings == 1
    booklet = you_said_we_did_content(calendar, Q4)
    assert booklet.surgeries_held == 1
    assert booklet.people_engaged == 7


def test_a_past_quarter_keeps_its_dates(tenant_a, on_1_december):
    scope = ReportScope(tenant_a.organisation, council=tenant_a.council)
    q3 = Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert quarterly_content(scope, q3).period.label == "July to September 2026"
