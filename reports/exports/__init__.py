"""Exports for analysts and boards: tables of figures as CSV or a
spreadsheet, for the person's scope, made by the report task and kept in the
report archive like any document.

- ``registry``: the kinds of export. A kind is a key, a label and a function
  returning the header and the rows for a scope and a period; add one with
  ``register_export`` (the dashboard tables are added the same way).
- ``writers``: CSV and XLSX bytes from a header and rows.
- ``proposals``, ``meetings``: the built-in kinds.
- ``services``: asking for an export.

No raw feedback words are exported, and every count of people goes through
the disclosure rule (``councils.disclosure``).
"""

from .registry import EXPORT_FORMATS, EXPORT_KINDS, ExportKind, ExportTable, register_export

__all__ = ["EXPORT_FORMATS", "EXPORT_KINDS", "ExportKind", "ExportTable", "register_export"]
