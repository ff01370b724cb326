"""Time the reports on the national data set (see build_national_dataset).

For each case it times, several times over: the whole job as the worker runs
it (claim, figures, render, save), the figures alone (and their query
count), the renderer alone, and raw WeasyPrint on the same HTML, so the cost
of gathering figures is visible. Raw WeasyPrint is called directly
(``weasyprint.HTML(string=html).write_pdf(stylesheets=[...])``), never
through the app's own PDF function, so the two columns can disagree.
Prints median and worst, as a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import os
import platform
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateformat import format as date_format

from councils.models import Council, Organisation
from councils.periods import last_quarter
from reports import services
from reports.models import GeneratedReport
from reports.renderers import RENDERERS, print_stylesheet
from reports.selectors import content_for

Kind = GeneratedReport.Kind


def raw_weasyprint(html: str) -> bytes:
    """WeasyPrint on its own, not through the app's renderer: the HTML made
    once by the renderer, straight to PDF with the same print stylesheet."""
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf(stylesheets=[print_stylesheet()])


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


class Command(BaseCommand):
    help = "Benchmark report generation (median and worst of several runs)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=7)
        parser.add_argument("--organisation", default="", help="slug; default: the largest")

    def handle(self, *args, repeat: int, organisation: str, **options):
        orgs = Organisation.objects.annotate(n=Count("council")).order_by("-n", "slug")
        org = orgs.filter(slug=organisation).first() if organisation else orgs.first()
        if org is None:
            raise CommandError("No organisation found. Run build_national_dataset first.")
        council = (
            Council.objects.filter(organisation=org)
            .annotate(n=Count("feedback_items"))
            .order_by("-n", "id")
            .first()
        )
        period = last_quarter()
        cases = [
            ("Council quarter: You Said We Did booklet", Kind.YOU_SAID_WE_DID_BOOKLET, council),
            ("Council quarter: You Said We Did poster", Kind.YOU_SAID_WE_DID_POSTER, council),
            ("Council quarterly report", Kind.QUARTERLY, council),
            ("Organisation quarterly report", Kind.QUARTERLY, None),
        ]
        print_stylesheet()  # parsed once per worker process, as in production
        self.stdout.write(
            f"Organisation {org.name} ({org.n} councils); council {council.name} "
            f"({council.n:,} feedback items in all); period {period.label}; "
            f"{repeat} runs each; database {connection.vendor}; "
            f"{os.cpu_count()} CPUs; Python {platform.python_version()}.\n"
        )
        rows = []
        for label, kind, scope_council in cases:
            report = GeneratedReport.objects.create(
                organisation=org,
                kind=kind,
                scope="council" if scope_council else "organisation",
                council=scope_council,
                period_start=period.start,
                period_end=period.end,
            )
            report = GeneratedReport.objects.select_related(
                "organisation", "council", "region"
            ).get(pk=report.pk)
            whole, figures, render, raw, queries, pages = [], [], [], [], [], 0
            for _ in range(repeat):
                GeneratedReport.objects.filter(pk=report.pk).update(
                    status=GeneratedReport.Status.QUEUED
                )
                seconds, outcome = timed(lambda r=report: services.report_render(report_id=r.pk))
                assert outcome.outcome == "done", outcome
                whole.append(seconds)
                with CaptureQueriesContext(connection) as ctx:
                    seconds, content = timed(lambda r=report: content_for(r))
                figures.append(seconds)
                queries.append(len(ctx.captured_queries))
                renderer = RENDERERS[kind](content)
                html = renderer.html()
                seconds, _ = timed(renderer.render)
                render.append(seconds)
                pages = renderer.page_count
                seconds, _ = timed(lambda h=html: raw_weasyprint(h))
                raw.append(seconds)
            rows.append((label, pages, queries[-1], whole, figures, render, raw))
            GeneratedReport.objects.filter(pk=report.pk).delete()

        def cell(values):
            return f"{statistics.median(values):.2f} / {max(values):.2f}"

        self.stdout.write(
            "| Report | Pages | Queries | Whole job (s) | Figures (s) | Render (s) "
            "| Raw WeasyPrint (s) |"
        )
        self.stdout.write("|---|---:|---:|---:|---:|---:|---:|")
        for label, pages, queries, whole, figures, render, raw in rows:
            self.stdout.write(
                f"| {label} | {pages} | {queries} | {cell(whole)} | {cell(figures)} "
                f"| {cell(render)} | {cell(raw)} |"
            )
        self.stdout.write(
            "\nEach cell is median / worst in seconds. Render = template + WeasyPrint; "
            "raw WeasyPrint = weasyprint.HTML(string=html).write_pdf() on the same HTML "
            "and print CSS, not through the app's renderer. "
            "Measured " + date_format(timezone.localtime(), "j F Y H:i") + "."
        )
