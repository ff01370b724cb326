"""Who may do what with reports: the services refuse a caller who may not,
whatever view called them, and the views ask the same rules."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.models import AuditEvent, Role
from reports import access, services
from reports.models import GeneratedReport
from tests.reports.factories import ReportFactory, staff_with_role

pytestmark = pytest.mark.django_db

Status = GeneratedReport.Status


def ask(tenant, actor, **kwargs):
    kwargs.setdefault("council", tenant.council)
    return services.report_request(
        organisation=tenant.organisation,
        kind=GeneratedReport.Kind.QUARTERLY,
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2025, 6, 30),
        actor=actor,
        **kwargs,
    )


@pytest.mark.parametrize("role", [Role.CHAIR, Role.LEAD, Role.REP, Role.FINANCE])
def test_only_coordinators_admins_and_managers_may_ask_for_a_report(tenant_a, role):
    with pytest.raises(PermissionDenied):
        ask(tenant_a, tenant_a[role])
    assert not GeneratedReport.objects.exists()


def test_a_council_coordinator_may_not_ask_for_another_council(tenant_a):
    coordinator = staff_with_role(tenant_a.organisation, Role.COORDINATOR, council=tenant_a.council)
    assert ask(tenant_a, coordinator).council == tenant_a.council
    with pytest.raises(PermissionDenied) as refused:
        ask(tenant_a, coordinator, council=tenant_a.other_council)
    assert str(refused.value) == "You can only ask for reports for the places your role covers."
    with pytest.raises(PermissionDenied):
        ask(tenant_a, coordinator, council=None)


@pytest.mark.parametrize(
    "act",
    [
        lambda report, actor, person: services.report_retry(report=report, actor=actor),
        lambda report, actor, person: services.report_regenerate(report=report, actor=actor),
        lambda report, actor, person: services.report_share(
            report=report, person=person, actor=actor
        ),
        lambda report, actor, person: services.report_unshare(
            report=report, person=person, actor=actor
        ),
    ],
    ids=["retry", "regenerate", "share", "unshare"],
)
def test_a_chair_may_read_but_not_change_or_share_a_report(tenant_a, act):
    report = ReportFactory(council=tenant_a.council, status=Status.FAILED)
    chair = tenant_a["chair"]
    assert access.may_read_report(chair, report)
    assert not access.may_manage_report(chair, report)
    with pytest.raises(PermissionDenied):
        act(report, chair, tenant_a["lead"])
    assert GeneratedReport.objects.count() == 1
    assert not AuditEvent.objects.filter(action__startswith="report.").exists()


def test_reports_are_shared_only_with_people_of_the_organisation(tenant_a, outsider):
    report = ReportFactory(council=tenant_a.council)
    assert access.may_receive_share(tenant_a["lead"], tenant_a.organisation)
    assert not access.may_receive_share(outsider, tenant_a.organisation)
    with pytest.raises(ValidationError):
        services.report_share(report=report, person=outsider, actor=tenant_a["coordinator"])


def test_only_publishers_switch_a_public_page(tenant_a):
    council = tenant_a.council
    for role in (Role.CHAIR, Role.MANAGER, Role.REP):
        with pytest.raises(PermissionDenied):
            services.public_page_set(council=council, enabled=True, actor=tenant_a[role])
    council.refresh_from_db()
    assert council.public_page_enabled is False


def test_public_page_switch_reads_the_row_as_it_is_now(tenant_a):
    """Someone else published a moment ago; this person's page still shows
    it unpublished. Taking it down records the true change."""
    council = tenant_a.council
    type(council).objects.filter(pk=council.pk).update(public_page_enabled=True)
    assert council.public_page_enabled is False  # the stale copy
    services.public_page_set(council=council, enabled=False, actor=tenant_a["coordinator"])
    council.refresh_from_db()
    assert council.public_page_enabled is False
    event = AuditEvent.objects.get(action="council.public_page_removed")
    assert event.changes == {"public_page_enabled": [True, False]}


def test_retry_reads_the_row_as_it_is_now(tenant_a):
    """The page showed 'failed', but another person's retry has started it
    again since: a second retry is refused, not queued twice."""
    report = ReportFactory(council=tenant_a.council, status=Status.FAILED)
    GeneratedReport.objects.filter(pk=report.pk).update(
        status=Status.RENDERING, started_at=timezone.now(), error_message=""
    )
    assert report.status == Status.FAILED  # the stale copy
    with pytest.raises(ValidationError):
        services.report_retry(report=report, actor=tenant_a["coordinator"])
    report.refresh_from_db()
    assert report.status == Status.RENDERING


def test_retry_saves_only_what_it_changes(tenant_a):
    report = ReportFactory(council=tenant_a.council, status=Status.FAILED, attempts=1)
    # Another write lands between reading the page and pressing the button.
    GeneratedReport.objects.filter(pk=report.pk).update(page_count=7)
    services.report_retry(report=report, actor=tenant_a["coordinator"])
    report.refresh_from_db()
    assert report.status == Status.QUEUED and report.page_count == 7


def test_reports_menu_shows_for_readers_and_not_for_leads(tenant_a, client_for):
    link = f'href="/{tenant_a.organisation.slug}/reports/"'
    for role, shown in [
        (Role.ADMIN, True),
        (Role.COORDINATOR, True),
        (Role.CHAIR, True),
        (Role.MANAGER, True),
        (Role.REP, True),
        (Role.LEAD, False),
    ]:
        page = client_for(tenant_a[role]).get(f"/{tenant_a.organisation.slug}/")
        assert page.status_code == 200, role
        assert (link in page.content.decode()) is shown, role


def test_a_manager_asks_for_reports_of_their_own_scope_only(tenant_a):
    manager = staff_with_role(tenant_a.organisation, Role.MANAGER, region=tenant_a.region)
    assert ask(tenant_a, manager, council=None, region=tenant_a.region).region == tenant_a.region
    assert ask(tenant_a, manager).council == tenant_a.council  # a council of their region
    with pytest.raises(PermissionDenied) as refused:
        ask(tenant_a, manager, council=tenant_a.other_council)
    assert str(refused.value) == "You can only ask for reports for the places your role covers."
    with pytest.raises(PermissionDenied):
        ask(tenant_a, manager, council=None, region=tenant_a.other_region)
    with pytest.raises(PermissionDenied):
        ask(tenant_a, manager, council=None)  # the whole organisation
    # Asking is not managing: a manager does not retry, copy or share.
    report = GeneratedReport.objects.filter(council=tenant_a.council).first()
    with pytest.raises(PermissionDenied):
        services.report_regenerate(report=report, actor=manager)
