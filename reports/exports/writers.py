"""CSV and XLSX bytes from a header and rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

# A cell a spreadsheet would run as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(value: str) -> str:
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    return _safe_text(str(value))


def to_csv(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_plain(h) for h in header])
    for row in rows:
        writer.writerow([_plain(v) for v in row])
    # With a byte order mark, Excel reads the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence], *, title: str = "Export") -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            # Text is text: never a formula, a link or a number guessed from it.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    sheet = book.add_worksheet(title[:31])
    bold = book.add_format({"bold": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    widths = [len(str(h)) for h in header]
    for col, name in enumerate(header):
        sheet.write_string(0, col, str(name), bold)
    r = 0
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, col, value.replace(tzinfo=None), date_format)
            elif isinstance(value, dt.date):
                sheet.write_datetime(r, col, dt.datetime.combine(value, dt.time()), date_format)
            elif isinstance(value, bool):
                sheet.write_string(r, col, "yes" if value else "no")
            elif isinstance(value, int | float):
                sheet.write_number(r, col, value)
            else:
                sheet.write_string(r, col, str(value))
            if col < len(widths):
                widths[col] = max(widths[col], min(len(str(value)), 60))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width + 2)
    sheet.freeze_panes(1, 0)
    if header:
        sheet.autofilter(0, 0, max(r, 1), len(header) - 1)
    book.close()
    return out.getvalue()


def write(file_format: str, header, rows, *, title: str = "Export") -> bytes:
    if file_format == "csv":
        return to_csv(header, rows)
    if file_format == "xlsx":
        return to_xlsx(header, rows, title=title)
    raise ValueError(f"unknown export format {file_format!r}")
