"""Celery tasks: thin wrappers around the reports services, taking ids only.
The emails' tasks are in notifications.py."""

from __future__ import annotations

from celery import shared_task

from . import rendering, requeue, services


@shared_task(
    name="reports.tasks.render_report",
    bind=True,
    # A worker that dies mid-render leaves the message unacknowledged, so it
    # is delivered again and the report is finished by the next run.
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=20,
    soft_time_limit=540,
    time_limit=600,
)
def render_report(self, report_id: int) -> str:
    result = rendering.report_render(report_id=report_id)
    if result.outcome == "busy" and not self.request.is_eager:
        # Another run holds the claim; look again once its lease has passed.
        raise self.retry(countdown=result.retry_in)
    return result.outcome


@shared_task(name="reports.tasks.generate_last_quarter_reports")
def generate_last_quarter_reports() -> int:
    """On the first day of each quarter (see CELERY_BEAT_SCHEDULE)."""
    return len(services.quarterly_reports_schedule())


@shared_task(name="reports.tasks.requeue_stuck_reports")
def requeue_stuck_reports() -> int:
    """Every few minutes (see CELERY_BEAT_SCHEDULE): reports that waited in
    the queue too long, e.g. while Redis was down, are sent again."""
    return requeue.stuck_reports_requeue()
