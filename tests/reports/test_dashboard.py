"""The manager's dashboard and the quarterly report page: every figure equals
the PDF's for the same place and period (one test per scope), the places
side by side equal each place's own report, sorting works without
JavaScript, and the number of queries does not grow with the data."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils.html import strip_tags

from councils.periods import Period
from reports.models import GeneratedReport
from reports.renderers import QuarterlyReportRenderer
from reports.selectors import ReportScope, quarterly_content
from reports.selectors.dashboard import dashboard, headline_periods, place_rows
from reports.selectors.scope import report_period
from tests.factories import CouncilFactory, RegionFactory
from tests.querycount import assert_flat_query_count
from tests.reports import story as s
from tests.reports.factories import (
    ActionPointFactory,
    MeetingFactory,
    ReportFactory,
    SurgeryFactory,
    decided_proposal,
    staff_with_role,
)

pytestmark = pytest.mark.django_db

# Mid-August 2025: the last full quarter is the story's (April to June 2025).
AUGUST = dt.datetime(2025, 8, 15, 12, tzinfo=dt.UTC)
TODAY = AUGUST.date()


@pytest.fixture
def travel():
    with time_machine.travel(AUGUST, tick=False):
        yield


@pytest.fixture
def story(tenant_a, travel):
    story = s.build(tenant_a)
    # A second council, in the other region, with its own quarter.
    SurgeryFactory(
        council=tenant_a.other_council,
        date=s.IN_Q,
        people_approached=50,
        people_engaged=40,
        people_declined=0,
    )
    SurgeryFactory(
        council=tenant_a.other_council,
        date=s.IN_Q,
        people_approached=3,
        people_engaged=3,
        people_declined=0,
    )
    for status in ("accepted", "implemented", "not_accepted", "in_progress"):
        decided_proposal(
            council=tenant_a.other_council,
            chair=tenant_a["chair"],
            status=status,
            decided_on=dt.date(2025, 5, 20),
            implemented_on=dt.date(2025, 6, 20) if status == "implemented" else None,
            reason="No budget." if status == "not_accepted" else "",
            we_did="Done." if status == "implemented" else "",
        )
    return story


def places(tenant):
    org = tenant.organisation
    return {
        "organisation": (ReportScope(org), f"/{org.slug}/dashboard/"),
        "region": (
            ReportScope(org, region=tenant.region),
            f"/{org.slug}/dashboard/region/{tenant.region.public_id}/",
        ),
        "council": (
            ReportScope(org, council=tenant.council),
            f"/{org.slug}/dashboard/council/{tenant.council.public_id}/",
        ),
    }


def cell(page: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">(.*?)</td>', page, re.S)
    assert match, name
    return " ".join(strip_tags(match.group(1).replace("<br>", " ")).split())


@pytest.mark.parametrize("level", ["organisation", "region", "council"])
def test_dashboard_figures_equal_the_pdf_for_the_same_scope(tenant_a, story, client_for, level):
    scope, url = places(tenant_a)[level]
    page = client_for(tenant_a["manager"]).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    now_period, last_period = headline_periods(TODAY)
    for suffix, period in (("now", now_period), ("last", last_period)):
        # The PDF's own content for the same place and the same dates.
        c = quarterly_content(scope, period)
        assert cell(html, f"surgeries-{suffix}") == c.reach.surgeries_held.now_text
        assert cell(html, f"engaged-{suffix}") == (
            f"{c.reach.people_engaged.now_text} {c.reach.engagement.explained}"
        )
        assert cell(html, f"presented-{suffix}") == (
            f"{c.funnel.presented} {c.funnel.presented_rate.explained}"
        )
        assert cell(html, f"accepted-{suffix}") == (
            f"{c.funnel.accepted_rate.percent_text} {c.funnel.accepted_rate.explained}"
        )
        assert cell(html, f"implemented-{suffix}") == (
            f"{c.funnel.implemented_rate.percent_text} {c.funnel.implemented_rate.explained}"
        )
        assert cell(html, f"overdue-{suffix}").startswith(f"{c.follow_through.overdue_actions} ")
        assert cell(html, f"meetings-{suffix}").startswith(f"{c.meetings.held} ")
    # The story's quarter, so the check is not of zeros.
    last = quarterly_content(scope, last_period)
    assert last.funnel.presented > 0 and last.reach.surgeries_held.now > 0
    # Key points are the PDF's own sentences.
    for line in QuarterlyReportRenderer(last).headlines():
        assert line.replace("'", "&#x27;") in html or line in html


def test_places_side_by_side_equal_each_place_s_own_report(tenant_a, story):
    period = report_period(s.Q_START, s.Q_END, today=TODAY)
    org_scope = ReportScope(tenant_a.organisation)
    rows = {row.name: row for row in place_rows(org_scope, period)}
    regions = {row.name: row for row in place_rows(org_scope, period, by="region")}
    checks = [
        (rows[c.name], ReportScope(tenant_a.organisation, council=c))
        for c in (tenant_a.council, tenant_a.other_council)
    ]
    checks += [
        (regions[r.name], ReportScope(tenant_a.organisation, region=r))
        for r in (tenant_a.region, tenant_a.other_region)
    ]
    for row, scope in checks:
        c = quarterly_content(scope, period)
        assert row.surgeries_held == c.reach.surgeries_held.now
        assert row.people_engaged.text == c.reach.people_engaged.now_text
        assert row.raised == c.funnel.raised
        assert row.presented == c.funnel.presented
        assert str(row.accepted_rate) == str(c.funnel.accepted_rate)
        assert str(row.implemented_rate) == str(c.funnel.implemented_rate)
        assert row.median_days_to_decision == c.funnel.median_days_to_decision
        assert row.decided_count == c.funnel.decided_count
        assert row.median_days_to_implementation == c.funnel.median_days_to_implementation
        assert row.implemented_count == c.funnel.implemented_count_for_median
        assert row.overdue_actions == c.follow_through.overdue_actions
        assert row.open_actions == c.follow_through.open_actions
    assert rows[tenant_a.council.name].presented == 3
    assert rows[tenant_a.other_council.name].presented == 4
    # 3 people at one surgery and 40 at another: only the total is shown.
    assert rows[tenant_a.other_council.name].people_engaged.text == "43"


def test_a_small_count_of_people_is_hidden_in_the_table(tenant_a, travel):
    SurgeryFactory(
        council=tenant_a.council,
        date=s.IN_Q,
        people_approached=3,
        people_engaged=3,
        people_declined=0,
    )
    period = report_period(s.Q_START, s.Q_END, today=TODAY)
    rows = {r.name: r for r in place_rows(ReportScope(tenant_a.organisation), period)}
    assert rows[tenant_a.council.name].people_engaged.text == "fewer than 5"
    # Sorting by people puts a hidden count with the zeros: its order gives nothing away.
    ordered = place_rows(ReportScope(tenant_a.organisation), period, sort="people_engaged")
    assert [r.people_engaged.shown or 0 for r in ordered] == [0, 0]


def test_sorting_is_by_links_and_each_row_leads_to_its_council(tenant_a, story, client_for):
    client = client_for(tenant_a["manager"])
    org = tenant_a.organisation.slug
    page = client.get(f"/{org}/dashboard/?sort=presented&order=desc").content.decode()
    first, second = tenant_a.council.name, tenant_a.other_council.name
    councils = page[page.index('id="councils-caption"') :]
    assert councils.index(second) < councils.index(first)  # 4 presented, then 3
    assert 'aria-sort="descending"' in councils
    page = client.get(f"/{org}/dashboard/?sort=presented&order=asc").content.decode()
    councils = page[page.index('id="councils-caption"') :]
    assert councils.index(first) < councils.index(second)
    assert f"/{org}/dashboard/council/{tenant_a.council.public_id}/" in councils
    assert f"/{org}/dashboard/region/{tenant_a.region.public_id}/" in page


def test_decisions_waiting_and_overdue_actions_with_their_owner(tenant_a, story, client_for):
    waiting = decided_proposal(
        council=tenant_a.council,
        chair=tenant_a["chair"],
        status="not_accepted",
        decided_on=dt.date(2025, 8, 1),
        title="Evening appointments",
        reason="Not yet.",
        published=False,
    )
    meeting = MeetingFactory(council=tenant_a.council, date=dt.date(2025, 7, 1))
    ActionPointFactory(
        meeting=meeting,
        due_on=dt.date(2025, 7, 10),
        owner=tenant_a["lead"],
        description="Ask estates about a water cooler",
    )
    page = client_for(tenant_a["manager"]).get(f"/{tenant_a.organisation.slug}/dashboard/")
    html = page.content.decode()
    waiting_part = html[html.index('id="waiting"') : html.index('id="overdue"')]
    assert waiting.title in waiting_part
    overdue_part = html[html.index('id="overdue"') :]
    assert "Ask estates about a water cooler" in overdue_part
    assert str(tenant_a["lead"]) in overdue_part
    # The oldest first: the story's action due in June comes before July's.
    assert overdue_part.index("15 Jun 2025") < overdue_part.index("10 Jul 2025")


def test_trend_has_eight_quarters_each_as_at_its_end(tenant_a, story):
    board = dashboard(ReportScope(tenant_a.organisation, council=tenant_a.council), today=TODAY)
    assert len(board.trend) == 8
    assert board.trend[-1].period.start == dt.date(2025, 7, 1)
    assert "so far" in board.trend[-1].period.label
    q2 = next(row for row in board.trend if row.period.start == s.Q_START)
    c = quarterly_content(
        ReportScope(tenant_a.organisation, council=tenant_a.council), Period(s.Q_START, s.Q_END)
    )
    assert (q2.presented, str(q2.accepted_rate)) == (
        c.funnel.presented,
        str(c.funnel.accepted_rate),
    )


@pytest.mark.parametrize("level", ["organisation", "region", "council"])
def test_dashboard_queries_do_not_grow_with_data(tenant_a, story, client_for, level):
    _scope, url = places(tenant_a)[level]
    client = client_for(tenant_a["manager"])

    def grow():
        for region in (tenant_a.region, RegionFactory(organisation=tenant_a.organisation)):
            for _ in range(3):
                council = CouncilFactory(organisation=tenant_a.organisation, region=region)
                SurgeryFactory(
                    council=council,
                    date=s.IN_Q,
                    people_approached=12,
                    people_engaged=12,
                    people_declined=0,
                )
                decided_proposal(
                    council=council,
                    chair=tenant_a["chair"],
                    status="implemented",
                    decided_on=dt.date(2025, 5, 1),
                    implemented_on=dt.date(2025, 6, 1),
                    we_did="Done.",
                )
                ActionPointFactory(
                    meeting=MeetingFactory(council=council, date=dt.date(2025, 5, 1)),
                    due_on=dt.date(2025, 6, 1),
                )
        for _ in range(3):
            decided_proposal(
                council=tenant_a.council,
                chair=tenant_a["chair"],
                status="in_progress",
                decided_on=dt.date(2025, 7, 20),
            )

    assert_flat_query_count(client, url, grow=grow, budget=18)


def test_quarterly_page_says_what_the_pdf_says(tenant_a, story, client_for):
    scope = ReportScope(tenant_a.organisation, council=tenant_a.council)
    content = quarterly_content(scope, report_period(s.Q_START, s.Q_END))
    pdf_html = QuarterlyReportRenderer(content).html()
    url = (
        f"/{tenant_a.organisation.slug}/dashboard/council/{tenant_a.council.public_id}"
        "/quarterly/?quarter=2025-Q2"
    )
    page = client_for(tenant_a["manager"]).get(url)
    assert page.status_code == 200
    html = page.content.decode()

    def texts(markup, tag):
        return [
            " ".join(strip_tags(m.replace("<br>", " ")).split())
            for m in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", markup, re.S)
        ]

    # Every heading, caption, header and cell of the PDF is on the page, in order.
    for tag in ("h1", "h2", "h3", "caption", "th", "td", "li"):
        pdf_texts = texts(pdf_html.split("<body", 1)[1], tag)
        page_texts = texts(html, tag)
        assert pdf_texts, tag
        it = iter(page_texts)
        missing = [t for t in pdf_texts if not any(t == p for p in it)]
        assert not missing, (tag, missing)
    assert "<svg" in html and "<caption" in html


def test_report_page_of_the_archive(tenant_a, story, client_for):
    report = ReportFactory(council=tenant_a.council, kind=GeneratedReport.Kind.QUARTERLY)
    client = client_for(tenant_a["manager"])
    base = f"/{tenant_a.organisation.slug}/reports/{report.public_id}"
    page = client.get(f"{base}/page/")
    assert page.status_code == 200
    assert f"Quarterly report: {tenant_a.council.name}" in page.content.decode()
    archive = client.get(f"/{tenant_a.organisation.slug}/reports/").content.decode()
    assert f"{base}/page/" in archive
    booklet = ReportFactory(council=tenant_a.council)
    response = client.get(f"/{tenant_a.organisation.slug}/reports/{booklet.public_id}/page/")
    assert response.status_code == 302


def test_a_council_manager_sees_only_their_council(tenant_a, story, client_for):
    manager = staff_with_role(tenant_a.organisation, "manager", council=tenant_a.council)
    client = client_for(manager)
    org = tenant_a.organisation.slug
    home = client.get(f"/{org}/dashboard/")
    assert home.status_code == 302
    assert home["Location"] == f"/{org}/dashboard/council/{tenant_a.council.public_id}/"
    other = client.get(f"/{org}/dashboard/council/{tenant_a.other_council.public_id}/")
    assert other.status_code == 403
    assert "figures for this place" in other.content.decode()
    region = client.get(f"/{org}/dashboard/region/{tenant_a.region.public_id}/quarterly/")
    assert region.status_code == 403


def test_table_rows_export_as_plain_values_with_the_disclosure_rule(tenant_a, travel):
    SurgeryFactory(
        council=tenant_a.council,
        date=s.IN_Q,
        people_approached=3,
        people_engaged=3,
        people_declined=0,
    )
    period = report_period(s.Q_START, s.Q_END, today=TODAY)
    rows = {r.name: r for r in place_rows(ReportScope(tenant_a.organisation), period)}
    values = rows[tenant_a.council.name].export_values()
    assert values["people_engaged"] == "fewer than 5"
    assert values["surgeries_held"] == 1
    assert values["accepted_percent"] is None and values["proposals_presented"] == 0
    assert rows[tenant_a.other_council.name].export_values()["people_engaged"] == 0


@pytest.mark.parametrize("level", ["organisation", "region", "council"])
def test_every_trend_quarter_equals_the_pdf_for_that_quarter(tenant_a, story, level):
    """The trend counts its quarters together (two queries), not with the
    PDF's selectors one quarter at a time: each quarter must still equal the
    PDF's figures for it, statuses as at that quarter's end."""
    chair = tenant_a["chair"]
    for council in (tenant_a.council, tenant_a.other_council):
        # Presented in Q4 2024, implemented in Q2 2025: accepted, not yet
        # done, as at the end of Q4 2024.
        decided_proposal(
            council=council,
            chair=chair,
            status="implemented",
            decided_on=dt.date(2024, 11, 5),
            implemented_on=dt.date(2025, 5, 2),
            raised_on=dt.date(2024, 9, 20),
            we_did="Done.",
        )
        decided_proposal(
            council=council,
            chair=chair,
            status="not_accepted",
            decided_on=dt.date(2025, 2, 3),
            reason="Too costly.",
        )
        decided_proposal(
            council=council,
            chair=chair,
            status="implemented",
            decided_on=dt.date(2024, 2, 12),
            implemented_on=dt.date(2024, 3, 1),
            we_did="Done.",
        )
        SurgeryFactory(
            council=council,
            date=dt.date(2024, 12, 2),
            people_approached=9,
            people_engaged=7,
            people_declined=0,
        )
    scope, _url = places(tenant_a)[level]
    board = dashboard(scope, today=TODAY)
    for row in board.trend:
        content = quarterly_content(scope, row.period)
        assert (
            row.surgeries_held,
            row.people_engaged.value,
            row.raised,
            row.presented,
            str(row.accepted_rate),
            str(row.implemented_rate),
        ) == (
            content.reach.surgeries_held.now,
            content.reach.people_engaged.now,
            content.funnel.raised,
            content.funnel.presented,
            str(content.funnel.accepted_rate),
            str(content.funnel.implemented_rate),
        ), row.period.label
    assert sum(row.presented for row in board.trend) > 3


@pytest.mark.parametrize("level", ["organisation", "region", "council"])
def test_every_headline_figure_equals_the_pdf_for_that_quarter(tenant_a, story, level):
    """The headline figures are counted on their own (a few queries for both
    quarters), not by building the whole quarterly report twice: each must
    still equal the PDF's for the same place and quarter, and the key
    points must be the PDF's own sentences."""
    chair = tenant_a["chair"]
    for council in (tenant_a.council, tenant_a.other_council):
        # This quarter so far: presented and decided in July and August.
        decided_proposal(council=council, chair=chair, status="accepted", decided_on=TODAY)
        decided_proposal(
            council=council,
            chair=chair,
            status="not_accepted",
            decided_on=dt.date(2025, 7, 20),
            reason="Too costly.",
        )
        SurgeryFactory(
            council=council,
            date=dt.date(2025, 7, 9),
            people_approached=11,
            people_engaged=8,
            people_declined=3,
        )
        meeting = MeetingFactory(council=council, date=dt.date(2025, 7, 14))
        ActionPointFactory(meeting=meeting, due_on=dt.date(2025, 7, 30))
        ActionPointFactory(meeting=meeting, due_on=dt.date(2025, 9, 30))
    scope, _url = places(tenant_a)[level]
    board = dashboard(scope, today=TODAY)
    for headline in (board.now, board.last):
        c = quarterly_content(scope, headline.period)
        assert (
            headline.surgeries_held_text,
            headline.people_engaged_text,
            headline.engagement.explained,
            str(headline.engagement),
        ) == (
            c.reach.surgeries_held.now_text,
            c.reach.people_engaged.now_text,
            c.reach.engagement.explained,
            str(c.reach.engagement),
        ), headline.period.label
        for name in ("raised", "presented", "accepted", "implemented", "not_accepted"):
            assert getattr(headline.funnel, name) == getattr(c.funnel, name), name
        for rate in ("presented_rate", "accepted_rate", "implemented_rate"):
            assert str(getattr(headline.funnel, rate)) == str(getattr(c.funnel, rate)), rate
            assert getattr(headline.funnel, rate).explained == getattr(c.funnel, rate).explained
        assert (headline.follow_through.open_actions, headline.follow_through.overdue_actions) == (
            c.follow_through.open_actions,
            c.follow_through.overdue_actions,
        )
        assert headline.meetings == c.meetings
        assert headline.meetings.attendance.percent_text == c.meetings.attendance.percent_text
        assert headline.reps == c.reps
    # The key points, for the last full quarter, are the PDF's sentences.
    last = quarterly_content(scope, board.last.period)
    assert board.last.follow_through.overdue_updates == last.follow_through.overdue_updates
    assert board.last.feedback_by_theme == last.feedback_by_theme
    assert (
        QuarterlyReportRenderer(board.last).headlines() == QuarterlyReportRenderer(last).headlines()
    )
    # Not a comparison of zeros.
    assert board.now.funnel.presented > 0 and board.now.meetings.held > 0
    assert board.last.funnel.presented > 0 and board.last.feedback_total.now > 0


def test_quarterly_page_queries_do_not_grow_with_data(tenant_a, story, client_for):
    """The quarterly report as a page: the PDF's selectors, in a fixed number
    of queries (both medians of the funnel in one)."""
    url = f"/{tenant_a.organisation.slug}/dashboard/quarterly/?quarter=2025-Q2"

    def grow():
        for _ in range(3):
            council = CouncilFactory(organisation=tenant_a.organisation, region=tenant_a.region)
            SurgeryFactory(
                council=council,
                date=s.IN_Q,
                people_approached=12,
                people_engaged=12,
                people_declined=0,
            )
            decided_proposal(
                council=council,
                chair=tenant_a["chair"],
                status="implemented",
                decided_on=dt.date(2025, 5, 1),
                implemented_on=dt.date(2025, 6, 1),
                we_did="Done.",
            )

    assert_flat_query_count(client_for(tenant_a["manager"]), url, grow=grow, budget=20)
