"""The database keeps the promises the reports code makes: each constraint
refuses the row it is there to refuse."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from reports.models import GeneratedReport
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

Status = GeneratedReport.Status


def refused(tenant, name, **changes):
    report = ReportFactory(council=tenant.council)
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        GeneratedReport.objects.filter(pk=report.pk).update(**changes)
    assert name in str(error.value)


def test_a_council_report_names_a_council_and_no_region(tenant_a):
    refused(tenant_a, "report_scope_matches_foreign_keys", region=tenant_a.region)
    refused(tenant_a, "report_scope_matches_foreign_keys", scope="organisation")


def test_a_period_does_not_end_before_it_starts(tenant_a):
    refused(tenant_a, "report_period_in_order", period_end=dt.date(2025, 3, 31))


def test_a_ready_report_has_its_file_and_finish_time(tenant_a):
    refused(tenant_a, "report_ready_has_file_and_finish_time", status=Status.READY)
    ready = ReportFactory(council=tenant_a.council, status=Status.READY)
    assert ready.file and ready.finished_at


def test_a_failed_report_says_why(tenant_a):
    refused(tenant_a, "report_failed_says_why", status=Status.FAILED)


def test_a_report_being_made_has_its_start_time(tenant_a):
    refused(tenant_a, "report_rendering_has_start_time", status=Status.RENDERING)


def test_only_scheduled_reports_are_marked_as_emailed(tenant_a):
    from django.utils import timezone

    refused(tenant_a, "report_notified_only_when_asked", notified_at=timezone.now())


def test_a_share_email_is_not_sent_before_it_was_asked_for(tenant_a):
    from reports.models import ShareNotice

    report = ReportFactory(council=tenant_a.council)
    notice = ShareNotice.objects.create(
        organisation=tenant_a.organisation, report=report, person=tenant_a["lead"]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ShareNotice.objects.filter(pk=notice.pk).update(
            sent_at=notice.created_at - dt.timedelta(days=1)
        )
