"""Cancelling a meeting: only coordinators, only before it has happened, with
a reason; once, even if two coordinators press at once; one email to each
person invited and the chair after the commit; and nothing waiting for it is
lost: ready proposals stay ready and go to the next meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.models import AuditEvent
from proposals import notifications, selectors, services
from proposals.models import AgendaItem, Meeting, ProposalEvent, ProposalStatus

from .conftest import make_meeting

pytestmark = pytest.mark.django_db
S = ProposalStatus


def url(tenant, path: str) -> str:
    return f"/{tenant.organisation.slug}/{path}"


def council_meeting_on(tenant, days: int, *, invited=()) -> Meeting:
    return services.meeting_create(
        organisation=tenant.organisation,
        council=tenant.council,
        kind=Meeting.Kind.COUNCIL,
        date=timezone.localdate() + dt.timedelta(days=days),
        starts_at=dt.time(14, 0),
        venue="Ashford Vale probation office",
        chair=tenant["chair"],
        invited=invited,
        actor=tenant["coordinator"],
    )


def cancel(tenant, meeting, reason="The room flooded.", actor=None):
    return services.meeting_cancel(
        meeting=meeting, reason=reason, actor=actor or tenant["coordinator"]
    )


# --- The service ---------------------------------------------------------------


def test_a_coordinator_cancels_with_a_reason(tenant_a, draft, hub):
    meeting = council_meeting_on(tenant_a, 7, invited=[tenant_a["lead"]])
    services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["rep"])

    cancel(tenant_a, meeting, reason="  The room flooded.  ")

    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None
    assert meeting.cancelled_reason == "The room flooded."
    assert meeting.cancelled_by == tenant_a["coordinator"]
    audit = AuditEvent.objects.get(action="meeting.cancelled")
    assert audit.actor == tenant_a["coordinator"]
    assert audit.object_id == meeting.public_id
    assert audit.changes["reason"] == "The room flooded."
    assert audit.changes["proposals_waiting"] == [draft.public_id]
    # The proposal's timeline says what happened to its meeting.
    event = ProposalEvent.objects.get(proposal=draft, kind=ProposalEvent.Kind.MEETING_CANCELLED)
    assert event.meeting == meeting
    assert "The room flooded." in event.text
    assert "next council meeting when one is scheduled" in event.text
    # It no longer counts as a meeting to come.
    assert meeting not in selectors.upcoming_meetings(council=tenant_a.council)


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_a_reason_is_required(tenant_a, reason):
    meeting = council_meeting_on(tenant_a, 7)
    with pytest.raises(ValidationError) as error:
        cancel(tenant_a, meeting, reason=reason)
    assert error.value.message_dict == {"reason": ["Say why the meeting is cancelled."]}
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None
    assert not AuditEvent.objects.filter(action="meeting.cancelled").exists()


def test_only_coordinators_cancel(tenant_a):
    meeting = council_meeting_on(tenant_a, 7)
    for role in ("chair", "rep", "lead", "manager"):
        with pytest.raises(PermissionDenied):
            cancel(tenant_a, meeting, actor=tenant_a[role])
    cancel(tenant_a, meeting, actor=tenant_a["admin"])
    meeting.refresh_from_db()
    assert meeting.cancelled_by == tenant_a["admin"]


def test_an_already_cancelled_meeting_is_refused_plainly(
    tenant_a, django_capture_on_commit_callbacks
):
    meeting = council_meeting_on(tenant_a, 7)
    cancel(tenant_a, meeting, reason="The room flooded.")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with pytest.raises(ValidationError) as error:
            cancel(tenant_a, meeting, reason="Another reason.")
    assert error.value.messages == ["This meeting is already cancelled."]
    assert callbacks == []
    meeting.refresh_from_db()
    assert meeting.cancelled_reason == "The room flooded."
    assert AuditEvent.objects.filter(action="meeting.cancelled").count() == 1


def test_two_coordinators_at_once_cancel_once(
    tenant_a, monkeypatch, django_capture_on_commit_callbacks
):
    """Both passed the checks before either wrote: the conditional update
    lets exactly one of them cancel (and email)."""
    meeting = council_meeting_on(tenant_a, 7)
    cancel(tenant_a, meeting, reason="First.")
    monkeypatch.setattr(services, "cancel_refusal", lambda meeting: None)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with pytest.raises(ValidationError, match="already cancelled"):
            cancel(tenant_a, meeting, reason="Second.", actor=tenant_a["admin"])
    assert callbacks == []
    meeting.refresh_from_db()
    assert (meeting.cancelled_reason, meeting.cancelled_by) == ("First.", tenant_a["coordinator"])
    assert AuditEvent.objects.filter(action="meeting.cancelled").count() == 1


def test_a_meeting_with_published_decisions_has_happened(tenant_a, accepted, council_meeting):
    with pytest.raises(ValidationError) as error:
        cancel(tenant_a, council_meeting)
    assert error.value.messages[0].startswith("This meeting has already happened")
    council_meeting.refresh_from_db()
    assert council_meeting.cancelled_at is None


def test_a_meeting_with_completed_minutes_has_happened(tenant_a):
    meeting = make_meeting(tenant_a, Meeting.Kind.HUB)
    services.meeting_complete_minutes(meeting=meeting, actor=tenant_a["coordinator"])
    with pytest.raises(ValidationError, match="This meeting has already happened"):
        cancel(tenant_a, meeting)


def test_everyone_invited_and_the_chair_are_emailed_once_after_commit(
    tenant_a, django_capture_on_commit_callbacks
):
    invited = [tenant_a["lead"], tenant_a["manager"], tenant_a["chair"]]
    meeting = council_meeting_on(tenant_a, 7, invited=invited)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cancel(tenant_a, meeting, reason="The room flooded.")
    # Nothing is sent inside the transaction.
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    # The chair is invited too, and still gets one email.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in invited)
    day = f"{meeting.date:%A %-d %B %Y}"
    body = mail.outbox[0].body
    assert f"The meeting on {day} is cancelled. Reason: The room flooded." in body
    assert mail.outbox[0].subject.startswith("Cancelled: Council meeting")
    # A retried task sends nothing more.
    assert notifications.meeting_cancelled(meeting_id=meeting.pk) == 0
    assert len(mail.outbox) == len(invited)


def test_a_hub_meeting_with_nobody_named_tells_the_councils_reps(
    tenant_a, rep2, django_capture_on_commit_callbacks
):
    meeting = make_meeting(tenant_a, Meeting.Kind.HUB, date=timezone.localdate() + dt.timedelta(7))
    with django_capture_on_commit_callbacks(execute=True):
        cancel(tenant_a, meeting)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([tenant_a["rep"].email, rep2.email])
    assert "Drafts that were on its agenda stay drafts" in mail.outbox[0].body


def test_ready_proposals_stay_ready_and_go_to_the_next_council_meeting(tenant_a, draft, hub):
    first = council_meeting_on(tenant_a, 7)
    second = council_meeting_on(tenant_a, 35)
    # Marked ready after both were scheduled: it goes on the first one only.
    services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["rep"])
    on = AgendaItem.objects.filter(proposal=draft, kind=AgendaItem.Kind.PROPOSAL)
    assert set(on.values_list("meeting", flat=True)) == {hub.pk, first.pk}

    cancel(tenant_a, first)

    draft.refresh_from_db()
    assert draft.status == S.READY
    assert on.filter(meeting=second).exists()
    event = ProposalEvent.objects.get(kind=ProposalEvent.Kind.MEETING_CANCELLED)
    assert f"next council meeting, on {second.date:%-d %B %Y}" in event.text
    # The chair of the next meeting can decide on it there.
    assert (
        selectors.decisions_awaiting(organisation=tenant_a.organisation, user=tenant_a["chair"])[
            "waiting"
        ][0].meeting
        == second
    )


def test_with_no_next_meeting_the_agenda_builder_picks_it_up_later(tenant_a, draft, hub):
    first = council_meeting_on(tenant_a, 7)
    services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["rep"])
    cancel(tenant_a, first)
    draft.refresh_from_db()
    assert draft.status == S.READY

    later = council_meeting_on(tenant_a, 40)
    assert later.agenda_items.filter(proposal=draft, kind=AgendaItem.Kind.PROPOSAL).exists()


def test_a_proposal_deferred_to_a_cancelled_meeting_comes_back_at_the_next(
    tenant_a, ready, council_meeting
):
    target = council_meeting_on(tenant_a, 30)
    services.agenda_build(meeting=council_meeting, actor=tenant_a["coordinator"])
    services.decision_record(
        meeting=council_meeting,
        proposal=ready,
        outcome="deferred",
        deferred_to_meeting=target,
        reason="We need the costs first.",
        actor=tenant_a["chair"],
    )
    services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    cancel(tenant_a, target)

    later = council_meeting_on(tenant_a, 60)
    ready.refresh_from_db()
    assert ready.status == S.DEFERRED
    assert later.agenda_items.filter(proposal=ready, kind=AgendaItem.Kind.PROPOSAL).exists()


def test_a_cancelled_meeting_takes_no_more_minutes_or_agenda_changes(tenant_a):
    meeting = make_meeting(tenant_a, Meeting.Kind.COUNCIL)
    cancel(tenant_a, meeting)
    meeting.refresh_from_db()
    coordinator = tenant_a["coordinator"]
    refusals = [
        lambda: services.agenda_build(meeting=meeting, actor=coordinator),
        lambda: services.agenda_item_add(
            meeting=meeting, kind="other", title="Any other business", actor=coordinator
        ),
        lambda: services.minute_add(meeting=meeting, text="We met.", actor=coordinator),
        lambda: services.attendance_record(meeting=meeting, statuses={}, actor=coordinator),
        lambda: services.meeting_complete_minutes(meeting=meeting, actor=coordinator),
    ]
    for attempt in refusals:
        with pytest.raises(ValidationError, match="This meeting was cancelled."):
            attempt()


# --- The pages -----------------------------------------------------------------


def test_coordinator_confirms_and_cancels(tenant_a, client_for, draft, hub):
    meeting = council_meeting_on(tenant_a, 7, invited=[tenant_a["lead"]])
    services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["rep"])
    client = client_for(tenant_a["coordinator"])
    detail = url(tenant_a, f"meetings/{meeting.public_id}/")
    page = url(tenant_a, f"meetings/{meeting.public_id}/cancel/")
    assert page.encode() in client.get(detail).content  # the link for those allowed

    response = client.get(page)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="reason"' in content
    assert draft.title in content  # what stays ready
    assert str(tenant_a["lead"]) in content and f"the chair ({tenant_a['chair']})" in content

    response = client.post(page, {"reason": "The room flooded."})
    assert response.status_code == 302
    assert response["Location"] == detail
    meeting.refresh_from_db()
    assert meeting.cancelled_reason == "The room flooded."

    shown = client.get(detail).content.decode()
    assert "Cancelled" in shown and "The room flooded." in shown
    assert page not in shown  # no second cancel
    assert "Order and edit the agenda" not in shown
    listed = client.get(url(tenant_a, "meetings/")).content.decode()
    assert "Cancelled" in listed and "The room flooded." in listed
    # Asking again says plainly why not, with no form.
    again = client.get(page).content.decode()
    assert "This meeting is already cancelled." in again and 'name="reason"' not in again


@pytest.mark.parametrize("role", ["chair", "rep", "lead", "manager"])
def test_others_get_a_plain_refusal(tenant_a, client_for, role):
    meeting = council_meeting_on(tenant_a, 7, invited=[tenant_a["lead"]])
    client = client_for(tenant_a[role])
    page = url(tenant_a, f"meetings/{meeting.public_id}/cancel/")
    for response in (client.get(page), client.post(page, {"reason": "No."})):
        assert response.status_code == 403
        assert b"You cannot do this" in response.content
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None
    detail = client.get(url(tenant_a, f"meetings/{meeting.public_id}/"))
    assert page.encode() not in detail.content


def test_a_missing_reason_comes_back_beside_the_field(tenant_a, client_for):
    meeting = council_meeting_on(tenant_a, 7)
    client = client_for(tenant_a["coordinator"])
    page = url(tenant_a, f"meetings/{meeting.public_id}/cancel/")
    response = client.post(page, {"reason": "   "})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: " in content
    assert 'class="govuk-error-summary"' in content
    assert content.count("Say why the meeting is cancelled.") == 2  # summary and field
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None


def test_a_refused_reason_keeps_what_was_typed(tenant_a, client_for):
    meeting = council_meeting_on(tenant_a, 7)
    client = client_for(tenant_a["coordinator"])
    page = url(tenant_a, f"meetings/{meeting.public_id}/cancel/")
    typed = "The room flooded and " + "the boiler broke " * 130
    response = client.post(page, {"reason": typed})
    assert response.status_code == 200
    assert b"<title>Error: " in response.content
    assert typed.strip().encode() in response.content
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None


def test_a_meeting_that_has_happened_offers_no_cancel(
    tenant_a, client_for, accepted, council_meeting
):
    client = client_for(tenant_a["coordinator"])
    page = url(tenant_a, f"meetings/{council_meeting.public_id}/cancel/")
    detail = client.get(url(tenant_a, f"meetings/{council_meeting.public_id}/"))
    assert page.encode() not in detail.content
    response = client.post(page, {"reason": "Too late."})
    assert response.status_code == 200
    assert b"This meeting has already happened" in response.content
    council_meeting.refresh_from_db()
    assert council_meeting.cancelled_at is None
