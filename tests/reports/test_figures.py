"""What goes into the reports, read from the database: only published
decisions and approved quotes, figures right, nothing personal, and a fixed
number of queries however much data there is."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.periods import Period
from reports.models import GeneratedReport
from reports.renderers import QuarterlyReportRenderer, YouSaidWeDidRenderer
from reports.selectors import ReportScope, content_for, quarterly_content, you_said_we_did_content
from tests.reports import story as s
from tests.reports.factories import (
    FeedbackItemFactory,
    ProposalFactory,
    ReportFactory,
    SurgeryFactory,
    decided_proposal,
    rep_profile,
)
from tests.reports.pdftext import pdf_text, says

pytestmark = pytest.mark.django_db

QUARTER = Period(s.Q_START, s.Q_END)


@pytest.fixture
def story(tenant_a):
    return s.build(tenant_a)


def council_scope(tenant):
    return ReportScope(tenant.organisation, council=tenant.council)


def test_you_said_we_did_has_only_published_decisions_and_approved_quotes(tenant_a, story):
    c = you_said_we_did_content(council_scope(tenant_a), QUARTER)
    assert (c.surgeries_held, c.people_engaged, c.feedback_count) == (2, 25, 9)
    assert [(t.theme, str(t.count)) for t in c.top_themes] == [
        ("Reception and buildings", "7"),
        ("Housing and accommodation", "fewer than 5"),
    ]
    assert [q.text for q in c.quotes] == [s.APPROVED_QUOTE]
    assert [p.title for p in c.we_did] == ["Customer service training for reception staff"]
    assert c.we_did[0].outcome == "All reception staff had customer service training in May."
    assert c.we_did[0].you_said == "Reception staff were rude and made people feel judged."
    assert [p.title for p in c.in_progress] == ["Officers read your case first"]
    assert "agreed to this in June 2025" in c.in_progress[0].outcome
    assert "We aim to finish by September 2025" in c.in_progress[0].outcome
    assert [p.title for p in c.could_not] == ["Water cups in reception"]
    assert c.could_not[0].outcome == "There is no budget for this. We will ask again in April."


def test_pdfs_never_show_names_or_raw_words(tenant_a, story):
    texts = []
    for kind in GeneratedReport.DOCUMENT_KINDS:
        report = ReportFactory(
            council=tenant_a.council, kind=kind, period_start=s.Q_START, period_end=s.Q_END
        )
        from reports.renderers import RENDERERS

        texts.append(pdf_text(RENDERERS[kind](content_for(report)).render()))
    booklet = texts[0]
    assert says(booklet, s.APPROVED_QUOTE)
    assert says(booklet, "Water cups in reception")
    for text in texts:
        for name in story.rep_names + [str(tenant_a["chair"]), str(tenant_a["coordinator"])]:
            assert name not in text, name
        for secret in (
            s.RAW_SECRET,
            s.UNAPPROVED_QUOTE,
            s.REJECTED_QUOTE,
            s.NO_CONSENT_QUOTE,
            "The queue was long.",
            "Secret unpublished decision",
            "Not enough staff at weekends",
            "Dave Smith",
        ):
            assert not says(text, secret), secret


def test_another_councils_data_stays_out(tenant_a, tenant_b, story):
    decided_proposal(
        council=tenant_a.other_council,
        chair=tenant_a["chair"],
        status="implemented",
        decided_on=dt.date(2025, 4, 3),
        implemented_on=dt.date(2025, 5, 3),
        title="Other council's change",
        we_did="Something elsewhere.",
    )
    s.build(tenant_b)
    c = you_said_we_did_content(council_scope(tenant_a), QUARTER)
    assert [p.title for p in c.we_did] == ["Customer service training for reception staff"]
    region = you_said_we_did_content(
        ReportScope(tenant_a.organisation, region=tenant_a.other_region), QUARTER
    )
    assert [p.title for p in region.we_did] == ["Other council's change"]
    whole = you_said_we_did_content(ReportScope(tenant_a.organisation), QUARTER)
    assert len(whole.we_did) == 2
    assert whole.feedback_count == 9  # tenant B's feedback is not counted


def test_quarterly_figures(tenant_a, story):
    c = quarterly_content(council_scope(tenant_a), QUARTER)
    assert (c.previous_period.start, c.previous_period.end) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 3, 31),
    )
    assert (c.reach.surgeries_held.now, c.reach.surgeries_held.before) == (2, 1)
    assert (c.reach.people_approached.now, c.reach.people_engaged.now) == (40, 25)
    assert c.reach.engagement.percent_text == "62%"
    assert str(c.reach.engagement) == "62% (25 of 40)"
    assert c.reach.engagement.explained == "25 engaged out of 40 approached"
    themes = {row.label: (row.now, row.before) for row in c.feedback_by_theme}
    assert themes == {"Reception and buildings": (7, 4), "Housing and accommodation": (2, 0)}
    # Presented this quarter: in progress, not accepted (published), and the
    # unpublished one (presented, no published decision).
    assert (c.funnel.presented, c.funnel.accepted, c.funnel.implemented) == (3, 1, 0)
    assert c.funnel.accepted_rate.explained == "1 accepted out of 3 presented"
    assert (c.follow_through.open_actions, c.follow_through.overdue_actions) == (2, 1)
    assert c.follow_through.open_implementations == 1
    # Meetings made by the story plus one per decided proposal.
    assert c.meetings.council_meetings == 3 + 1 and c.meetings.hub_meetings == 1
    assert (c.meetings.attended, c.meetings.apologies) == (3, 1)
    # Ray and Jo. The tenant's own rep has no joining date and an account
    # made today, long after this quarter: not a rep then.
    assert c.reps == type(c.reps)(active=2, new=2, trained=1, moved_on=1, left=1)
    gender = next(g for g in c.engaged_diversity if g.title == "Gender")
    assert [(label, str(cell)) for label, cell in gender.rows] == [
        ("Woman", "6"),
        ("Man", "fewer than 5"),
    ]
    assert str(gender.not_recorded) == "fewer than 5"


def test_quarterly_pdf_shows_the_councils_figures(tenant_a, story):
    text = pdf_text(
        QuarterlyReportRenderer(quarterly_content(council_scope(tenant_a), QUARTER)).render()
    )
    assert says(text, "Reception and buildings 7 4 up 3")
    assert says(text, "1 accepted out of 3 presented")
    assert says(text, "Man fewer than 5")


def _grow(tenant):
    """Many more rows of every kind the reports read."""
    council = tenant.council
    for i in range(15):
        SurgeryFactory(council=council, date=s.IN_Q)
        FeedbackItemFactory(
            council=council,
            received_on=s.IN_Q,
            gender="woman",
            quote_status="approved",
            consent_to_quote=True,
            approved_quote=f"Quote {i}",
        )
        decided_proposal(
            council=council,
            chair=tenant["chair"],
            status="implemented",
            decided_on=dt.date(2025, 4, 2),
            implemented_on=dt.date(2025, 6, 1),
            we_did=f"Did {i}",
        )
        decided_proposal(
            council=council,
            chair=tenant["chair"],
            status="not_accepted",
            decided_on=dt.date(2025, 5, 2),
            reason=f"Reason {i}",
        )
        ProposalFactory(council=council)
        rep_profile(council=council, joined_on=dt.date(2025, 5, 1))


@pytest.mark.parametrize(
    "kind", [GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET, GeneratedReport.Kind.QUARTERLY]
)
@pytest.mark.parametrize("level", ["council", "region", "organisation"])
def test_query_count_does_not_grow_with_the_data(tenant_a, story, kind, level):
    scope = {"council": {"council": tenant_a.council}, "region": {"region": tenant_a.region}}
    report = ReportFactory(
        organisation=tenant_a.organisation,
        kind=kind,
        period_start=s.Q_START,
        period_end=s.Q_END,
        **scope.get(level, {}),
    )
    report = GeneratedReport.objects.select_related("organisation", "council", "region").get(
        pk=report.pk
    )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            content_for(report)
        return len(ctx.captured_queries)

    before = count()
    _grow(tenant_a)
    after = count()
    assert after == before, f"{before} queries became {after}"
    # 25, and 5 for the quarterly report's expenses section
    # (tests/expenses/test_report_section.py counts those on their own).
    assert after <= 30


def test_booklet_from_the_database_renders(tenant_a, story):
    c = you_said_we_did_content(council_scope(tenant_a), QUARTER, public_url="http://x/p/")
    text = pdf_text(YouSaidWeDidRenderer(c).render())
    assert says(text, "They talked with 25 people.")
    assert says(text, "Housing and accommodation – fewer than 5 comments")
