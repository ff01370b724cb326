"""A manager's dashboard: the quarterly report's figures on screen.

Every figure is counted by the rules of the PDF's selectors: the headline
figures (this quarter so far and the last full quarter) are only the ones the
page shows (``Headline``), counted with the trend's quarters
(``grouped.trend_figures``) and in a few queries for both quarters at once;
the trend is the same funnel and reach, quarter by quarter; the places side
by side are ``grouped.figures_by_council_and_region``, which counts by the
same rules by council, each region its councils added up.

What scans the same rows is counted once: reach by council and quarter
(``grouped.reach_by_council``) serves the trend, the headline figures and
the table; action points by council for both quarters
(``actions_by_council``) serve the headline figures and the table.
tests/reports/test_dashboard.py checks each against ``quarterly_content``.
Counts of people go through councils.disclosure.

The number of queries is fixed: it does not grow with the data nor with the
number of councils (tests/reports/test_dashboard.py counts them).

``place_rows`` returns plain rows (``PlaceRow``), with ``TABLE_COLUMNS``
naming each column, so the same table can be exported.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Window
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from councils.disclosure import Cell, people_count
from councils.models import Region
from councils.periods import Period, last_quarter, recent_quarters
from councils.rates import Rate
from councils.selectors import name_fields
from proposals.models import ActionPoint, Proposal, ProposalStatus
from proposals.selectors import as_at_moment, overdue_at, with_status_at

from ..content import Comparison, FollowThrough, Funnel, Meetings, PeopleRate, Reps
from . import members
from .grouped import (
    PLACE_PARTS,
    PROPOSALS,
    Figures,
    Reach,
    TrendFigures,
    figures_by_council_and_region,
    reach_by_council,
    trend_figures,
)
from .meetings import meetings_in
from .reach import feedback_by_theme
from .scope import ReportScope, end_of_period, report_period

TREND_QUARTERS = 8
LIST_LIMIT = 10


@dataclass(frozen=True)
class PlaceRow:
    """One council or region in the table, for one period. Plain values:
    people counts are disclosure cells, shares are Rates."""

    kind: str  # "council" or "region"
    public_id: str
    name: str
    region_name: str
    surgeries_held: int
    people_engaged: Cell
    raised: int
    presented: int
    accepted_rate: Rate
    implemented_rate: Rate
    median_days_to_decision: float | None
    decided_count: int
    median_days_to_implementation: float | None
    implemented_count: int
    overdue_actions: int
    open_actions: int

    # The table's words for each row, worked out here once a row rather
    # than by a tag for each cell (the same words the tags gave).
    @property
    def median_days_to_decision_text(self) -> str:
        return _median_text(self.median_days_to_decision)

    @property
    def median_days_to_implementation_text(self) -> str:
        return _median_text(self.median_days_to_implementation)

    @property
    def decided_text(self) -> str:
        return mark_safe(gettext("of %(count)s decided") % {"count": int(self.decided_count)})

    @property
    def done_text(self) -> str:
        return mark_safe(gettext("of %(count)s done") % {"count": int(self.implemented_count)})

    @property
    def open_text(self) -> str:
        return mark_safe(gettext("of %(open)s open") % {"open": int(self.open_actions)})

    def value(self, key: str):
        """What the column ``key`` sorts by. A hidden count of people sorts
        with the zeros, so the order never gives a small number away."""
        if key == "name":
            return self.name.lower()
        item = getattr(self, key)
        if isinstance(item, Cell):
            return item.shown or 0
        if isinstance(item, Rate):
            return -1 if item.percent is None else item.percent
        return -1 if item is None else item

    def export_values(self) -> dict:
        """The row as plain text and numbers, for CSV and spreadsheet
        exports: people counts as printed (the disclosure rule), each share
        with its numerator and denominator."""
        return {
            "place": self.name,
            "region": self.region_name,
            "surgeries_held": self.surgeries_held,
            "people_engaged": self.people_engaged.text
            if self.people_engaged.hidden
            else self.people_engaged.value,
            "proposals_raised": self.raised,
            "proposals_presented": self.presented,
            "accepted": self.accepted_rate.numerator,
            "accepted_percent": self.accepted_rate.percent,
            "implemented": self.implemented_rate.numerator,
            "implemented_percent": self.implemented_rate.percent,
            "median_days_to_decision": self.median_days_to_decision,
            "decided": self.decided_count,
            "median_days_to_implementation": self.median_days_to_implementation,
            "implemented_in_period": self.implemented_count,
            "overdue_action_points": self.overdue_actions,
            "open_action_points": self.open_actions,
        }


def _median_text(days: float | None) -> str:
    if days is None:
        return mark_safe(gettext("no figure yet"))
    return floatformat(days, "-1")


# (key, heading). The keys are what ?sort= takes.
TABLE_COLUMNS = [
    ("name", _("Place")),
    ("surgeries_held", _("Surgeries held")),
    ("people_engaged", _("People engaged")),
    ("raised", _("Proposals raised")),
    ("presented", _("Proposals presented")),
    ("accepted_rate", _("Accepted")),
    ("implemented_rate", _("Implemented")),
    ("median_days_to_decision", _("Median days to decision")),
    ("median_days_to_implementation", _("Median days to implementation")),
    ("overdue_actions", _("Overdue action points")),
]
SORT_KEYS = {key for key, _label in TABLE_COLUMNS}


def _row(kind: str, place, figures: Figures, region_name: str = "") -> PlaceRow:
    return PlaceRow(
        kind=kind,
        public_id=place.public_id,
        name=place.name,
        region_name=region_name,
        surgeries_held=figures.surgeries_held,
        people_engaged=people_count(figures.people_engaged),
        raised=figures.raised,
        presented=figures.presented,
        accepted_rate=Rate(figures.accepted, figures.presented, _("accepted"), _("presented")),
        implemented_rate=Rate(
            figures.implemented, figures.accepted, _("implemented"), _("accepted")
        ),
        median_days_to_decision=figures.median_days_to_decision,
        decided_count=figures.decided_count,
        median_days_to_implementation=figures.median_days_to_implementation,
        implemented_count=figures.implemented_count_for_median,
        overdue_actions=figures.overdue_actions,
        open_actions=figures.open_actions,
    )


def sort_rows(rows: list[PlaceRow], key: str = "name", descending: bool = False):
    key = key if key in SORT_KEYS else "name"
    rows = sorted(rows, key=lambda row: row.name.lower())
    return sorted(rows, key=lambda row: row.value(key), reverse=descending)


def place_rows(
    scope: ReportScope,
    period: Period,
    *,
    by: str = "council",
    sort: str = "name",
    descending: bool = False,
) -> list[PlaceRow]:
    """The councils (``by="council"``) or regions (``by="region"``) of the
    scope, side by side, for the period (a ``report_period``)."""
    councils, regions = council_and_region_rows(
        scope, period, regions=by == "region", sort=sort, descending=descending
    )
    return regions if by == "region" else councils


def council_and_region_rows(
    scope: ReportScope,
    period: Period,
    *,
    regions: bool = True,
    sort: str = "name",
    descending: bool = False,
    counted: dict[int, dict[str, int]] | None = None,
) -> tuple[list[PlaceRow], list[PlaceRow]]:
    """The active councils of the scope and (with ``regions``) its active
    regions, side by side, both counted at once: a region's figures are
    those of all its councils (``grouped.figures_by_council_and_region``).
    ``counted``: each council's reach and action points for the period,
    if the caller has already counted them."""
    org = scope.organisation
    # Every council counted, active or not: a region's figures include its
    # inactive councils' (as counting by region does). The regions with
    # their councils in one query (a region with none still has its row).
    places = Region.objects.filter(organisation=org).order_by()
    if scope.council is not None:
        places = places.filter(pk=scope.council.region_id)
    elif scope.region is not None:
        places = places.filter(pk=scope.region.pk)
    region_list: dict[int, _Place] = {}
    councils: list[tuple[_Place, int, int]] = []
    rows = places.values_list(
        "pk",
        "public_id",
        "name",
        "is_active",
        "councils__pk",
        "councils__public_id",
        "councils__name",
        "councils__is_active",
    )
    for region_id, public_id, name, is_active, council_id, *council in rows:
        region_list[region_id] = _Place(public_id, name, is_active)
        if council_id is not None and (scope.council is None or council_id == scope.council.pk):
            councils.append((_Place(*council), council_id, region_id))
    council_figures, region_figures = figures_by_council_and_region(
        organisations=[org],
        period=period,
        region_of={council_id: region_id for _c, council_id, region_id in councils},
        where=scope.councils_q(),
        parts=PLACE_PARTS if counted is None else frozenset({PROPOSALS}),
        counted=counted,
    )
    council_rows = [
        _row(
            "council",
            council,
            council_figures.get(council_id, Figures()),
            region_list[region_id].name,
        )
        for council, council_id, region_id in councils
        if council.is_active
    ]
    region_rows = []
    if regions:
        region_rows = [
            _row("region", region, region_figures.get(region_id, Figures()))
            for region_id, region in region_list.items()
            if region.is_active
        ]
    return sort_rows(council_rows, sort, descending), sort_rows(region_rows, sort, descending)


@dataclass(frozen=True)
class _Place:
    public_id: str
    name: str
    is_active: bool


@dataclass(frozen=True)
class TrendRow:
    period: Period
    surgeries_held: int
    people_engaged: Cell
    raised: int
    presented: int
    accepted_rate: Rate
    implemented_rate: Rate


def trend_periods(today: dt.date | None = None) -> list[Period]:
    """The last eight quarters, oldest first (the current one so far)."""
    return [
        report_period(quarter.start, quarter.end, today=today)
        for quarter in reversed(recent_quarters(TREND_QUARTERS, today))
    ]


def trend(
    scope: ReportScope,
    *,
    today: dt.date | None = None,
    counted: dict[tuple[dt.date, dt.date], TrendFigures] | None = None,
    periods: list[Period] | None = None,
) -> list[TrendRow]:
    """The last eight quarters, oldest first (the current one so far), each
    counted by the rules of the PDF's selectors as at the end of that
    quarter, all at once (``grouped.trend_figures``, two queries), unless
    already ``counted`` (by the start and end of each quarter)."""
    periods = periods or trend_periods(today)
    if counted is None:
        counted = _count_quarters(scope, periods)
    rows = []
    for period in periods:
        figures = counted[(period.start, period.end)]
        rows.append(
            TrendRow(
                period=period,
                surgeries_held=figures.surgeries_held,
                people_engaged=people_count(figures.people_engaged),
                raised=figures.raised,
                presented=figures.presented,
                accepted_rate=Rate(
                    figures.accepted, figures.presented, _("accepted"), _("presented")
                ),
                implemented_rate=Rate(
                    figures.implemented, figures.accepted, _("implemented"), _("accepted")
                ),
            )
        )
    return rows


def _count_quarters(
    scope: ReportScope, periods: list[Period]
) -> dict[tuple[dt.date, dt.date], TrendFigures]:
    figures = trend_figures(
        organisation=scope.organisation, where=scope.councils_q(), periods=periods
    )
    return {(p.start, p.end): f for p, f in zip(periods, figures, strict=True)}


@dataclass(frozen=True)
class Headline:
    """One column of the headline table (and, for the last full quarter,
    the key points under it): only the figures the dashboard shows, each
    counted by the rule of the PDF's selector for it. The funnel's medians
    are not counted here: the dashboard does not show them.
    tests/reports/test_dashboard.py checks every figure against
    ``quarterly_content`` for the same place and period."""

    period: Period
    surgeries_held: int
    people_engaged: int
    people_approached: int
    funnel: Funnel
    follow_through: FollowThrough
    meetings: Meetings
    reps: Reps
    # With the period before, as in the PDF (only for the key points).
    feedback_by_theme: list[Comparison] = field(default_factory=list)

    @property
    def surgeries_held_text(self) -> str:
        return f"{self.surgeries_held:,}"

    @property
    def people_engaged_text(self) -> str:
        return people_count(self.people_engaged).text

    @property
    def engagement(self) -> PeopleRate:
        return PeopleRate(
            self.people_engaged, self.people_approached, _("engaged"), _("approached")
        )

    @property
    def feedback_total(self) -> Comparison:
        return Comparison(
            _("All themes"),
            sum(row.now for row in self.feedback_by_theme),
            sum(row.before for row in self.feedback_by_theme),
        )


def actions_by_council(scope: ReportScope, periods: dict[str, Period]) -> dict[int, dict[str, int]]:
    """Action points open at the end of each of ``periods`` (by name) and
    those then past their due date, by council, in one query: the rule of
    ``outcomes.follow_through``. Keys ``open_<name>`` and ``overdue_<name>``."""
    counts = {}
    for key, period in periods.items():
        end = end_of_period(period)
        open_at_end = Q(created_at__lt=end) & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))
        counts[f"open_{key}"] = Count("id", filter=open_at_end)
        counts[f"overdue_{key}"] = Count("id", filter=open_at_end & Q(due_on__lte=period.end))
    rows = (
        ActionPoint.objects.filter(scope.councils_q(), organisation=scope.organisation)
        .values("council_id")
        .annotate(**counts)
        .order_by()
    )
    return {row.pop("council_id"): row for row in rows}


def headlines(
    scope: ReportScope,
    now_period: Period,
    last_period: Period,
    counted: dict[tuple[dt.date, dt.date], TrendFigures],
    actions: dict[int, dict[str, int]] | None = None,
) -> tuple[Headline, Headline]:
    """This quarter so far and the last full quarter. Reach and the funnel
    come with the trend's quarters (``counted``); action points by council
    for both quarters at once (``actions_by_council``, unless already
    counted), meetings and reps for both quarters in one query each (the
    PDF's own ``meetings.meetings_in`` and ``members.reps_in``); the key
    points' updates waiting and feedback by theme for the last quarter
    only."""
    org, where = scope.organisation, scope.councils_q()
    periods = {"now": now_period, "last": last_period}
    if actions is None:
        actions = actions_by_council(scope, periods)
    action_totals: dict[str, int] = defaultdict(int)
    for row in actions.values():
        for name, n in row.items():
            action_totals[name] += n
    held = meetings_in(scope, periods)
    reps = members.reps_in(scope, periods, with_diversity=False)

    # Accepted proposals waiting for an update, as at the last quarter's end
    # (``proposal_figures``' ``overdue``): only the key points say it.
    moment = as_at_moment(last_period.end)
    overdue_updates = overdue_at(
        with_status_at(Proposal.objects.filter(where, organisation=org), moment), moment
    ).count()

    def one(key: str, period: Period, **extra) -> Headline:
        figures = counted[(period.start, period.end)]
        return Headline(
            period=period,
            surgeries_held=figures.surgeries_held,
            people_engaged=figures.people_engaged,
            people_approached=figures.people_approached,
            funnel=Funnel(
                raised=figures.raised,
                presented=figures.presented,
                accepted=figures.accepted,
                implemented=figures.implemented,
                not_accepted=figures.not_accepted,
            ),
            follow_through=FollowThrough(
                open_actions=action_totals[f"open_{key}"],
                overdue_actions=action_totals[f"overdue_{key}"],
                overdue_updates=overdue_updates if key == "last" else 0,
            ),
            meetings=held[key],
            reps=reps[key].reps,
            **extra,
        )

    return (
        one("now", now_period),
        one(
            "last",
            last_period,
            feedback_by_theme=feedback_by_theme(scope, last_period, last_period.previous()),
        ),
    )


@dataclass(frozen=True)
class WaitingDecision:
    public_id: str
    title: str
    council_name: str
    presented_at: dt.datetime
    days_waiting: int


@dataclass(frozen=True)
class OverdueAction:
    public_id: str
    description: str
    council_name: str
    owner_name: str
    due_on: dt.date
    days_overdue: int
    meeting_public_id: str


def decisions_waiting(scope: ReportScope, limit: int = LIST_LIMIT):
    """Proposals presented to a council with no published decision yet,
    the longest waiting first: (how many, the first ``limit``). How many
    comes with the rows (a count over the whole list), not in a query of
    its own."""
    waiting = (
        Proposal.objects.filter(
            scope.councils_q(), organisation=scope.organisation, status=ProposalStatus.PRESENTED
        )
        .annotate(total=Window(Count("id")))
        .order_by("presented_at", "id")
        .values("total", "public_id", "title", "council__name", "presented_at")[:limit]
    )
    today = timezone.localdate()
    found = list(waiting)
    rows = [
        WaitingDecision(
            public_id=p["public_id"],
            title=p["title"],
            council_name=p["council__name"],
            presented_at=p["presented_at"],
            days_waiting=(
                (today - timezone.localdate(p["presented_at"])).days if p["presented_at"] else 0
            ),
        )
        for p in found
    ]
    return (found[0]["total"] if found else 0), rows


def oldest_overdue_actions(scope: ReportScope, limit: int = LIST_LIMIT):
    """Open action points past their due date, the oldest first, with their
    owner: (how many, the first ``limit``). Counted as the quarterly report
    counts them at today's date; how many comes with the rows."""
    today = timezone.localdate()
    overdue = (
        ActionPoint.objects.filter(
            scope.councils_q(),
            organisation=scope.organisation,
            closed_at__isnull=True,
            due_on__lte=today,
        )
        .annotate(total=Window(Count("id")))
        .select_related("council", "owner", "meeting")
        # Only what the table shows (the owner's name as ``str(owner)`` says it).
        .only(
            "public_id",
            "description",
            "due_on",
            "council__name",
            *name_fields("owner"),
            "meeting__public_id",
        )
        .order_by("due_on", "id")[:limit]
    )
    found = list(overdue)
    rows = [
        OverdueAction(
            public_id=a.public_id,
            description=a.description,
            council_name=a.council.name,
            owner_name=str(a.owner),
            due_on=a.due_on,
            days_overdue=(today - a.due_on).days,
            meeting_public_id=a.meeting.public_id,
        )
        for a in found
    ]
    return (found[0].total if found else 0), rows


@dataclass
class Dashboard:
    scope: ReportScope
    now: Headline
    last: Headline
    trend: list[TrendRow]
    table_period: Period
    councils: list[PlaceRow] = field(default_factory=list)
    regions: list[PlaceRow] = field(default_factory=list)
    waiting_count: int = 0
    waiting: list[WaitingDecision] = field(default_factory=list)
    overdue_count: int = 0
    overdue: list[OverdueAction] = field(default_factory=list)


def headline_periods(today: dt.date | None = None) -> tuple[Period, Period]:
    """This quarter so far and the last full quarter, as the PDF names them."""
    today = today or timezone.localdate()
    this = recent_quarters(1, today)[0]
    last = last_quarter(today)
    return (
        report_period(this.start, this.end, today=today),
        report_period(last.start, last.end, today=today),
    )


def dashboard(
    scope: ReportScope,
    *,
    table_quarter: str = "last",
    sort: str = "name",
    descending: bool = False,
    today: dt.date | None = None,
) -> Dashboard:
    now_period, last_period = headline_periods(today)
    table_period = now_period if table_quarter == "now" else last_period
    periods = trend_periods(today)
    # Reach by council and quarter serves the trend, the headline figures
    # and the table; action points by council for both quarters serve the
    # headline figures and the table. This quarter and the last are two of
    # the trend's quarters: their reach and funnel are counted with them.
    where = scope.councils_q()
    reach = reach_by_council(organisation=scope.organisation, where=where, periods=periods)
    figures = trend_figures(
        organisation=scope.organisation, where=where, periods=periods, reach=reach
    )
    counted = {(p.start, p.end): f for p, f in zip(periods, figures, strict=True)}
    for period in (now_period, last_period):
        if (period.start, period.end) not in counted:
            counted.update(_count_quarters(scope, [period]))
    actions = actions_by_council(scope, {"now": now_period, "last": last_period})
    now, last = headlines(scope, now_period, last_period, counted, actions)
    board = Dashboard(
        scope=scope,
        now=now,
        last=last,
        trend=trend(scope, today=today, counted=counted, periods=periods),
        table_period=table_period,
    )
    if scope.council is None:
        key = "now" if table_period is now_period else "last"
        table_counts: dict[int, dict[str, int]] = {}
        for council_id in reach.keys() | actions.keys():
            reached = reach.get(council_id, {}).get(table_period.start, Reach())
            acted = actions.get(council_id, {})
            table_counts[council_id] = {
                "surgeries_held": reached.surgeries_held,
                "people_approached": reached.people_approached,
                "people_engaged": reached.people_engaged,
                "open_actions": acted.get(f"open_{key}", 0),
                "overdue_actions": acted.get(f"overdue_{key}", 0),
            }
        board.councils, board.regions = council_and_region_rows(
            scope,
            table_period,
            regions=scope.region is None,
            sort=sort,
            descending=descending,
            counted=table_counts,
        )
    board.waiting_count, board.waiting = decisions_waiting(scope)
    board.overdue_count, board.overdue = oldest_overdue_actions(scope)
    return board
