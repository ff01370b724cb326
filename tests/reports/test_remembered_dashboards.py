"""The dashboard and the quarterly page draw their figures once until the
data under them changes (councils.freshness): through the routes, a second
view asks less and shows the same, a change shows at once, and each place
shows its own figures whoever looked first."""

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.freshness import serving
from reports.models import GeneratedReport
from tests.remembering import page, signed_in
from tests.reports import story as s
from tests.reports.factories import ReportFactory, SurgeryFactory, staff_with_role
from tests.reports.test_dashboard import AUGUST, cell, places

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(tenant_a):
    with time_machine.travel(AUGUST, tick=False):
        yield s.build(tenant_a)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


@pytest.mark.parametrize("level", ["organisation", "council"])
def test_a_dashboard_shows_a_new_surgery_at_once(tenant_a, story, client_for, settings, level):
    _scope, url = places(tenant_a)[level]
    client = client_for(tenant_a["manager"])
    first = page(client, url)
    assert queries(client, url) < queries_with_nothing_remembered(client, url, settings)
    assert page(client, url) == first

    with serving(tenant_a.organisation.pk):
        SurgeryFactory(
            council=tenant_a.council,
            date=AUGUST.date(),
            people_approached=12,
            people_engaged=12,
            people_declined=0,
        )
    after = page(client, url)
    assert cell(after, "surgeries-now") != cell(first, "surgeries-now")
    settings.FRESH_SECONDS = 0
    assert page(client, url) == after


def queries_with_nothing_remembered(client, url, settings) -> int:
    kept = settings.FRESH_SECONDS
    settings.FRESH_SECONDS = 0
    try:
        return queries(client, url)
    finally:
        settings.FRESH_SECONDS = kept


def test_each_place_shows_its_own_figures_whoever_looked_first(tenant_a, story, client_for):
    """A manager of one council looks first; the organisation's manager then
    sees the whole organisation's figures, not that council's."""
    council_manager = signed_in(
        staff_with_role(tenant_a.organisation, "manager", council=tenant_a.council)
    )
    # Both signed in before either looks: a sign-in is a write.
    org_manager = signed_in(tenant_a["manager"])
    council_page = page(council_manager, places(tenant_a)["council"][1])
    org_page = page(org_manager, places(tenant_a)["organisation"][1])
    assert tenant_a.other_council.name in org_page
    assert tenant_a.other_council.name not in council_page
    # ...and the other way round, the council's manager looking second.
    cache.clear()
    org_page = page(org_manager, places(tenant_a)["organisation"][1])
    council_page = page(council_manager, places(tenant_a)["council"][1])
    assert tenant_a.other_council.name in org_page
    assert tenant_a.other_council.name not in council_page


def test_the_archived_quarterly_report_page_shows_a_change_at_once(
    tenant_a, story, client_for, settings
):
    report = ReportFactory(
        organisation=tenant_a.organisation,
        kind=GeneratedReport.Kind.QUARTERLY,
        period_start=s.Q_START,
        period_end=s.Q_END,
    )
    client = client_for(tenant_a["manager"])
    url = f"/{tenant_a.organisation.slug}/reports/{report.public_id}/page/"
    first = page(client, url)
    assert page(client, url) == first
    with serving(tenant_a.organisation.pk):
        SurgeryFactory(
            council=tenant_a.council,
            date=s.IN_Q,
            people_approached=77,
            people_engaged=70,
            people_declined=7,
        )
    after = page(client, url)
    assert after != first
    settings.FRESH_SECONDS = 0
    assert page(client, url) == after


def test_each_place_has_its_own_quarterly_page_whoever_looked_first(tenant_a, story):
    council_manager = signed_in(
        staff_with_role(tenant_a.organisation, "manager", council=tenant_a.council)
    )
    org_manager = signed_in(tenant_a["manager"])
    org = tenant_a.organisation
    council_url = f"/{org.slug}/dashboard/council/{tenant_a.council.public_id}/quarterly/"
    org_url = f"/{org.slug}/dashboard/quarterly/"
    council_page = page(council_manager, council_url)
    org_page = page(org_manager, org_url)
    assert f"Quarterly report: {tenant_a.council.name}" in council_page
    assert f"Quarterly report: {org.name}" in org_page


def test_the_latest_reports_panel_is_each_persons_own_and_shows_a_new_report_at_once(tenant_a):
    """The panel is remembered for each person: a report of the whole
    organisation is the organisation's manager's, not a council's manager's."""
    org = tenant_a.organisation
    council_manager = signed_in(staff_with_role(org, "manager", council=tenant_a.council))
    org_manager = signed_in(tenant_a["manager"])
    home = f"/{org.slug}/"
    before = page(org_manager, home)
    with serving(org.pk):
        report = ReportFactory(
            organisation=org,
            kind=GeneratedReport.Kind.QUARTERLY,
            status=GeneratedReport.Status.READY,
        )
    link = f"/{org.slug}/reports/{report.public_id}/"
    assert link not in before
    assert link in page(org_manager, home)
    assert link not in page(council_manager, home)
