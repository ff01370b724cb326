"""Asking for reports, the render task (twice, failing, retried, taken over
after a dead worker), the quarterly schedule, sharing and the public page."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from councils.models import AuditEvent, Council
from councils.periods import last_quarter
from reports import services, tasks
from reports.models import GeneratedReport
from tests.reports.factories import ReportFactory
from tests.reports.pdftext import pdf_text, says

pytestmark = pytest.mark.django_db

Status = GeneratedReport.Status


def ask(tenant, *, kind=GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET, **kwargs):
    kwargs.setdefault("council", tenant.council)
    return services.report_request(
        organisation=tenant.organisation,
        kind=kind,
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2025, 6, 30),
        actor=tenant["coordinator"],
        **kwargs,
    )


def test_request_makes_a_queued_row_and_renders_after_commit(
    tenant_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = ask(tenant_a)
    report.refresh_from_db()
    assert report.status == Status.QUEUED and not report.file
    assert report.requested_by == tenant_a["coordinator"]
    assert report.scope == "council"
    assert AuditEvent.objects.filter(action="report.requested", object_id=report.public_id).exists()
    assert len(callbacks) == 1
    callbacks[0]()  # the task, run in-process (eager)
    report.refresh_from_db()
    assert report.status == Status.READY
    assert report.attempts == 1
    assert report.started_at <= report.finished_at
    assert report.file.name == f"reports/{tenant_a.organisation.pk}/{report.public_id}.pdf"
    assert report.file_size == report.file.size and report.page_count >= 3
    assert says(pdf_text(report.file.read()), tenant_a.council.name)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"period_start": dt.date(2025, 7, 1), "period_end": dt.date(2025, 6, 30)}, "period"),
        ({"period_start": dt.date(2019, 1, 1), "period_end": dt.date(2025, 6, 30)}, "period"),
        ({"kind": "leaflet"}, "kind"),
    ],
)
def test_request_refuses_bad_input_plainly(tenant_a, changes, field):
    values = dict(
        organisation=tenant_a.organisation,
        kind=GeneratedReport.Kind.QUARTERLY,
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2025, 6, 30),
        actor=tenant_a["coordinator"],
        council=tenant_a.council,
    )
    values.update(changes)
    with pytest.raises(ValidationError) as error:
        services.report_request(**values)
    assert field in error.value.message_dict
    assert not GeneratedReport.objects.exists()


def test_request_refuses_a_council_of_another_organisation(tenant_a, tenant_b):
    with pytest.raises(ValidationError) as error:
        ask(tenant_a, council=tenant_b.council)
    assert error.value.message_dict["scope"] == ["Choose a council from this organisation."]


def test_running_the_task_twice_gives_one_document(tenant_a, settings):
    report = ask(tenant_a)  # eager: rendered at commit (the test transaction is not committed)
    report.refresh_from_db()
    assert report.status == Status.QUEUED
    assert tasks.render_report.apply(args=[report.pk]).get() == "done"
    report.refresh_from_db()
    first_finished, first_bytes = report.finished_at, report.file.read()
    assert tasks.render_report.apply(args=[report.pk]).get() == "already_done"
    report.refresh_from_db()
    assert report.attempts == 1 and report.finished_at == first_finished
    files = list((settings.MEDIA_ROOT / "reports" / str(tenant_a.organisation.pk)).iterdir())
    assert [f.name for f in files] == [f"{report.public_id}.pdf"]
    assert files[0].read_bytes() == first_bytes


def test_a_report_another_worker_is_rendering_is_left_alone(tenant_a):
    report = ReportFactory(
        council=tenant_a.council, status=Status.RENDERING, started_at=timezone.now(), attempts=1
    )
    outcome = services.report_render(report_id=report.pk)
    assert outcome.outcome == "busy" and 0 < outcome.retry_in <= 601
    report.refresh_from_db()
    assert report.status == Status.RENDERING and report.attempts == 1


def test_a_render_whose_worker_died_is_finished_by_the_next_run(tenant_a):
    died = timezone.now() - services.RENDER_LEASE - dt.timedelta(seconds=5)
    report = ReportFactory(
        council=tenant_a.council, status=Status.RENDERING, started_at=died, attempts=1
    )
    assert services.report_render(report_id=report.pk).outcome == "done"
    report.refresh_from_db()
    assert report.status == Status.READY and report.attempts == 2
    assert report.file.size > 1000


def test_render_task_is_acks_late():
    assert tasks.render_report.acks_late is True
    assert tasks.render_report.reject_on_worker_lost is True


def test_a_rendering_error_ends_as_failed_with_a_message_and_can_be_retried(tenant_a, monkeypatch):
    from reports import renderers

    report = ReportFactory(council=tenant_a.council, requested_by=tenant_a["coordinator"])

    def broken(self):
        raise renderers.RenderError("The PDF layout could not be made (ValueError).")

    monkeypatch.setattr(renderers.YouSaidWeDidRenderer, "render", broken)
    assert tasks.render_report.apply(args=[report.pk]).get() == "failed"
    report.refresh_from_db()
    assert report.status == Status.FAILED
    assert report.finished_at is not None and not report.file
    assert "The PDF layout could not be made" in report.error_message
    assert "Try again" in report.error_message and report.public_id in report.error_message
    assert AuditEvent.objects.filter(action="report.failed", object_id=report.public_id).exists()

    monkeypatch.undo()
    services.report_retry(report=report, actor=tenant_a["coordinator"])
    report.refresh_from_db()
    assert report.status == Status.QUEUED and report.error_message == ""
    tasks.render_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert report.status == Status.READY and report.attempts == 2


@pytest.mark.parametrize(
    "error, words",
    [
        (OSError("disk full"), "could not be saved"),
        (KeyError("x"), "Something went wrong while making the report (KeyError)"),
    ],
)
def test_other_failures_say_what_to_do(tenant_a, monkeypatch, error, words):
    from reports import rendering

    report = ReportFactory(council=tenant_a.council)

    def boom(name, data):
        raise error

    monkeypatch.setattr(rendering, "write_report_file", boom)
    assert rendering.report_render(report_id=report.pk).outcome == "failed"
    report.refresh_from_db()
    assert words in report.error_message


def test_retry_refuses_a_report_that_is_being_made(tenant_a):
    report = ReportFactory(
        council=tenant_a.council, status=Status.RENDERING, started_at=timezone.now()
    )
    with pytest.raises(ValidationError):
        services.report_retry(report=report, actor=tenant_a["coordinator"])


def test_regenerate_makes_a_new_copy_and_keeps_the_old(tenant_a):
    old = ReportFactory(council=tenant_a.council, status=Status.READY)
    new = services.report_regenerate(report=old, actor=tenant_a["coordinator"])
    assert new.pk != old.pk
    assert (new.kind, new.council, new.period_start, new.period_end) == (
        old.kind,
        old.council,
        old.period_start,
        old.period_end,
    )
    assert GeneratedReport.objects.count() == 2


def test_quarterly_schedule_makes_last_quarters_reports_once(tenant_a, tenant_b):
    today = dt.date(2025, 7, 1)
    made = services.quarterly_reports_schedule(today=today)
    councils = Council.objects.count()
    regions = 4  # two per tenant
    assert len(made) == 2 * councils + regions
    assert {(r.period_start, r.period_end) for r in made} == {
        (dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    }
    assert all(r.requested_by is None and r.notify_when_ready for r in made)
    assert services.quarterly_reports_schedule(today=today) == []


def test_beat_task_has_the_name_the_schedule_uses(settings):
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks.generate_last_quarter_reports.name in names


def test_managers_and_chairs_get_one_email_when_the_quarter_is_ready(
    tenant_a, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        count = tasks.generate_last_quarter_reports.apply().get()
    assert count == 2 * 2 + 2
    period = last_quarter(today)
    reports = GeneratedReport.objects.filter(period_start=period.start)
    assert reports.count() == count
    # The beat task's own on-commit callbacks queued the renders; run them
    # and their callbacks (the email) here.
    for report in reports:
        with django_capture_on_commit_callbacks(execute=True):
            tasks.render_report.apply(args=[report.pk])
    assert set(reports.values_list("status", flat=True)) == {Status.READY}
    assert not reports.filter(notified_at__isnull=True).exists()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([tenant_a["chair"].email, tenant_a["manager"].email])
    body = mail.outbox[0].body
    assert f"/{tenant_a.organisation.slug}/reports/?period={period.key}" in body
    assert "6 reports are ready" in body


def test_share_with_one_person(tenant_a, django_capture_on_commit_callbacks):
    report = ReportFactory(council=tenant_a.council, kind=GeneratedReport.Kind.QUARTERLY)
    lead = tenant_a["lead"]
    assert not lead.has_perm("reports.view_report", report)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_share(report=report, person=lead, actor=tenant_a["coordinator"])
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert f"/reports/{report.public_id}/" in mail.outbox[0].body
    lead = type(lead).objects.get(pk=lead.pk)  # fresh permission caches
    assert lead.has_perm("reports.view_report", report)
    other = ReportFactory(council=tenant_a.council, kind=GeneratedReport.Kind.QUARTERLY)
    assert not lead.has_perm("reports.view_report", other)
    services.report_unshare(report=report, person=lead, actor=tenant_a["coordinator"])
    lead = type(lead).objects.get(pk=lead.pk)
    assert not lead.has_perm("reports.view_report", report)
    assert AuditEvent.objects.filter(action="report.shared").count() == 1


def test_share_refuses_someone_outside_the_organisation(tenant_a, outsider):
    report = ReportFactory(council=tenant_a.council)
    with pytest.raises(ValidationError):
        services.report_share(report=report, person=outsider, actor=tenant_a["coordinator"])


def test_public_page_switch_is_audited(tenant_a):
    council = tenant_a.council
    assert council.public_page_enabled is False
    services.public_page_set(council=council, enabled=True, actor=tenant_a["coordinator"])
    council.refresh_from_db()
    assert council.public_page_enabled
    event = AuditEvent.objects.get(action="council.public_page_published")
    assert event.changes == {"public_page_enabled": [False, True]}
    services.public_page_set(council=council, enabled=True, actor=tenant_a["coordinator"])
    assert AuditEvent.objects.filter(object_type="councils.council").count() == 1
