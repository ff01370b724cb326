"""Celery tasks for people: thin wrappers taking ids."""

from celery import shared_task

from . import notifications


@shared_task(name="members.tasks.send_staff_invitation", sends_email=True)
def send_staff_invitation(user_id: int, organisation_id: int, language: str = "") -> int:
    return notifications.staff_invitation(
        user_id=user_id, organisation_id=organisation_id, language=language
    )


@shared_task(name="members.tasks.delete_expired_personal_data")
def delete_expired_personal_data() -> dict:
    """Daily: personal data of people who left, past the retention period."""
    from .services import personal_data_delete_expired

    return personal_data_delete_expired()
