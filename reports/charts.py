"""Charts as SVG, drawn from plain numbers, for WeasyPrint to put in the PDF.

Every chart sits beside a table of the same figures, so nobody has to read a
value off a bar. A count of people that must not be shown (councils.disclosure)
gets no bar, only the words that say why.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from councils.disclosure import Cell

WIDTH = 600  # user units; the SVG is scaled to the text width
LABEL_SIZE = 13
VALUE_SIZE = 12
BAR_HEIGHT = 14
ROW_GAP = 12
BAR_AREA = 470
FONT = "Liberation Sans, Arial, sans-serif"
DARK = "#1d70b8"
LIGHT = "#8eb8dc"
TEXT = "#0b0c0c"


def _svg(title: str, height: int, body: list[str], legend: list[tuple[str, str]] = ()) -> str:
    legend_parts = []
    x = 0
    for colour, label in legend:
        legend_parts.append(
            f'<rect x="{x}" y="2" width="14" height="14" fill="{colour}"/>'
            f'<text x="{x + 20}" y="14" font-size="{VALUE_SIZE}">{escape(label)}</text>'
        )
        x += 30 + 7 * len(label)
    top = 26 if legend else 0
    total = height + top
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {total}" width="{WIDTH}" height="{total}" '
        f'font-family="{FONT}" fill="{TEXT}">'
        f"<title>{escape(title)}</title>"
        + "".join(legend_parts)
        + f'<g transform="translate(0 {top})">'
        + "".join(body)
        + "</g></svg>"
    )


def _scale(values: list[int | None]) -> float:
    top = max([v for v in values if v] or [1])
    return BAR_AREA / top


def bar_chart(title: str, rows: list[tuple[str, int | Cell]]) -> SafeString:
    """One bar per row, the label above its bar. A row's value is a number,
    or a ``Cell`` when it counts people (a hidden cell draws no bar)."""
    # A plain number is a cell that is never hidden.
    cells = [(label, value if isinstance(value, Cell) else Cell(value)) for label, value in rows]
    scale = _scale([cell.shown for _, cell in cells])
    body = []
    y = 0
    for label, cell in cells:
        value = cell.shown
        body.append(
            f'<text x="0" y="{y + LABEL_SIZE}" font-size="{LABEL_SIZE}">{escape(label)}</text>'
        )
        bar_y = y + LABEL_SIZE + 4
        width = 0 if value is None else max(round(value * scale), 1 if value else 0)
        if width:
            body.append(
                f'<rect x="0" y="{bar_y}" width="{width}" height="{BAR_HEIGHT}" fill="{DARK}"/>'
            )
        body.append(
            f'<text x="{width + 6}" y="{bar_y + BAR_HEIGHT - 2}" font-size="{VALUE_SIZE}">'
            f"{escape(cell.text)}</text>"
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    return mark_safe(_svg(title, max(y, 1), body))


def paired_bar_chart(
    title: str,
    rows: list[tuple[str, int | Cell, int | Cell]],
    *,
    now_label: str,
    before_label: str,
) -> SafeString:
    """Two bars per row: this period (dark) and the one before (light). A
    value is a number, or a ``Cell`` when it counts people (a hidden cell
    draws no bar and prints its words, never the number)."""
    rows = [
        (label, *(v if isinstance(v, Cell) else Cell(v) for v in (now, before)))
        for label, now, before in rows
    ]
    scale = _scale([cell.shown for _, a, b in rows for cell in (a, b)])
    body = []
    y = 0
    for label, now, before in rows:
        body.append(
            f'<text x="0" y="{y + LABEL_SIZE}" font-size="{LABEL_SIZE}">{escape(label)}</text>'
        )
        bar_y = y + LABEL_SIZE + 4
        for cell, colour in ((now, DARK), (before, LIGHT)):
            value = cell.shown
            width = 0 if value is None else max(round(value * scale), 1 if value else 0)
            if width:
                body.append(
                    f'<rect x="0" y="{bar_y}" width="{width}" height="{BAR_HEIGHT - 3}" '
                    f'fill="{colour}"/>'
                )
            body.append(
                f'<text x="{width + 6}" y="{bar_y + BAR_HEIGHT - 5}" font-size="{VALUE_SIZE - 1}">'
                f"{escape(cell.text)}</text>"
            )
            bar_y += BAR_HEIGHT - 1
        y = bar_y + ROW_GAP
    legend = [(DARK, now_label), (LIGHT, before_label)]
    return mark_safe(_svg(title, max(y, 1), body, legend))
