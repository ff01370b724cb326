"""Meetings: one row each, with attendance counted through the disclosure
rule (fewer than 5 people never shown as a number)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils.disclosure import people_counts
from councils.periods import Period
from proposals.models import ActionPoint, Attendance, Meeting

from ..selectors.scope import ReportScope
from .proposals import _cell
from .registry import ExportKind, ExportTable, register_export


def meetings_in(scope: ReportScope, period: Period):
    return (
        Meeting.objects.filter(
            scope.councils_q(),
            organisation=scope.organisation,
            date__range=(period.start, period.end),
        )
        .select_related("council", "council__region")
        .annotate(
            attended=Count(
                "attendance", filter=Q(attendance__status=Attendance.Status.ATTENDED), distinct=True
            ),
            apologies=Count(
                "attendance",
                filter=Q(attendance__status=Attendance.Status.APOLOGIES),
                distinct=True,
            ),
            absent=Count(
                "attendance", filter=Q(attendance__status=Attendance.Status.ABSENT), distinct=True
            ),
            decisions_published=Count(
                "decisions", filter=Q(decisions__published_at__isnull=False), distinct=True
            ),
            actions_raised=Count("action_points", distinct=True),
            actions_open=Count(
                "action_points",
                filter=Q(action_points__status=ActionPoint.Status.OPEN),
                distinct=True,
            ),
        )
        .order_by("date", "starts_at", "id")
    )


def meeting_rows(scope: ReportScope, period: Period) -> ExportTable:
    header = [
        _("Reference"),
        _("Date"),
        _("Council"),
        _("Region"),
        _("Kind"),
        _("Held"),
        _("Attended"),
        _("Sent apologies"),
        _("Absent"),
        _("Decisions published"),
        _("Action points raised"),
        _("Action points still open"),
    ]
    today = timezone.localdate()

    def rows():
        for m in meetings_in(scope, period):
            if m.cancelled_at:
                held = _("Cancelled")
            elif m.date < today:
                held = _("Held")
            else:
                held = _("To come")
            # The three add up to the people recorded: hidden together, so a
            # small one cannot be worked out by subtraction.
            cells = dict(
                people_counts(
                    [("attended", m.attended), ("apologies", m.apologies), ("absent", m.absent)]
                )
            )
            yield [
                m.public_id,
                m.date,
                m.council.name,
                m.council.region.name if m.council.region_id else "",
                m.get_kind_display(),
                held,
                _cell(cells["attended"]),
                _cell(cells["apologies"]),
                _cell(cells["absent"]),
                m.decisions_published,
                m.actions_raised,
                m.actions_open,
            ]

    return ExportTable(header, rows())


register_export(
    ExportKind(
        "meetings",
        gettext_lazy("Meetings, with attendance"),
        meeting_rows,
        description=gettext_lazy(
            "One row for each meeting in the period: when, which council, whether it was held, "
            "how many came (fewer than 5 is never shown as a number), decisions and action points."
        ),
    )
)
