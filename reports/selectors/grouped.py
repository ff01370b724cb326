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
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from councils.periods import Period
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


def figures_by(
    by: str, *, organisations, period: Period, where: Q | None = None
) -> dict[int, Figures]:
    """Figures for each council, region or organisation (``by``) of the
    given organisations in the period. ``where`` narrows the councils
    (a ``ReportScope.councils_q()``)."""
    where = where or Q()
    org_ids = [getattr(o, "pk", o) for o in organisations]
    rows: dict[int, Figures] = defaultdict(Figures)
    in_dates = (period.start, period.end)

    def each(queryset, **names):
        for row in queryset:
            key = row[by]
            if key is None:
                continue
            figures = rows[key]
            for field, name in names.items():
                setattr(figures, field, row[name] or 0)

    # Reach: surgeries that took place, and the people at them.
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
    proposals = with_status_at(Proposal.objects.filter(where, organisation_id__in=org_ids), moment)
    start, end = start_of_day(period.start), end_of_period(period)
    # One row per place and status, summed here: as filtered COUNTs the
    # database worked out each proposal's status once per count.
    for row in (
        proposals.filter(presented_at__gte=start, presented_at__lt=end)
        .values(by, "status_then")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if row[by] is None:
            continue
        figures, n, status = rows[row[by]], row["n"], row["status_then"]
        figures.presented += n
        if status in ACCEPTED_STATUSES:
            figures.accepted += n
        if status == Status.NOT_ACCEPTED:
            figures.not_accepted += n
        if status == Status.IMPLEMENTED:
            figures.implemented += n
    each(
        proposals.filter(raised_at__gte=start, raised_at__lt=end)
        .values(by)
        .annotate(n=Count("id"))
        .order_by(),
        raised="n",
    )
    spans: dict[int, list] = defaultdict(list)
    decided = (
        proposals.filter(
            status_then__in=DECIDED_STATUSES,
            decided_at__isnull=False,
            decided_at__gte=start,
            decided_at__lt=end,
        )
        .exclude(status_then=Status.WITHDRAWN)
        .annotate(
            span=ExpressionWrapper(F("decided_at") - F("raised_at"), output_field=DurationField())
        )
        .values_list(by, "span")
    )
    for key, span in decided:
        spans[key].append(span)
    for key, values in spans.items():
        rows[key].decided_count = len(values)
        rows[key].median_days_to_decision = median_days(values)
    spans = defaultdict(list)
    done = proposals.filter(
        status_then=Status.IMPLEMENTED,
        decided_at__isnull=False,
        implemented_at__gte=start,
        implemented_at__lt=end,
    ).annotate(
        span=ExpressionWrapper(F("implemented_at") - F("decided_at"), output_field=DurationField())
    )
    for key, span in done.values_list(by, "span"):
        spans[key].append(span)
    for key, values in spans.items():
        rows[key].implemented_count_for_median = len(values)
        rows[key].median_days_to_implementation = median_days(values)
    each(
        overdue_at(proposals, moment).values(by).annotate(n=Count("id")).order_by(),
        overdue_updates="n",
    )

    # Action points open at the end of the period, and those past their due date.
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
    each(
        # Status as at the period's end, from each rep's history: the rule
        # the quarterly report's rep figures use (selectors.members).
        with_status_on(RepProfile.objects.filter(where, organisation_id__in=org_ids), period.end)
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


def trend_figures(*, organisation, where: Q | None, periods: list[Period]) -> list[TrendFigures]:
    """Reach and funnel for each of ``periods`` (which must not overlap), in
    two queries however many periods there are. Counted by the rules of the
    PDF's selectors: held surgeries as ``reach.said_counts``; raised,
    presented, accepted and implemented as ``proposal_figures``, each
    proposal's status as at the end of the period it was presented in.

    The dashboard asked the PDF's selectors quarter by quarter (nine
    queries a quarter); tests/reports/test_dashboard.py checks each period
    equals the PDF's figures."""
    if not periods:
        return []
    where = where or Q()
    first = min(p.start for p in periods)
    last = max(p.end for p in periods)

    surgery_sums = {}
    for i, period in enumerate(periods):
        in_dates = Q(date__range=(period.start, period.end))
        surgery_sums[f"held_{i}"] = Count("id", filter=in_dates)
        surgery_sums[f"engaged_{i}"] = Coalesce(Sum("people_engaged", filter=in_dates), 0)
        surgery_sums[f"approached_{i}"] = Coalesce(Sum("people_approached", filter=in_dates), 0)
    reach = Surgery.objects.filter(
        where, surgery_held_q(), organisation=organisation, date__range=(first, last)
    ).aggregate(**surgery_sums)

    whole = Period(first, last)
    proposals = Proposal.objects.filter(where, organisation=organisation).filter(
        in_period("raised_at", whole) | in_period("presented_at", whole)
    )
    # A proposal is presented once, so in at most one period: its status as
    # at that period's end is the only one needed (CASE asks one subquery,
    # and grouping by it computes it once a row).
    status_then = Case(
        *(When(in_period("presented_at", p), then=status_at(as_at_moment(p.end))) for p in periods),
        default=None,
        output_field=CharField(),
    )

    def which(field: str) -> Case:
        return Case(
            *(When(in_period(field, p), then=Value(i)) for i, p in enumerate(periods)),
            default=None,
            output_field=IntegerField(),
        )

    groups = (
        proposals.annotate(
            raised_in=which("raised_at"),
            presented_in=which("presented_at"),
            status_then=status_then,
        )
        .values("raised_in", "presented_in", "status_then")
        .annotate(n=Count("id"))
        .order_by()
    )
    funnel: dict[str, int] = defaultdict(int)
    for group in groups:
        n = group["n"]
        if group["raised_in"] is not None:
            funnel[f"raised_{group['raised_in']}"] += n
        i = group["presented_in"]
        if i is not None:
            funnel[f"presented_{i}"] += n
            if group["status_then"] in ACCEPTED_STATUSES:
                funnel[f"accepted_{i}"] += n
            if group["status_then"] == Status.IMPLEMENTED:
                funnel[f"implemented_{i}"] += n
            if group["status_then"] == Status.NOT_ACCEPTED:
                funnel[f"not_accepted_{i}"] += n
    return [
        TrendFigures(
            surgeries_held=reach[f"held_{i}"],
            people_engaged=reach[f"engaged_{i}"],
            raised=funnel[f"raised_{i}"],
            presented=funnel[f"presented_{i}"],
            accepted=funnel[f"accepted_{i}"],
            implemented=funnel[f"implemented_{i}"],
            people_approached=reach[f"approached_{i}"],
            not_accepted=funnel[f"not_accepted_{i}"],
        )
        for i in range(len(periods))
    ]


__all__ = [
    "BY_COUNCIL",
    "BY_ORGANISATION",
    "BY_REGION",
    "Figures",
    "TrendFigures",
    "figures_by",
    "median_days",
    "trend_figures",
]
