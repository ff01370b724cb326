"""What reps and chairs find on their home page about meetings and
decisions (issue 15: "the next meeting on the home page"; "their own
meetings and decisions waiting on the home page")."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from councils.models import Role
from proposals import services
from proposals.models import Meeting
from tests.conftest import TEST_TOTP_SECRET
from tests.factories import CouncilFactory, user_with_role
from tests.querycount import assert_flat_query_count

from .conftest import make_meeting
from .factories import AgendaItemFactory, MeetingFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def home(client, tenant) -> str:
    return client.get(f"/{tenant.organisation.slug}/").content.decode()


def section(body: str, heading_id: str) -> str:
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', body, re.S)
    assert match, f"no {heading_id} panel"
    return match.group(0)


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


# ---------------------------------------------------------------- rep


def test_rep_sees_no_meeting_planned_yet(tenant_a, client_for):
    panel = section(home(client_for(tenant_a["rep"]), tenant_a), "panel-next-meetings")
    assert "No meeting is planned yet." in panel


def test_rep_sees_the_next_hub_and_council_meeting_of_their_council(tenant_a, client_for):
    later_hub = make_meeting(tenant_a, Meeting.Kind.HUB, date=days(30))
    hub = make_meeting(tenant_a, Meeting.Kind.HUB, date=days(5))
    council = make_meeting(tenant_a, Meeting.Kind.COUNCIL, date=days(12))
    cancelled = make_meeting(tenant_a, Meeting.Kind.COUNCIL, date=days(3))
    services.meeting_cancel(
        meeting=cancelled, reason="Room flooded.", actor=tenant_a["coordinator"]
    )
    past = make_meeting(tenant_a, Meeting.Kind.COUNCIL, date=days(-3))
    other = MeetingFactory(council=tenant_a.other_council, date=days(1), venue="Elsewhere")

    panel = section(home(client_for(tenant_a["rep"]), tenant_a), "panel-next-meetings")

    assert "No meeting is planned yet." not in panel
    slug = tenant_a.organisation.slug
    hub_at = panel.index(f"/{slug}/meetings/{hub.public_id}/")
    council_at = panel.index(f"/{slug}/meetings/{council.public_id}/")
    assert hub_at < council_at, "soonest first"
    for hidden in (later_hub, cancelled, past, other):
        assert str(hidden.public_id) not in panel
    assert days(5).strftime("%-d") in panel and "00:00" in panel
    assert "Ashford Vale probation office" in panel
    assert "Hub meeting (reps only)" in panel and "Council meeting" in panel


def test_staff_have_no_next_meetings_panel_for_reps(tenant_a, client_for):
    body = home(client_for(tenant_a["coordinator"]), tenant_a)
    assert 'aria-labelledby="panel-next-meetings"' not in body


# ---------------------------------------------------------------- chair


def test_chair_sees_their_next_meetings(tenant_a, client_for):
    theirs = make_meeting(tenant_a, Meeting.Kind.COUNCIL, date=days(7))
    another_chair = user_with_role(tenant_a.organisation, Role.CHAIR, council=tenant_a.council)
    scoped = user_with_role(tenant_a.organisation, Role.CHAIR, council=tenant_a.other_council)
    TOTP.activate(scoped, TEST_TOTP_SECRET)
    not_theirs = MeetingFactory(council=tenant_a.council, chair=another_chair, date=days(8))
    hub = make_meeting(tenant_a, Meeting.Kind.HUB, date=days(2))
    past = make_meeting(tenant_a, Meeting.Kind.COUNCIL, date=days(-2))

    panel = section(home(client_for(tenant_a["chair"]), tenant_a), "panel-decisions")
    assert "Your next meetings" in panel
    assert f"/meetings/{theirs.public_id}/" in panel and "You chair it." in panel
    # An organisation-wide chair decides at every council's meetings.
    assert f"/meetings/{not_theirs.public_id}/" in panel
    assert str(hub.public_id) not in panel and str(past.public_id) not in panel

    # A chair of the other council sees only meetings they chair or decide at.
    panel = section(home(client_for(scoped), tenant_a), "panel-decisions")
    assert str(theirs.public_id) not in panel
    assert "No council meeting is planned for you yet." in panel


def test_chair_goes_straight_to_a_decision_waiting(tenant_a, client_for, ready):
    meeting = make_meeting(tenant_a, Meeting.Kind.COUNCIL)
    services.agenda_build(meeting=meeting, actor=tenant_a["coordinator"])
    panel = section(home(client_for(tenant_a["chair"]), tenant_a), "panel-decisions")
    decide = f"/meetings/{meeting.public_id}/decide/{ready.public_id}/"
    assert decide in panel
    assert f"Record the decision on {ready.title}" in panel
    assert (
        client_for(tenant_a["chair"]).get(f"/{tenant_a.organisation.slug}{decide}").status_code
        == 200
    )


# ---------------------------------------------------------------- budgets


@pytest.mark.parametrize("role", [Role.REP, Role.CHAIR])
def test_home_costs_the_same_with_more_meetings(role, tenant_a, client_for):
    def grow():
        for i in range(1, 6):
            council = CouncilFactory(organisation=tenant_a.organisation, region=tenant_a.region)
            if role == Role.REP:
                user_with_role(tenant_a.organisation, Role.REP, council=council)
            MeetingFactory(council=council, chair=tenant_a["chair"], date=days(i))
            make_meeting(tenant_a, Meeting.Kind.HUB, date=days(i))
            meeting = make_meeting(tenant_a, Meeting.Kind.COUNCIL, date=days(i - 1))
            proposal = ProposalFactory(council=tenant_a.council, status="ready")
            AgendaItemFactory(meeting=meeting, kind="proposal", proposal=proposal)

    assert_flat_query_count(
        client_for(tenant_a[role]), f"/{tenant_a.organisation.slug}/", grow=grow, budget=30
    )
