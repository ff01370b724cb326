"""Celery tasks: thin wrappers taking ids. ``send_overdue_reminders`` is meant
for the beat schedule (daily); it is safe to run twice because each reminder
is claimed with a conditional update before it is queued."""

from celery import shared_task

from . import notifications


@shared_task(name="expenses.tasks.send_overdue_reminders")
def send_overdue_reminders() -> int:
    from .services import overdue_reminders_send

    return overdue_reminders_send()


@shared_task(name="expenses.tasks.send_overdue_reminder", sends_email=True)
def send_overdue_reminder(claim_id: int) -> int:
    return notifications.overdue_reminder(claim_id=claim_id)


@shared_task(name="expenses.tasks.notify_claim_submitted", sends_email=True)
def notify_claim_submitted(claim_id: int) -> int:
    return notifications.claim_submitted(claim_id=claim_id)


@shared_task(name="expenses.tasks.notify_claim_decided", sends_email=True)
def notify_claim_decided(claim_id: int) -> int:
    return notifications.claim_decided(claim_id=claim_id)


@shared_task(name="expenses.tasks.notify_claim_paid", sends_email=True)
def notify_claim_paid(claim_id: int) -> int:
    return notifications.claim_paid(claim_id=claim_id)


@shared_task(name="expenses.tasks.notify_involvement_added", sends_email=True)
def notify_involvement_added(payment_id: int) -> int:
    return notifications.involvement_added(payment_id=payment_id)


@shared_task(name="expenses.tasks.notify_involvement_paid", sends_email=True)
def notify_involvement_paid(payment_id: int) -> int:
    return notifications.involvement_paid(payment_id=payment_id)
