"""Search never returns what the person may not open, tried as every role of
two organisations: the same word is planted in every kind of record, in both
councils of both organisations (drafts, hub meetings, unpublished decisions,
raw feedback). Each result is opened as the person who searched (it must be
a 200), and every planted record whose page the person can open must be
found. Nothing is remembered about who may see what: the pages decide."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from councils.models import Role
from proposals.models import Decision, MinutePoint
from reports.selectors.search import search
from tests.proposals.factories import (
    ActionPointFactory,
    FeedbackItemFactory,
    MeetingFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db

WORD = "zebracrossing"
ROLES = (*Role.values,)


def plant(tenant) -> dict[str, set[str]]:
    """The same word in every kind of record of the tenant; returns the page
    of each record, by section."""
    org = tenant.organisation
    slug = org.slug
    pages: dict[str, set[str]] = {k: set() for k in ("proposals", "meetings", "feedback")}
    decision_pages: dict[str, bool] = {}
    action_pages: set[str] = set()
    for council in (tenant.council, tenant.other_council):
        for status in ("draft", "ready", "in_progress"):
            p = ProposalFactory(
                council=council, status=status, title=f"A {WORD} for {status}", authors=[]
            )
            pages["proposals"].add(f"/{slug}/proposals/{p.public_id}/")
        for kind in ("hub", "council"):
            m = MeetingFactory(council=council, kind=kind, venue=f"The {WORD} room")
            pages["meetings"].add(f"/{slug}/meetings/{m.public_id}/")
            a = ActionPointFactory(
                meeting=m, owner=tenant["coordinator"], description=f"Paint the {WORD}"
            )
            action_pages.add(f"/{slug}/meetings/{a.meeting.public_id}/")
        # Minutes only: found by what the minutes say.
        minuted = MeetingFactory(council=council, kind="council", venue="Room 2")
        MinutePoint.objects.create(
            organisation=org, meeting=minuted, text=f"We talked about the {WORD}."
        )
        pages["meetings"].add(f"/{slug}/meetings/{minuted.public_id}/")
        decided = ProposalFactory(council=council, status="deferred", title="Water cups")
        for published in (True, False):
            meeting = MeetingFactory(council=council, kind="council", venue="Room 3")
            Decision.objects.create(
                organisation=org,
                proposal=decided,
                meeting=meeting,
                outcome="deferred",
                deferred_to=timezone.localdate() + dt.timedelta(days=30),
                reason=f"Wait for the {WORD} budget.",
                decided_by=tenant["chair"],
                decided_at=timezone.now(),
                published_at=timezone.now() if published else None,
            )
        decision_pages[f"/{slug}/proposals/{decided.public_id}/"] = True
        f = FeedbackItemFactory(council=council, said=f"The {WORD} outside is dangerous.")
        pages["feedback"].add(f"/{slug}/feedback/{f.public_id}/")
    pages["decisions"] = set(decision_pages)
    pages["action_points"] = action_pages
    return pages


def opens(client, url: str) -> bool:
    return client.get(url).status_code == 200


def test_search_finds_exactly_what_each_person_can_open(tenant_a, tenant_b, client_for):
    planted = {"alpha": plant(tenant_a), "bravo": plant(tenant_b)}
    checked = 0
    for tenant in (tenant_a, tenant_b):
        own = planted[tenant.organisation.slug]
        other = planted["bravo" if tenant is tenant_a else "alpha"]
        for role in ROLES:
            user = tenant[role]
            client = client_for(user)
            response = client.get(f"/{tenant.organisation.slug}/search/?q={WORD}")
            assert response.status_code == 200
            sections = {
                s.key: s for s in search(user=user, organisation=tenant.organisation, query=WORD)
            }
            found_urls = {
                key: {hit.url.split("#")[0] for hit in s.hits} for key, s in sections.items()
            }
            everything_found = set().union(*found_urls.values()) if found_urls else set()
            # Nothing of the other organisation, ever.
            assert not everything_found & set().union(*other.values()), (tenant, role)
            # Every result opens for the person who searched.
            for url in everything_found:
                assert opens(client, url), f"{role} of {tenant.organisation.slug} found {url}"
                checked += 1
            # Every planted record the person can open is found.
            for key in ("proposals", "meetings", "feedback"):
                can_open = {url for url in own[key] if opens(client, url)}
                assert found_urls.get(key, set()) == can_open, (tenant.organisation.slug, role, key)
            # Feedback is searched only by those who read it.
            if role not in (Role.REP, Role.COORDINATOR):
                assert "feedback" not in sections, role
            # An unpublished decision's words are never found.
            for hit in sections["decisions"].hits if "decisions" in sections else []:
                assert hit.url in own["decisions"]
    assert checked > 20


def test_a_rep_sees_only_their_own_council(tenant_a, client_for):
    plant(tenant_a)
    sections = {
        s.key: s
        for s in search(user=tenant_a["rep"], organisation=tenant_a.organisation, query=WORD)
    }
    other = tenant_a.other_council.name
    for section in sections.values():
        for hit in section.hits:
            assert other not in hit.detail, (section.key, hit)
    assert len(sections["feedback"].hits) == 1
    # Hub meetings of their own council are theirs; a manager never sees a hub meeting.
    manager = {
        s.key: s
        for s in search(user=tenant_a["manager"], organisation=tenant_a.organisation, query=WORD)
    }
    assert all("Hub" not in hit.title for hit in manager["meetings"].hits)
    assert any("Hub" in hit.title for hit in sections["meetings"].hits)


def test_empty_or_odd_queries_find_nothing_and_never_fail(tenant_a, client_for):
    plant(tenant_a)
    client = client_for(tenant_a["coordinator"])
    for q in ("", "   ", "%", "_", "'; drop table", "x" * 500):
        response = client.get(f"/{tenant_a.organisation.slug}/search/", {"q": q})
        assert response.status_code == 200
    assert search(user=tenant_a["coordinator"], organisation=tenant_a.organisation, query="") == []
    # icontains never treats % or _ as wildcards.
    found = search(user=tenant_a["coordinator"], organisation=tenant_a.organisation, query="%")
    assert all(not s.hits for s in found)


def test_header_has_a_search_box(tenant_a, client_for):
    page = client_for(tenant_a["rep"]).get(f"/{tenant_a.organisation.slug}/")
    assert f'action="/{tenant_a.organisation.slug}/search/"' in page.content.decode()


def test_search_page_costs_the_same_with_more_data(tenant_a, client_for):
    from tests.querycount import assert_flat_query_count

    plant(tenant_a)
    assert_flat_query_count(
        client_for(tenant_a["coordinator"]),
        f"/{tenant_a.organisation.slug}/search/?q={WORD}",
        grow=lambda: [plant(tenant_a) for _ in range(3)],
        budget=8,
    )
