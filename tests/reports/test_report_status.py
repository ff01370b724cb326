"""Asking for a report returns at once, and its page shows one state at a
time: waiting to start, being made, ready (with the download), or failed
(with what to do). While it waits, the page offers "Check again" (no
JavaScript needed) and loads the script that looks again by itself."""

from __future__ import annotations

import re

import pytest

from councils import after_commit as after_commit_module
from reports import tasks
from reports.models import GeneratedReport
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

Status = GeneratedReport.Status

# Every sentence that says what state a report is in; a page says one.
STATE_MESSAGES = {
    Status.QUEUED: "Your report is waiting to start.",
    Status.RENDERING: "We are making your report now.",
    Status.READY: "Your report is ready",
    Status.FAILED: "The report could not be made",
}
EXPORT_STATE_MESSAGES = {
    Status.QUEUED: "Your export is waiting to start.",
    Status.RENDERING: "We are making your export now.",
    Status.READY: "Your export is ready",
    Status.FAILED: "The export could not be made",
}
OLD_FLASH_MESSAGES = ["We are making your report.", "We are making your export.", "trying again"]
SCRIPT = "js/report-status.mjs"


def url(tenant, path=""):
    return f"/{tenant.organisation.slug}/reports/{path}"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def said(page: str, messages: dict) -> list:
    return [status for status, words in messages.items() if words in page]


class HeldJobs:
    """Stands in for the background thread: keeps what it is handed, so a
    test can look at the page before the job runs, then run it."""

    def __init__(self):
        self.jobs = []

    def submit(self, task, args, kwargs):
        self.jobs.append((task, args, kwargs))

    def run_all(self):
        jobs, self.jobs = self.jobs, []
        for task, args, kwargs in jobs:
            task.apply(args=args, kwargs=kwargs, throw=True)


@pytest.fixture
def held(settings, monkeypatch):
    """The demo's way (no broker): tasks go to the background thread."""
    settings.TASKS_IN_BACKGROUND_THREAD = True
    jobs = HeldJobs()
    monkeypatch.setattr(after_commit_module, "background", jobs)
    return jobs


@pytest.mark.parametrize("status", list(STATE_MESSAGES))
def test_each_state_says_one_thing(tenant_a, client_for, status):
    report = ReportFactory(council=tenant_a.council, status=status)
    page = text_of(client_for(tenant_a["coordinator"]).get(url(tenant_a, f"{report.public_id}/")))
    assert said(page, STATE_MESSAGES) == [status]
    assert f'data-app-report-status="{status}"' in page
    for words in OLD_FLASH_MESSAGES:
        assert words not in page
    waiting = status in (Status.QUEUED, Status.RENDERING)
    # While waiting: "Check again" by hand, and the script that looks by itself.
    assert ("Check again" in page) is waiting
    assert (SCRIPT in page) is waiting
    assert ("This page will change by itself" in page) is waiting
    # A plain refresh would fail WCAG 2.2.1 (axe's meta-refresh rule).
    assert 'http-equiv="refresh"' not in page
    assert ("Open the PDF" in page) is (status == Status.READY)


@pytest.mark.parametrize("status", list(EXPORT_STATE_MESSAGES))
def test_each_state_of_an_export_says_one_thing(tenant_a, client_for, status):
    report = ReportFactory(
        council=tenant_a.council,
        status=status,
        kind=GeneratedReport.Kind.EXPORT,
        export_kind="meetings",
        file_format="csv",
    )
    page = text_of(client_for(tenant_a["coordinator"]).get(url(tenant_a, f"{report.public_id}/")))
    assert said(page, EXPORT_STATE_MESSAGES) == [status]
    assert said(page, STATE_MESSAGES) == []
    assert ("Download the CSV file" in page) is (status == Status.READY)
    assert ("Check again" in page) is (status in (Status.QUEUED, Status.RENDERING))


def test_ready_is_announced_in_a_success_banner(tenant_a, client_for):
    report = ReportFactory(council=tenant_a.council, status=Status.READY)
    page = text_of(client_for(tenant_a["coordinator"]).get(url(tenant_a, f"{report.public_id}/")))
    banner = re.search(r'<div class="govuk-notification-banner ([^"]*)" role="(\w+)"', page)
    assert banner and banner.groups() == ("govuk-notification-banner--success", "alert")
    assert page.count("govuk-notification-banner__heading") == 1
    assert page.index("Your report is ready") < page.index("<h1")


