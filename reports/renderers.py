"""Pure PDF renderers: plain content in, PDF bytes out.

A renderer never touches the database: it fills an HTML template (with the
print CSS of templates/reports/pdf/print.css) and hands it to WeasyPrint.
Tests extract the text of the PDF and check it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import ClassVar

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from councils.disclosure import people_count
from councils.periods import day_label

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
    # Alternative text that says where the code leads, for screen readers.
    label = escape(_("QR code: a link to %(url)s") % {"url": url})
    svg = svg.replace(
        "<svg ", f'<svg width="100%" height="100%" role="img" aria-label="{_("QR code")}" ', 1
    )
    svg = re.sub(
        r"(<svg[^>]*>)", rf"\1<title>{_('QR code')}</title><desc>{label}</desc>", svg, count=1
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
                _("The PDF layout could not be made (%(error)s).") % {"error": type(error).__name__}
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
    # The poster prints whole sentences only, so it prints fewer things
    # rather than cutting one short: these are how many characters fit.
    WORDS_BUDGET = 600
    QUOTE_LIMIT = 160

    def get_context(self) -> dict:
        context = super().get_context()
        chosen, used = [], 0
        for item in self.content.we_did[: self.ITEMS]:
            size = len(item.you_said or item.title) + len(item.outcome)
            if chosen and used + size > self.WORDS_BUDGET:
                break
            if not chosen and size > self.WORDS_BUDGET:
                break  # too long for the wall: the QR code leads to it
            chosen.append(item)
            used += size
        context["we_did"] = chosen
        context["quote"] = next(
            (quote for quote in self.content.quotes if len(quote.text) <= self.QUOTE_LIMIT), None
        )
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
        now, before = c.period.label, c.previous_period.dates_label
        context["reach_rows"] = reach_rows
        context["charts"] = {
            "reach": charts.paired_bar_chart(
                _("Surgeries and people reached"),
                [(row.label, row.now_cell, row.before_cell) for row in reach_rows],
                now_label=now,
                before_label=before,
            ),
            "themes": charts.paired_bar_chart(
                _("Feedback items by theme"),
                [(row.label, row.now, row.before) for row in c.feedback_by_theme],
                now_label=now,
                before_label=before,
            ),
            "funnel": charts.bar_chart(_("Proposals from raised to implemented"), c.funnel.stages),
            "meetings": charts.bar_chart(
                _("Meetings held"),
                [
                    (_("Council meetings"), c.meetings.council_meetings),
                    (_("Proposal hub meetings"), c.meetings.hub_meetings),
                    (_("Other meetings"), c.meetings.other_meetings),
                ],
            ),
            # Counts of people: through the one small-number rule, as in the table.
            "reps": charts.bar_chart(
                _("Council reps"),
                [
                    (_("Active"), people_count(c.reps.active)),
                    (_("New"), people_count(c.reps.new)),
                    (_("Trained"), people_count(c.reps.trained)),
                    (_("Moved on to education or work"), people_count(c.reps.moved_on)),
                ],
            ),
        }
        context["engaged_diversity"] = [
            {
                "group": group,
                "chart": charts.bar_chart(group.title, group.rows),
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
        # A rise or fall means something only when the period before has
        # feedback to compare with.
        compared = c.feedback_total.before > 0
        rises = sorted(c.feedback_by_theme, key=lambda row: row.change) if compared else []
        if rises and rises[-1].change > 0:
            top = rises[-1]
            lines.append(
                _(
                    "Feedback about %(theme)s rose most: %(now)s this quarter, "
                    "%(before)s the quarter before."
                )
                % {"theme": top.label.lower(), "now": top.now, "before": top.before}
            )
        if rises and rises[0].change < 0:
            low = rises[0]
            lines.append(
                _(
                    "Feedback about %(theme)s fell most: %(now)s this quarter, "
                    "%(before)s the quarter before."
                )
                % {"theme": low.label.lower(), "now": low.now, "before": low.before}
            )
        funnel = c.funnel
        if funnel.presented:
            lines.append(
                _("%(rate)s of proposals presented were accepted (%(explained)s).")
                % {
                    "rate": funnel.accepted_rate.percent_text,
                    "explained": funnel.accepted_rate.explained,
                }
            )
        if funnel.accepted:
            lines.append(
                _("%(rate)s of those accepted are done (%(explained)s).")
                % {
                    "rate": funnel.implemented_rate.percent_text,
                    "explained": funnel.implemented_rate.explained,
                }
            )
        if funnel.not_accepted:
            lines.append(
                ngettext(
                    "%(count)s proposal was not accepted, each with a reason given to the reps.",
                    "%(count)s proposals were not accepted, each with a reason given to the reps.",
                    funnel.not_accepted,
                )
                % {"count": funnel.not_accepted}
            )
        # The last day the figures count: the quarter's end, or today for a
        # quarter in progress ("at the end of the quarter" would not be true).
        as_at = day_label(c.period.end)
        follow = c.follow_through
        if follow.open_actions:
            actions = ngettext(
                "%(overdue)s of %(open)s open action point was past its due date on %(day)s.",
                "%(overdue)s of %(open)s open action points were past their due date on %(day)s.",
                follow.open_actions,
            ) % {"overdue": follow.overdue_actions, "open": follow.open_actions, "day": as_at}
        else:
            actions = _("No action points were open on %(day)s.") % {"day": as_at}
        if follow.overdue_updates:
            updates = ngettext(
                "%(updates)s accepted proposal is waiting for an update.",
                "%(updates)s accepted proposals are waiting for an update.",
                follow.overdue_updates,
            ) % {"updates": follow.overdue_updates}
        else:
            updates = _("No accepted proposal is waiting for an update.")
        lines.append(f"{actions} {updates}")
        lines.append(
            capfirst(
                _(
                    "%(active)s reps were active on %(day)s: %(new)s new, "
                    "%(trained)s trained, %(moved_on)s moved on to education or work."
                )
                # Counts of people: through the one small-number rule, as in the tiles.
                % {
                    "active": people_count(c.reps.active).text,
                    "new": people_count(c.reps.new).text,
                    "trained": people_count(c.reps.trained).text,
                    "moved_on": people_count(c.reps.moved_on).text,
                    "day": as_at,
                }
            )
        )
        return lines


RENDERERS: dict[str, type[PdfRenderer]] = {
    "you_said_we_did_booklet": YouSaidWeDidRenderer,
    "you_said_we_did_poster": YouSaidWeDidPosterRenderer,
    "quarterly": QuarterlyReportRenderer,
}
