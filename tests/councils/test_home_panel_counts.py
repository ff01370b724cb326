"""The home panels' figures are counted with as few queries as they can be;
each must still equal the list it stands for."""

from __future__ import annotations

import re

import pytest

from proposals import selectors
from proposals.models import Meeting
from tests.proposals.conftest import make_meeting
from tests.proposals.factories import AgendaItemFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def panel(client, tenant, heading_id: str) -> str:
    body = client.get(f"/{tenant.organisation.slug}/").content.decode()
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', body, re.S)
    assert match, f"no {heading_id} panel"
    return match.group(0)


@pytest.mark.parametrize("waiting", [0, 3, 7])
def test_the_chair_sees_how_many_decisions_wait_beyond_the_first_five(
    tenant_a, client_for, waiting
):
    meeting = make_meeting(tenant_a, Meeting.Kind.COUNCIL)
    for _ in range(waiting):
        proposal = ProposalFactory(council=tenant_a.council, status="ready")
        AgendaItemFactory(meeting=meeting, kind="proposal", proposal=proposal)
    chair = tenant_a["chair"]
    everything = selectors.decisions_awaiting(organisation=tenant_a.organisation, user=chair)
    assert everything["waiting"].count() == waiting
    shown = panel(client_for(chair), tenant_a, "panel-decisions")
    assert shown.count("Record the decision on") == min(waiting, 5)
    assert f"<strong>{waiting}</strong> proposal" in shown
