"""Working days: Monday to Friday, less the bank holidays of England and
Wales (New Year's Day, Good Friday, Easter Monday, the May and August bank
holidays, Christmas and Boxing Day, their substitute days, and one-off days
such as a coronation). The dates come from the ``holidays`` package, which
follows GOV.UK's list; a new one-off day arrives with an update of it.

In the base app so that every app can use one rule: expenses counts days to
pay in working days; the demo puts its meetings and surgeries on them."""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays


@cache
def bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: dt.date) -> bool:
    return day in bank_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def working_day_on_or_after(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_day_on_or_before(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day
