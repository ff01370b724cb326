"""Periods: calendar quarters, "so far", named look-backs and the period before.

The one place that knows what a quarter is. Every page, figure and document
that shows a period takes it from here, so that "last quarter" means the same
dates everywhere and a key (``2026-Q3``) names the same quarter everywhere.

A period's ``end`` is included. A period that has not finished yet ends
today and says "so far": nothing is counted before it happens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # included
    # How a person would name it ("the last 4 weeks"); empty means "say the dates".
    description: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def dates_label(self) -> str:
        """'July to September 2026' for a whole quarter, otherwise the dates."""
        return period_label(self.start, self.end)

    @property
    def label(self) -> str:
        return self.description or self.dates_label

    @property
    def is_quarter(self) -> bool:
        return is_quarter(self.start, self.end)

    @property
    def key(self) -> str:
        """A stable name for links and forms: ``2026-Q3``, or two ISO dates."""
        if self.is_quarter:
            return quarter_key(self.start)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def previous(self) -> Period:
        """The period to compare with: the quarter before a quarter; the same
        weeks of the quarter before for a quarter so far; otherwise the same
        number of days just before."""
        end = self.start - dt.timedelta(days=1)
        if self.is_quarter:
            before = quarter_containing(end)
            return Period(
                before.start, before.end, _("the quarter before (%s)") % before.dates_label
            )
        quarter = quarter_containing(self.start)
        if self.start == quarter.start and self.end < quarter.end:
            start = quarter_containing(end).start
            same_weeks_end = start + dt.timedelta(days=self.days - 1)
            return Period(
                start,
                same_weeks_end,
                _("the same weeks of the quarter before (%s)")
                % period_label(start, same_weeks_end),
            )
        start = end - dt.timedelta(days=self.days - 1)
        return Period(
            start,
            end,
            _("the %(days)s days before (%(dates)s)")
            % {"days": self.days, "dates": period_label(start, end)},
        )


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_containing(day: dt.date) -> Period:
    """The whole calendar quarter that holds ``day``."""
    start = quarter_start(day)
    if start.month == 10:
        end = dt.date(day.year, 12, 31)
    else:
        end = dt.date(day.year, start.month + 3, 1) - dt.timedelta(days=1)
    return Period(start, end)


def quarter_key(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def is_quarter(start: dt.date, end: dt.date) -> bool:
    whole = quarter_containing(start)
    return (whole.start, whole.end) == (start, end)


def this_quarter_so_far(today: dt.date | None = None) -> Period:
    """From the start of this quarter to today: the quarter in progress."""
    today = today or timezone.localdate()
    start = quarter_start(today)
    return Period(start, today, _("this quarter so far (%s)") % period_label(start, today))


def last_quarter(today: dt.date | None = None) -> Period:
    """The last complete quarter before ``today`` (Europe/London)."""
    today = today or timezone.localdate()
    return quarter_containing(quarter_start(today) - dt.timedelta(days=1))


def recent_quarters(count: int = 8, today: dt.date | None = None) -> list[Period]:
    """The current quarter (whole) and the ones before it, newest first."""
    today = today or timezone.localdate()
    quarters = [quarter_containing(today)]
    while len(quarters) < count:
        quarters.append(quarter_containing(quarters[-1].start - dt.timedelta(days=1)))
    return quarters


def quarter_choices(count: int = 8, today: dt.date | None = None) -> list[tuple[str, str]]:
    """(key, label) for a select box of recent quarters, newest first."""
    return [(q.key, q.dates_label) for q in recent_quarters(count, today)]


def parse_quarter_key(key: str) -> Period | None:
    """``2026-Q3`` (any case) back to its quarter; None for anything else."""
    try:
        year_text, quarter_text = key.upper().split("-Q")
        year, quarter = int(year_text), int(quarter_text)
    except (AttributeError, ValueError):
        return None
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        return None
    return quarter_containing(dt.date(year, 3 * quarter - 2, 1))


def day_label(day: dt.date) -> str:
    """'3 March 2026', in the reader's language."""
    return date_format(day, "j F Y")


def period_label(start: dt.date, end: dt.date) -> str:
    """'April to June 2026' for a quarter; '3 March 2026 to 9 April 2026' otherwise."""
    if is_quarter(start, end):
        return _("%(first)s to %(last)s") % {
            "first": date_format(start, "F"),
            "last": date_format(end, "F Y"),
        }
    if start == end:
        return day_label(start)
    return _("%(first)s to %(last)s") % {"first": day_label(start), "last": day_label(end)}


# Named look-backs offered on pages that show a period (the feedback board and
# summary). The key is what goes in the URL.
PERIOD_CHOICES = [
    ("last-4-weeks", gettext_lazy("Last 4 weeks")),
    ("last-3-months", gettext_lazy("Last 3 months")),
    ("this-quarter", gettext_lazy("This quarter so far")),
    ("last-quarter", gettext_lazy("Last quarter")),
    ("last-6-months", gettext_lazy("Last 6 months")),
    ("last-12-months", gettext_lazy("Last 12 months")),
]


def period_named(name: str, today: dt.date | None = None) -> Period:
    today = today or timezone.localdate()
    if name == "this-quarter":
        return this_quarter_so_far(today)
    if name == "last-quarter":
        quarter = last_quarter(today)
        return Period(quarter.start, quarter.end, _("the last quarter (%s)") % quarter.dates_label)
    if name == "last-12-months":
        start = today.replace(year=today.year - 1) + dt.timedelta(days=1)
        return Period(start, today, _("the last 12 months"))
    days_back = {"last-4-weeks": 27, "last-3-months": 90, "last-6-months": 182}
    descriptions = {
        "last-4-weeks": _("the last 4 weeks"),
        "last-3-months": _("the last 3 months"),
        "last-6-months": _("the last 6 months"),
    }
    if name in days_back:
        return Period(today - dt.timedelta(days=days_back[name]), today, descriptions[name])
    raise ValueError(f"No period called {name!r}")


def custom_period(start: dt.date, end: dt.date) -> Period:
    """Any run of whole days a person chose; named by its dates."""
    return Period(start, end)
