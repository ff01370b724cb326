"""Reports left waiting in the queue are sent to a worker again.

A report is saved as "queued" and its render is queued once the request's
transaction commits. If the broker could not be reached then (Redis down),
nothing will ever render it. The beat schedule runs ``stuck_reports_requeue``
every few minutes; it sends each report that has waited too long once more.

Each report is claimed with a conditional update first: on a queued report
``started_at`` marks when it was last sent, so two sweeps at once (or one run
twice) send it once, and a report is sent again at most once per wait. The
render claims the report again for itself, so a report sent twice is still
made once.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Q
from django.utils import timezone

from councils.after_commit import after_commit

from .models import GeneratedReport

logger = logging.getLogger(__name__)

# Long enough that a busy worker has started it; short enough that a
# coordinator waiting for a report is not kept long after Redis is back.
STUCK_AFTER = dt.timedelta(minutes=5)

Status = GeneratedReport.Status


def stuck_reports_requeue(*, now: dt.datetime | None = None) -> int:
    """Send every report that has waited longer than ``STUCK_AFTER`` to a
    worker again. Returns how many were sent."""
    from . import tasks

    now = now or timezone.now()
    cutoff = now - STUCK_AFTER
    waiting = Q(status=Status.QUEUED, created_at__lt=cutoff) & (
        Q(started_at__isnull=True) | Q(started_at__lt=cutoff)
    )
    sent = 0
    for report_id in GeneratedReport.objects.filter(waiting).values_list("pk", flat=True):
        claimed = GeneratedReport.objects.filter(waiting, pk=report_id).update(started_at=now)
        if claimed:
            after_commit(tasks.render_report, report_id)
            sent += 1
    if sent:
        logger.warning("reports.requeue sent=%d stuck reports to a worker again", sent)
    return sent
