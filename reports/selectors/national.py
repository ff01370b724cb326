"""The national picture: the figures of the organisations that agreed to
share them (councils.models.NationalSharing), side by side and added up.

Figures only: counts and shares, never words or people. They are the
quarterly report's own (``grouped.figures_by``, a fixed few queries for
every organisation at once), and every count of people goes through the
disclosure rule. An organisation that stops sharing is left out from that
moment: the list of sharers is read on every request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.disclosure import Cell, people_count, people_counts
from councils.models import Organisation
from councils.periods import Period, last_quarter, quarter_containing
from councils.rates import Rate

from .grouped import BY_ORGANISATION, Figures, figures_by

YEAR_OF_QUARTERS = 4


def sharing_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True, national_sharing__enabled=True).order_by(
        "name"
    )


def national_period(today: dt.date | None = None) -> Period:
    """The last four full quarters."""
    last = last_quarter(today or timezone.localdate())
    first = last
    for _n in range(YEAR_OF_QUARTERS - 1):
        first = quarter_containing(first.start - dt.timedelta(days=1))
    return Period(first.start, last.end)


@dataclass(frozen=True)
class NationalRow:
    name: str
    people_engaged: Cell
    reps_new: Cell
    reps_trained: Cell
    presented: int
    council_meetings: int
    accepted_rate: Rate
    implemented_rate: Rate


@dataclass(frozen=True)
class NationalPicture:
    period: Period
    rows: list[NationalRow]
    total: NationalRow
    organisation_count: int


def _rates(f: Figures) -> tuple[Rate, Rate]:
    return (
        Rate(f.accepted, f.presented, _("accepted"), _("presented")),
        Rate(f.implemented, f.accepted, _("implemented"), _("accepted")),
    )


def national_picture(*, today: dt.date | None = None) -> NationalPicture:
    period = national_period(today)
    organisations = list(sharing_organisations())
    figures = figures_by(BY_ORGANISATION, organisations=organisations, period=period)
    each = [(org, figures.get(org.pk, Figures())) for org in organisations]
    # Each column adds up to the total shown below it: hide a small count
    # and, if it is the only one, the next smallest too.
    columns = {
        name: dict(people_counts([(str(org.pk), getattr(f, name)) for org, f in each]))
        for name in ("people_engaged", "reps_new", "reps_trained")
    }
    rows = []
    for org, f in each:
        accepted, implemented = _rates(f)
        rows.append(
            NationalRow(
                name=org.name,
                people_engaged=columns["people_engaged"][str(org.pk)],
                reps_new=columns["reps_new"][str(org.pk)],
                reps_trained=columns["reps_trained"][str(org.pk)],
                presented=f.presented,
                council_meetings=f.council_meetings,
                accepted_rate=accepted,
                implemented_rate=implemented,
            )
        )
    total = Figures()
    for _org, f in each:
        for name in (
            "people_engaged",
            "reps_new",
            "reps_trained",
            "presented",
            "accepted",
            "implemented",
            "council_meetings",
        ):
            setattr(total, name, getattr(total, name) + getattr(f, name))
    accepted, implemented = _rates(total)
    return NationalPicture(
        period=period,
        rows=rows,
        total=NationalRow(
            name=str(_("All sharing organisations")),
            people_engaged=people_count(total.people_engaged),
            reps_new=people_count(total.reps_new),
            reps_trained=people_count(total.reps_trained),
            presented=total.presented,
            council_meetings=total.council_meetings,
            accepted_rate=accepted,
            implemented_rate=implemented,
        ),
        organisation_count=len(organisations),
    )
