"""The national picture: an organisation's admin agrees to share its figures
(audited, and stopping takes effect at once); a national viewer, outside
every organisation, sees the sharers side by side and added up and never an
organisation's page; the public page shows only the totals and how many
organisations are behind them."""

import datetime as dt

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied

from councils import services
from councils.models import AuditEvent, NationalSharing, NationalViewer, Role
from reports.selectors import ReportScope, quarterly_content
from reports.selectors.national import national_period, national_picture
from tests.conftest import TEST_TOTP_SECRET
from tests.factories import UserFactory
from tests.querycount import assert_flat_query_count
from tests.reports import story as s
from tests.reports.factories import SurgeryFactory, decided_proposal
from tests.url_params import fill
from tests.urlwalk import org_routes

pytestmark = pytest.mark.django_db

# The last four full quarters run from October 2024 to September 2025,
# which holds the story's quarter.
OCTOBER = dt.datetime(2025, 10, 15, 12, tzinfo=dt.UTC)


@pytest.fixture
def travel():
    with time_machine.travel(OCTOBER, tick=False):
        yield


@pytest.fixture
def viewer(db):
    user = UserFactory(display_name="Nia National")
    TOTP.activate(user, TEST_TOTP_SECRET)
    NationalViewer.objects.create(user=user)
    return user


def share(tenant, enabled=True):
    return services.national_sharing_set(
        organisation=tenant.organisation, enabled=enabled, actor=tenant["admin"]
    )


def test_the_admin_switches_sharing_on_and_off_with_who_and_when(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    url = f"/{tenant_a.organisation.slug}/setup/national-sharing/"
    page = client.get(url)
    assert page.status_code == 200 and "Your figures are not shared." in page.content.decode()
    assert client.post(url, {"enabled": "1"}).status_code == 302
    sharing = NationalSharing.objects.get(organisation=tenant_a.organisation)
    assert sharing.enabled and sharing.changed_by == tenant_a["admin"]
    page = client.get(url).content.decode()
    assert "Your figures are shared." in page and str(tenant_a["admin"]) in page
    client.post(url, {"enabled": "0"})
    sharing.refresh_from_db()
    assert not sharing.enabled
    actions = list(
        AuditEvent.objects.filter(organisation=tenant_a.organisation)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["organisation.national_sharing_on", "organisation.national_sharing_off"]


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.MANAGER, Role.CHAIR, Role.REP])
def test_only_the_admin_may_share(tenant_a, role):
    with pytest.raises(PermissionDenied):
        services.national_sharing_set(
            organisation=tenant_a.organisation, enabled=True, actor=tenant_a[role]
        )
    assert not NationalSharing.objects.filter(enabled=True).exists()


def test_the_national_viewer_sees_sharers_only_and_a_stopped_sharer_leaves_at_once(
    tenant_a, tenant_b, viewer, client_for, travel
):
    s.build(tenant_a)
    share(tenant_a)
    client = client_for(viewer)
    page = client.get("/national/").content.decode()
    assert tenant_a.organisation.name in page
    assert tenant_b.organisation.name not in page
    # Figures only: no words, no people.
    for secret in (s.RAW_SECRET, s.APPROVED_QUOTE, "Customer service training", "Ray Daniels"):
        assert secret not in page
    share(tenant_b)
    assert tenant_b.organisation.name in client.get("/national/").content.decode()
    share(tenant_a, enabled=False)
    page = client.get("/national/").content.decode()
    assert tenant_a.organisation.name not in page
    public = client.get("/public/national/").content.decode()
    assert "1 organisation" in public


def test_national_figures_are_each_organisation_s_quarterly_figures(tenant_a, viewer, travel):
    s.build(tenant_a)
    share(tenant_a)
    picture = national_picture()
    period = national_period()
    c = quarterly_content(ReportScope(tenant_a.organisation), period)
    (row,) = picture.rows
    # The story: 25 people this quarter and 4 in February, inside the year.
    assert row.people_engaged.text == c.reach.people_engaged.now_text == "29"
    assert row.presented == c.funnel.presented
    assert str(row.accepted_rate) == str(c.funnel.accepted_rate)
    assert str(row.implemented_rate) == str(c.funnel.implemented_rate)
    assert row.council_meetings == c.meetings.council_meetings
    assert row.reps_new.value == c.reps.new
    assert row.reps_trained.value == c.reps.trained
    assert picture.organisation_count == 1
    assert picture.total.people_engaged.text == "29"


def test_the_totals_hide_small_counts_of_people(tenant_a, tenant_b, travel):
    SurgeryFactory(
        council=tenant_a.council,
        date=s.IN_Q,
        people_approached=3,
        people_engaged=3,
        people_declined=0,
    )
    SurgeryFactory(
        council=tenant_b.council,
        date=s.IN_Q,
        people_approached=60,
        people_engaged=60,
        people_declined=0,
    )
    share(tenant_a)
    share(tenant_b)
    rows = {r.name: r for r in national_picture().rows}
    assert rows[tenant_a.organisation.name].people_engaged.text == "fewer than 5"
    # The only other count is hidden too, or the small one could be worked out.
    assert rows[tenant_b.organisation.name].people_engaged.shown is None


def test_the_public_page_shows_totals_and_how_many_organisations(
    tenant_a, tenant_b, client, travel
):
    s.build(tenant_a)
    share(tenant_a)
    share(tenant_b)
    page = client.get("/public/national/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "2 organisations" in html
    assert 'data-total="people">29<' in html
    # Totals only: no organisation is named.
    assert tenant_a.organisation.name not in html and tenant_b.organisation.name not in html


def test_the_national_page_is_for_national_viewers_only(tenant_a, client, client_for):
    assert client.get("/national/").status_code == 302  # sign in first
    for role in (Role.ADMIN, Role.MANAGER):
        assert client_for(tenant_a[role]).get("/national/").status_code == 404
    ended = UserFactory()
    NationalViewer.objects.create(user=ended, ends_on=dt.date.today())
    assert client_for(ended).get("/national/").status_code == 404


def test_a_national_viewer_must_pass_the_second_factor(viewer, client):
    client.force_login(viewer)
    response = client.get("/national/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_national_viewer_gets_no_organisation_page(tenant_a, viewer, client_for):
    """Every page of an organisation, with that organisation's own ids, is a
    404 for the national role, even for an organisation that shares."""
    share(tenant_a)
    client = client_for(viewer)
    for route in org_routes():
        url = fill(route, tenant_a)
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


def test_the_national_pages_queries_do_not_grow(tenant_a, tenant_b, viewer, client_for, travel):
    share(tenant_a)
    client = client_for(viewer)

    def grow():
        share(tenant_b)
        for tenant in (tenant_a, tenant_b):
            for _ in range(3):
                SurgeryFactory(council=tenant.council, date=s.IN_Q)
                decided_proposal(
                    council=tenant.council,
                    chair=tenant["chair"],
                    status="accepted",
                    decided_on=dt.date(2025, 5, 1),
                )

    assert_flat_query_count(client, "/national/", grow=grow, budget=12)
    assert_flat_query_count(client, "/public/national/", grow=lambda: None, budget=9)
