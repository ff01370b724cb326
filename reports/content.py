"""What goes into a report, as plain data.

The selectors fill these from the database; the renderers turn them into
PDFs without touching the database, so each side can be tested on its own.
Nothing here holds a person's name or raw feedback: quotes are the approved
wording only, and small counts of people are hidden
(councils.disclosure).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from councils.disclosure import Cell, is_small, people_count, people_counts
from councils.periods import Period
from councils.rates import Rate


@dataclass(frozen=True)
class PeopleRate(Rate):
    """A share of people (engaged of approached, places taken of places
    expected). Each number goes through the disclosure rule; when either is
    from 1 to 4 the percentage is not shown either, as it would give the
    small number away."""

    @property
    def hides_small(self) -> bool:
        return is_small(self.numerator) or is_small(self.denominator)

    @property
    def percent_text(self) -> str:
        if self.hides_small:
            return _("not shown, to protect a small number")
        return super().percent_text

    @property
    def fraction_text(self) -> str:
        return _("%(part)s of %(whole)s") % {
            "part": people_count(self.numerator).text,
            "whole": people_count(self.denominator).text,
        }

    @property
    def explained(self) -> str:
        return _("%(part)s %(part_label)s out of %(whole)s %(whole_label)s") % {
            "part": people_count(self.numerator).text,
            "part_label": self.numerator_label,
            "whole": people_count(self.denominator).text,
            "whole_label": self.denominator_label,
        }

    def __str__(self) -> str:
        if self.percent is None or self.hides_small:
            return self.fraction_text
        return f"{self.percent_text} ({self.fraction_text})"


@dataclass(frozen=True)
class Quote:
    text: str
    theme: str


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    count: Cell


@dataclass(frozen=True)
class ProposalOutcome:
    """One proposal as You Said We Did tells it: the problem people raised and
    what happened, in the council's own published words."""

    title: str
    you_said: str
    outcome: str  # the "we did" statement, the latest update, or the reason
    theme: str = ""
    date_label: str = ""
    # Deferred: decided on, but only to look at it again later. Not agreed.
    deferred: bool = False
    # The date we aimed to finish by, so a document can say when it is late.
    target_date: dt.date | None = None

    def is_late_on(self, day: dt.date) -> bool:
        return self.target_date is not None and self.target_date < day


@dataclass
class YouSaidWeDidContent:
    organisation_name: str
    scope_label: str
    period: Period
    surgeries_held: int = 0
    people_engaged: int = 0
    feedback_count: int = 0
    top_themes: list[ThemeCount] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    we_did: list[ProposalOutcome] = field(default_factory=list)
    in_progress: list[ProposalOutcome] = field(default_factory=list)
    could_not: list[ProposalOutcome] = field(default_factory=list)
    public_url: str = ""

    @property
    def deferred_count(self) -> int:
        return sum(1 for item in self.in_progress if item.deferred)

    @property
    def late(self) -> list[ProposalOutcome]:
        """Work still going on whose target date had passed by the document's
        date (the end of its period, or today for a period in progress)."""
        return [item for item in self.in_progress if item.is_late_on(self.period.end)]

    @property
    def is_empty(self) -> bool:
        return not (
            self.feedback_count
            or self.surgeries_held
            or self.we_did
            or self.in_progress
            or self.could_not
        )


@dataclass(frozen=True)
class Comparison:
    label: str
    now: int
    before: int
    # A count of people: printed through the disclosure rule.
    of_people: bool = False

    @property
    def change(self) -> int:
        return self.now - self.before

    @property
    def now_cell(self) -> Cell:
        """The figure as a chart or table prints it: people through the
        disclosure rule, anything else as it is."""
        return people_count(self.now) if self.of_people else Cell(self.now)

    @property
    def before_cell(self) -> Cell:
        return people_count(self.before) if self.of_people else Cell(self.before)

    @property
    def now_text(self) -> str:
        return people_count(self.now).text if self.of_people else f"{self.now:,}"

    @property
    def before_text(self) -> str:
        return people_count(self.before).text if self.of_people else f"{self.before:,}"

    @property
    def change_label(self) -> str:
        if self.of_people and (is_small(self.now) or is_small(self.before)):
            # The change would give away a small number.
            return _("not shown, to protect a small number")
        if self.before == 0 and self.now > 0:
            return _("nothing to compare with")
        if self.change > 0:
            return _("up %(count)s") % {"count": f"{self.change:,}"}
        if self.change < 0:
            return _("down %(count)s") % {"count": f"{-self.change:,}"}
        return _("no change")


