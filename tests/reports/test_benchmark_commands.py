"""The benchmark data set builds (small here) and the benchmark runs on it.
No timings are asserted: docs/benchmarks.md has the measured numbers."""

import io

import pytest
from django.core.management import CommandError, call_command

from councils.models import Council, Organisation
from members.models import RepProfile
from proposals.models import Decision, Proposal
from surgeries.models import FeedbackItem

pytestmark = pytest.mark.django_db


def test_national_dataset_builds_at_small_scale_and_benchmarks_run():
    out = io.StringIO()
    call_command("build_national_dataset", scale=0.004, stdout=out)
    assert Organisation.objects.filter(slug__startswith="bench-").count() == 12
    assert Council.objects.count() == 12
    assert FeedbackItem.objects.count() == 600
    assert Proposal.objects.count() == 20
    assert RepProfile.objects.count() == 12
    # Every decided proposal carries its published decision.
    decided = Proposal.objects.filter(decided_at__isnull=False)
    assert decided.exists()
    assert not decided.filter(published_decision__isnull=True).exists()
    assert Decision.objects.count() == decided.count()
    # Each proposal has its status history, ending at its status now: the
    # figures "as at" a period's end read it.
    from django.utils import timezone

    from proposals.selectors import with_status_at

    for proposal in with_status_at(Proposal.objects.all(), timezone.now()):
        assert proposal.status_then == proposal.status, proposal.title

    with pytest.raises(CommandError):
        call_command("build_national_dataset", scale=0.004, stdout=io.StringIO())

    out = io.StringIO()
    call_command("benchmark_reports", repeat=1, stdout=out)
    table = out.getvalue()
    assert "| Organisation quarterly report |" in table
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) == 5  # the header and four cases


def test_raw_weasyprint_column_does_not_use_the_apps_pdf_function(monkeypatch):
    """The raw column must measure WeasyPrint itself: if it called the app's
    renderer it would match the render column by construction."""
    from reports.management.commands import benchmark_reports
    from reports.renderers import PdfRenderer

    def refuse(*args, **kwargs):
        raise AssertionError("raw WeasyPrint went through the app's renderer")

    monkeypatch.setattr(PdfRenderer, "pdf_from_html", refuse)
    monkeypatch.setattr(PdfRenderer, "render", refuse)
    pdf = benchmark_reports.raw_weasyprint("<h1>Raw</h1><table><caption>T</caption></table>")
    assert pdf.startswith(b"%PDF-")
