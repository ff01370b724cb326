"""The whole content of each document, put together from the figures.

Every figure is an aggregate worked out by the database and lists are
capped, so the number of queries a document needs is fixed however much
data there is (tests/reports/test_figures.py counts them)."""

from __future__ import annotations

from councils.periods import Period
from surgeries.models import FeedbackItem

from ..content import QuarterlyContent, YouSaidWeDidContent
from ..models import GeneratedReport
from . import meetings, members, outcomes, reach
from .expenses import expenses_section
from .scope import ReportScope, public_page_url, report_period


def you_said_we_did_content(
    scope: ReportScope, period: Period, *, public_url: str = ""
) -> YouSaidWeDidContent:
    period = report_period(period.start, period.end) if not period.description else period
    held, engaged, feedback = reach.said_counts(scope, period)
    we_did, in_progress, could_not = outcomes.outcomes(scope, period)
    return YouSaidWeDidContent(
        organisation_name=scope.organisation.name,
        scope_label=scope.label,
        period=period,
        surgeries_held=held,
        people_engaged=engaged,
        feedback_count=feedback,
        top_themes=reach.top_themes(scope, period),
        quotes=reach.approved_quotes(scope, period),
        we_did=we_did,
        in_progress=in_progress,
        could_not=could_not,
        public_url=public_url,
    )


def quarterly_content(scope: ReportScope, period: Period) -> QuarterlyContent:
    period = report_period(period.start, period.end) if not period.description else period
    previous = period.previous()
    funnel, overdue_updates = outcomes.funnel(scope, period)
    engaged = FeedbackItem.objects.filter(
        scope.councils_q(),
        organisation=scope.organisation,
        received_on__range=(period.start, period.end),
    )
    rep_figures = members.reps_in(scope, {"period": period})["period"]
    return QuarterlyContent(
        organisation_name=scope.organisation.name,
        scope_label=scope.label,
        period=period,
        previous_period=previous,
        reach=reach.reach(scope, period, previous),
        feedback_by_theme=reach.feedback_by_theme(scope, period, previous),
        funnel=funnel,
        follow_through=outcomes.follow_through(scope, period, overdue_updates),
        meetings=meetings.meetings(scope, period),
        reps=rep_figures.reps,
        engaged_diversity=members.diversity(engaged, members.DIVERSITY_FIELDS),
        rep_diversity=rep_figures.diversity,
        expenses=expenses_section(scope, period),
    )


def content_for(report: GeneratedReport):
    """The content of one report, read from the database."""
    scope = ReportScope.of(report)
    period = report_period(report.period_start, report.period_end)
    if report.kind == GeneratedReport.Kind.QUARTERLY:
        return quarterly_content(scope, period)
    return you_said_we_did_content(
        scope, period, public_url=public_page_url(report.organisation, report.council)
    )
