"""Who may: the rules in proposals.access, enforced by the services whatever
page calls them, and asked by the pages to decide what to show."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from proposals import access, services
from proposals.models import Meeting
from proposals.tasks import (
    notify_decisions_published,
    notify_implementation_finished,
    notify_implementation_update,
    notify_meeting_cancelled,
    notify_owner_assigned,
    send_overdue_reminder,
    send_overdue_reminders,
    send_papers_due_reminder,
    send_papers_due_reminders,
)

from .conftest import make_meeting

pytestmark = pytest.mark.django_db


def url(tenant, path: str) -> str:
    return f"/{tenant.organisation.slug}/{path}"


def test_a_stale_meeting_saved_after_it_was_cancelled_stays_cancelled(tenant_a):
    """The coordinator had the edit page open while another cancelled the
    meeting (and everyone was emailed): saving must not bring it back."""
    meeting = make_meeting(
        tenant_a, Meeting.Kind.COUNCIL, date=timezone.localdate() + dt.timedelta(days=7)
    )
    stale = Meeting.objects.get(pk=meeting.pk)
    services.meeting_cancel(
        meeting=meeting, reason="The room flooded.", actor=tenant_a["coordinator"]
    )

    with pytest.raises(ValidationError) as error:
        services.meeting_update(
            meeting=stale,
            date=stale.date + dt.timedelta(days=1),
            starts_at=stale.starts_at,
            venue="Somewhere else",
            chair=tenant_a["chair"],
            invited=[],
            actor=tenant_a["coordinator"],
        )
    assert "cancelled" in " ".join(error.value.messages)
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None
    assert meeting.cancelled_reason == "The room flooded."
    assert meeting.venue == "Ashford Vale probation office"


def test_meeting_update_saves_only_its_own_fields(tenant_a):
    """A change made by someone else to another column (the papers reminder)
    is not overwritten by a stale object."""
    meeting = make_meeting(tenant_a, Meeting.Kind.COUNCIL)
    stale = Meeting.objects.get(pk=meeting.pk)
    Meeting.objects.filter(pk=meeting.pk).update(papers_reminder_sent_at=timezone.now())
    services.meeting_update(
        meeting=stale,
        date=stale.date,
        starts_at=stale.starts_at,
        venue="The board room",
        chair=tenant_a["chair"],
        invited=[],
        actor=tenant_a["coordinator"],
    )
    meeting.refresh_from_db()
    assert meeting.venue == "The board room"
    assert meeting.papers_reminder_sent_at is not None


@pytest.mark.parametrize("role", ["rep", "lead", "chair"])
def test_only_coordinators_edit_the_agenda_whatever_calls_the_service(tenant_a, role):
    meeting = make_meeting(tenant_a, Meeting.Kind.COUNCIL)
    item = services.agenda_item_add(
        meeting=meeting, kind="other", title="Any other business", actor=tenant_a["coordinator"]
    )
    attempts = [
        lambda: services.agenda_build(meeting=meeting, actor=tenant_a[role]),
        lambda: services.agenda_item_add(
            meeting=meeting, kind="other", title="More", actor=tenant_a[role]
        ),
        lambda: services.agenda_item_update(item=item, title="X", notes="", actor=tenant_a[role]),
        lambda: services.agenda_item_move(item=item, direction="up", actor=tenant_a[role]),
        lambda: services.agenda_item_remove(item=item, actor=tenant_a[role]),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="Only coordinators can edit the agenda."):
            attempt()


def test_attendance_and_completing_minutes_are_for_the_coordinator_or_chair(tenant_a):
    meeting = make_meeting(tenant_a, Meeting.Kind.COUNCIL)
    rep = tenant_a["rep"]
    assert not access.may_run_meeting(rep, meeting)
    assert access.may_run_meeting(tenant_a["chair"], meeting)
    assert access.may_run_meeting(tenant_a["coordinator"], meeting)
    with pytest.raises(PermissionDenied):
        services.attendance_record(meeting=meeting, statuses={}, actor=rep)
    with pytest.raises(PermissionDenied):
        services.meeting_complete_minutes(meeting=meeting, actor=rep)


def test_hub_minutes_are_the_reps_and_the_coordinators(tenant_a):
    hub = make_meeting(tenant_a, Meeting.Kind.HUB)
    assert access.may_take_minutes(tenant_a["rep"], hub)
    assert access.may_take_minutes(tenant_a["coordinator"], hub)
    assert not access.may_take_minutes(tenant_a["chair"], hub)
    with pytest.raises(PermissionDenied, match="Hub meeting minutes"):
        services.minute_add(meeting=hub, text="We met.", actor=tenant_a["chair"])


def test_only_reps_send_drafts_forward(tenant_a, draft, hub):
    assert access.may_mark_ready(tenant_a["rep"], hub)
    assert not access.may_mark_ready(tenant_a["coordinator"], hub)
    with pytest.raises(PermissionDenied):
        services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["coordinator"])


def test_only_authors_edit_and_staff_comment(tenant_a, draft, rep2):
    assert access.may_edit_proposal(tenant_a["rep"], draft)
    assert not access.may_edit_proposal(rep2, draft)  # a rep, but not an author
    assert not access.may_edit_proposal(tenant_a["coordinator"], draft)
    assert access.may_comment(tenant_a["coordinator"], draft)
    assert access.may_follow(rep2, draft) and not access.may_follow(tenant_a["lead"], draft)
    with pytest.raises(PermissionDenied):
        services.proposal_update(proposal=draft, actor=rep2, data={"title": "X", "problem": "Y"})


def test_my_actions_is_for_leads(tenant_a, client_for):
    assert access.works_as_lead(tenant_a["lead"], tenant_a.organisation)
    assert not access.may_see_my_actions(tenant_a["rep"], tenant_a.organisation)
    lead_page = client_for(tenant_a["lead"]).get(url(tenant_a, "proposals/"))
    assert b"My actions" in lead_page.content
    rep_page = client_for(tenant_a["rep"]).get(url(tenant_a, "proposals/"))
    assert b"My actions" not in rep_page.content
    assert (
        client_for(tenant_a["rep"]).get(url(tenant_a, "proposals/my-actions/")).status_code == 403
    )
    assert (
        client_for(tenant_a["lead"]).get(url(tenant_a, "proposals/my-actions/")).status_code == 200
    )


def test_every_email_task_is_declared_as_one():
    emails = [
        notify_decisions_published,
        notify_implementation_finished,
        notify_implementation_update,
        notify_meeting_cancelled,
        notify_owner_assigned,
        send_overdue_reminder,
        send_papers_due_reminder,
    ]
    assert all(getattr(task, "sends_email", False) for task in emails)
    # The daily sweeps only claim and queue: the demo loader may still run them.
    assert not getattr(send_overdue_reminders, "sends_email", False)
    assert not getattr(send_papers_due_reminders, "sends_email", False)
