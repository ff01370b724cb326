"""A coordinator asks for a report. The request returns at once, with the
report still waiting (the demo's way, no broker: the render is handed to the
background thread). The status page says one thing at a time; with
JavaScript it changes by itself when the report is ready, and without it
"Check again" does. Then the file is downloaded. Every page is checked with
axe.

The render is held back until the test lets it go, and then runs at the
start of the browser's next request to the server (its next look, or the
"Check again" click): the waiting page is seen for certain, and the render
never shares the test database's one connection with a request."""

from __future__ import annotations

import pytest
from django.core.signals import request_started

from councils import after_commit as after_commit_module
from reports.models import GeneratedReport
from tests.e2e.conftest import CHROMIUM_ARGS, follow  # noqa: F401
from tests.reports.pdftext import pdf_text, says

pytestmark = pytest.mark.django_db(transaction=True)

WAITING = "Your report is waiting to start."
READY = "Your report is ready"


class HeldRenders:
    """Stands in for the background thread: keeps each job until released,
    then runs it when the next request starts."""

    def __init__(self):
        self.jobs = []
        self.released = False

    def submit(self, task, args, kwargs):
        self.jobs.append((task, args, kwargs))

    def release(self):
        self.released = True

    def run_released(self, **_):
        if self.released:
            jobs, self.jobs = self.jobs, []
            for task, args, kwargs in jobs:
                task.apply(args=args, kwargs=kwargs, throw=True)


@pytest.fixture
def held(settings, monkeypatch):
    settings.TASKS_IN_BACKGROUND_THREAD = True
    renders = HeldRenders()
    monkeypatch.setattr(after_commit_module, "background", renders)
    request_started.connect(renders.run_released)
    yield renders
    request_started.disconnect(renders.run_released)


def ask_for_a_report(page, tenant, check_a11y) -> GeneratedReport:
    org = tenant.organisation
    page.goto(f"{page.live_url}/{org.slug}/reports/")
    follow(page, page.get_by_role("link", name="Ask for a report").first)
    check_a11y(page)
    page.get_by_label("Quarterly report").check()
    page.get_by_label("For which council, region or organisation?").select_option(
        label=f"Council: {tenant.council.name}"
    )
    follow(page, page.get_by_role("button", name="Make the report"))
    report = GeneratedReport.objects.get()
    assert page.url.endswith(f"/{org.slug}/reports/{report.public_id}/")
    return report


def test_the_status_page_changes_by_itself_when_the_report_is_ready(
    tenant_a, page, held, sign_in, check_a11y
):
    sign_in(page, tenant_a["coordinator"])
    report = ask_for_a_report(page, tenant_a, check_a11y)

    # The request came back with the report still waiting: one state shown.
    assert report.status == GeneratedReport.Status.QUEUED and len(held.jobs) == 1
    assert page.get_by_text(WAITING).is_visible()
    assert page.get_by_text(READY).count() == 0
    assert page.get_by_role("link", name="Check again").is_visible()
    assert page.get_by_text("This page will change by itself").is_visible()
    check_a11y(page)

    # The render finishes; the page's next look finds it and shows it,
    # announced by a success banner that takes the focus.
    held.release()
    page.get_by_text(READY).wait_for(timeout=30_000)
    page.wait_for_load_state()
    assert page.get_by_text(WAITING).count() == 0
    assert page.get_by_role("link", name="Check again").count() == 0
    banner = page.locator(".govuk-notification-banner--success")
    assert banner.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.getAttribute('role')") == "alert"
    check_a11y(page)

    href = page.get_by_role("link", name="Open the PDF").get_attribute("href")
    pdf = page.request.get(page.live_url + href)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert says(pdf_text(pdf.body()), tenant_a.council.name)


def test_without_javascript_check_again_shows_when_it_is_ready(
    tenant_a, browser, live_server, held, sign_in
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.live_url = live_server.url
    try:
        # axe needs JavaScript; the same pages are checked with it above.
        sign_in(page, tenant_a["coordinator"], a11y=False)
        report = ask_for_a_report(page, tenant_a, lambda _page: None)
        assert page.get_by_text(WAITING).is_visible()
        assert page.get_by_text("This page will change by itself").is_hidden()
        assert report.status == GeneratedReport.Status.QUEUED

        follow(page, page.get_by_role("link", name="Check again"))
        assert page.get_by_text(WAITING).is_visible()  # still held

        held.release()
        follow(page, page.get_by_role("link", name="Check again"))
        assert page.get_by_text(READY).is_visible()
        assert page.get_by_text(WAITING).count() == 0
        href = page.get_by_role("link", name="Open the PDF").get_attribute("href")
        assert page.request.get(page.live_url + href).ok
    finally:
        context.close()
