"""A draft, as its council's reps see it: what happens next (issue 15)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from proposals.models import Meeting

from .conftest import make_meeting
from .factories import ProposalFactory

pytestmark = pytest.mark.django_db


def next_steps(client, tenant, proposal) -> str | None:
    body = client.get(f"/{tenant.organisation.slug}/proposals/{proposal.public_id}/")
    assert body.status_code == 200
    match = re.search(
        r'<div class="govuk-inset-text app-next-steps">.*?</ol>', body.content.decode(), re.S
    )
    return match.group(0) if match else None


def test_the_author_reads_what_happens_next_with_the_next_hub_meeting(tenant_a, client_for, draft):
    day = timezone.localdate() + dt.timedelta(days=9)
    make_meeting(tenant_a, Meeting.Kind.HUB, date=day)
    make_meeting(tenant_a, Meeting.Kind.COUNCIL, date=day - dt.timedelta(days=2))
    block = next_steps(client_for(tenant_a["rep"]), tenant_a, draft)
    assert block is not None
    assert "What happens next" in block
    assert f"Bring it to the next hub meeting: {day:%A} {day.day} {day:%B %Y} at 00:00" in block
    assert "Ashford Vale probation office" in block
    assert "The chair decides on it there" in block
    assert "Before it can go to the council it needs" not in block  # the fixture is complete


def test_no_hub_meeting_yet_and_what_is_missing(tenant_a, client_for):
    draft = ProposalFactory(
        council=tenant_a.council,
        status="draft",
        solution="",
        benefits="",
        authors=[tenant_a["rep"]],
    )
    block = next_steps(client_for(tenant_a["rep"]), tenant_a, draft)
    assert "No hub meeting is planned yet" in block
    assert "what you propose" in block and "the benefits" in block


def test_a_coordinator_does_not_get_the_block(tenant_a, client_for, draft):
    assert next_steps(client_for(tenant_a["coordinator"]), tenant_a, draft) is None


def test_a_proposal_past_draft_does_not_get_the_block(tenant_a, client_for, ready):
    assert next_steps(client_for(tenant_a["rep"]), tenant_a, ready) is None
