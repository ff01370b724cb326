"""Celery tasks: thin wrappers taking ids. The beat schedule (config/settings.py)
runs ``send_overdue_reminders`` and ``send_papers_due_reminders`` daily; each is
safe to run twice because every reminder is claimed with a conditional update
before it is sent.

Every task that sends email is declared ``sends_email=True``: services queue
them with ``councils.after_commit.after_commit``, which holds them back inside
``notifications_paused()`` (the demo loader)."""

from celery import shared_task

from . import notifications, services


@shared_task(name="proposals.tasks.send_overdue_reminders")
def send_overdue_reminders() -> int:
    return services.overdue_reminders_send()


@shared_task(name="proposals.tasks.send_papers_due_reminders")
def send_papers_due_reminders() -> int:
    return services.papers_due_reminders_send()


@shared_task(name="proposals.tasks.send_overdue_reminder", sends_email=True)
def send_overdue_reminder(proposal_id: int) -> int:
    return notifications.overdue_reminder(proposal_id=proposal_id)


@shared_task(name="proposals.tasks.send_papers_due_reminder", sends_email=True)
def send_papers_due_reminder(meeting_id: int) -> int:
    return notifications.papers_due(meeting_id=meeting_id)


@shared_task(name="proposals.tasks.notify_decisions_published", sends_email=True)
def notify_decisions_published(decision_ids: list[int]) -> int:
    return notifications.decisions_published(decision_ids=decision_ids)


@shared_task(name="proposals.tasks.notify_owner_assigned", sends_email=True)
def notify_owner_assigned(proposal_id: int) -> int:
    return notifications.owner_assigned(proposal_id=proposal_id)


@shared_task(name="proposals.tasks.notify_implementation_update", sends_email=True)
def notify_implementation_update(update_id: int) -> int:
    return notifications.implementation_updated(update_id=update_id)


@shared_task(name="proposals.tasks.notify_implementation_finished", sends_email=True)
def notify_implementation_finished(proposal_id: int) -> int:
    return notifications.implementation_finished(proposal_id=proposal_id)


@shared_task(name="proposals.tasks.notify_done_undone", sends_email=True)
def notify_done_undone(proposal_id: int) -> int:
    return notifications.done_undone(proposal_id=proposal_id)


@shared_task(name="proposals.tasks.notify_meeting_cancelled", sends_email=True)
def notify_meeting_cancelled(meeting_id: int) -> int:
    return notifications.meeting_cancelled(meeting_id=meeting_id)


@shared_task(name="proposals.tasks.notify_target_date_asked", sends_email=True)
def notify_target_date_asked(request_id: int) -> int:
    return notifications.target_date_asked(request_id=request_id)


@shared_task(name="proposals.tasks.notify_target_date_answered", sends_email=True)
def notify_target_date_answered(request_id: int) -> int:
    return notifications.target_date_answered(request_id=request_id)


@shared_task(name="proposals.tasks.notify_milestone_done", sends_email=True)
def notify_milestone_done(milestone_id: int) -> int:
    return notifications.milestone_done(milestone_id=milestone_id)
