"""The words-waiting page reads only the parts it shows: the first ones
picked and ordered in the database, and the count counted there. Both must
equal what ``waiting_words`` (every part, worked out in Python) says."""

from __future__ import annotations

import datetime as dt

import pytest

from proposals import selectors
from proposals.models import Proposal
from tests.querycount import assert_flat_query_count
from tests.reports.factories import decided_proposal

from .factories import approve_words

pytestmark = pytest.mark.django_db


def key(parts):
    return [(p.proposal.pk, p.part, p.since, p.changed_since_approval) for p in parts]


@pytest.fixture
def many(tenant_a):
    chair, coordinator = tenant_a["chair"], tenant_a["coordinator"]
    made = []
    for i, council in enumerate([tenant_a.council, tenant_a.other_council] * 3):
        made.append(
            decided_proposal(
                council=council,
                chair=chair,
                status="implemented",
                decided_on=dt.date(2025, 1, 10) + dt.timedelta(days=9 * i),
                implemented_on=dt.date(2025, 6, 1) - dt.timedelta(days=5 * i),
                we_did=f"We did thing {i}.",
                words_approved=False,
            )
        )
        made.append(
            decided_proposal(
                council=council,
                chair=chair,
                status="not_accepted",
                decided_on=dt.date(2025, 2, 1) + dt.timedelta(days=3 * i),
                reason=f"It would cost too much ({i}).",
                words_approved=False,
            )
        )
    # Approved, then one part changed: it waits again.
    approve_words(made[0], by=coordinator)
    Proposal.objects.filter(pk=made[0].pk).update(problem="The water machine is broken.")
    approve_words(made[1], by=coordinator)
    return made


@pytest.mark.parametrize("per_page", [1, 4, 7, 100])
def test_each_page_of_waiting_parts_equals_that_part_of_the_full_list(tenant_a, many, per_page):
    org = tenant_a.organisation
    for council_ids in (None, {tenant_a.council.pk}):
        every = selectors.waiting_words(org, council_ids)
        pages = -(-len(every) // per_page)
        for number in range(1, pages + 1):
            page = selectors.waiting_words_page(org, council_ids, number, per_page)
            assert page.paginator.count == len(every)
            assert page.paginator.count == selectors.waiting_words_count(org, council_ids)
            start = (number - 1) * per_page
            assert key(page.object_list) == key(every[start : start + per_page])
        # Anything that is not a page shows the first, or the last.
        first = selectors.waiting_words_page(org, council_ids, "x", per_page)
        last = selectors.waiting_words_page(org, council_ids, 999, per_page)
        assert key(first.object_list) == key(every[:per_page])
        assert last.number == max(pages, 1)
    assert len(selectors.waiting_words(org, None)) > 7


def test_the_rest_of_the_queue_is_a_page_away(tenant_a, client_for, many, monkeypatch):
    from proposals.views import wording

    monkeypatch.setattr(wording, "PER_PAGE", 2)
    client = client_for(tenant_a["coordinator"])
    url = f"/{tenant_a.organisation.slug}/proposals/words/"
    first = client.get(url).content.decode()
    assert "Page 1 of" in first and 'rel="next"' in first
    every = selectors.waiting_words(tenant_a.organisation, None)
    second = client.get(url + "?page=2").content.decode()
    assert every[2].proposal.title in second


def test_the_words_waiting_page_reads_a_fixed_number_of_queries(tenant_a, client_for, many):
    chair = tenant_a["chair"]

    def grow():
        for i in range(5):
            decided_proposal(
                council=tenant_a.council,
                chair=chair,
                status="not_accepted",
                decided_on=dt.date(2025, 3, 1) + dt.timedelta(days=i),
                reason="Not now.",
                words_approved=False,
            )

    assert_flat_query_count(
        client_for(tenant_a["coordinator"]),
        f"/{tenant_a.organisation.slug}/proposals/words/",
        grow=grow,
        budget=12,
    )
