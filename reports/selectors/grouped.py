"""The quarterly report's figures for many places at once: one row per
council, region or organisation, in a fixed number of queries however many
places there are.

These are the same figures as the PDF's (``documents.quarterly_content``),
counted by the same rules: the same held surgeries (``surgery_held_q``), each
proposal's status as at the end of the period (``with_status_at`` and
``as_at_moment``), the same cohorts and medians as ``proposal_figures``, and
the same open and overdue action points as ``outcomes.follow_through``.
tests/reports/test_dashboard.py checks each row equals the PDF's figures for
that one place.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, fields

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncQuarter

from councils.periods import Period, quarter_containing
from members.models import RepProfile
from proposals.models import ACCEPTED_STATUSES, DECIDED_STATUSES, ActionPoint, Meeting, Proposal
from proposals.models import ProposalStatus as Status
from proposals.selectors import as_at_moment, with_status_at
from proposals.selectors.history import overdue_at, status_at
from surgeries.models import Surgery

from .members import active_reps_q, with_status_on
from .scope import end_of_period, in_period, meeting_held_q, start_of_day, surgery_held_q

# What a row is counted by.
BY_COUNCIL = "council_id"
BY_REGION = "council__region_id"
BY_ORGANISATION = "organisation_id"


@dataclass
class Figures:
    """One place's figures for one period (plain numbers)."""

    surgeries_held: int = 0
    people_approached: int = 0
    people_engaged: int = 0
    raised: int = 0
    presented: int = 0
    accepted: int = 0
    not_accepted: int = 0
    implemented: int = 0
    decided_count: int = 0
    median_days_to_decision: float | None = None
    implemented_count_for_median: int = 0
    median_days_to_implementation: float | None = None
    overdue_updates: int = 0
    open_actions: int = 0
    overdue_actions: int = 0
    council_meetings: int = 0
    meetings_held: int = 0
    reps_active: int = 0
    reps_new: int = 0
    reps_trained: int = 0


