"""Counting working days, for the time to pay a claim. What a working day is
(weekends and the bank holidays of England and Wales) is the base app's
rule, in councils/workdays.py."""

from __future__ import annotations

import datetime as dt

from councils.workdays import bank_holidays as _bank_holidays
from councils.workdays import is_bank_holiday, is_working_day

__all__ = [
    "is_bank_holiday",
    "is_working_day",
    "working_days_before",
    "working_days_between",
]


def _weekday_holidays_between(start: dt.date, end: dt.date) -> int:
    """Bank holidays on a weekday after ``start`` up to and including ``end``."""
    return sum(
        1
        for year in range(start.year, end.year + 1)
        for day in _bank_holidays(year)
        if start < day <= end and day.weekday() < 5
    )


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end ≤ start)."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, extra = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, extra + 1):
        if (start + dt.timedelta(days=offset)).weekday() < 5:
            count += 1
    return count - _weekday_holidays_between(start, end)


def working_days_before(end: dt.date, days: int) -> dt.date:
    """The latest date from which ``end`` is more than ``days`` working days away:
    a claim sent on or before it is overdue on ``end``."""
    day, counted = end, 0  # counted: working days after ``day`` up to ``end``
    while counted <= days:
        if is_working_day(day):
            counted += 1
        day -= dt.timedelta(days=1)
    return day
