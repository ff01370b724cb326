"""Query-count budgets: each page stays under its budget, and the count does
not grow with how much feedback there is."""

import datetime as dt

import pytest
from django.utils import timezone

from surgeries.models import FeedbackSelection
from tests.factories import SiteFactory
from tests.querycount import assert_flat_query_count as _assert_flat
from tests.surgeries.factories import item_for, surgery_for, theme_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_remembered(settings):
    """Each budget is for a page built afresh, the most it ever asks: a
    page that remembers its rows asks less the second time
    (tests/surgeries/test_remembered_pages.py)."""
    settings.FRESH_SECONDS = 0


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


def assert_flat_query_count(client, path, *, grow, budget):
    # Warm up first: the first request of a test fills caches (content
    # types for object permissions) that have nothing to do with the page.
    client.get(path)
    _assert_flat(client, path, grow=grow, budget=budget)


def grower(tenant, *, surgery=None, n=12):
    """Add feedback across themes, sites, surgeries, kinds and follow-ups."""

    def grow():
        today = timezone.localdate()
        for i in range(n):
            site = SiteFactory(organisation=tenant.organisation, region=tenant.region)
            at = surgery or surgery_for(
                tenant, site=site, date=today - dt.timedelta(days=i), reps=[tenant["rep"]]
            )
            item = item_for(
                tenant,
                theme=theme_for(tenant),
                surgery=at,
                site=at.site,
                channel="surgery",
                received_on=at.date,
                kind=["problem", "positive", "idea"][i % 3],
                gender=["woman", "man", ""][i % 3],
                consent_to_quote=True,
                quote_status="approved" if i % 2 else "",
                approved_quote="Checked words" if i % 2 else "",
                follow_up=["", "signposted", "safeguarding"][i % 3],
            )
            if i % 2:
                FeedbackSelection.objects.create(
                    organisation=tenant.organisation,
                    user=tenant["rep"],
                    council=tenant.council,
                    item=item,
                )

    return grow


def test_logging_page(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    grower(tenant_a, surgery=surgery, n=2)()
    client = client_for(tenant_a["rep"])
    assert_flat_query_count(
        client,
        url(tenant_a, f"surgeries/{surgery.public_id}/"),
        grow=grower(tenant_a, surgery=surgery),
        budget=8,
    )


def test_feedback_board(tenant_a, client_for):
    grower(tenant_a, n=2)()
    client = client_for(tenant_a["rep"])
    assert_flat_query_count(
        client, url(tenant_a, "feedback/board/"), grow=grower(tenant_a), budget=10
    )


def test_feedback_board_with_filters(tenant_a, client_for):
    grower(tenant_a, n=2)()
    client = client_for(tenant_a["coordinator"])
    path = url(tenant_a, f"feedback/board/?council={tenant_a.council.public_id}&kind=problem")
    assert_flat_query_count(client, path, grow=grower(tenant_a), budget=10)


def test_feedback_summary(tenant_a, client_for):
    grower(tenant_a, n=2)()
    client = client_for(tenant_a["chair"])
    assert_flat_query_count(
        client,
        url(tenant_a, "feedback/summary/?period=last-4-weeks"),
        grow=grower(tenant_a),
        budget=10,
    )


def test_surgery_list(tenant_a, client_for):
    grower(tenant_a, n=2)()
    client = client_for(tenant_a["rep"])
    assert_flat_query_count(client, url(tenant_a, "surgeries/"), grow=grower(tenant_a), budget=9)


@pytest.mark.parametrize(("path", "budget"), [("feedback/follow-ups/", 5), ("feedback/quotes/", 8)])
def test_coordinator_lists(path, budget, tenant_a, client_for):
    grower(tenant_a, n=2)()
    client = client_for(tenant_a["coordinator"])
    assert_flat_query_count(client, url(tenant_a, path), grow=grower(tenant_a), budget=budget)


def test_evidence_page(tenant_a, client_for):
    grower(tenant_a, n=2)()
    client = client_for(tenant_a["rep"])
    assert_flat_query_count(
        client, url(tenant_a, "feedback/evidence/"), grow=grower(tenant_a), budget=12
    )


def test_theme_list(tenant_a, client_for):
    grower(tenant_a, n=2)()
    client = client_for(tenant_a["admin"])
    assert_flat_query_count(
        client, url(tenant_a, "feedback/themes/"), grow=grower(tenant_a), budget=10
    )


@pytest.mark.parametrize("role", ["rep", "coordinator"])
def test_home_panels(role, tenant_a, client_for):
    client = client_for(tenant_a[role])

    def grow():
        grower(tenant_a)()
        for days in range(1, 6):
            surgery_for(tenant_a, date=timezone.localdate() + dt.timedelta(days=days))

    assert_flat_query_count(client, url(tenant_a, ""), grow=grow, budget=30)
