"""Reminders by the scheduled tasks, with the clock frozen."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import timezone

from proposals import services, tasks
from proposals.models import Meeting
from tests.factories import OrganisationFactory  # noqa: F401 - documents the fixture source

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_beat_schedule_names_the_tasks():
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks.send_overdue_reminders.name in names
    assert tasks.send_papers_due_reminders.name in names


@pytest.fixture
def owned(tenant_a, draft, hub):
    """A proposal accepted and given an owner on START."""
    with time_machine.travel(START, tick=False):
        meeting = Meeting.objects.create(
            organisation=tenant_a.organisation,
            council=tenant_a.council,
            kind="council",
            date=START.date(),
            starts_at=dt.time(0, 0),
            venue="Room",
            chair=tenant_a["chair"],
        )
        hub.date = START.date()
        hub.save()
        services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["rep"])
        services.agenda_build(meeting=meeting, actor=tenant_a["coordinator"])
        services.decision_record(
            meeting=meeting, proposal=draft, outcome="accepted", actor=tenant_a["chair"]
        )
        services.decisions_publish(meeting=meeting, actor=tenant_a["chair"])
        draft.refresh_from_db()
        services.proposal_assign_owner(
            proposal=draft,
            owner=tenant_a["lead"],
            target_date=START.date() + dt.timedelta(days=90),
            actor=tenant_a["chair"],
        )
    mail.outbox.clear()
    return draft


def run_overdue(at: dt.datetime, capture) -> int:
    with time_machine.travel(at, tick=False), capture(execute=True):
        return tasks.send_overdue_reminders()


def test_no_update_for_30_days(tenant_a, owned, django_capture_on_commit_callbacks):
    cap = django_capture_on_commit_callbacks
    assert run_overdue(START + dt.timedelta(days=29), cap) == 0
    assert mail.outbox == []
    assert run_overdue(START + dt.timedelta(days=31), cap) == 1
    assert [m.to[0] for m in mail.outbox] == [tenant_a["lead"].email]
    assert "no update for 30 days" in mail.outbox[0].body
    # Safe to run twice: the second run that day sends nothing...
    assert run_overdue(START + dt.timedelta(days=31, hours=1), cap) == 0
    # ...and the owner is reminded again a week later if still silent.
    assert run_overdue(START + dt.timedelta(days=38, hours=1), cap) == 1
    assert len(mail.outbox) == 2


def test_an_update_stops_the_reminders(tenant_a, owned, django_capture_on_commit_callbacks):
    with time_machine.travel(START + dt.timedelta(days=20), tick=False):
        services.implementation_update_add(
            proposal=owned, status="in_progress", note="Trainer booked.", actor=tenant_a["lead"]
        )
    mail.outbox.clear()
    assert run_overdue(START + dt.timedelta(days=45), django_capture_on_commit_callbacks) == 0
    assert run_overdue(START + dt.timedelta(days=51), django_capture_on_commit_callbacks) == 1


def test_past_the_target_date(tenant_a, owned, django_capture_on_commit_callbacks):
    with time_machine.travel(START + dt.timedelta(days=85), tick=False):
        services.implementation_update_add(
            proposal=owned, status="blocked", note="Waiting for estates.", actor=tenant_a["lead"]
        )
    mail.outbox.clear()
    assert run_overdue(START + dt.timedelta(days=91), django_capture_on_commit_callbacks) == 1
    assert "The target date was" in mail.outbox[0].body


def test_overdue_shows_for_coordinator_and_chair(tenant_a, owned, client_for):
    with time_machine.travel(START + dt.timedelta(days=40), tick=False):
        slug = tenant_a.organisation.slug
        page = client_for(tenant_a["coordinator"]).get(f"/{slug}/proposals/overdue/")
        assert owned.title.encode() in page.content
        home = client_for(tenant_a["chair"]).get(f"/{slug}/")
        assert b"<strong>1</strong> overdue update" in home.content


def test_papers_due_reminder(tenant_a, django_capture_on_commit_callbacks):
    today = dt.date(2026, 3, 2)
    org = tenant_a.organisation
    org.papers_due_days = 14
    org.save()
    soon = MeetingFactory(
        council=tenant_a.council, chair=tenant_a["chair"], date=today + dt.timedelta(days=16)
    )
    far = MeetingFactory(
        council=tenant_a.council, chair=tenant_a["chair"], date=today + dt.timedelta(days=40)
    )
    with time_machine.travel(dt.datetime(2026, 3, 2, 7, 45, tzinfo=dt.UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.send_papers_due_reminders() == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.send_papers_due_reminders() == 0
    recipients = {m.to[0] for m in mail.outbox}
    assert tenant_a["rep"].email in recipients and tenant_a["chair"].email in recipients
    assert mail.outbox[0].subject.startswith("Papers due 4 March: Council meeting, 18 March 2026")
    soon.refresh_from_db(), far.refresh_from_db()
    assert soon.papers_reminder_sent_at and not far.papers_reminder_sent_at


def test_papers_due_days_is_per_organisation(tenant_a, django_capture_on_commit_callbacks):
    today = dt.date(2026, 3, 2)
    org = tenant_a.organisation
    org.papers_due_days = 7
    org.save()
    meeting = MeetingFactory(
        council=tenant_a.council, chair=tenant_a["chair"], date=today + dt.timedelta(days=8)
    )
    assert meeting.papers_due_on == today + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime(2026, 3, 2, 7, 45, tzinfo=dt.UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.send_papers_due_reminders() == 1
    assert timezone.now()  # clock restored
