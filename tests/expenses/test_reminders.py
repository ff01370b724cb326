"""The weekly reminder of overdue claims: in the beat schedule, daily; to the
claim's approvers (not the rep); at most once a week however often it runs."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from expenses import tasks
from expenses.models import Claim
from tests.expenses.factories import submitted_claim

pytestmark = pytest.mark.django_db


def test_the_reminder_task_is_in_the_beat_schedule_daily():
    [entry] = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == tasks.send_overdue_reminders.name
    ]
    schedule = entry["schedule"]
    assert schedule.day_of_week == set(range(7)) and len(schedule.hour) == 1


def test_the_approver_is_reminded_once_a_week(tenant_a, django_capture_on_commit_callbacks):
    claim = submitted_claim(tenant_a)
    Claim.objects.filter(pk=claim.pk).update(submitted_at=timezone.now() - dt.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_overdue_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_overdue_reminders() == 0  # the beat runs daily
    [email] = mail.outbox
    assert tenant_a["coordinator"].email in email.to
    assert tenant_a["rep"].email not in email.to
    assert "overdue" in email.subject
