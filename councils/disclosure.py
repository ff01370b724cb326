"""The one rule for showing counts of people.

People on probation fear being picked out. So any count of people from 1 to 4
is never printed as a number: it reads "fewer than 5". Where a table's total
is known and only one cell is small, the smallest other cell is hidden too,
or the small one could be worked out by subtraction; that second cell says in
its own words why it is hidden. Zero is shown as 0 everywhere: it points at
nobody.

Every page and every document that shows a count of people (reach, reps,
attendance, diversity, by place) goes through ``people_count`` or
``people_counts``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

SMALLEST_SHOWN = 5


class Hidden:
    """Why a cell is not shown."""

    NO = ""
    SMALL = "small"  # 1 to 4 people
    PROTECTS_SMALL = "protects-small"  # hidden so a small cell cannot be worked out


@dataclass(frozen=True)
class Cell:
    """A count of people, and whether it may be shown."""

    value: int
    hidden: str = Hidden.NO

    @property
    def suppressed(self) -> bool:
        return bool(self.hidden)

    @property
    def shown(self) -> int | None:
        """The number, or None when it must not be printed."""
        return None if self.hidden else self.value

    @property
    def text(self) -> str:
        if self.hidden == Hidden.SMALL:
            return _("fewer than 5")
        if self.hidden == Hidden.PROTECTS_SMALL:
            return _("not shown, to protect a small number")
        return f"{self.value:,}"

    def __str__(self) -> str:
        return self.text


def is_small(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


def people_count(count: int) -> Cell:
    """One count of people on its own."""
    return Cell(count, Hidden.SMALL if is_small(count) else Hidden.NO)


def people_counts(rows: list[tuple[str, int]]) -> list[tuple[str, Cell]]:
    """A group of counts of people that add up to a known total (a table).

    Counts from 1 to 4 are hidden. If exactly one is hidden, the smallest
    count that would otherwise show is hidden too, so that the small one
    cannot be worked out from the total."""
    cells = {label: people_count(count) for label, count in rows}
    small = [label for label, cell in cells.items() if cell.hidden]
    if len(small) == 1:
        others = [(count, label) for label, count in rows if count and label not in small]
        if others:
            _count, label = min(others)
            cells[label] = Cell(cells[label].value, Hidden.PROTECTS_SMALL)
    return [(label, cells[label]) for label, _count in rows]
