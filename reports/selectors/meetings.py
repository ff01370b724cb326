"""Meetings held in a period, and who came."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, CharField, Count, Q, Value, When

from councils.periods import Period
from proposals.models import Attendance, Meeting

from ..content import Meetings
from .scope import ReportScope, meeting_held_q


def meetings(scope: ReportScope, period: Period) -> Meetings:
    return meetings_in(scope, {"period": period})["period"]


def meetings_in(scope: ReportScope, periods: dict[str, Period]) -> dict[str, Meetings]:
    """Meetings held in each of ``periods`` (by name, none overlapping
    another), and who came to them, in one query: each held meeting with
    its attendance rows, one row for each period and kind of meeting, a
    meeting counted once however many came."""
    ordered = sorted(periods.items(), key=lambda item: item[1].start)
    for (_k, before), (_l, after) in zip(ordered, ordered[1:], strict=False):
        if after.start <= before.end:
            raise ValueError("the periods must not overlap")
    which = Case(
        *(
            When(date__range=(period.start, period.end), then=Value(key))
            for key, period in periods.items()
        ),
        default=None,
        output_field=CharField(),
    )
    rows = (
        Meeting.objects.filter(
            scope.councils_q(),
            meeting_held_q(),
            organisation=scope.organisation,
            date__range=(ordered[0][1].start, ordered[-1][1].end),
        )
        .values("kind", which=which)
        .annotate(
            held=Count("id", distinct=True),
            attended=Count("attendance", filter=Q(attendance__status=Attendance.Status.ATTENDED)),
            apologies=Count("attendance", filter=Q(attendance__status=Attendance.Status.APOLOGIES)),
            absent=Count("attendance", filter=Q(attendance__status=Attendance.Status.ABSENT)),
        )
        .order_by()
    )
    counted = {key: defaultdict(int) for key in periods}
    for row in rows:
        if row["which"] is None:
            continue
        counts = counted[row["which"]]
        if row["kind"] in (Meeting.Kind.HUB, Meeting.Kind.COUNCIL):
            counts[row["kind"]] += row["held"]
        else:
            counts["other"] += row["held"]
        for name in ("attended", "apologies", "absent"):
            counts[name] += row[name]
    return {
        key: Meetings(
            hub_meetings=counts[Meeting.Kind.HUB],
            council_meetings=counts[Meeting.Kind.COUNCIL],
            other_meetings=counts["other"],
            attended=counts["attended"],
            apologies=counts["apologies"],
            absent=counts["absent"],
        )
        for key, counts in counted.items()
    }
