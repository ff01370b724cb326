"""Reminders, run by the scheduled tasks. Safe to run twice: each reminder is
claimed with a conditional update before its email is queued."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from councils.after_commit import after_commit

from .. import selectors, tasks
from ..models import Meeting, Proposal
from .common import moment


def overdue_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind the owner of every overdue proposal, at most once a week."""
    now = moment(now)
    sent = 0
    for proposal in selectors.overdue_proposals_due_reminder(now=now):
        with transaction.atomic():
            claimed = (
                Proposal.objects.filter(pk=proposal.pk)
                .filter(
                    Q(last_reminded_at__isnull=True)
                    | Q(last_reminded_at__lt=now - selectors.REMINDER_GAP)
                )
                .update(last_reminded_at=now)
            )
            if claimed:
                after_commit(tasks.send_overdue_reminder, proposal.pk)
                sent += 1
    return sent


def papers_due_reminders_send(*, today: dt.date | None = None) -> int:
    """Tell the people of each meeting when its papers are due (once)."""
    today = today or timezone.localdate()
    sent = 0
    for meeting in selectors.meetings_due_papers_reminder(today=today):
        with transaction.atomic():
            claimed = Meeting.objects.filter(
                pk=meeting.pk, papers_reminder_sent_at__isnull=True
            ).update(papers_reminder_sent_at=timezone.now())
            if claimed:
                after_commit(tasks.send_papers_due_reminder, meeting.pk)
                sent += 1
    return sent