def median_days(spans: list[dt.timedelta]) -> float | None:
    """The rule of ``proposal_figures``: the middle one (or the mean of the
    middle two), in days to one decimal place."""
    if not spans:
        return None
    spans = sorted(spans)
    n = len(spans)
    middle = spans[(n - 1) // 2 : n // 2 + 1]
    seconds = sum(d.total_seconds() for d in middle) / len(middle)
    return round(seconds / 86400, 1)


@dataclass
class _Counted:
    """Figures as counted, with the spans behind the medians, so that
    councils' figures can be added up into their regions'."""

    figures: Figures = field(default_factory=Figures)
    decision_spans: list[dt.timedelta] = field(default_factory=list)
    implementation_spans: list[dt.timedelta] = field(default_factory=list)


# Figures a median and its count stand for: worked out from the spans.
_FROM_SPANS = {
    "decided_count",
    "median_days_to_decision",
    "implemented_count_for_median",
    "median_days_to_implementation",
}
_SUMMED = [f.name for f in fields(Figures) if f.name not in _FROM_SPANS]


def _with_medians(counted: dict[int, _Counted]) -> dict[int, Figures]:
    rows = {}
    for key, place in counted.items():
        figures = place.figures
        if place.decision_spans:
            figures.decided_count = len(place.decision_spans)
            figures.median_days_to_decision = median_days(place.decision_spans)
        if place.implementation_spans:
            figures.implemented_count_for_median = len(place.implementation_spans)
            figures.median_days_to_implementation = median_days(place.implementation_spans)
        rows[key] = figures
    return rows


def figures_by(
    by: str, *, organisations, period: Period, where: Q | None = None
) -> dict[int, Figures]:
    """Figures for each council, region or organisation (``by``) of the
    given organisations in the period. ``where`` narrows the councils
    (a ``ReportScope.councils_q()``)."""
    return _with_medians(_count_by(by, organisations=organisations, period=period, where=where))


# What each part of ``_count_by`` counts: a caller asks only for the parts
# it shows (each is a query or two).
REACH = "reach"
PROPOSALS = "proposals"
OVERDUE_UPDATES = "overdue_updates"
ACTIONS = "actions"
MEETINGS = "meetings"
REPS = "reps"
ALL_PARTS = frozenset({REACH, PROPOSALS, OVERDUE_UPDATES, ACTIONS, MEETINGS, REPS})
# The places side by side show reach, the funnel and action points only.
PLACE_PARTS = frozenset({REACH, PROPOSALS, ACTIONS})


def figures_by_council_and_region(
    *,
    organisations,
    period: Period,
    region_of: dict[int, int],
    where: Q | None = None,
    parts: frozenset[str] = PLACE_PARTS,
    counted: dict[int, dict[str, int]] | None = None,
) -> tuple[dict[int, Figures], dict[int, Figures]]:
    """``figures_by`` for councils and for regions, counted once by council:
    each region's figures are its councils' added up (``region_of`` maps
    every council counted to its region), its medians those of all its
    councils' spans together. Half the queries of asking for both. Only
    the ``parts`` asked for are counted (the others stay at zero);
    ``counted`` gives figures a caller has already counted by council (the
    dashboard counts reach and action points for its other tables too)."""
    by_council = _count_by(
        BY_COUNCIL, organisations=organisations, period=period, where=where, parts=parts
    )
    for council_id, values in (counted or {}).items():
        figures = by_council.setdefault(council_id, _Counted()).figures
        for name, value in values.items():
            setattr(figures, name, value)
    by_region: dict[int, _Counted] = defaultdict(_Counted)
    for council_id, place in by_council.items():
        region = by_region[region_of[council_id]]
        for name in _SUMMED:
            total = getattr(region.figures, name) + getattr(place.figures, name)
            setattr(region.figures, name, total)
        region.decision_spans += place.decision_spans
        region.implementation_spans += place.implementation_spans
    return _with_medians(by_council), _with_medians(by_region)


def _count_by(
    by: str,
    *,
    organisations,
    period: Period,
    where: Q | None,
    parts: frozenset[str] = ALL_PARTS,
) -> dict[int, _Counted]:
    where = where or Q()
    org_ids = [getattr(o, "pk", o) for o in organisations]
    rows: dict[int, _Counted] = defaultdict(_Counted)
    in_dates = (period.start, period.end)

    def each(queryset, **names):
        for row in queryset:
            key = row[by]
            if key is None:
                continue
            figures = rows[key].figures
            for field_name, name in names.items():
                setattr(figures, field_name, row[name] or 0)

    # Reach: surgeries that took place, and the people at them.
    if REACH in parts:
        each(
            Surgery.objects.filter(
                where, surgery_held_q(), organisation_id__in=org_ids, date__range=in_dates
            )
            .values(by)
            .annotate(
                held=Count("id"),
                approached=Coalesce(Sum("people_approached"), 0),
                engaged=Coalesce(Sum("people_engaged"), 0),
            )
            .order_by(),
            surgeries_held="held",
            people_approached="approached",
            people_engaged="engaged",
        )

    # Proposals, each with its status at the end of the period.
    moment = as_at_moment(period.end)
    start, end = start_of_day(period.start), end_of_period(period)
    if PROPOSALS in parts or OVERDUE_UPDATES in parts:
        proposals = with_status_at(
            Proposal.objects.filter(where, organisation_id__in=org_ids), moment
        )
    if PROPOSALS in parts:
        _count_proposals(rows, proposals, by, start, end)
    if OVERDUE_UPDATES in parts:
        each(
            overdue_at(proposals, moment).values(by).annotate(n=Count("id")).order_by(),
            overdue_updates="n",
        )

    # Action points open at the end of the period, and those past their due date.
    if ACTIONS in parts:
        open_at_end = Q(created_at__lt=end) & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))
        each(
            ActionPoint.objects.filter(where, open_at_end, organisation_id__in=org_ids)
            .values(by)
            .annotate(open=Count("id"), overdue=Count("id", filter=Q(due_on__lte=period.end)))
            .order_by(),
            open_actions="open",
            overdue_actions="overdue",
        )

    # Meetings held, and reps.
    if MEETINGS in parts:
        each(
            Meeting.objects.filter(
                where, meeting_held_q(), organisation_id__in=org_ids, date__range=in_dates
            )
            .values(by)
            .annotate(held=Count("id"), council=Count("id", filter=Q(kind=Meeting.Kind.COUNCIL)))
            .order_by(),
            meetings_held="held",
            council_meetings="council",
        )
    if REPS in parts:
        each(
            # Status as at the period's end, from each rep's history: the rule
            # the quarterly report's rep figures use (selectors.members).
            with_status_on(
                RepProfile.objects.filter(where, organisation_id__in=org_ids), period.end
            )
            .values(by)
            .annotate(
                active=Count("id", filter=active_reps_q(period.end)),
                new=Count(
                    "id",
                    filter=Q(joined_on__range=in_dates)
                    | Q(
                        joined_on__isnull=True,
                        user__date_joined__gte=start,
                        user__date_joined__lt=end,
                    ),
                ),
                trained=Count("id", filter=Q(trained_on__range=in_dates)),
            )
            .order_by(),
            reps_active="active",
            reps_new="new",
            reps_trained="trained",
        )
    return dict(rows)


