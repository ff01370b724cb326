"""What goes into a report, as plain data.

The selectors fill these from the database; the renderers turn them into
PDFs without touching the database, so each side can be tested on its own.
Nothing here holds a person's name or raw feedback: quotes are the approved
wording only, and small numbers are suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .periods import Period

SUPPRESS_BELOW = 5
SUPPRESSED_TEXT = "fewer than 5"


@dataclass(frozen=True)
class Cell:
    """A count that may be too small to show safely."""

    value: int
    suppressed: bool = False

    def __str__(self) -> str:
        return SUPPRESSED_TEXT if self.suppressed else f"{self.value:,}"

    @property
    def shown(self) -> int | None:
        return None if self.suppressed else self.value


def suppress_group(counts: list[tuple[str, int]]) -> list[tuple[str, Cell]]:
    """Suppress every count under 5. If only one count in the group would be
    hidden, hide the next smallest too, so the hidden one cannot be worked
    out from the total."""
    small = {label for label, n in counts if n < SUPPRESS_BELOW}
    if len(small) == 1:
        rest = sorted((n, label) for label, n in counts if label not in small)
        if rest:
            small.add(rest[0][1])
    return [(label, Cell(n, label in small)) for label, n in counts]


@dataclass(frozen=True)
class Rate:
    """A rate with its numerator and denominator, e.g. accepted ÷ presented."""

    numerator: int
    denominator: int
    numerator_label: str
    denominator_label: str

    @property
    def percent(self) -> int | None:
        if not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator)

    def __str__(self) -> str:
        if self.percent is None:
            return "no figure yet"
        return f"{self.percent}%"

    @property
    def explained(self) -> str:
        return (
            f"{self.numerator:,} {self.numerator_label} out of "
            f"{self.denominator:,} {self.denominator_label}"
        )


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

    @property
    def change(self) -> int:
        return self.now - self.before

    @property
    def change_label(self) -> str:
        if self.change > 0:
            return f"up {self.change:,}"
        if self.change < 0:
            return f"down {-self.change:,}"
        return "no change"


@dataclass(frozen=True)
class Reach:
    surgeries_held: Comparison
    people_approached: Comparison
    people_engaged: Comparison
    people_declined: Comparison
    engagement: Rate


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
        return Rate(self.presented, self.raised, "presented", "raised")

    @property
    def accepted_rate(self) -> Rate:
        return Rate(self.accepted, self.presented, "accepted", "presented")

    @property
    def implemented_rate(self) -> Rate:
        return Rate(self.implemented, self.accepted, "implemented", "accepted")

    @property
    def stages(self) -> list[tuple[str, int]]:
        return [
            ("Raised", self.raised),
            ("Presented", self.presented),
            ("Accepted", self.accepted),
            ("Implemented", self.implemented),
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
    def attendance(self) -> Rate:
        expected = self.attended + self.apologies + self.absent
        return Rate(self.attended, expected, "places taken", "places expected")


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
        """Suppress the bands and the 'not recorded' count together: they add
        up to a total shown elsewhere in the report."""
        cells = suppress_group([*counts, ("", not_recorded)] if not_recorded else counts)
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

    @property
    def feedback_total(self) -> Comparison:
        return Comparison(
            "All themes",
            sum(row.now for row in self.feedback_by_theme),
            sum(row.before for row in self.feedback_by_theme),
        )
