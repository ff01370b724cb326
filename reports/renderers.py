"""Pure PDF renderers: plain content in, PDF bytes out.

A renderer never touches the database: it fills an HTML template (with the
print CSS of templates/reports/pdf/print.css) and hands it to WeasyPrint.
Tests extract the text of the PDF and check it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import ClassVar

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from . import charts
from .content import QuarterlyContent, YouSaidWeDidContent

PRINT_CSS = Path(__file__).resolve().parent / "pdf" / "print.css"


@cache
def print_stylesheet():
    """The print CSS, parsed once per process and shared by every render."""
    from weasyprint import CSS

    return CSS(filename=str(PRINT_CSS))


class RenderError(Exception):
    """The PDF could not be made from this content."""


def qr_code_svg(url: str) -> SafeString:
    """A QR code for the URL, as inline SVG (no image files, nothing to fetch)."""
    image = qrcode.make(
        url,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    svg = image.to_string(encoding="unicode")
    # Let print CSS size it: drop the fixed millimetre size, keep the viewBox.
    svg = svg.replace('width="', 'data-width="', 1).replace('height="', 'data-height="', 1)
    svg = svg.replace(
        "<svg ", '<svg width="100%" height="100%" role="img" aria-label="QR code" ', 1
    )
    return mark_safe(svg)


class PdfRenderer:
    template_name: ClassVar[str]

    def __init__(self, content) -> None:
        self.content = content
        self.page_count: int | None = None

    def get_context(self) -> dict:
        return {"c": self.content}

    def html(self) -> str:
        return render_to_string(self.template_name, self.get_context())

    def render(self) -> bytes:
        return self.pdf_from_html(self.html())

    def pdf_from_html(self, html: str) -> bytes:
        from weasyprint import HTML

        try:
            document = HTML(string=html, base_url=None).render(stylesheets=[print_stylesheet()])
        except Exception as error:  # WeasyPrint raises many kinds
            raise RenderError(
                f"The PDF layout could not be made ({type(error).__name__})."
            ) from error
        self.page_count = len(document.pages)
        # Tagged PDF (PDF/UA) so that screen readers can follow the headings
        # and tables.
        return document.write_pdf(pdf_variant="pdf/ua-1")


class YouSaidWeDidRenderer(PdfRenderer):
    """The A4 booklet: large print, plain English, friendly voice."""

    template_name = "reports/pdf/you_said_we_did_booklet.html"
    content: YouSaidWeDidContent

    def get_context(self) -> dict:
        context = super().get_context()
        context["qr_svg"] = qr_code_svg(self.content.public_url) if self.content.public_url else ""
        return context


class YouSaidWeDidPosterRenderer(YouSaidWeDidRenderer):
    """One A4 page for a reception wall, with a QR code to the public page."""

    template_name = "reports/pdf/you_said_we_did_poster.html"
    ITEMS = 3

    def get_context(self) -> dict:
        context = super().get_context()
        context["we_did"] = self.content.we_did[: self.ITEMS]
        context["quote"] = self.content.quotes[0] if self.content.quotes else None
        return context


class QuarterlyReportRenderer(PdfRenderer):
    """For senior managers: a one-page summary, then each section with a chart
    and the table of its figures."""

    template_name = "reports/pdf/quarterly.html"
    content: QuarterlyContent

    def get_context(self) -> dict:
        c = self.content
        context = super().get_context()
        reach_rows = [
            c.reach.surgeries_held,
            c.reach.people_approached,
            c.reach.people_engaged,
            c.reach.people_declined,
        ]
        now, before = c.period.label, c.previous_period.label
        context["reach_rows"] = reach_rows
        context["charts"] = {
            "reach": charts.paired_bar_chart(
                "Surgeries and people reached",
                [(row.label, row.now, row.before) for row in reach_rows],
                now_label=now,
                before_label=before,
            ),
            "themes": charts.paired_bar_chart(
                "Feedback items by theme",
                [(row.label, row.now, row.before) for row in c.feedback_by_theme],
                now_label=now,
                before_label=before,
            ),
            "funnel": charts.bar_chart("Proposals from raised to implemented", c.funnel.stages),
            "meetings": charts.bar_chart(
                "Meetings held",
                [
                    ("Council meetings", c.meetings.council_meetings),
                    ("Proposal hub meetings", c.meetings.hub_meetings),
                    ("Other meetings", c.meetings.other_meetings),
                ],
            ),
            "reps": charts.bar_chart(
                "Council reps",
                [
                    ("Active", c.reps.active),
                    ("New", c.reps.new),
                    ("Trained", c.reps.trained),
                    ("Moved on to education or work", c.reps.moved_on),
                ],
            ),
        }
        context["engaged_diversity"] = [
            {
                "group": group,
                "chart": charts.bar_chart(
                    group.title, [(label, cell.shown) for label, cell in group.rows]
                ),
            }
            for group in c.engaged_diversity
        ]
        context["rep_diversity"] = [{"group": group} for group in c.rep_diversity]
        context["headlines"] = self.headlines()
        return context

    def headlines(self) -> list[str]:
        """A few plain sentences for the summary page."""
        c = self.content
        lines = []
        rises = sorted(c.feedback_by_theme, key=lambda row: row.change)
        if rises and rises[-1].change > 0:
            top = rises[-1]
            lines.append(
                f"Feedback about {top.label.lower()} rose most: {top.now} this quarter, "
                f"{top.before} the quarter before."
            )
        if rises and rises[0].change < 0:
            low = rises[0]
            lines.append(
                f"Feedback about {low.label.lower()} fell most: {low.now} this quarter, "
                f"{low.before} the quarter before."
            )
        funnel = c.funnel
        if funnel.presented:
            lines.append(
                f"{funnel.accepted_rate} of proposals presented were accepted "
                f"({funnel.accepted_rate.explained})."
            )
        if funnel.accepted:
            lines.append(
                f"{funnel.implemented_rate} of those accepted are done "
                f"({funnel.implemented_rate.explained})."
            )
        if funnel.not_accepted:
            lines.append(
                f"{funnel.not_accepted} proposal{'s were' if funnel.not_accepted != 1 else ' was'} "
                "not accepted, each with a reason given to the reps."
            )
        follow = c.follow_through
        lines.append(
            f"{follow.overdue_actions} of {follow.open_actions} open action points were past "
            f"their due date at the end of the quarter; {follow.overdue_updates} accepted "
            "proposals are waiting for an update."
        )
        lines.append(
            f"{c.reps.active} reps were active at the end of the quarter: {c.reps.new} new, "
            f"{c.reps.trained} trained, {c.reps.moved_on} moved on to education or work."
        )
        return lines


RENDERERS: dict[str, type[PdfRenderer]] = {
    "you_said_we_did_booklet": YouSaidWeDidRenderer,
    "you_said_we_did_poster": YouSaidWeDidPosterRenderer,
    "quarterly": QuarterlyReportRenderer,
}
