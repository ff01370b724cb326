"""A proposal's status as it was at a given moment, read from its timeline.

Every service that changes a proposal's status writes a ``ProposalEvent``
with ``from_status`` and ``to_status``; that timeline is the status history.
Figures for a period are worked out from the status each proposal had when
the period ended, so a report for a past quarter says the same thing
whenever it is made.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import ImplementationUpdate, ProposalEvent, ProposalStatus

# No update for this long and the work is overdue (as in ``overdue_q``).
UPDATE_INTERVAL = dt.timedelta(days=30)


def as_at_moment(end: dt.date | None, *, now: dt.datetime | None = None) -> dt.datetime:
    """The first moment after ``end`` (periods include their last day), but
    never later than now: nothing is counted before it happened."""
    now = now or timezone.now()
    if end is None:
        return now
    after = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return min(after, now)


def status_at(moment: dt.datetime) -> Subquery:
    """The status the proposal had just before ``moment`` (None if it did not
    exist yet)."""
    return Subquery(
        ProposalEvent.objects.filter(proposal=OuterRef("pk"), at__lt=moment)
        .exclude(to_status="")
        .order_by("-at", "-id")
        .values("to_status")[:1]
    )


def status_since(moment: dt.datetime) -> Subquery:
    """When the proposal took the status it had just before ``moment``."""
    return Subquery(
        ProposalEvent.objects.filter(proposal=OuterRef("pk"), at__lt=moment)
        .exclude(to_status="")
        .order_by("-at", "-id")
        .values("at")[:1]
    )


def with_status_at(qs: QuerySet, moment: dt.datetime) -> QuerySet:
    """Annotate ``status_then``: each proposal's status at ``moment``."""
    return qs.annotate(status_then=status_at(moment))


def last_update_at(moment: dt.datetime) -> Subquery:
    """When the owner last said something before ``moment``."""
    return Subquery(
        ImplementationUpdate.objects.filter(proposal=OuterRef("pk"), created_at__lt=moment)
        .values("proposal")
        .annotate(last=Max("created_at"))
        .values("last")[:1]
    )


def with_update_then(qs: QuerySet, moment: dt.datetime) -> QuerySet:
    """Annotate ``updated_then``: the owner's last update before ``moment``,
    or when they were given the work if they had posted none."""
    return qs.annotate(updated_then=Coalesce(last_update_at(moment), "owner_assigned_at"))


def overdue_then_q(moment: dt.datetime) -> Q:
    """Past the target date, or no update for 30 days, at ``moment``; for a
    queryset carrying ``updated_then``."""
    day = timezone.localdate(moment)
    return (
        Q(target_date__lt=day)
        | Q(updated_then__lt=moment - UPDATE_INTERVAL)
        | Q(updated_then__isnull=True)
    )


def overdue_at(qs: QuerySet, moment: dt.datetime) -> QuerySet:
    """Proposals being put in place at ``moment`` and, then, past their target
    date or with no update for 30 days. ``qs`` must carry ``status_then``."""
    return (
        with_update_then(qs, moment)
        .filter(status_then=ProposalStatus.IN_PROGRESS)
        .filter(overdue_then_q(moment))
    )
