"""Small platform tasks."""

from celery import shared_task
from django.core.cache import cache


@shared_task(name="councils.tasks.heartbeat")
def heartbeat(key: str, value: str) -> str:
    """Write a value to the cache: proves a worker is taking tasks."""
    cache.set(key, value, timeout=300)
    return value


@shared_task(name="councils.tasks.problem_report_tell_coordinators", sends_email=True)
def problem_report_tell_coordinators(report_id: int) -> int:
    from . import notifications

    return notifications.problem_reported(report_id)
