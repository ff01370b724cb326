"""Thin Celery wrappers. They take ids only."""

from celery import shared_task


@shared_task(name="surgeries.tasks.notify_safeguarding_concern", sends_email=True)
def notify_safeguarding_concern(item_id: int) -> int:
    from .notifications import safeguarding_notice_send

    return safeguarding_notice_send(item_id=item_id)
