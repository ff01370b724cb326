"""Report periods: calendar quarters by default, or any run of whole days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # included

    @property
    def label(self) -> str:
        return period_label(self.start, self.end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one (the previous
        quarter, for a quarter)."""
        if is_quarter(self.start, self.end):
            return quarter_containing(self.start - dt.timedelta(days=1))
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    @property
    def key(self) -> str:
        if is_quarter(self.start, self.end):
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def quarter_containing(day: dt.date) -> Period:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    if first_month == 10:
        end = dt.date(day.year, 12, 31)
    else:
        end = dt.date(day.year, first_month + 3, 1) - dt.timedelta(days=1)
    return Period(start, end)


def last_quarter(today: dt.date | None = None) -> Period:
    """The last complete quarter before ``today`` (Europe/London)."""
    today = today or timezone.localdate()
    return quarter_containing(quarter_containing(today).start - dt.timedelta(days=1))


def recent_quarters(count: int = 12, today: dt.date | None = None) -> list[Period]:
    """The current quarter and the ones before it, newest first."""
    today = today or timezone.localdate()
    quarters = [quarter_containing(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters


def parse_quarter_key(key: str) -> Period | None:
    try:
        year_text, quarter_text = key.split("-Q")
        year, quarter = int(year_text), int(quarter_text)
    except ValueError:
        return None
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        return None
    return quarter_containing(dt.date(year, 3 * quarter - 2, 1))


def is_quarter(start: dt.date, end: dt.date) -> bool:
    return quarter_containing(start) == Period(start, end)


def period_label(start: dt.date, end: dt.date) -> str:
    """'April to June 2025' for a quarter; '3 March 2025 to 9 April 2025' otherwise."""
    if is_quarter(start, end):
        return f"{start:%B} to {end:%B} {end.year}"
    if start == end:
        return f"{start.day} {start:%B %Y}"
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
