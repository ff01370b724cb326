"""The kinds of export. Each is a key, a label and a function that takes a
scope and a period and returns an ``ExportTable`` (header and rows).

To add a table (for example a dashboard's), write the function and call
``register_export`` from the module that defines it, imported by
``reports.exports.kinds``::

    register_export(ExportKind("councils_side_by_side", _("Councils side by side"), rows_fn))

The function gets a ``ReportScope`` (organisation, and a region or council)
and a ``Period``; who may ask was checked before. It must put every count of
people through ``councils.disclosure.people_count`` and never export raw
feedback words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", _("CSV (opens in any spreadsheet)")),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _("Excel spreadsheet (.xlsx)"),
    ),
}


@dataclass(frozen=True)
class ExportTable:
    header: Sequence[str]
    rows: Iterable[Sequence]


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: str
    rows: Callable  # (scope: ReportScope, period: Period) -> ExportTable
    description: str = ""
    # Who may ask, over the scope (the role map in councils/permissions.py).
    permission: str = "reports.view_report"


EXPORT_KINDS: dict[str, ExportKind] = {}


def register_export(kind: ExportKind) -> ExportKind:
    if len(kind.key) > 40:
        raise ValueError(f"export key {kind.key!r} is longer than 40 characters")
    EXPORT_KINDS.setdefault(kind.key, kind)
    return kind


def export_table(report) -> ExportTable:
    """The table for an export row of ``GeneratedReport``."""
    from councils.periods import Period

    from ..selectors import ReportScope
    from . import kinds  # noqa: F401  (registers the built-in kinds)

    kind = EXPORT_KINDS[report.export_kind]
    return kind.rows(ReportScope.of(report), Period(report.period_start, report.period_end))
