"""Where a report looks (a council, a region or a whole organisation) and
the date rules every figure shares."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from councils.models import Council, Organisation, Region
from councils.periods import Period, period_label

from ..models import GeneratedReport


@dataclass(frozen=True)
class ReportScope:
    """A council, a region, or a whole organisation."""

    organisation: Organisation
    council: Council | None = None
    region: Region | None = None

    @classmethod
    def of(cls, report: GeneratedReport) -> ReportScope:
        return cls(report.organisation, report.council, report.region)

    @property
    def key(self) -> tuple[str, int]:
        """Which place, as remembered work is keyed (councils.freshness)."""
        if self.council is not None:
            return ("council", self.council.pk)
        if self.region is not None:
            return ("region", self.region.pk)
        return ("organisation", self.organisation.pk)

    @property
    def label(self) -> str:
        if self.council is not None:
            return self.council.name
        if self.region is not None:
            return self.region.name
        return self.organisation.name

    def councils_q(self, field: str = "council") -> Q:
        """Rows of the councils in scope (the organisation is filtered separately)."""
        if self.council is not None:
            return Q(**{f"{field}_id": self.council.pk})
        if self.region is not None:
            return Q(**{f"{field}__region_id": self.region.pk})
        return Q()

    def council_ids(self) -> list[int] | None:
        if self.council is not None:
            return [self.council.pk]
        if self.region is not None:
            return list(
                Council.objects.filter(
                    organisation=self.organisation, region=self.region
                ).values_list("id", flat=True)
            )
        return None


def report_period(start: dt.date, end: dt.date, *, today: dt.date | None = None) -> Period:
    """The period a document covers. One that has not ended yet runs to today
    and says so ("1 October 2026 to 1 December 2026, so far"): nothing is
    counted before it happened, and no date still to come is printed as past."""
    today = today or timezone.localdate()
    if end < today:
        return Period(start, end)
    end = max(start, today)
    return Period(start, end, _("%(dates)s, so far") % {"dates": period_label(start, end)})


def surgery_held_q() -> Q:
    """A surgery that took place: not cancelled, and on a day already over
    (or today, once someone has been seen)."""
    today = timezone.localdate()
    return Q(cancelled_at__isnull=True) & (
        Q(date__lt=today) | Q(date=today, people_approached__gt=0)
    )


def meeting_held_q() -> Q:
    """A meeting that took place: not cancelled, and on a day already over."""
    return Q(cancelled_at__isnull=True, date__lt=timezone.localdate())


def start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def end_of_period(period: Period) -> dt.datetime:
    """The first moment after the period (its last day is included)."""
    return start_of_day(period.end + dt.timedelta(days=1))


def in_period(field: str, period: Period) -> Q:
    """A datetime field inside the period (both days included)."""
    return Q(**{f"{field}__gte": start_of_day(period.start)}) & Q(
        **{f"{field}__lt": end_of_period(period)}
    )


def month_label(value: dt.datetime | dt.date | None) -> str:
    """'June 2025', in the reader's language."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return date_format(value, "F Y")


def public_page_url(organisation: Organisation, council: Council | None) -> str:
    """The address a QR code points at: the council's public page, or the
    organisation's list of public pages for a region or organisation report."""
    if council is not None:
        path = reverse("public_you_said_we_did", args=[organisation.slug, council.slug])
    else:
        path = reverse("public_index", args=[organisation.slug])
    return settings.SITE_URL.rstrip("/") + path
