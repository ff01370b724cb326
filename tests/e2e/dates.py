"""Typing a date into a GOV.UK date input (day, month, year), found by its
legend as a person would find it."""

from __future__ import annotations

import datetime as dt


def fill_date(page, legend: str, day: dt.date | tuple[str, str, str]) -> None:
    parts = (str(day.day), str(day.month), str(day.year)) if isinstance(day, dt.date) else day
    group = page.get_by_role("group", name=legend)
    for label, text in zip(("Day", "Month", "Year"), parts, strict=True):
        group.get_by_label(label, exact=True).fill(text)
