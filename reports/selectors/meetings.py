"""Meetings held in a period, and who came."""

from __future__ import annotations

from django.db.models import Count, Q

from councils.periods import Period
from proposals.models import Attendance, Meeting

from ..content import Meetings
from .scope import ReportScope, meeting_held_q


def meetings(scope: ReportScope, period: Period) -> Meetings:
    return meetings_in(scope, {"period": period})["period"]


def meetings_in(scope: ReportScope, periods: dict[str, Period]) -> dict[str, Meetings]:
    """Meetings held in each of ``periods`` (by name), and who came to them,
    in one query: each held meeting with its attendance rows, a meeting
    counted once however many came."""
    first = min(p.start for p in periods.values())
    last = max(p.end for p in periods.values())
    held = Meeting.objects.filter(
        scope.councils_q(),
        meeting_held_q(),
        organisation=scope.organisation,
        date__range=(first, last),
    )
    kinds = {
        "hub": Q(kind=Meeting.Kind.HUB),
        "council": Q(kind=Meeting.Kind.COUNCIL),
        "other": ~Q(kind__in=[Meeting.Kind.HUB, Meeting.Kind.COUNCIL]),
    }
    statuses = {
        "attended": Attendance.Status.ATTENDED,
        "apologies": Attendance.Status.APOLOGIES,
        "absent": Attendance.Status.ABSENT,
    }
    counts = {}
    for key, period in periods.items():
        in_dates = Q(date__range=(period.start, period.end))
        for kind, is_kind in kinds.items():
            counts[f"{kind}_{key}"] = Count("id", distinct=True, filter=in_dates & is_kind)
        for name, status in statuses.items():
            counts[f"{name}_{key}"] = Count(
                "attendance", filter=in_dates & Q(attendance__status=status)
            )
    row = held.aggregate(**counts)
    return {
        key: Meetings(
            hub_meetings=row[f"hub_{key}"],
            council_meetings=row[f"council_{key}"],
            other_meetings=row[f"other_{key}"],
            attended=row[f"attended_{key}"],
            apologies=row[f"apologies_{key}"],
            absent=row[f"absent_{key}"],
        )
        for key in periods
    }
