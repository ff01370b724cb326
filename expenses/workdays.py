"""Working days: Monday to Friday. Bank holidays are not counted out yet, so
a claim can show as overdue a day early around them; the target is a
reminder, not a penalty."""

from __future__ import annotations

import datetime as dt


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
    return count


def working_days_before(end: dt.date, days: int) -> dt.date:
    """The latest date from which ``end`` is more than ``days`` working days away:
    a claim sent on or before it is overdue on ``end``."""
    day = end
    counted = 0
    while counted < days:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return day - dt.timedelta(days=1)
