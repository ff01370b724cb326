"""Emails are sent by tasks, after the write commits, once each, and not
while the demo loader runs."""

import pytest
from django.core import mail

from councils.after_commit import notifications_paused
from reports import notifications, services
from reports.models import GeneratedReport, ShareNotice
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

Status = GeneratedReport.Status


def test_sharing_emails_only_after_commit_by_a_task(tenant_a, django_capture_on_commit_callbacks):
    report = ReportFactory(council=tenant_a.council, kind=GeneratedReport.Kind.QUARTERLY)
    lead = tenant_a["lead"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.report_share(report=report, person=lead, actor=tenant_a["coordinator"])
    assert mail.outbox == []  # nothing is sent inside the write
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert mail.outbox[0].subject == f"{tenant_a['coordinator']} shared a report with you"


def test_the_share_email_goes_once_when_the_task_runs_twice(tenant_a):
    report = ReportFactory(council=tenant_a.council, kind=GeneratedReport.Kind.QUARTERLY)
    lead, coordinator = tenant_a["lead"], tenant_a["coordinator"]
    services.report_share(report=report, person=lead, actor=coordinator)
    notice = ShareNotice.objects.get(report=report, person=lead)
    assert notifications.send_report_shared.apply(args=[notice.pk]).get() is True
    assert notifications.send_report_shared.apply(args=[notice.pk]).get() is False
    notice.refresh_from_db()
    assert notice.sent_at is not None
    assert len(mail.outbox) == 1


def test_no_share_email_once_sharing_has_stopped(tenant_a):
    report = ReportFactory(council=tenant_a.council, kind=GeneratedReport.Kind.QUARTERLY)
    lead, coordinator = tenant_a["lead"], tenant_a["coordinator"]
    services.report_share(report=report, person=lead, actor=coordinator)
    services.report_unshare(report=report, person=lead, actor=coordinator)
    notice = ShareNotice.objects.get(report=report, person=lead)
    assert notifications.send_report_shared.apply(args=[notice.pk]).get() is False
    assert mail.outbox == []


def test_email_tasks_are_marked_and_paused_for_the_demo(
    tenant_a, django_capture_on_commit_callbacks
):
    assert notifications.send_report_shared.sends_email is True
    assert notifications.send_quarterly_ready.sends_email is True
    report = ReportFactory(council=tenant_a.council)
    with notifications_paused(), django_capture_on_commit_callbacks(execute=True):
        services.report_share(report=report, person=tenant_a["lead"], actor=tenant_a["coordinator"])
    assert mail.outbox == []


def test_the_quarterly_email_goes_once_when_the_task_runs_twice(tenant_a):
    for kind in (GeneratedReport.Kind.QUARTERLY, GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET):
        ReportFactory(
            council=tenant_a.council, kind=kind, status=Status.READY, notify_when_ready=True
        )
    failed = ReportFactory(
        region=tenant_a.region,
        kind=GeneratedReport.Kind.QUARTERLY,
        status=Status.FAILED,
        notify_when_ready=True,
    )
    assert notifications.send_quarterly_ready.apply(args=[failed.pk]).get() == 2
    assert notifications.send_quarterly_ready.apply(args=[failed.pk]).get() == 0
    assert len(mail.outbox) == 2
    body = mail.outbox[0].body
    assert "2 reports are ready. 1 could not be made" in body
    assert mail.outbox[0].subject == "Reports for April to June 2025 are ready"


def test_the_quarterly_email_waits_for_the_whole_batch(tenant_a):
    done = ReportFactory(council=tenant_a.council, status=Status.READY, notify_when_ready=True)
    ReportFactory(region=tenant_a.region, notify_when_ready=True)  # still waiting
    assert notifications.send_quarterly_ready.apply(args=[done.pk]).get() == 0
    assert mail.outbox == []
    assert not GeneratedReport.objects.filter(notified_at__isnull=False).exists()
