"""The demo loader makes its reports through the services and renders them
in-process when it commits (no worker in the demo)."""

import pytest
from django.core import mail
from django.core.management import call_command

from councils.models import Council
from reports.demo import DEMO_REPORTS, PUBLIC_PAGES
from reports.models import GeneratedReport

pytestmark = pytest.mark.django_db


def test_demo_reports_are_ready_and_public_pages_published(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=None)
    reports = GeneratedReport.objects.all()
    assert reports.count() == sum(len(kinds) for _, _, kinds in DEMO_REPORTS)
    assert set(reports.values_list("status", flat=True)) == {GeneratedReport.Status.READY}
    for org_slug, council_slug in PUBLIC_PAGES:
        council = Council.objects.get(organisation__slug=org_slug, slug=council_slug)
        assert council.public_page_enabled
    assert mail.outbox == []
