"""Shared set-ups for the proposals tests: a proposal walked along its
lifecycle through the real services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from councils.models import Role
from proposals import services
from proposals.models import Meeting
from tests.factories import user_with_role

from .factories import ProposalFactory, ThemeFactory


@pytest.fixture
def rep2(tenant_a):
    return user_with_role(
        tenant_a.organisation, Role.REP, council=tenant_a.council, username="alpha-rep2"
    )


@pytest.fixture
def theme(tenant_a):
    return ThemeFactory(organisation=tenant_a.organisation, name="Reception and buildings")


@pytest.fixture
def draft(tenant_a, theme):
    return services.proposal_create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        actor=tenant_a["rep"],
        data={
            "title": "Customer service training for reception",
            "problem": "Reception staff are rude to us.",
            "solution": "Training for reception staff, with reps helping to deliver it.",
            "benefits": "People feel respected and keep their appointments.",
            "theme": theme,
            "cost_band": "low",
            "scope": "council",
        },
    )


def make_meeting(tenant, kind, *, date=None, chair=None, actor=None):
    return services.meeting_create(
        organisation=tenant.organisation,
        council=tenant.council,
        kind=kind,
        date=date or timezone.localdate(),
        starts_at=dt.time(0, 0),
        venue="Ashford Vale probation office",
        chair=chair if chair is not None else (tenant["chair"] if kind == "council" else None),
        actor=actor or tenant["coordinator"],
    )


@pytest.fixture
def hub(tenant_a):
    return make_meeting(tenant_a, Meeting.Kind.HUB)


@pytest.fixture
def council_meeting(tenant_a):
    return make_meeting(tenant_a, Meeting.Kind.COUNCIL)


@pytest.fixture
def ready(tenant_a, draft, hub):
    return services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["rep"])


@pytest.fixture
def accepted(tenant_a, ready, council_meeting):
    services.agenda_build(meeting=council_meeting, actor=tenant_a["coordinator"])
    services.decision_record(
        meeting=council_meeting, proposal=ready, outcome="accepted", actor=tenant_a["chair"]
    )
    services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    ready.refresh_from_db()
    return ready


@pytest.fixture
def in_progress(tenant_a, accepted):
    return services.proposal_assign_owner(
        proposal=accepted,
        owner=tenant_a["lead"],
        target_date=timezone.localdate() + dt.timedelta(days=60),
        actor=tenant_a["chair"],
    )


@pytest.fixture
def other_council_proposal(tenant_a):
    return ProposalFactory(council=tenant_a.other_council, status="ready")
