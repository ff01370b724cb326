"""Eligibility that rolls: a person may be a rep while on a community order
or licence, or within two years of it ending. Worked out from the recorded
end date on the day asked, never stored as a flag.

The last eligible day is the day two years after the end date (an order
ending on 29 February counts to 28 February two years on, the last day that
exists). From the next day they are no longer eligible.
"""

from __future__ import annotations

import datetime as dt

ELIGIBLE_FOR_YEARS = 2
# How far ahead the coordinator is told that a rep is about to fall out.
FALLING_OUT_WARNING_DAYS = 60


def eligible_until(order_ends_on: dt.date | None) -> dt.date | None:
    """The last day a person whose order or licence ends on ``order_ends_on``
    is eligible. ``None`` when no end date is recorded."""
    if order_ends_on is None:
        return None
    year = order_ends_on.year + ELIGIBLE_FOR_YEARS
    try:
        return order_ends_on.replace(year=year)
    except ValueError:  # 29 February, into a year without one
        return dt.date(year, 2, 28)


def is_eligible(order_ends_on: dt.date | None, on: dt.date) -> bool | None:
    """Eligible on day ``on``? ``None`` when no end date is recorded (the
    coordinator has to find out)."""
    last = eligible_until(order_ends_on)
    if last is None:
        return None
    return on <= last


def days_left(order_ends_on: dt.date | None, on: dt.date) -> int | None:
    """Days from ``on`` to the last eligible day (0 on the last day itself,
    negative once past)."""
    last = eligible_until(order_ends_on)
    return None if last is None else (last - on).days


def falls_out_soon(
    order_ends_on: dt.date | None, on: dt.date, within_days: int = FALLING_OUT_WARNING_DAYS
) -> bool:
    """Still eligible on ``on`` but not ``within_days`` from now."""
    left = days_left(order_ends_on, on)
    return left is not None and 0 <= left < within_days


def order_end_window(on: dt.date, within_days: int = FALLING_OUT_WARNING_DAYS):
    """A generous range of order end dates that holds everyone who falls out
    soon, for a database filter; ``falls_out_soon`` then decides exactly."""
    back = dt.timedelta(days=366 * ELIGIBLE_FOR_YEARS + 2)
    return on - back, on - back + dt.timedelta(days=within_days + 8)
