"""Overdue claims remind the people who can move them on, once a week at most."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from councils.after_commit import after_commit

from .. import selectors, tasks
from ..models import Claim

REMIND_EVERY = dt.timedelta(days=7)


def overdue_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Queue a reminder for each overdue claim not reminded in the last week.
    Each claim is claimed with a conditional update first, so a run twice
    (or two workers at once) reminds once."""
    now = now or timezone.now()
    queued = 0
    for claim_id in selectors.overdue_claim_ids(today=timezone.localdate(now)):
        claimed = (
            Claim.objects.filter(pk=claim_id)
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMIND_EVERY))
            .update(reminded_at=now)
        )
        if claimed:
            after_commit(tasks.send_overdue_reminder, claim_id)
            queued += 1
    return queued