def _count_proposals(rows: dict[int, _Counted], proposals, by: str, start, end) -> None:
    """Raised, presented (by status then), decided and implemented in the
    period, by the rules of ``proposal_figures``: one row a proposal that
    any of them counts (a few hundred a quarter), sorted out here rather
    than in a query each. Each proposal's status is worked out once."""

    def within(name: str) -> Q:
        return Q(**{f"{name}__gte": start, f"{name}__lt": end})

    def during(moment) -> bool:
        return moment is not None and start <= moment < end

    touched = (
        proposals.filter(
            within("raised_at")
            | within("presented_at")
            | within("decided_at")
            | within("implemented_at")
        )
        .annotate(
            decision_span=ExpressionWrapper(
                F("decided_at") - F("raised_at"), output_field=DurationField()
            ),
            implementation_span=ExpressionWrapper(
                F("implemented_at") - F("decided_at"), output_field=DurationField()
            ),
        )
        .values_list(
            by,
            "status_then",
            "raised_at",
            "presented_at",
            "decided_at",
            "implemented_at",
            "decision_span",
            "implementation_span",
        )
        .order_by()
    )
    for key, status, raised, presented, decided, implemented, to_decide, to_do in touched:
        if key is None:
            continue
        place = rows[key]
        figures = place.figures
        if during(raised):
            figures.raised += 1
        if during(presented):
            figures.presented += 1
            figures.accepted += int(status in ACCEPTED_STATUSES)
            figures.not_accepted += int(status == Status.NOT_ACCEPTED)
            figures.implemented += int(status == Status.IMPLEMENTED)
        if status in DECIDED_STATUSES and status != Status.WITHDRAWN and during(decided):
            place.decision_spans.append(to_decide)
        if status == Status.IMPLEMENTED and decided is not None and during(implemented):
            place.implementation_spans.append(to_do)


@dataclass(frozen=True)
class TrendFigures:
    """One period of the dashboard's trend: reach and the funnel."""

    surgeries_held: int = 0
    people_engaged: int = 0
    raised: int = 0
    presented: int = 0
    accepted: int = 0
    implemented: int = 0
    people_approached: int = 0
    not_accepted: int = 0


def _check_quarters(periods: list[Period]) -> list[Period]:
    """``periods`` oldest first, each a whole calendar quarter but the last,
    which may be a quarter so far, one after another: what counting by
    calendar quarter needs to give each period's own figures."""
    periods = sorted(periods, key=lambda p: p.start)
    for i, period in enumerate(periods):
        whole = quarter_containing(period.start)
        last = i == len(periods) - 1
        if period.start != whole.start or (period.end != whole.end and not last):
            raise ValueError(f"{period} is not a calendar quarter")
        if period.end > whole.end:
            raise ValueError(f"{period} is longer than a quarter")
        if not last and periods[i + 1].start != period.end + dt.timedelta(days=1):
            raise ValueError("the quarters must follow one another")
    return periods


@dataclass(frozen=True)
class Reach:
    surgeries_held: int = 0
    people_approached: int = 0
    people_engaged: int = 0


def reach_by_council(
    *, organisation, where: Q | None, periods: list[Period]
) -> dict[int, dict[dt.date, Reach]]:
    """Surgeries held and the people at them, for each council and each of
    ``periods`` (calendar quarters one after another, the last perhaps so
    far: ``_check_quarters``), keyed by the quarter's first day. One query,
    counted by calendar quarter, held surgeries as ``reach.said_counts``."""
    periods = _check_quarters(periods)
    rows = (
        Surgery.objects.filter(
            where or Q(),
            surgery_held_q(),
            organisation=organisation,
            date__range=(periods[0].start, periods[-1].end),
        )
        .values("council_id", quarter=TruncQuarter("date"))
        .annotate(
            held=Count("id"),
            approached=Coalesce(Sum("people_approached"), 0),
            engaged=Coalesce(Sum("people_engaged"), 0),
        )
        .order_by()
        .values_list("council_id", "quarter", "held", "approached", "engaged")
    )
    counted: dict[int, dict[dt.date, Reach]] = defaultdict(dict)
    for council_id, quarter, held, approached, engaged in rows:
        counted[council_id][quarter] = Reach(held, approached, engaged)
    return dict(counted)


