"""Meetings held in a period, and who came."""

from __future__ import annotations

from django.db.models import Count, Q

from councils.periods import Period
from proposals.models import Attendance, Meeting

from ..content import Meetings
from .scope import ReportScope, meeting_held_q


def meetings(scope: ReportScope, period: Period) -> Meetings:
    held = Meeting.objects.filter(
        scope.councils_q(),
        meeting_held_q(),
        organisation=scope.organisation,
        date__range=(period.start, period.end),
    )
    counts = held.aggregate(
        hub=Count("id", filter=Q(kind=Meeting.Kind.HUB)),
        council=Count("id", filter=Q(kind=Meeting.Kind.COUNCIL)),
        other=Count("id", filter=~Q(kind__in=[Meeting.Kind.HUB, Meeting.Kind.COUNCIL])),
    )
    attendance = Attendance.objects.filter(meeting__in=held).aggregate(
        attended=Count("id", filter=Q(status=Attendance.Status.ATTENDED)),
        apologies=Count("id", filter=Q(status=Attendance.Status.APOLOGIES)),
        absent=Count("id", filter=Q(status=Attendance.Status.ABSENT)),
    )
    return Meetings(
        hub_meetings=counts["hub"],
        council_meetings=counts["council"],
        other_meetings=counts["other"],
        **attendance,
    )
