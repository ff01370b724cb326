"""A senior manager opens their dashboard from the home page, sorts the
councils, follows one to its own dashboard and reads the quarterly report as
a web page; then does the same on a phone (360 px). A national viewer reads
the national picture and anyone reads the public totals. Every page is
checked with axe."""

import datetime as dt

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from councils import services
from councils.models import NationalViewer
from councils.periods import last_quarter
from proposals.models import ProposalStatus
from tests.conftest import TEST_TOTP_SECRET
from tests.e2e.conftest import follow
from tests.factories import UserFactory
from tests.reports.factories import (
    ActionPointFactory,
    MeetingFactory,
    SurgeryFactory,
    decided_proposal,
)

pytestmark = pytest.mark.django_db(transaction=True)


def last_quarter_story(tenant):
    quarter = last_quarter()
    day = quarter.start + dt.timedelta(days=20)
    for council, engaged in ((tenant.council, 30), (tenant.other_council, 12)):
        SurgeryFactory(
            council=council,
            date=day,
            people_approached=engaged + 5,
            people_engaged=engaged,
            people_declined=5,
        )
    for status in (ProposalStatus.IMPLEMENTED, ProposalStatus.NOT_ACCEPTED):
        decided_proposal(
            council=tenant.council,
            chair=tenant["chair"],
            status=status,
            decided_on=day,
            implemented_on=day + dt.timedelta(days=30)
            if status == ProposalStatus.IMPLEMENTED
            else None,
            we_did="Done." if status == ProposalStatus.IMPLEMENTED else "",
            reason="No budget." if status == ProposalStatus.NOT_ACCEPTED else "",
        )
    ActionPointFactory(
        meeting=MeetingFactory(council=tenant.council, date=day),
        due_on=day + dt.timedelta(days=7),
        owner=tenant["lead"],
        description="Ask estates about a water cooler",
    )


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_manager_reads_the_dashboard_and_the_quarterly_report(
    tenant_a, page, phone_page, sign_in, go, check_a11y
):
    last_quarter_story(tenant_a)
    org = tenant_a.organisation
    manager = tenant_a["manager"]
    sign_in(page, manager)
    go(page, f"/{org.slug}/")
    follow(page, page.get_by_role("link", name="Open the dashboard"))
    check_a11y(page)
    assert page.get_by_role("heading", name=f"Dashboard: {org.name}").is_visible()
    assert page.get_by_text("Ask estates about a water cooler").is_visible()

    # Sorting is a link: no JavaScript needed.
    follow(page, page.get_by_role("link", name="People engaged").first)
    check_a11y(page)
    assert "sort=people_engaged" in page.url

    follow(page, page.get_by_role("link", name=tenant_a.council.name).first)
    check_a11y(page)
    assert page.get_by_role("heading", name=f"Dashboard: {tenant_a.council.name}").is_visible()

    follow(page, page.get_by_role("link", name="Read the quarterly report for").first)
    check_a11y(page)
    assert page.get_by_role(
        "heading", name=f"Quarterly report: {tenant_a.council.name}"
    ).is_visible()
    assert page.locator("table caption").count() >= 5

    # On a phone.
    sign_in(phone_page, manager, a11y=False)
    go(phone_page, f"/{org.slug}/dashboard/")
    assert fits_the_screen(phone_page)
    go(phone_page, f"/{org.slug}/dashboard/quarterly/")
    assert fits_the_screen(phone_page)


def test_national_viewer_and_the_public_totals(tenant_a, page, phone_page, sign_in, go):
    last_quarter_story(tenant_a)
    services.national_sharing_set(
        organisation=tenant_a.organisation, enabled=True, actor=tenant_a["admin"]
    )
    viewer = UserFactory(username="nia-national")
    TOTP.activate(viewer, TEST_TOTP_SECRET)
    NationalViewer.objects.create(user=viewer)
    sign_in(page, viewer)
    assert page.url.endswith("/national/")
    go(page, "/national/")
    assert page.get_by_role("rowheader", name=tenant_a.organisation.name).is_visible()
    go(phone_page, "/public/national/")
    assert phone_page.get_by_text("1 organisation").first.is_visible()
    assert fits_the_screen(phone_page)
