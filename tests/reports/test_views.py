"""The report pages: who may do what, asking for a report through the form,
status and download, retry, regenerate, sharing, and the public pages."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from councils.models import Role
from reports.models import GeneratedReport
from tests.factories import user_with_role
from tests.querycount import assert_flat_query_count
from tests.reports import story as s
from tests.reports.factories import ReportFactory, staff_with_role
from tests.reports.pdftext import pdf_text, says

pytestmark = pytest.mark.django_db

Status = GeneratedReport.Status
Kind = GeneratedReport.Kind


def url(tenant, path=""):
    return f"/{tenant.organisation.slug}/reports/{path}"


def ready_report(tenant, **kwargs):
    from reports import services

    kwargs.setdefault("council", tenant.council)
    report = ReportFactory(**kwargs)
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Status.READY
    return report


def test_coordinator_asks_for_a_report_and_gets_the_pdf(
    tenant_a, client_for, django_capture_on_commit_callbacks
):
    client = client_for(tenant_a["coordinator"])
    page = client.get(url(tenant_a, "new/"))
    assert page.status_code == 200 and b"Ask for a report" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(tenant_a, "new/"),
            {
                "kind": Kind.YOU_SAID_WE_DID_BOOKLET,
                "scope": f"council:{tenant_a.council.public_id}",
                "period": "2025-Q2",
            },
        )
    report = GeneratedReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(tenant_a, f"{report.public_id}/")
    assert (report.period_start, report.period_end) == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    detail = client.get(response["Location"])
    assert b"Your report is ready" in detail.content
    pdf = client.get(url(tenant_a, f"{report.public_id}/pdf/"))
    assert pdf["Content-Type"] == "application/pdf"
    assert "inline" in pdf["Content-Disposition"]
    assert says(pdf_text(b"".join(pdf.streaming_content)), tenant_a.council.name)


def test_form_errors_are_plain_and_keep_the_input(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    response = client.post(
        url(tenant_a, "new/"),
        {
            "kind": Kind.QUARTERLY,
            "scope": "org",
            "period": "custom",
            **{"start_day": "1", "start_month": "04", "start_year": "2025"},
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: Ask for a report" in content
    assert "Enter the last day of the period." in content
    assert 'id="id_start_month" name="start_month" type="text" inputmode="numeric" value="04"' in (
        content
    )
    assert '<a href="#id_end_day">' in content
    assert not GeneratedReport.objects.exists()


def test_own_dates_make_a_custom_period(tenant_a, client_for, django_capture_on_commit_callbacks):
    client = client_for(tenant_a["admin"])
    with django_capture_on_commit_callbacks(execute=False):
        client.post(
            url(tenant_a, "new/"),
            {
                "kind": Kind.QUARTERLY,
                "scope": f"region:{tenant_a.region.public_id}",
                "period": "custom",
                "start": "2025-01-15",
                "end": "2025-03-14",
            },
        )
    report = GeneratedReport.objects.get()
    assert report.scope == "region" and report.region == tenant_a.region
    assert report.period_label == "15 January 2025 to 14 March 2025"


@pytest.mark.parametrize("role", [Role.CHAIR, Role.LEAD, Role.REP])
def test_only_coordinators_admins_and_managers_ask_for_reports(tenant_a, client_for, role):
    client = client_for(tenant_a[role])
    assert client.get(url(tenant_a, "new/")).status_code == 403
    response = client.post(
        url(tenant_a, "new/"), {"kind": Kind.QUARTERLY, "scope": "org", "period": "2025-Q2"}
    )
    assert response.status_code == 403
    assert not GeneratedReport.objects.exists()


def test_a_region_manager_asks_for_their_region_s_report_and_no_other(
    tenant_a, client_for, django_capture_on_commit_callbacks
):
    manager = staff_with_role(tenant_a.organisation, Role.MANAGER, region=tenant_a.region)
    client = client_for(manager)
    page = client.get(url(tenant_a, "new/")).content.decode()
    assert tenant_a.region.name in page and tenant_a.other_region.name not in page
    refused = client.post(
        url(tenant_a, "new/"),
        {
            "kind": Kind.QUARTERLY,
            "scope": f"region:{tenant_a.other_region.public_id}",
            "period": "2025-Q2",
        },
    )
    assert b"Choose a place you can make reports for." in refused.content
    assert not GeneratedReport.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(tenant_a, "new/"),
            {
                "kind": Kind.QUARTERLY,
                "scope": f"region:{tenant_a.region.public_id}",
                "period": "2025-Q2",
            },
        )
    assert response.status_code == 302
    report = GeneratedReport.objects.get()
    assert report.region == tenant_a.region and report.requested_by == manager


def test_council_coordinator_cannot_pick_another_council(tenant_a, client_for):
    coordinator = staff_with_role(tenant_a.organisation, Role.COORDINATOR, council=tenant_a.council)
    client = client_for(coordinator)
    response = client.post(
        url(tenant_a, "new/"),
        {
            "kind": Kind.QUARTERLY,
            "scope": f"council:{tenant_a.other_council.public_id}",
            "period": "2025-Q2",
        },
    )
    assert response.status_code == 200
    assert b"Choose a place you can make reports for." in response.content
    assert not GeneratedReport.objects.exists()


def test_who_reads_what(tenant_a, client_for):
    booklet = ReportFactory(council=tenant_a.council)
    quarterly = ReportFactory(council=tenant_a.council, kind=Kind.QUARTERLY)
    elsewhere = ReportFactory(council=tenant_a.other_council)
    whole = ReportFactory(organisation=tenant_a.organisation, kind=Kind.QUARTERLY)
    region_chair = staff_with_role(tenant_a.organisation, Role.CHAIR, region=tenant_a.region)
    expected = {
        tenant_a["coordinator"]: {booklet, quarterly, elsewhere, whole},
        tenant_a["manager"]: {booklet, quarterly, elsewhere, whole},
        region_chair: {booklet, quarterly},
        tenant_a["rep"]: {booklet},
    }
    for user, visible in expected.items():
        client = client_for(user)
        listing = client.get(url(tenant_a)).content.decode()
        for report in (booklet, quarterly, elsewhere, whole):
            detail = client.get(url(tenant_a, f"{report.public_id}/"))
            if report in visible:
                assert report.public_id in listing, (user, report)
                assert detail.status_code == 200, (user, report)
            else:
                assert report.public_id not in listing, (user, report)
                assert detail.status_code == 403, (user, report)
    lead = client_for(tenant_a["lead"])
    assert lead.get(url(tenant_a)).status_code == 403


def test_status_page_while_waiting_and_after_failing(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    waiting = ReportFactory(council=tenant_a.council)
    page = client.get(url(tenant_a, f"{waiting.public_id}/")).content.decode()
    assert "Your report is waiting to start." in page and "Check again" in page
    assert "Open the PDF" not in page
    download = client.get(url(tenant_a, f"{waiting.public_id}/pdf/"))
    assert download.status_code == 302
    failed = ReportFactory(
        council=tenant_a.council,
        status=Status.FAILED,
        error_message="The file store is full. Ask your admin.",
        finished_at=timezone.now(),
    )
    page = client.get(url(tenant_a, f"{failed.public_id}/")).content.decode()
    assert "The report could not be made" in page
    assert "The file store is full. Ask your admin." in page
    assert "Try again" in page


def test_retry_and_regenerate(tenant_a, client_for, django_capture_on_commit_callbacks):
    failed = ReportFactory(council=tenant_a.council, status=Status.FAILED, error_message="x")
    assert (
        client_for(tenant_a["chair"]).post(url(tenant_a, f"{failed.public_id}/retry/")).status_code
        == 403
    )
    client = client_for(tenant_a["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(tenant_a, f"{failed.public_id}/retry/"))
    failed.refresh_from_db()
    assert failed.status == Status.READY
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(tenant_a, f"{failed.public_id}/regenerate/"))
    new = GeneratedReport.objects.exclude(pk=failed.pk).get()
    assert response["Location"] == url(tenant_a, f"{new.public_id}/")
    old_page = client.get(url(tenant_a, f"{failed.public_id}/")).content.decode()
    assert "A newer copy of this report was made" in old_page
    listing = client.get(url(tenant_a)).content.decode()
    assert listing.index(new.public_id) < listing.index(failed.public_id)
    assert "A newer copy exists" in listing


def test_share_a_report_with_one_named_person(tenant_a, client_for):
    report = ReportFactory(council=tenant_a.council, kind=Kind.QUARTERLY)
    lead = tenant_a["lead"]
    assert client_for(lead).get(url(tenant_a, f"{report.public_id}/")).status_code == 403
    client = client_for(tenant_a["coordinator"])
    client.post(url(tenant_a, f"{report.public_id}/share/"), {"person": str(lead.public_id)})
    page = client.get(url(tenant_a, f"{report.public_id}/")).content.decode()
    assert f"{lead}" in page and "Stop sharing" in page
    lead_client = client_for(lead)
    assert lead_client.get(url(tenant_a, f"{report.public_id}/")).status_code == 200
    assert report.public_id in lead_client.get(url(tenant_a)).content.decode()
    client = client_for(tenant_a["coordinator"])
    client.post(url(tenant_a, f"{report.public_id}/share/{lead.public_id}/remove/"))
    assert client_for(lead).get(url(tenant_a, f"{report.public_id}/")).status_code == 403


def test_publish_the_public_page(tenant_a, client_for, client):
    s.build(tenant_a)
    council = tenant_a.council
    public = f"/public/{tenant_a.organisation.slug}/{council.slug}/"
    assert client.get(public).status_code == 404
    assert client_for(tenant_a["chair"]).get(url(tenant_a, "public-pages/")).status_code == 403
    coordinator = client_for(tenant_a["coordinator"])
    page = coordinator.get(url(tenant_a, "public-pages/")).content.decode()
    assert council.name in page and "Not published" in page
    coordinator.post(url(tenant_a, f"public-pages/{council.public_id}/"), {"enabled": "1"})
    council.refresh_from_db()
    assert council.public_page_enabled
    coordinator.logout()
    # The public page shows the last 12 months: look at it in July 2025.
    with time_machine.travel(dt.datetime(2025, 7, 15, 12, tzinfo=dt.UTC), tick=False):
        response = client.get(public)
    assert response.status_code == 200
    page = response.content.decode()
    assert "You said, we did" in page
    assert "Customer service training for reception staff" in page
    assert "There is no budget for this." in page
    assert s.APPROVED_QUOTE in page
    for secret in (s.RAW_SECRET, s.UNAPPROVED_QUOTE, "Secret unpublished decision", "Ray Daniels"):
        assert secret not in page
    index = client.get(f"/public/{tenant_a.organisation.slug}/")
    assert index.status_code == 200 and council.name in index.content.decode()


def test_public_booklet_download(tenant_a, client):
    council = tenant_a.council
    booklet_url = f"/public/{tenant_a.organisation.slug}/{council.slug}/booklet.pdf"
    ready_report(tenant_a, period_start=dt.date(2025, 4, 1), period_end=dt.date(2025, 6, 30))
    assert client.get(booklet_url).status_code == 404  # not published yet
    type(council).objects.filter(pk=council.pk).update(public_page_enabled=True)
    response = client.get(booklet_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    page = client.get(f"/public/{tenant_a.organisation.slug}/{council.slug}/").content.decode()
    assert "Download the large print booklet for April to June 2025" in page


def test_public_pages_of_unknown_or_unpublished_places_are_404(tenant_a, client):
    assert client.get("/public/no-such-org/").status_code == 404
    assert client.get(f"/public/{tenant_a.organisation.slug}/").status_code == 404
    assert client.get(f"/public/{tenant_a.organisation.slug}/no-such-council/").status_code == 404


# ---------------------------------------------------------------- query budgets


def test_archive_query_count_is_flat(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    ReportFactory(council=tenant_a.council)

    def grow():
        for _ in range(12):
            ReportFactory(council=tenant_a.council, requested_by=tenant_a["coordinator"])
            ReportFactory(region=tenant_a.region, kind=Kind.QUARTERLY)
            ReportFactory(organisation=tenant_a.organisation, kind=Kind.QUARTERLY)

    assert_flat_query_count(client, url(tenant_a), grow=grow, budget=20)


@pytest.mark.parametrize("role", [Role.REP, Role.MANAGER])
def test_archive_query_count_is_flat_for_readers(tenant_a, client_for, role):
    client = client_for(tenant_a[role])
    ReportFactory(council=tenant_a.council)

    def grow():
        for _ in range(10):
            ReportFactory(council=tenant_a.council)
            ReportFactory(council=tenant_a.other_council, kind=Kind.QUARTERLY)

    assert_flat_query_count(client, url(tenant_a), grow=grow, budget=20)


def test_report_page_query_count_is_flat(tenant_a, client_for):
    from reports import services

    report = ready_report(tenant_a)
    client = client_for(tenant_a["coordinator"])

    def grow():
        for user in (tenant_a["lead"], tenant_a["manager"], tenant_a["chair"]):
            services.report_share(report=report, person=user, actor=tenant_a["admin"])
        for _ in range(5):
            user_with_role(tenant_a.organisation, Role.LEAD)

    assert_flat_query_count(client, url(tenant_a, f"{report.public_id}/"), grow=grow, budget=25)


def test_public_pages_list_query_count_is_flat(tenant_a, client_for):
    from tests.factories import CouncilFactory

    client = client_for(tenant_a["coordinator"])

    def grow():
        for _ in range(8):
            council = CouncilFactory(organisation=tenant_a.organisation, region=tenant_a.region)
            ReportFactory(council=council)

    assert_flat_query_count(client, url(tenant_a, "public-pages/"), grow=grow, budget=15)


def test_public_page_query_count_is_flat(tenant_a, client):
    council = tenant_a.council
    type(council).objects.filter(pk=council.pk).update(public_page_enabled=True)
    public = f"/public/{tenant_a.organisation.slug}/{council.slug}/"
    assert_flat_query_count(client, public, grow=lambda: s.build(tenant_a), budget=15)


def test_ask_for_a_report_page_query_count_is_flat(tenant_a, client_for):
    from tests.factories import CouncilFactory, RegionFactory

    client = client_for(tenant_a["coordinator"])

    def grow():
        for _ in range(5):
            region = RegionFactory(organisation=tenant_a.organisation)
            CouncilFactory(organisation=tenant_a.organisation, region=region)

    assert_flat_query_count(client, url(tenant_a, "new/"), grow=grow, budget=12)
