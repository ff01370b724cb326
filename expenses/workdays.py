"""Working days: Monday to Friday, less the bank holidays of England and
Wales (New Year's Day, Good Friday, Easter Monday, the May and August bank
holidays, Christmas and Boxing Day, their substitute days, and one-off days
such as a coronation). The dates come from the ``holidays`` package, which
follows GOV.UK's list; a new one-off day arrives with an update of it."""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays


@cache
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: dt.date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


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