def test_failed_says_what_went_wrong_and_what_to_do(tenant_a, client_for):
    report = ReportFactory(
        council=tenant_a.council,
        status=Status.FAILED,
        error_message="The file store is full. Ask your admin to check it, then try again.",
    )
    path = url(tenant_a, f"{report.public_id}/")
    page = text_of(client_for(tenant_a["coordinator"]).get(path))
    assert 'role="alert"' in page
    assert "The file store is full. Ask your admin to check it, then try again." in page
    assert "Try again</button>" in page
    # Someone who may read it but not make it again is told who can.
    page = text_of(client_for(tenant_a["chair"]).get(path))
    assert "The report could not be made" in page
    assert "Try again</button>" not in page
    assert "Ask a coordinator to try again." in page


def ask_for_report(client, tenant):
    return client.post(
        url(tenant, "new/"),
        {
            "kind": GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET,
            "scope": f"council:{tenant.council.public_id}",
            "period": "2025-Q2",
        },
    )


def test_a_report_made_at_once_is_only_ready(
    tenant_a, client_for, django_capture_on_commit_callbacks
):
    """The tests' way (the task runs before the response): the page it leads
    to says "ready" and nothing about making it (it used to say both)."""
    client = client_for(tenant_a["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_report(client, tenant_a)
    page = text_of(client.get(response["Location"]))
    assert said(page, STATE_MESSAGES) == [Status.READY]
    for words in OLD_FLASH_MESSAGES:
        assert words not in page


def test_asking_returns_at_once_with_the_report_waiting(
    tenant_a, client_for, held, django_capture_on_commit_callbacks
):
    """With no broker, the render is handed to the background thread once the
    request commits; the response is sent while the report is still queued."""
    client = client_for(tenant_a["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_report(client, tenant_a)
    report = GeneratedReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(tenant_a, f"{report.public_id}/")
    assert report.status == Status.QUEUED
    assert [(job[0].name, job[1]) for job in held.jobs] == [
        (tasks.render_report.name, (report.pk,))
    ]

    page = text_of(client.get(response["Location"]))
    assert said(page, STATE_MESSAGES) == [Status.QUEUED]
    assert "Check again" in page and SCRIPT in page

    held.run_all()
    report.refresh_from_db()
    assert report.status == Status.READY
    page = text_of(client.get(response["Location"]))
    assert said(page, STATE_MESSAGES) == [Status.READY]
    assert "Check again" not in page and SCRIPT not in page
    download = client.get(url(tenant_a, f"{report.public_id}/pdf/"))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_asking_for_an_export_returns_at_once_too(
    tenant_a, client_for, held, django_capture_on_commit_callbacks
):
    client = client_for(tenant_a["manager"])
    page = client.get(url(tenant_a, "export/"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(tenant_a, "export/"),
            {
                "export_kind": "meetings",
                "file_format": "csv",
                "scope": "org",
                "period": page.context["form"].fields["period"].choices[0][0],
            },
        )
    report = GeneratedReport.objects.get()
    assert response.status_code == 302
    assert report.status == Status.QUEUED and len(held.jobs) == 1
    page = text_of(client.get(response["Location"]))
    assert said(page, EXPORT_STATE_MESSAGES) == [Status.QUEUED]
    held.run_all()
    page = text_of(client.get(response["Location"]))
    assert said(page, EXPORT_STATE_MESSAGES) == [Status.READY]


def test_trying_again_and_a_new_copy_show_the_state_alone(
    tenant_a, client_for, held, django_capture_on_commit_callbacks
):
    client = client_for(tenant_a["coordinator"])
    failed = ReportFactory(council=tenant_a.council, status=Status.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(tenant_a, f"{failed.public_id}/retry/"), follow=True)
    page = text_of(response)
    assert said(page, STATE_MESSAGES) == [Status.QUEUED]
    assert "trying again" not in page
    held.run_all()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(tenant_a, f"{failed.public_id}/regenerate/"), follow=True)
    page = text_of(response)
    assert said(page, STATE_MESSAGES) == [Status.QUEUED]
    assert "new copy with today" not in page
