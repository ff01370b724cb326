"""The proposal lifecycle through the services: every transition, and the
illegal ones refused with a plain message and nothing half-saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.models import AuditEvent
from proposals import services
from proposals.models import (
    ActionPoint,
    AgendaItem,
    Decision,
    Meeting,
    Proposal,
    ProposalEvent,
    ProposalStatus,
)

from .conftest import make_meeting
from .factories import FeedbackItemFactory, ProposalFactory, SurgeryFactory

pytestmark = pytest.mark.django_db
S = ProposalStatus


def messages_of(error) -> str:
    return " ".join(error.value.messages)


# --- Drafting ---------------------------------------------------------------


def test_rep_drafts_from_feedback_with_co_author(tenant_a, theme, rep2):
    surgery = SurgeryFactory(council=tenant_a.council, site=tenant_a.site)
    items = [
        FeedbackItemFactory(council=tenant_a.council, surgery=surgery, theme=theme)
        for _ in range(3)
    ]
    proposal = services.proposal_create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        actor=tenant_a["rep"],
        data={"title": "Training", "problem": "Rude staff.", "theme": theme},
        evidence=items,
        co_authors=[rep2],
    )
    assert proposal.status == S.DRAFT
    assert set(proposal.authors.all()) == {tenant_a["rep"], rep2}
    assert proposal.evidence.count() == 3
    assert proposal.events.get().kind == ProposalEvent.Kind.RAISED
    assert AuditEvent.objects.filter(action="proposal.created").exists()


@pytest.mark.parametrize("role", ["coordinator", "chair", "lead", "manager", "admin"])
def test_staff_cannot_author(tenant_a, role):
    with pytest.raises(PermissionDenied):
        services.proposal_create(
            organisation=tenant_a.organisation,
            council=tenant_a.council,
            actor=tenant_a[role],
            data={"title": "T", "problem": "P"},
        )
    assert not Proposal.objects.exists()


def test_evidence_from_another_council_is_refused(tenant_a, theme):
    item = FeedbackItemFactory(council=tenant_a.other_council, theme=theme)
    with pytest.raises(ValidationError) as error:
        services.proposal_create(
            organisation=tenant_a.organisation,
            council=tenant_a.council,
            actor=tenant_a["rep"],
            data={"title": "T", "problem": "P"},
            evidence=[item],
        )
    assert "this council" in messages_of(error)
    assert not Proposal.objects.exists()


def test_required_fields(tenant_a):
    with pytest.raises(ValidationError) as error:
        services.proposal_create(
            organisation=tenant_a.organisation,
            council=tenant_a.council,
            actor=tenant_a["rep"],
            data={"title": " ", "problem": ""},
        )
    assert set(error.value.message_dict) == {"title", "problem"}


def test_authors_edit_and_staff_cannot(tenant_a, draft, rep2):
    services.proposal_add_author(proposal=draft, user=rep2, actor=tenant_a["rep"])
    services.proposal_update(
        proposal=draft, actor=rep2, data={"title": "Better title", "problem": "Rude."}
    )
    draft.refresh_from_db()
    assert draft.title == "Better title"
    assert draft.events.filter(kind=ProposalEvent.Kind.EDITED).exists()
    with pytest.raises(PermissionDenied):
        services.proposal_update(
            proposal=draft, actor=tenant_a["coordinator"], data={"title": "X", "problem": "Y"}
        )


def test_non_author_rep_cannot_edit(tenant_a, draft, rep2):
    with pytest.raises(PermissionDenied):
        services.proposal_update(proposal=draft, actor=rep2, data={"title": "X", "problem": "Y"})


def test_co_author_must_be_rep_of_council(tenant_a, draft):
    with pytest.raises(ValidationError):
        services.proposal_add_author(
            proposal=draft, user=tenant_a["coordinator"], actor=tenant_a["rep"]
        )


def test_staff_comment_and_reps_comment(tenant_a, draft):
    services.proposal_comment(proposal=draft, actor=tenant_a["coordinator"], body="Costs?")
    services.proposal_comment(proposal=draft, actor=tenant_a["rep"], body="About £300.")
    assert draft.comments.count() == 2
    assert draft.events.filter(kind=ProposalEvent.Kind.COMMENT).count() == 2
    with pytest.raises(PermissionDenied):
        services.proposal_comment(proposal=draft, actor=tenant_a["manager"], body="Hi")
    with pytest.raises(ValidationError):
        services.proposal_comment(proposal=draft, actor=tenant_a["lead"], body="  ")


def test_withdraw_draft(tenant_a, draft):
    with pytest.raises(ValidationError):
        services.proposal_withdraw(proposal=draft, actor=tenant_a["rep"], reason="")
    services.proposal_withdraw(proposal=draft, actor=tenant_a["rep"], reason="Sorted already.")
    draft.refresh_from_db()
    assert draft.status == S.WITHDRAWN
    with pytest.raises(ValidationError):
        services.proposal_withdraw(proposal=draft, actor=tenant_a["rep"], reason="Again")


# --- Hub → ready ------------------------------------------------------------


def test_hub_agenda_lists_drafts_and_marks_ready(tenant_a, draft, hub):
    assert hub.agenda_items.filter(proposal=draft).exists()
    services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["rep"])
    draft.refresh_from_db()
    assert draft.status == S.READY and draft.ready_at
    event = draft.events.get(kind=ProposalEvent.Kind.READY)
    assert event.meeting == hub and event.actor == tenant_a["rep"]


def test_mark_ready_puts_it_on_the_next_council_meeting(tenant_a, draft, hub):
    later = make_meeting(tenant_a, "council", date=timezone.localdate() + dt.timedelta(days=20))
    services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["rep"])
    assert later.agenda_items.filter(proposal=draft, kind="proposal").exists()


def test_mark_ready_refusals(tenant_a, draft, hub, council_meeting):
    with pytest.raises(ValidationError):
        services.proposal_mark_ready(proposal=draft, meeting=council_meeting, actor=tenant_a["rep"])
    with pytest.raises(PermissionDenied):
        services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["coordinator"])
    future = make_meeting(tenant_a, "hub", date=timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises(ValidationError) as error:
        services.proposal_mark_ready(proposal=draft, meeting=future, actor=tenant_a["rep"])
    assert "day of the hub meeting" in messages_of(error)
    draft.solution = ""
    draft.save()
    with pytest.raises(ValidationError) as error:
        services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["rep"])
    assert "proposed solution" in messages_of(error)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


# --- Agenda -----------------------------------------------------------------


def test_council_agenda_is_assembled(tenant_a, ready, in_progress_other=None):
    point = ActionPoint.objects.create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        meeting=make_meeting(tenant_a, "hub", date=timezone.localdate() - dt.timedelta(days=30)),
        description="Ask for a notice board",
        owner=tenant_a["coordinator"],
        due_on=timezone.localdate(),
    )
    meeting = make_meeting(tenant_a, "council", date=timezone.localdate() + dt.timedelta(days=1))
    kinds = {(i.kind, i.proposal_id, i.action_point_id) for i in meeting.agenda_items.all()}
    assert ("proposal", ready.pk, None) in kinds
    assert ("action_point", None, point.pk) in kinds


def test_agenda_refuses_another_councils_proposal(
    tenant_a, council_meeting, other_council_proposal
):
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(
            meeting=council_meeting,
            kind="proposal",
            proposal=other_council_proposal,
            actor=tenant_a["coordinator"],
        )
    assert "belongs to" in messages_of(error)
    assert not council_meeting.agenda_items.filter(proposal=other_council_proposal).exists()


def test_agenda_reorder_edit_remove(tenant_a, council_meeting):
    a = services.agenda_item_add(
        meeting=council_meeting, kind="other", title="Welcome", actor=tenant_a["coordinator"]
    )
    b = services.agenda_item_add(
        meeting=council_meeting, kind="other", title="Close", actor=tenant_a["coordinator"]
    )
    services.agenda_item_move(item=b, direction="up", actor=tenant_a["coordinator"])
    assert list(council_meeting.agenda_items.values_list("title", flat=True)) == [
        "Close",
        "Welcome",
    ]
    services.agenda_item_update(item=a, title="Hello", notes="Tea", actor=tenant_a["coordinator"])
    services.agenda_item_remove(item=b, actor=tenant_a["coordinator"])
    assert list(council_meeting.agenda_items.values_list("title", flat=True)) == ["Hello"]
    with pytest.raises(PermissionDenied):
        services.agenda_item_update(item=a, title="X", notes="", actor=tenant_a["rep"])


def test_council_meeting_needs_a_chair(tenant_a):
    with pytest.raises(ValidationError) as error:
        make_meeting(tenant_a, "council", chair=tenant_a["lead"])
    assert "chair" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_hub_meeting_is_reps_only(tenant_a):
    with pytest.raises(ValidationError):
        services.meeting_create(
            organisation=tenant_a.organisation,
            council=tenant_a.council,
            kind="hub",
            date=timezone.localdate(),
            starts_at=dt.time(10),
            venue="Room",
            chair=None,
            invited=[tenant_a["lead"]],
            actor=tenant_a["coordinator"],
        )


def test_only_coordinators_schedule(tenant_a):
    with pytest.raises(PermissionDenied):
        make_meeting(tenant_a, "hub", actor=tenant_a["rep"])


# --- Action points ----------------------------------------------------------


def test_action_point_carried_forward_until_closed(tenant_a):
    first = make_meeting(tenant_a, "hub", date=timezone.localdate() - dt.timedelta(days=60))
    point = services.action_point_create(
        meeting=first,
        description="Ask for water cups",
        owner=tenant_a["coordinator"],
        due_on=first.date + dt.timedelta(days=30),
        actor=tenant_a["rep"],
    )
    second = make_meeting(tenant_a, "hub", date=timezone.localdate() - dt.timedelta(days=30))
    assert second.agenda_items.filter(action_point=point).exists()
    # Silence is not an update.
    with pytest.raises(ValidationError) as error:
        services.meeting_complete_minutes(meeting=second, actor=tenant_a["coordinator"])
    assert "still needs an update" in messages_of(error)
    with pytest.raises(ValidationError):
        services.action_point_note(
            action_point=point, meeting=second, note="  ", close=False, actor=tenant_a["rep"]
        )
    services.action_point_note(
        action_point=point,
        meeting=second,
        note="No progress, because the manager was away.",
        close=False,
        actor=tenant_a["rep"],
    )
    services.meeting_complete_minutes(meeting=second, actor=tenant_a["coordinator"])
    third = make_meeting(tenant_a, "council", date=timezone.localdate())
    item = third.agenda_items.get(action_point=point)
    with pytest.raises(ValidationError):
        services.agenda_item_remove(item=item, actor=tenant_a["coordinator"])
    services.action_point_note(
        action_point=point, meeting=third, note="Cups bought.", close=True, actor=tenant_a["rep"]
    )
    point.refresh_from_db()
    assert point.status == ActionPoint.Status.CLOSED
    fourth = make_meeting(tenant_a, "council", date=timezone.localdate() + dt.timedelta(days=30))
    assert not fourth.agenda_items.filter(action_point=point).exists()


def test_minutes_by_reps_or_staff(tenant_a, council_meeting, hub):
    services.minute_add(meeting=council_meeting, text="Chair welcomed all.", actor=tenant_a["rep"])
    services.minute_add(meeting=council_meeting, text="Apologies noted.", actor=tenant_a["chair"])
    with pytest.raises(PermissionDenied):
        services.minute_add(meeting=council_meeting, text="x", actor=tenant_a["lead"])
    with pytest.raises(PermissionDenied):
        services.minute_add(meeting=hub, text="x", actor=tenant_a["chair"])
    with pytest.raises(ValidationError):
        services.minute_add(meeting=council_meeting, text="  ", actor=tenant_a["rep"])
    assert council_meeting.minute_points.count() == 2


def test_attendance(tenant_a, council_meeting):
    services.attendance_record(
        meeting=council_meeting,
        statuses={tenant_a["rep"]: "attended", tenant_a["lead"]: "apologies"},
        actor=tenant_a["coordinator"],
    )
    assert council_meeting.attendance.count() == 2
    services.attendance_record(
        meeting=council_meeting, statuses={tenant_a["lead"]: ""}, actor=tenant_a["chair"]
    )
    assert council_meeting.attendance.count() == 1
    with pytest.raises(PermissionDenied):
        services.attendance_record(
            meeting=council_meeting, statuses={tenant_a["rep"]: "absent"}, actor=tenant_a["rep"]
        )


# --- Decisions --------------------------------------------------------------


@pytest.fixture
def on_agenda(tenant_a, ready, council_meeting):
    services.agenda_build(meeting=council_meeting, actor=tenant_a["coordinator"])
    return ready


def record(tenant, meeting, proposal, outcome, actor=None, **kwargs):
    return services.decision_record(
        meeting=meeting,
        proposal=proposal,
        outcome=outcome,
        actor=actor or tenant["chair"],
        **kwargs,
    )


@pytest.mark.parametrize(
    ("outcome", "kwargs", "status"),
    [
        ("accepted", {}, S.ACCEPTED),
        (
            "accepted_with_changes",
            {"changes_required": "Reps co-deliver it."},
            S.ACCEPTED_WITH_CHANGES,
        ),
        (
            "deferred",
            {
                "deferred_to": timezone.localdate() + dt.timedelta(days=90),
                "reason": "Budget in April.",
            },
            S.DEFERRED,
        ),
        (
            "not_accepted",
            {"reason_category": "cost", "reason": "There is no budget for cups this year."},
            S.NOT_ACCEPTED,
        ),
        ("replaced", {"reason": "Make it about all staff, not only reception."}, S.REPLACED),
        ("withdrawn", {}, S.WITHDRAWN),
    ],
)
def test_every_outcome(tenant_a, council_meeting, on_agenda, outcome, kwargs, status):
    decision = record(tenant_a, council_meeting, on_agenda, outcome, **kwargs)
    on_agenda.refresh_from_db()
    # Recorded, not yet published: the proposal shows only that it was presented.
    assert on_agenda.status == S.PRESENTED and on_agenda.presented_at
    assert on_agenda.published_decision is None
    services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    on_agenda.refresh_from_db()
    decision.refresh_from_db()
    assert on_agenda.status == status
    assert on_agenda.published_decision == decision
    assert decision.published_at and decision.published_by == tenant_a["chair"]
    assert on_agenda.events.filter(kind=ProposalEvent.Kind.DECISION, to_status=status).exists()
    if outcome == "replaced":
        new = decision.replaced_by
        assert new is not None and new.status == S.DRAFT
        assert set(new.authors.all()) == set(on_agenda.authors.all())


@pytest.mark.parametrize(
    ("outcome", "kwargs", "field"),
    [
        ("not_accepted", {"reason_category": "cost"}, "reason"),
        ("not_accepted", {"reason": "No money this year."}, "reason_category"),
        ("accepted_with_changes", {}, "changes_required"),
        ("deferred", {"reason": "We need the costs first."}, "deferred_to"),
        ("deferred", {"deferred_to": timezone.localdate() + dt.timedelta(days=9)}, "reason"),
        ("replaced", {}, "reason"),
    ],
)
def test_decision_without_required_reason_is_refused(
    tenant_a, council_meeting, on_agenda, outcome, kwargs, field
):
    with pytest.raises(ValidationError) as error:
        record(tenant_a, council_meeting, on_agenda, outcome, **kwargs)
    assert field in error.value.message_dict
    on_agenda.refresh_from_db()
    assert on_agenda.status == S.READY
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "lead", "manager", "admin", "rep"])
def test_decision_by_anyone_but_a_chair_is_refused(tenant_a, council_meeting, on_agenda, role):
    with pytest.raises(PermissionDenied) as error:
        record(tenant_a, council_meeting, on_agenda, "accepted", actor=tenant_a[role])
    assert "chair" in str(error.value)
    assert not Decision.objects.exists()


def test_chair_of_another_council_is_refused(tenant_a, council_meeting, on_agenda):
    from councils.models import Role
    from tests.factories import user_with_role

    other_chair = user_with_role(tenant_a.organisation, Role.CHAIR, council=tenant_a.other_council)
    with pytest.raises(PermissionDenied):
        record(tenant_a, council_meeting, on_agenda, "accepted", actor=other_chair)


def test_meeting_chair_without_council_wide_role_may_decide(tenant_a, on_agenda):
    from councils.models import Role
    from tests.factories import user_with_role

    chair = user_with_role(tenant_a.organisation, Role.CHAIR, council=tenant_a.council)
    meeting = make_meeting(tenant_a, "council", chair=chair)
    services.agenda_build(meeting=meeting, actor=tenant_a["coordinator"])
    assert record(tenant_a, meeting, on_agenda, "accepted", actor=chair)


def test_decision_needs_the_proposal_on_the_agenda(
    tenant_a, council_meeting, other_council_proposal, ready
):
    with pytest.raises(ValidationError) as error:
        record(tenant_a, council_meeting, other_council_proposal, "accepted")
    assert "another council" in messages_of(error)
    AgendaItem.objects.filter(meeting=council_meeting, proposal=ready).delete()
    with pytest.raises(ValidationError) as error:
        record(tenant_a, council_meeting, ready, "accepted")
    assert "not on the meeting's agenda" in messages_of(error)


def test_no_decisions_at_hub_meetings(tenant_a, hub, draft):
    with pytest.raises(ValidationError):
        record(tenant_a, hub, draft, "accepted")


def test_decision_can_change_until_published(tenant_a, council_meeting, on_agenda):
    record(tenant_a, council_meeting, on_agenda, "accepted")
    record(
        tenant_a,
        council_meeting,
        on_agenda,
        "not_accepted",
        reason_category="policy",
        reason="National policy does not allow this.",
    )
    assert Decision.objects.get().outcome == "not_accepted"
    services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    with pytest.raises(ValidationError) as error:
        record(tenant_a, council_meeting, on_agenda, "accepted")
    assert "published" in messages_of(error)


def test_publishing_twice_is_refused(tenant_a, council_meeting, on_agenda):
    record(tenant_a, council_meeting, on_agenda, "accepted")
    services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    with pytest.raises(ValidationError):
        services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])


def test_publish_claims_each_decision_once(tenant_a, council_meeting, on_agenda, monkeypatch):
    """Two people publish at the same moment: the second one's conditional
    update finds nothing left to claim and nothing is applied twice."""
    record(tenant_a, council_meeting, on_agenda, "accepted")
    real_update = Decision.objects.filter

    # Simulate the other person winning the race between our read and our claim.
    decision = Decision.objects.get()

    def racing_filter(*args, **kwargs):
        qs = real_update(*args, **kwargs)
        if kwargs.get("pk") == decision.pk and "published_at__isnull" in kwargs:
            Decision.objects.filter(pk=decision.pk).update(published_at=timezone.now())
        return qs

    monkeypatch.setattr(Decision.objects, "filter", racing_filter)
    with pytest.raises(ValidationError) as error:
        services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    assert "Someone else" in messages_of(error)
    on_agenda.refresh_from_db()
    assert on_agenda.status == S.PRESENTED  # not applied by the loser


def test_publish_only_by_chair(tenant_a, council_meeting, on_agenda):
    record(tenant_a, council_meeting, on_agenda, "accepted")
    with pytest.raises(PermissionDenied):
        services.decisions_publish(meeting=council_meeting, actor=tenant_a["coordinator"])


def test_deferred_comes_back_on_a_later_agenda(tenant_a, council_meeting, on_agenda):
    record(
        tenant_a,
        council_meeting,
        on_agenda,
        "deferred",
        deferred_to=timezone.localdate() + dt.timedelta(days=30),
        reason="Waiting for the budget.",
    )
    services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    too_soon = make_meeting(tenant_a, "council", date=timezone.localdate() + dt.timedelta(days=10))
    assert not too_soon.agenda_items.filter(proposal=on_agenda).exists()
    later = make_meeting(tenant_a, "council", date=timezone.localdate() + dt.timedelta(days=40))
    assert later.agenda_items.filter(proposal=on_agenda).exists()


# --- Implementation ---------------------------------------------------------


def test_owner_assignment_grants_update_permission(tenant_a, accepted):
    lead = tenant_a["lead"]
    assert not lead.has_perm("proposals.update_implementation", accepted)
    services.proposal_assign_owner(
        proposal=accepted,
        owner=lead,
        target_date=timezone.localdate() + dt.timedelta(days=30),
        actor=tenant_a["chair"],
    )
    lead = type(lead).objects.get(pk=lead.pk)
    assert lead.has_perm("proposals.update_implementation", accepted)
    accepted.refresh_from_db()
    assert accepted.status == S.IN_PROGRESS and accepted.owner == lead


def test_target_date_before_decision_is_refused(tenant_a, accepted):
    with pytest.raises(ValidationError) as error:
        services.proposal_assign_owner(
            proposal=accepted,
            owner=tenant_a["lead"],
            target_date=timezone.localdate() - dt.timedelta(days=1),
            actor=tenant_a["chair"],
        )
    assert "before the decision" in error.value.message_dict["target_date"][0]
    accepted.refresh_from_db()
    assert accepted.status == S.ACCEPTED and accepted.owner is None


def test_owner_must_be_a_lead_and_assigner_a_chair(tenant_a, accepted):
    target = timezone.localdate() + dt.timedelta(days=5)
    with pytest.raises(ValidationError):
        services.proposal_assign_owner(
            proposal=accepted, owner=tenant_a["rep"], target_date=target, actor=tenant_a["chair"]
        )
    with pytest.raises(PermissionDenied):
        services.proposal_assign_owner(
            proposal=accepted,
            owner=tenant_a["lead"],
            target_date=target,
            actor=tenant_a["coordinator"],
        )


def test_reassigning_moves_the_grant(tenant_a, in_progress):
    from councils.models import Role
    from tests.factories import user_with_role

    new_lead = user_with_role(tenant_a.organisation, Role.LEAD)
    services.proposal_assign_owner(
        proposal=in_progress,
        owner=new_lead,
        target_date=in_progress.target_date,
        actor=tenant_a["chair"],
    )
    old = type(new_lead).objects.get(pk=tenant_a["lead"].pk)
    assert not old.has_perm("proposals.update_implementation", in_progress)
    assert (
        type(new_lead)
        .objects.get(pk=new_lead.pk)
        .has_perm("proposals.update_implementation", in_progress)
    )


def test_updates_and_implemented(tenant_a, in_progress):
    lead = tenant_a["lead"]
    services.implementation_update_add(
        proposal=in_progress, status="in_progress", note="Trainer booked.", actor=lead
    )
    with pytest.raises(ValidationError):
        services.implementation_update_add(
            proposal=in_progress, status="blocked", note=" ", actor=lead
        )
    with pytest.raises(ValidationError):
        services.proposal_mark_implemented(proposal=in_progress, we_did="", actor=lead)
    services.proposal_mark_implemented(
        proposal=in_progress,
        we_did="All reception staff had customer service training.",
        actor=lead,
    )
    in_progress.refresh_from_db()
    assert in_progress.status == S.IMPLEMENTED and in_progress.implemented_at
    kinds = list(in_progress.events.values_list("kind", flat=True))
    assert {"update", "implemented", "owner_assigned", "decision", "ready", "raised"} <= set(kinds)
    with pytest.raises(ValidationError):
        services.implementation_update_add(
            proposal=in_progress, status="in_progress", note="More", actor=lead
        )


def test_not_implemented_needs_a_reason(tenant_a, in_progress):
    lead = tenant_a["lead"]
    with pytest.raises(ValidationError) as error:
        services.proposal_mark_not_implemented(proposal=in_progress, reason="", actor=lead)
    assert "reason" in error.value.message_dict
    services.proposal_mark_not_implemented(
        proposal=in_progress, reason="The building is being sold.", actor=lead
    )
    in_progress.refresh_from_db()
    assert in_progress.status == S.NOT_IMPLEMENTED


@pytest.mark.parametrize("role", ["chair", "coordinator", "rep", "admin", "manager"])
def test_update_from_someone_who_does_not_own_it(tenant_a, in_progress, role):
    with pytest.raises(PermissionDenied) as error:
        services.implementation_update_add(
            proposal=in_progress, status="in_progress", note="Hello", actor=tenant_a[role]
        )
    assert "owns this proposal" in str(error.value)
    assert not in_progress.implementation_updates.exists()


def test_another_lead_cannot_update(tenant_a, in_progress):
    from councils.models import Role
    from tests.factories import user_with_role

    other = user_with_role(tenant_a.organisation, Role.LEAD)
    with pytest.raises(PermissionDenied):
        services.proposal_mark_implemented(proposal=in_progress, we_did="x", actor=other)


@pytest.mark.parametrize(
    "status", [S.DRAFT, S.READY, S.NOT_ACCEPTED, S.DEFERRED, S.IMPLEMENTED, S.WITHDRAWN]
)
def test_illegal_owner_assignment(tenant_a, status):
    proposal = ProposalFactory(
        council=tenant_a.council, status=status, we_did="Done." if status == S.IMPLEMENTED else ""
    )
    with pytest.raises(ValidationError):
        services.proposal_assign_owner(
            proposal=proposal,
            owner=tenant_a["lead"],
            target_date=timezone.localdate(),
            actor=tenant_a["chair"],
        )


@pytest.mark.parametrize("status", [S.DRAFT, S.ACCEPTED, S.IMPLEMENTED, S.NOT_ACCEPTED])
def test_illegal_decision_states(tenant_a, council_meeting, status):
    proposal = ProposalFactory(
        council=tenant_a.council, status=status, we_did="Done." if status == S.IMPLEMENTED else ""
    )
    AgendaItem.objects.create(
        organisation=tenant_a.organisation,
        meeting=council_meeting,
        kind="proposal",
        proposal=proposal,
    )
    with pytest.raises(ValidationError):
        record(tenant_a, council_meeting, proposal, "accepted")
