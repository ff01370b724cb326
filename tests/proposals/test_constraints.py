"""The database keeps the promises the services make: each check constraint
refuses a bad row even when it is written past the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from proposals import services
from proposals.models import (
    ActionPoint,
    AgendaItem,
    Decision,
    Meeting,
    MinutePoint,
    Proposal,
    ProposalComment,
)

from .conftest import make_meeting
from .factories import ActionPointFactory, AgendaItemFactory, MeetingFactory, ProposalFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def refused(model, pk, **bad) -> bool:
    """Writing ``bad`` onto the row raises IntegrityError (and nothing changes)."""
    try:
        with transaction.atomic():
            model.objects.filter(pk=pk).update(**bad)
    except IntegrityError:
        return True
    return False


@pytest.fixture
def proposal(tenant_a):
    return ProposalFactory(council=tenant_a.council)


@pytest.fixture
def meeting(tenant_a):
    return MeetingFactory(council=tenant_a.council, chair=tenant_a["chair"])


@pytest.fixture
def decision(tenant_a, proposal, meeting):
    return Decision.objects.create(
        organisation=tenant_a.organisation,
        proposal=proposal,
        meeting=meeting,
        outcome=Decision.Outcome.ACCEPTED,
        decided_by=tenant_a["chair"],
        decided_at=NOW,
    )


@pytest.mark.parametrize(
    ("bad", "name"),
    [
        ({"title": ""}, "proposal_has_title"),
        ({"problem": ""}, "proposal_says_the_problem"),
        ({"status": "lost"}, "proposal_status_is_known"),
        ({"status": "withdrawn"}, "proposal_withdrawn_says_when"),
        ({"status": "implemented", "we_did": ""}, "proposal_implemented_has_we_did"),
        ({"status": "not_implemented"}, "proposal_not_implemented_has_reason"),
        ({"we_did": "Trained everyone."}, "proposal_we_did_only_when_done"),
        ({"not_implemented_reason": "No money."}, "proposal_not_done_reason_only_when_not_done"),
    ],
)
def test_proposal_constraints(proposal, bad, name):
    assert refused(Proposal, proposal.pk, **bad), name


def test_good_proposal_endings_are_allowed(proposal):
    assert not refused(Proposal, proposal.pk, status="withdrawn", withdrawn_at=NOW)
    assert not refused(Proposal, proposal.pk, status="implemented", we_did="Trained everyone.")


@pytest.mark.parametrize(
    ("bad", "name"),
    [
        ({"kind": "party"}, "meeting_kind_is_known"),
        ({"venue": ""}, "meeting_says_where"),
        ({"cancelled_at": NOW}, "meeting_cancelled_has_reason"),
        ({"cancellation_notified_at": NOW}, "meeting_cancellation_notified_only_when_cancelled"),
        (
            {"cancelled_at": NOW, "cancelled_reason": "Flood.", "minutes_completed_at": NOW},
            "meeting_cancelled_has_no_minutes",
        ),
    ],
)
def test_meeting_constraints(meeting, bad, name):
    assert refused(Meeting, meeting.pk, **bad), name


@pytest.mark.parametrize(
    ("bad", "name"),
    [
        ({"outcome": "not_accepted"}, "decision_not_accepted_has_reason"),
        ({"outcome": "accepted_with_changes"}, "decision_changes_are_stated"),
        ({"outcome": "deferred", "reason": "Ask again."}, "decision_deferred_says_until_when"),
        (
            {"outcome": "deferred", "deferred_to": dt.date(2030, 1, 1)},
            "decision_deferred_has_reason",
        ),
        ({"deferred_to": dt.date(2030, 1, 1)}, "decision_deferral_only_when_deferred"),
        ({"outcome": "replaced"}, "decision_replaced_is_explained"),
        ({"published_by": None, "notified_at": NOW}, "decision_published_before_told"),
    ],
)
def test_decision_constraints(decision, bad, name):
    assert refused(Decision, decision.pk, **bad), name


def test_replaced_by_belongs_to_a_replaced_decision(tenant_a, decision):
    other = ProposalFactory(council=tenant_a.council)
    assert refused(Decision, decision.pk, replaced_by=other)
    assert not refused(
        Decision, decision.pk, outcome="replaced", reason="Start again.", replaced_by=other
    )


def test_good_deferral_is_allowed(decision):
    assert not refused(
        Decision,
        decision.pk,
        outcome="deferred",
        reason="Ask again in April.",
        deferred_to=dt.date(2030, 1, 1),
    )


def test_action_point_constraints(tenant_a, meeting):
    point = ActionPointFactory(meeting=meeting, owner=tenant_a["coordinator"])
    assert refused(ActionPoint, point.pk, description="")
    assert refused(ActionPoint, point.pk, status="closed")
    assert refused(ActionPoint, point.pk, closed_at=NOW)
    assert not refused(ActionPoint, point.pk, status="closed", closed_at=NOW)


def test_agenda_item_constraints(tenant_a, meeting):
    item = AgendaItemFactory(meeting=meeting)
    assert refused(AgendaItem, item.pk, title="")
    assert refused(AgendaItem, item.pk, kind="proposal")
    assert refused(AgendaItem, item.pk, kind="implementation_update")
    assert refused(AgendaItem, item.pk, kind="action_point")


def test_minutes_and_comments_have_words(tenant_a, proposal):
    meeting = make_meeting(tenant_a, Meeting.Kind.COUNCIL)
    point = services.minute_add(meeting=meeting, text="We met.", actor=tenant_a["coordinator"])
    assert refused(MinutePoint, point.pk, text="")
    comment = services.proposal_comment(
        proposal=proposal, actor=tenant_a["coordinator"], body="Good idea."
    )
    assert refused(ProposalComment, comment.pk, body="")