@dataclass(frozen=True)
class Reach:
    surgeries_held: Comparison
    people_approached: Comparison
    people_engaged: Comparison
    people_declined: Comparison
    engagement: PeopleRate


@dataclass(frozen=True)
class Funnel:
    raised: int
    presented: int
    accepted: int
    implemented: int
    not_accepted: int = 0
    median_days_to_decision: float | None = None
    median_days_to_implementation: float | None = None
    decided_count: int = 0
    implemented_count_for_median: int = 0

    @property
    def presented_rate(self) -> Rate:
        return Rate(self.presented, self.raised, _("presented"), _("raised"))

    @property
    def accepted_rate(self) -> Rate:
        return Rate(self.accepted, self.presented, _("accepted"), _("presented"))

    @property
    def implemented_rate(self) -> Rate:
        return Rate(self.implemented, self.accepted, _("implemented"), _("accepted"))

    @property
    def stages(self) -> list[tuple[str, int]]:
        return [
            (_("Raised"), self.raised),
            (_("Presented"), self.presented),
            (_("Accepted"), self.accepted),
            (_("Implemented"), self.implemented),
        ]


@dataclass(frozen=True)
class FollowThrough:
    """Actions and updates that are late, counted at the end of the period."""

    open_actions: int = 0
    overdue_actions: int = 0
    open_implementations: int = 0
    overdue_updates: int = 0


@dataclass(frozen=True)
class Meetings:
    hub_meetings: int = 0
    council_meetings: int = 0
    other_meetings: int = 0
    attended: int = 0
    apologies: int = 0
    absent: int = 0

    @property
    def held(self) -> int:
        return self.hub_meetings + self.council_meetings + self.other_meetings

    @property
    def attendance(self) -> PeopleRate:
        expected = self.attended + self.apologies + self.absent
        return PeopleRate(self.attended, expected, _("places taken"), _("places expected"))


@dataclass(frozen=True)
class Reps:
    active: int = 0
    new: int = 0
    trained: int = 0
    moved_on: int = 0
    left: int = 0


@dataclass(frozen=True)
class DiversityGroup:
    title: str
    rows: list[tuple[str, Cell]]
    not_recorded: Cell = Cell(0)

    @classmethod
    def from_counts(cls, title: str, counts: list[tuple[str, int]], not_recorded: int):
        """Hide small counts of the bands and the 'not recorded' count
        together: they add up to a total shown elsewhere in the report."""
        cells = people_counts([*counts, ("", not_recorded)] if not_recorded else counts)
        rows = [(label, cell) for label, cell in cells if label]
        blank = next((cell for label, cell in cells if not label), Cell(0))
        return cls(title, rows, blank)


@dataclass
class QuarterlyContent:
    organisation_name: str
    scope_label: str
    period: Period
    previous_period: Period
    reach: Reach
    feedback_by_theme: list[Comparison]
    funnel: Funnel
    follow_through: FollowThrough
    meetings: Meetings
    reps: Reps
    engaged_diversity: list[DiversityGroup] = field(default_factory=list)
    rep_diversity: list[DiversityGroup] = field(default_factory=list)
    # reports.selectors.expenses.ExpensesSection; None leaves the section out.
    expenses: object | None = None

    @property
    def feedback_total(self) -> Comparison:
        return Comparison(
            _("All themes"),
            sum(row.now for row in self.feedback_by_theme),
            sum(row.before for row in self.feedback_by_theme),
        )
