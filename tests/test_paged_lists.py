"""Lists that grow with the organisation are paged, with a way to reach the
rest, and their query count does not grow with the data."""

import pytest

from councils.models import Role
from tests.factories import user_with_role
from tests.querycount import assert_flat_query_count
from tests.surgeries.factories import item_for

pytestmark = pytest.mark.django_db


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


def waiting_quotes(tenant, n):
    for i in range(n):
        item_for(tenant, said=f"Waiting words number {i:03d}", consent_to_quote=True)


def test_quotes_to_check_come_25_to_a_page_and_every_one_can_be_reached(tenant_a, client_for):
    waiting_quotes(tenant_a, 30)
    client = client_for(tenant_a["coordinator"])
    first = client.get(url(tenant_a, "feedback/quotes/")).content.decode()
    assert "30 quotes are waiting, newest first." in first
    assert first.count("Waiting words number") == 25
    assert "page=2" in first
    second = client.get(url(tenant_a, "feedback/quotes/?page=2")).content.decode()
    assert second.count("Waiting words number") == 5
    seen = {w for w in range(30) if f"number {w:03d}" in first + second}
    assert len(seen) == 30


def test_the_quotes_page_makes_as_many_queries_with_more_quotes(tenant_a, client_for, settings):
    # Counted as built afresh each time: the page remembers its quotes.
    settings.FRESH_SECONDS = 0
    waiting_quotes(tenant_a, 2)
    client = client_for(tenant_a["coordinator"])
    client.get(url(tenant_a, "feedback/quotes/"))
    assert_flat_query_count(
        client,
        url(tenant_a, "feedback/quotes/"),
        grow=lambda: waiting_quotes(tenant_a, 30),
        budget=12,
    )


def reps(tenant, n, start=0):
    for i in range(start, start + n):
        user_with_role(
            tenant.organisation,
            Role.REP,
            council=tenant.council,
            username=f"paged-rep-{i:03d}",
            display_name=f"Paged Rep {i:03d}",
        )


def test_people_come_50_to_a_page_and_every_one_can_be_reached(tenant_a, client_for):
    reps(tenant_a, 60)
    client = client_for(tenant_a["coordinator"])
    pages = [client.get(url(tenant_a, f"people/?page={n}")).content.decode() for n in (1, 2)]
    assert pages[0].count("paged-rep-") == 50 - pages[0].count("alpha-")
    assert 'rel="next"' in pages[0] and 'rel="next"' not in pages[1]
    seen = {i for i in range(60) if any(f"paged-rep-{i:03d}" in p for p in pages)}
    assert len(seen) == 60


def test_the_people_page_makes_as_many_queries_with_more_people(tenant_a, client_for, settings):
    # The queries of the page built afresh (a repeat view reuses its rows:
    # tests/members/test_remembered_pages.py).
    settings.FRESH_SECONDS = 0
    reps(tenant_a, 2)
    client = client_for(tenant_a["coordinator"])
    client.get(url(tenant_a, "people/"))
    assert_flat_query_count(
        client, url(tenant_a, "people/"), grow=lambda: reps(tenant_a, 30, start=2), budget=9
    )


def overdue_action_points(tenant, n, start=0):
    import datetime as dt

    from django.utils import timezone

    from tests.proposals.factories import ActionPointFactory, MeetingFactory

    meeting = MeetingFactory(council=tenant.council, chair=tenant["chair"])
    for i in range(start, start + n):
        ActionPointFactory(
            meeting=meeting,
            description=f"Overdue action number {i:03d}",
            due_on=timezone.localdate() - dt.timedelta(days=1 + i),
            owner=tenant["coordinator"],
        )


def test_overdue_action_points_are_paged_on_their_own(tenant_a, client_for):
    overdue_action_points(tenant_a, 30)
    client = client_for(tenant_a["manager"])
    first = client.get(url(tenant_a, "proposals/overdue/")).content.decode()
    assert "Action points (30)" in first
    assert first.count("Overdue action number") == 25
    assert "actions_page=2" in first
    second = client.get(url(tenant_a, "proposals/overdue/?actions_page=2")).content.decode()
    assert second.count("Overdue action number") == 5
    seen = {i for i in range(30) if f"number {i:03d}" in first + second}
    assert len(seen) == 30


def test_the_overdue_page_makes_as_many_queries_with_more_overdue(tenant_a, client_for, settings):
    # The page built from the database each time: a view that reuses what
    # the one before worked out asks fewer (tests/proposals/test_remembered_pages.py).
    settings.FRESH_SECONDS = 0
    overdue_action_points(tenant_a, 2)
    client = client_for(tenant_a["manager"])
    client.get(url(tenant_a, "proposals/overdue/"))
    assert_flat_query_count(
        client,
        url(tenant_a, "proposals/overdue/"),
        grow=lambda: overdue_action_points(tenant_a, 30, start=2),
        budget=12,
    )


def test_all_reps_come_50_to_a_page_and_every_one_can_be_reached(tenant_a, client_for):
    reps(tenant_a, 60)
    client = client_for(tenant_a["coordinator"])
    path = url(tenant_a, "reps/")
    pages = [client.get(f"{path}?page={n}").content.decode() for n in (1, 2)]
    tables = [p[p.index("All reps") :] for p in pages]
    assert tables[0].count("Paged Rep ") == 50
    assert "reps, 50 to a page." in pages[0]
    assert 'rel="next"' in pages[0] and 'rel="next"' not in pages[1]
    seen = {i for i in range(60) if any(f"Paged Rep {i:03d}" in t for t in tables)}
    assert len(seen) == 60


def test_the_reps_page_makes_as_many_queries_with_more_reps(tenant_a, client_for, settings):
    # The queries of the page built afresh (a repeat view reuses its rows:
    # tests/members/test_remembered_pages.py).
    settings.FRESH_SECONDS = 0
    reps(tenant_a, 2)
    client = client_for(tenant_a["coordinator"])
    client.get(url(tenant_a, "reps/"))
    assert_flat_query_count(
        client, url(tenant_a, "reps/"), grow=lambda: reps(tenant_a, 60, start=2), budget=12
    )
