"""Report a problem, help and the accessibility statement (issue 15)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from councils import services
from councils.models import AuditEvent, ProblemReport

pytestmark = pytest.mark.django_db


def test_anyone_signed_in_reads_help_and_the_accessibility_statement(client):
    help_page = client.get("/help/")
    assert help_page.status_code == 200
    assert "What each status means" in help_page.content.decode()
    statement = client.get("/accessibility/")
    assert statement.status_code == 200
    assert "Enforcement procedure" in statement.content.decode()


def test_every_page_links_to_help_and_the_statement(client_for, tenant_a):
    page = client_for(tenant_a["rep"]).get(f"/{tenant_a.organisation.slug}/").content.decode()
    assert 'href="/help/"' in page
    assert 'href="/accessibility/"' in page
    assert f'href="/{tenant_a.organisation.slug}/report-a-problem/?from=/' in page


def test_the_public_banner_does_not_send_the_public_to_a_coordinator(client):
    page = client.get("/").content.decode()
    assert "Tell your coordinator" not in page
    assert "This is a new service." in page


def test_a_rep_reports_a_problem_and_the_coordinator_is_emailed_a_link(
    client_for, tenant_a, django_capture_on_commit_callbacks
):
    slug = tenant_a.organisation.slug
    rep = client_for(tenant_a["rep"])
    form = rep.get(f"/{slug}/report-a-problem/?from=/{slug}/surgeries/")
    assert f'value="/{slug}/surgeries/"' in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = rep.post(
            f"/{slug}/report-a-problem/",
            {
                "came_from": f"/{slug}/surgeries/",
                "page": "Counting people",
                "what_happened": "The add button did nothing.",
            },
        )
    assert response.status_code == 200
    assert "Thank you, we have your report" in response.content.decode()
    report = ProblemReport.objects.get()
    assert report.reporter == tenant_a["rep"]
    assert report.path == f"/{slug}/surgeries/"
    assert AuditEvent.objects.filter(action="problem_report.sent").count() == 1
    coordinator_mail = [m for m in mail.outbox if tenant_a["coordinator"].email in m.to]
    assert len(coordinator_mail) == 1
    body = coordinator_mail[0].body
    assert f"/{slug}/problems/" in body
    # The words stay in the product; the email carries only a link.
    assert "The add button did nothing." not in body
    assert not [m for m in mail.outbox if tenant_a["rep"].email in m.to]

    listing = client_for(tenant_a["coordinator"]).get(f"/{slug}/problems/").content.decode()
    assert "The add button did nothing." in listing
    assert "Open" in listing


def test_an_empty_report_is_explained_and_keeps_what_was_typed(client_for, tenant_a):
    slug = tenant_a.organisation.slug
    response = client_for(tenant_a["rep"]).post(
        f"/{slug}/report-a-problem/", {"page": "Claiming a bus fare", "what_happened": "  "}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say what went wrong." in page
    assert 'value="Claiming a bus fare"' in page
    assert ProblemReport.objects.count() == 0


def test_a_link_elsewhere_is_not_kept_as_the_page(client_for, tenant_a):
    slug = tenant_a.organisation.slug
    client_for(tenant_a["rep"]).post(
        f"/{slug}/report-a-problem/",
        {"came_from": "//evil.example/", "what_happened": "Odd link."},
    )
    assert ProblemReport.objects.get().path == ""


def test_only_coordinators_and_admins_deal_with_reports(tenant_a, tenant_b):
    report = services.problem_report_send(
        organisation=tenant_a.organisation,
        reporter=tenant_a["lead"],
        page="",
        what_happened="Could not find my actions.",
    )
    with pytest.raises(PermissionDenied):
        services.problem_report_close(report=report, actor=tenant_a["lead"])
    with pytest.raises(PermissionDenied):
        services.problem_report_close(report=report, actor=tenant_b["coordinator"])
    services.problem_report_close(report=report, actor=tenant_a["coordinator"])
    report.refresh_from_db()
    assert report.dealt_with_by == tenant_a["coordinator"]
    assert AuditEvent.objects.filter(action="problem_report.dealt_with").count() == 1


def test_the_service_refuses_someone_outside_the_organisation(tenant_a, tenant_b):
    with pytest.raises(PermissionDenied):
        services.problem_report_send(
            organisation=tenant_a.organisation,
            reporter=tenant_b["rep"],
            page="",
            what_happened="Hello",
        )
    with pytest.raises(ValidationError):
        services.problem_report_send(
            organisation=tenant_a.organisation, reporter=tenant_a["rep"], page="", what_happened=""
        )


def test_the_list_costs_the_same_however_many_reports(
    client_for, tenant_a, django_assert_max_num_queries
):
    slug = tenant_a.organisation.slug
    coordinator = client_for(tenant_a["coordinator"])

    def add(n):
        for i in range(n):
            services.problem_report_send(
                organisation=tenant_a.organisation,
                reporter=tenant_a["rep"],
                page="",
                what_happened=f"Problem {i}",
            )

    add(2)
    with django_assert_max_num_queries(12) as few:
        coordinator.get(f"/{slug}/problems/")
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator.get(f"/{slug}/problems/")


def test_every_page_has_the_products_icon(client):
    from django.contrib.staticfiles import finders

    page = client.get("/").content.decode()
    assert 'rel="icon"' in page and "favicon" in page
    assert finders.find("images/favicon.svg")
