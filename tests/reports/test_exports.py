"""Exports: what is in them (status history, decisions, attendance through
the disclosure rule, never feedback words), the person's scope, the report
task and status page they share with reports, and the registry of kinds."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy

from councils.models import Role
from councils.periods import Period
from proposals.models import Decision, ProposalEvent
from reports.exports import ExportKind, ExportTable, register_export
from reports.exports.registry import EXPORT_KINDS
from reports.exports.services import export_request
from reports.models import GeneratedReport
from tests.factories import user_with_role

from .factories import (
    AttendanceFactory,
    FeedbackItemFactory,
    MeetingFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db

SECRET_WORDS = "my officer shouted at me in the corridor"


def period_now():
    today = timezone.localdate()
    return Period(today - dt.timedelta(days=60), today)


def make_export(tenant, kind, fmt="csv", *, actor=None, council=None, region=None, capture=None):
    period = period_now()
    with capture(execute=True):
        report = export_request(
            organisation=tenant.organisation,
            export_kind=kind,
            file_format=fmt,
            period_start=period.start,
            period_end=period.end,
            actor=actor or tenant["manager"],
            council=council,
            region=region,
        )
    report.refresh_from_db()
    assert report.status == GeneratedReport.Status.READY, report.error_message
    return report


def csv_rows(report) -> list[dict]:
    with report.file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    # A public id can start with "-", which a spreadsheet would run as a
    # formula, so the file keeps it as text with a leading "'"
    # (reports/exports/writers.py). Look rows up by the id itself.
    for row in rows:
        if "Reference" in row:
            row["Reference"] = row["Reference"].removeprefix("'")
    return rows


def deferred_then_accepted(tenant):
    proposal = ProposalFactory(
        council=tenant.council,
        status="in_progress",
        title="Water in reception",
        problem=SECRET_WORDS,
        owner=tenant["lead"],
        target_date=timezone.localdate() + dt.timedelta(days=20),
        presented_at=timezone.now() - dt.timedelta(days=20),
        decided_at=timezone.now() - dt.timedelta(days=5),
    )
    feedback = [FeedbackItemFactory(council=tenant.council, said=SECRET_WORDS) for _ in range(3)]
    proposal.evidence.set(feedback)
    first = MeetingFactory(
        council=tenant.council, date=timezone.localdate() - dt.timedelta(days=20)
    )
    second = MeetingFactory(
        council=tenant.council, date=timezone.localdate() - dt.timedelta(days=5)
    )
    Decision.objects.create(
        organisation=tenant.organisation,
        proposal=proposal,
        meeting=first,
        outcome="deferred",
        deferred_to=second.date,
        reason="We need the costs first.",
        decided_by=tenant["chair"],
        decided_at=timezone.now() - dt.timedelta(days=20),
        published_at=timezone.now() - dt.timedelta(days=19),
    )
    accepted = Decision.objects.create(
        organisation=tenant.organisation,
        proposal=proposal,
        meeting=second,
        outcome="accepted",
        decided_by=tenant["chair"],
        decided_at=timezone.now() - dt.timedelta(days=5),
        published_at=timezone.now() - dt.timedelta(days=4),
    )
    proposal.published_decision = accepted
    proposal.save(update_fields=["published_decision"])
    for days, status in ((30, "draft"), (20, "deferred"), (5, "accepted"), (4, "in_progress")):
        ProposalEvent.objects.create(
            organisation=tenant.organisation,
            proposal=proposal,
            kind="decision",
            at=timezone.now() - dt.timedelta(days=days),
            to_status=status,
        )
    return proposal


def test_proposals_export_has_history_and_decisions_and_no_feedback_words(
    tenant_a, django_capture_on_commit_callbacks
):
    proposal = deferred_then_accepted(tenant_a)
    ProposalFactory(council=tenant_a.council, title='=HYPERLINK("http://x")')
    report = make_export(tenant_a, "proposals", capture=django_capture_on_commit_callbacks)
    rows = csv_rows(report)
    row = next(r for r in rows if r["Reference"] == proposal.public_id)
    assert row["Status now"] == "Being put in place"
    assert row["Decision"] == "Accepted"
    assert "Deferred" in row["Decisions"] and "Accepted" in row["Decisions"]
    assert row["Status history"].count(";") == 3
    assert "Deferred" in row["Status history"]
    # Three people behind the evidence: never a number under 5.
    assert row["People in the evidence"] == "fewer than 5"
    assert row["Owner"] == str(tenant_a["lead"])
    with report.file.open("rb") as handle:
        raw = handle.read().decode("utf-8-sig")
    assert SECRET_WORDS not in raw
    assert "We need the costs first." not in raw  # choices and dates, not free words
    # A title a spreadsheet would run as a formula is kept as text.
    assert "'=HYPERLINK" in raw
    assert report.download_name.endswith(".csv")


def test_meetings_export_counts_people_through_the_disclosure_rule(
    tenant_a, django_capture_on_commit_callbacks
):
    small = MeetingFactory(
        council=tenant_a.council, date=timezone.localdate() - dt.timedelta(days=3)
    )
    for _ in range(3):
        AttendanceFactory(meeting=small, status="attended")
    big = MeetingFactory(council=tenant_a.council, date=timezone.localdate() - dt.timedelta(days=2))
    for _ in range(9):
        AttendanceFactory(meeting=big, status="attended")
    for _ in range(6):
        AttendanceFactory(meeting=big, status="apologies")
    AttendanceFactory(meeting=big, status="absent")
    report = make_export(tenant_a, "meetings", capture=django_capture_on_commit_callbacks)
    rows = {r["Reference"]: r for r in csv_rows(report)}
    assert rows[small.public_id]["Attended"] == "fewer than 5"
    assert rows[small.public_id]["Held"] == "Held"
    # One absent person: hidden, and the next smallest too, so it cannot be
    # worked out from the others.
    assert rows[big.public_id]["Attended"] == "9"
    assert rows[big.public_id]["Absent"] == "fewer than 5"
    assert rows[big.public_id]["Sent apologies"] == "not shown, to protect a small number"


def test_xlsx_is_a_real_spreadsheet(tenant_a, django_capture_on_commit_callbacks):
    deferred_then_accepted(tenant_a)
    report = make_export(tenant_a, "proposals", "xlsx", capture=django_capture_on_commit_callbacks)
    with report.file.open("rb") as handle:
        book = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = book.namelist()
    assert "xl/worksheets/sheet1.xml" in names
    strings = book.read("xl/sharedStrings.xml").decode()
    assert "Water in reception" in strings and "Status history" in strings
    assert SECRET_WORDS not in strings
    assert report.download_name.endswith(".xlsx")


def test_export_is_only_for_the_persons_scope(tenant_a, django_capture_on_commit_callbacks):
    ProposalFactory(council=tenant_a.council, title="Ours")
    ProposalFactory(council=tenant_a.other_council, title="Theirs")
    manager = user_with_role(tenant_a.organisation, Role.MANAGER, council=tenant_a.council)
    with pytest.raises(PermissionDenied):
        export_request(
            organisation=tenant_a.organisation,
            export_kind="proposals",
            file_format="csv",
            period_start=period_now().start,
            period_end=period_now().end,
            actor=manager,
        )
    for person in (tenant_a["rep"], tenant_a["lead"], tenant_a["finance"]):
        with pytest.raises(PermissionDenied):
            export_request(
                organisation=tenant_a.organisation,
                export_kind="proposals",
                file_format="csv",
                period_start=period_now().start,
                period_end=period_now().end,
                actor=person,
                council=tenant_a.council,
            )
    report = make_export(
        tenant_a,
        "proposals",
        actor=manager,
        council=tenant_a.council,
        capture=django_capture_on_commit_callbacks,
    )
    assert [r["Title"] for r in csv_rows(report)] == ["Ours"]


def test_asking_on_the_page_then_downloading(
    tenant_a, client_for, django_capture_on_commit_callbacks
):
    deferred_then_accepted(tenant_a)
    client = client_for(tenant_a["manager"])
    slug = tenant_a.organisation.slug
    page = client.get(f"/{slug}/reports/export/")
    assert page.status_code == 200
    form = page.context["form"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/{slug}/reports/export/",
            {
                "export_kind": "meetings",
                "file_format": "csv",
                "scope": "org",
                "period": form.fields["period"].choices[0][0],
            },
        )
    assert response.status_code == 302
    report = GeneratedReport.objects.get(kind="export")
    assert response["Location"].endswith(f"/reports/{report.public_id}/")
    detail = client.get(response["Location"]).content.decode()
    assert "Download the CSV file" in detail
    download = client.get(f"/{slug}/reports/{report.public_id}/pdf/")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    assert b"Reference" in b"".join(download.streaming_content)


def test_another_table_is_one_registration(tenant_a, django_capture_on_commit_callbacks):
    def councils_table(scope, period: Period) -> ExportTable:
        return ExportTable(["Council"], [[scope.label]])

    register_export(ExportKind("test_councils", gettext_lazy("Councils"), councils_table))
    try:
        report = make_export(tenant_a, "test_councils", capture=django_capture_on_commit_callbacks)
        assert csv_rows(report) == [{"Council": tenant_a.organisation.name}]
    finally:
        EXPORT_KINDS.pop("test_councils")


def test_one_export_is_never_the_newer_copy_of_another(
    tenant_a, django_capture_on_commit_callbacks
):
    from reports.selectors import newer_version

    proposals = make_export(tenant_a, "proposals", capture=django_capture_on_commit_callbacks)
    make_export(tenant_a, "meetings", capture=django_capture_on_commit_callbacks)
    make_export(tenant_a, "proposals", "xlsx", capture=django_capture_on_commit_callbacks)
    assert newer_version(proposals) is None
    again = make_export(tenant_a, "proposals", capture=django_capture_on_commit_callbacks)
    assert newer_version(proposals) == again


def test_the_dashboards_table_exports_with_the_disclosure_rule(
    tenant_a, django_capture_on_commit_callbacks
):
    """Issue 14: the dashboard's table of councils side by side is an export
    too, the same rows as the page, people counts as printed."""
    from reports.selectors.dashboard import place_rows
    from reports.selectors.scope import ReportScope

    from .factories import SurgeryFactory

    day = timezone.localdate() - dt.timedelta(days=5)
    SurgeryFactory(
        council=tenant_a.council, date=day, people_approached=4, people_engaged=3, people_declined=1
    )
    report = make_export(tenant_a, "places", capture=django_capture_on_commit_callbacks)
    rows = {r["Place"]: r for r in csv_rows(report)}
    assert tenant_a.council.name in rows
    row = rows[tenant_a.council.name]
    assert row["People engaged"] == "fewer than 5"
    # The same figures as the dashboard shows for the same place and period.
    page_rows = place_rows(ReportScope(tenant_a.organisation), period_now())
    page_row = next(r for r in page_rows if r.name == tenant_a.council.name)
    assert row["Surgeries held"] == str(page_row.surgeries_held)
    assert row["Proposals raised"] == str(page_row.raised)