def trend_figures(
    *,
    organisation,
    where: Q | None,
    periods: list[Period],
    reach: dict[int, dict[dt.date, Reach]] | None = None,
) -> list[TrendFigures]:
    """Reach and funnel for each of ``periods`` (calendar quarters one after
    another, the last perhaps so far), in two queries however many periods
    there are (one if ``reach_by_council`` was already asked). Counted by
    the rules of the PDF's selectors: held surgeries as
    ``reach.said_counts``; raised, presented, accepted and implemented as
    ``proposal_figures``, each proposal's status as at the end of the
    period it was presented in.

    The dashboard asked the PDF's selectors quarter by quarter (nine
    queries a quarter); tests/reports/test_dashboard.py checks each period
    equals the PDF's figures."""
    if not periods:
        return []
    ordered = _check_quarters(periods)
    where = where or Q()
    if reach is None:
        reach = reach_by_council(organisation=organisation, where=where, periods=ordered)
    whole = Period(ordered[0].start, ordered[-1].end)
    after = end_of_period(whole)

    # A proposal is presented once, so in at most one period: its status as
    # at that period's end is the only one needed, the moment picked by the
    # first period it was presented before the end of (the periods follow
    # one another; for one presented before the first, the moment is of no
    # use and its quarter is not counted).
    status_moment = Case(
        *(
            When(presented_at__lt=end_of_period(p), then=Value(as_at_moment(p.end)))
            for p in ordered
        ),
        default=None,
        output_field=DateTimeField(),
    )
    # Each proposal's quarter raised and quarter presented, by calendar
    # quarter in local time (as ``in_period``); quarters outside the periods
    # are not counted, nor anything after the last period's end.
    groups = (
        Proposal.objects.filter(where, organisation=organisation)
        .filter(in_period("raised_at", whole) | in_period("presented_at", whole))
        .annotate(
            raised_in=TruncQuarter("raised_at", output_field=DateField()),
            raised_by_end=ExpressionWrapper(Q(raised_at__lt=after), output_field=BooleanField()),
            presented_in=TruncQuarter("presented_at", output_field=DateField()),
            presented_by_end=ExpressionWrapper(
                Q(presented_at__lt=after), output_field=BooleanField()
            ),
        )
        # Not selected: only the status as at it is.
        .alias(status_moment=status_moment)
        .annotate(status_then=status_at(OuterRef("status_moment")))
        .values("raised_in", "raised_by_end", "presented_in", "presented_by_end", "status_then")
        .annotate(n=Count("id"))
        .order_by()
        .values_list(
            "raised_in", "raised_by_end", "presented_in", "presented_by_end", "status_then", "n"
        )
    )
    funnel: dict[str, int] = defaultdict(int)
    for raised_in, raised_by_end, presented_in, presented_by_end, status, n in groups:
        if raised_in is not None and raised_by_end:
            funnel[f"raised_{raised_in}"] += n
        if presented_in is not None and presented_by_end:
            funnel[f"presented_{presented_in}"] += n
            if status in ACCEPTED_STATUSES:
                funnel[f"accepted_{presented_in}"] += n
            if status == Status.IMPLEMENTED:
                funnel[f"implemented_{presented_in}"] += n
            if status == Status.NOT_ACCEPTED:
                funnel[f"not_accepted_{presented_in}"] += n
    by_quarter: dict[dt.date, list[Reach]] = defaultdict(list)
    for quarters in reach.values():
        for quarter, counted in quarters.items():
            by_quarter[quarter].append(counted)
    figures = {}
    for period in ordered:
        q = period.start
        reached = by_quarter.get(q, [])
        figures[period] = TrendFigures(
            surgeries_held=sum(r.surgeries_held for r in reached),
            people_engaged=sum(r.people_engaged for r in reached),
            raised=funnel[f"raised_{q}"],
            presented=funnel[f"presented_{q}"],
            accepted=funnel[f"accepted_{q}"],
            implemented=funnel[f"implemented_{q}"],
            people_approached=sum(r.people_approached for r in reached),
            not_accepted=funnel[f"not_accepted_{q}"],
        )
    return [figures[p] for p in periods]


__all__ = [
    "BY_COUNCIL",
    "BY_ORGANISATION",
    "BY_REGION",
    "Figures",
    "Reach",
    "TrendFigures",
    "figures_by",
    "figures_by_council_and_region",
    "median_days",
    "reach_by_council",
    "trend_figures",
]
