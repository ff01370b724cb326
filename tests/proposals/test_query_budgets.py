"""Query budgets: the lists and the meeting page cost the same with more data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from councils.models import Role
from proposals import services
from proposals.models import Meeting
from tests.factories import user_with_role
from tests.querycount import assert_flat_query_count

from .conftest import make_meeting
from .factories import ActionPointFactory, AgendaItemFactory, MeetingFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


def grow_proposals(tenant, n=8):
    def grow():
        for i in range(n):
            p = ProposalFactory(
                council=tenant.council,
                status=["draft", "ready", "in_progress", "implemented"][i % 4],
                we_did="Done." if i % 4 == 3 else "",
                owner=tenant["lead"],
                target_date=timezone.localdate() - dt.timedelta(days=1),
                authors=[tenant["rep"]],
            )
            services.proposal_comment(proposal=p, actor=tenant["rep"], body="Looks good.")

    return grow


@pytest.mark.parametrize("role", ["coordinator", "rep", "chair", "manager"])
def test_proposal_list(tenant_a, client_for, role):
    ProposalFactory(council=tenant_a.council)
    assert_flat_query_count(
        client_for(tenant_a[role]),
        url(tenant_a, "proposals/"),
        grow=grow_proposals(tenant_a),
        budget=10,
    )


def test_our_proposals(tenant_a, client_for):
    ProposalFactory(council=tenant_a.council, authors=[tenant_a["rep"]])
    assert_flat_query_count(
        client_for(tenant_a["rep"]),
        url(tenant_a, "proposals/ours/"),
        grow=grow_proposals(tenant_a),
        budget=6,
    )


def test_my_actions_and_overdue(tenant_a, client_for):
    # Each kind of row the lead's page shows is there from the start: open and
    # finished proposals, open and closed action points.
    ProposalFactory(council=tenant_a.council, owner=tenant_a["lead"], status="in_progress")
    ProposalFactory(
        council=tenant_a.council,
        owner=tenant_a["lead"],
        status="implemented",
        we_did="Done.",
        implemented_at=timezone.now(),
    )
    meeting = MeetingFactory(council=tenant_a.council)
    ActionPointFactory(meeting=meeting, owner=tenant_a["lead"])
    ActionPointFactory(
        meeting=meeting, owner=tenant_a["lead"], status="closed", closed_at=timezone.now()
    )
    assert_flat_query_count(
        client_for(tenant_a["lead"]),
        url(tenant_a, "proposals/my-actions/"),
        grow=grow_proposals(tenant_a),
        budget=9,
    )
    assert_flat_query_count(
        client_for(tenant_a["coordinator"]),
        url(tenant_a, "proposals/overdue/"),
        grow=grow_proposals(tenant_a),
        budget=7,
    )


def test_decisions_awaiting(tenant_a, client_for):
    meeting = make_meeting(tenant_a, "council")

    def grow():
        for _ in range(6):
            p = ProposalFactory(council=tenant_a.council, status="ready")
            AgendaItemFactory(meeting=meeting, kind="proposal", proposal=p, title="")
            ProposalFactory(council=tenant_a.council, status="accepted")

    grow()
    assert_flat_query_count(
        client_for(tenant_a["chair"]), url(tenant_a, "proposals/decisions/"), grow=grow, budget=9
    )


def test_proposal_detail(tenant_a, client_for, in_progress):
    def grow():
        for i in range(5):
            services.implementation_update_add(
                proposal=in_progress, status="in_progress", note=f"Step {i}", actor=tenant_a["lead"]
            )
            services.proposal_comment(
                proposal=in_progress, actor=tenant_a["coordinator"], body="OK"
            )
            in_progress.authors.add(
                user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
            )

    assert_flat_query_count(
        client_for(tenant_a["rep"]),
        url(tenant_a, f"proposals/{in_progress.public_id}/"),
        grow=grow,
        budget=30,
    )


def test_meeting_list(tenant_a, client_for):
    MeetingFactory(council=tenant_a.council, chair=tenant_a["chair"])
    MeetingFactory(
        council=tenant_a.council,
        chair=tenant_a["chair"],
        date=timezone.localdate() - dt.timedelta(days=3),
    )

    def grow():
        for days in range(-5, 5):
            MeetingFactory(
                council=tenant_a.council,
                chair=tenant_a["chair"],
                date=timezone.localdate() + dt.timedelta(days=days * 7),
                kind=Meeting.Kind.HUB if days % 2 else Meeting.Kind.COUNCIL,
            )

    for role in ("coordinator", "rep", "chair"):
        assert_flat_query_count(
            client_for(tenant_a[role]), url(tenant_a, "meetings/"), grow=grow, budget=20
        )


@pytest.mark.parametrize("role", ["chair", "coordinator", "rep"])
def test_meeting_page(tenant_a, client_for, role):
    earlier = make_meeting(tenant_a, "hub", date=timezone.localdate() - dt.timedelta(days=30))
    meeting = make_meeting(tenant_a, "council")

    def grow():
        for i in range(4):
            ready = ProposalFactory(council=tenant_a.council, status="ready")
            services.agenda_item_add(
                meeting=meeting, kind="proposal", proposal=ready, actor=tenant_a["coordinator"]
            )
            services.decision_record(
                meeting=meeting, proposal=ready, outcome="accepted", actor=tenant_a["chair"]
            )
            doing = ProposalFactory(
                council=tenant_a.council, status="in_progress", owner=tenant_a["lead"]
            )
            AgendaItemFactory(
                meeting=meeting, kind="implementation_update", proposal=doing, title=""
            )
            point = ActionPointFactory(meeting=earlier, owner=tenant_a["coordinator"])
            AgendaItemFactory(meeting=meeting, kind="action_point", action_point=point, title="")
            services.action_point_note(
                action_point=point,
                meeting=meeting,
                note="No progress, because ...",
                close=False,
                actor=tenant_a["coordinator"],
            )
            services.minute_add(meeting=meeting, text=f"Point {i}", actor=tenant_a["rep"])
            services.attendance_record(
                meeting=meeting,
                statuses={
                    user_with_role(
                        tenant_a.organisation, Role.REP, council=tenant_a.council
                    ): "attended"
                },
                actor=tenant_a["coordinator"],
            )
            services.action_point_create(
                meeting=meeting,
                description="New action",
                owner=tenant_a["lead"],
                due_on=meeting.date + dt.timedelta(days=7),
                actor=tenant_a["coordinator"],
            )
            meeting.invited.add(tenant_a["lead"])

    grow()  # one of everything first: an empty list costs no query at all
    client = client_for(tenant_a[role])
    page = url(tenant_a, f"meetings/{meeting.public_id}/")
    client.get(page)  # and warm the process-wide content type cache
    assert_flat_query_count(client, page, grow=grow, budget=30)


def test_publish_check_page(tenant_a, client_for):
    """The check before publishing costs the same for more decisions, more
    reps and more authors."""
    meeting = make_meeting(tenant_a, "council")

    def grow():
        for i in range(4):
            author = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
            ready = ProposalFactory(council=tenant_a.council, status="ready", authors=[author])
            services.agenda_item_add(
                meeting=meeting, kind="proposal", proposal=ready, actor=tenant_a["coordinator"]
            )
            outcome = ["accepted", "not_accepted", "deferred", "accepted_with_changes"][i]
            services.decision_record(
                meeting=meeting,
                proposal=ready,
                outcome=outcome,
                reason_category="cost" if outcome == "not_accepted" else "",
                reason="" if outcome.startswith("accepted") else "Not until the new budget.",
                deferred_to=meeting.date + dt.timedelta(days=30) if outcome == "deferred" else None,
                changes_required="Reps help." if outcome == "accepted_with_changes" else "",
                actor=tenant_a["chair"],
            )

    grow()
    assert_flat_query_count(
        client_for(tenant_a["chair"]),
        url(tenant_a, f"meetings/{meeting.public_id}/publish/check/"),
        grow=grow,
        budget=20,
    )
