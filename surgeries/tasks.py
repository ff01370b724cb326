"""Thin Celery wrappers around the surgeries services. They take ids only."""

from celery import shared_task


@shared_task(name="surgeries.tasks.notify_safeguarding_concern")
def notify_safeguarding_concern(item_id: int) -> int:
    from .services import safeguarding_notice_send

    return safeguarding_notice_send(item_id=item_id)
