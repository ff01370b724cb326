"""The chair's page reads its lists with SQL built once a scope
(``decisions_awaiting_lists``): each list must equal the ORM's
(``decisions_awaiting``) for a chair of one council, of the whole
organisation, and one chairing a meeting of a council they do not decide for."""

from __future__ import annotations

import pytest
from django.utils import timezone

from councils.models import Role
from proposals import selectors
from proposals.models import Decision, Meeting
from proposals.selectors.lead import target_requests_waiting
from tests.factories import user_with_role
from tests.proposals.factories import AgendaItemFactory, MeetingFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def fields(objects):
    return [(type(o).__name__, o.pk, str(o)) for o in objects]


def test_each_list_equals_the_orm_for_each_scope(tenant_a):
    org = tenant_a.organisation
    council_chair = tenant_a["chair"]
    everywhere = user_with_role(org, Role.CHAIR, username="chair-everywhere")
    nowhere = user_with_role(org, Role.REP, council=tenant_a.council, username="rep-only")
    for council in (tenant_a.council, tenant_a.other_council):
        # The other council's meeting is chaired by the council's chair.
        meeting = MeetingFactory(council=council, kind=Meeting.Kind.COUNCIL, chair=council_chair)
        for status in ("ready", "presented"):
            proposal = ProposalFactory(council=council, status=status)
            AgendaItemFactory(meeting=meeting, kind="proposal", proposal=proposal)
        decided = ProposalFactory(council=council, status="accepted")
        Decision.objects.create(
            organisation=org,
            proposal=decided,
            meeting=meeting,
            outcome="accepted",
            decided_at=timezone.now(),
            decided_by=council_chair,
        )
        ProposalFactory(council=council, status="accepted_with_changes")
    for person in (council_chair, everywhere, nowhere):
        querysets = selectors.decisions_awaiting(organisation=org, user=person)
        for _ in range(2):
            lists = selectors.decisions_awaiting_lists(organisation=org, user=person)
            for name, queryset in querysets.items():
                assert fields(lists[name]) == fields(queryset), (person, name)
    every = selectors.decisions_awaiting_lists(organisation=org, user=everywhere)
    assert len(every["waiting"]) == 4 and len(every["needs_owner"]) == 4
    assert every["waiting"][0].meeting.council.name
    assert target_requests_waiting(organisation=org, user=nowhere) == []
