"""The dashboard's table of places side by side (councils, or regions for a
whole organisation), as an export: the same rows as the page
(``reports.selectors.dashboard.place_rows``), people counts as printed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from councils.periods import Period

from ..selectors.dashboard import place_rows
from ..selectors.scope import ReportScope
from .registry import ExportKind, ExportTable, register_export

# Each column: (the key of PlaceRow.export_values, its heading).
COLUMNS = [
    ("place", gettext_lazy("Place")),
    ("region", gettext_lazy("Region")),
    ("surgeries_held", gettext_lazy("Surgeries held")),
    ("people_engaged", gettext_lazy("People engaged")),
    ("proposals_raised", gettext_lazy("Proposals raised")),
    ("proposals_presented", gettext_lazy("Proposals presented")),
    ("accepted", gettext_lazy("Accepted")),
    ("accepted_percent", gettext_lazy("Accepted, % of presented")),
    ("implemented", gettext_lazy("Implemented")),
    ("implemented_percent", gettext_lazy("Implemented, % of accepted")),
    ("median_days_to_decision", gettext_lazy("Median days to decision")),
    ("decided", gettext_lazy("Decided")),
    ("median_days_to_implementation", gettext_lazy("Median days to implementation")),
    ("implemented_in_period", gettext_lazy("Implemented in the period")),
    ("overdue_action_points", gettext_lazy("Overdue action points")),
    ("open_action_points", gettext_lazy("Open action points")),
]


def place_table(scope: ReportScope, period: Period) -> ExportTable:
    # A whole organisation compares its regions' councils; a region or a
    # council, its own councils (as the dashboard does).
    rows = place_rows(scope, period)
    header = [str(label) for _key, label in COLUMNS]
    values = (row.export_values() for row in rows)
    return ExportTable(header, ([v[key] for key, _label in COLUMNS] for v in values))


register_export(
    ExportKind(
        "places",
        gettext_lazy("Councils side by side (the dashboard's table)"),
        place_table,
        description=gettext_lazy(
            "One row for each council: reach, proposals raised and presented, the share "
            "accepted and implemented, days to decision and to implementation, overdue "
            "actions. Fewer than 5 people is never shown as a number."
        ),
    )
)

__all__ = ["COLUMNS", "place_table"]
