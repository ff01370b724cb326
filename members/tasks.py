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


@shared_task(name="members.tasks.send_nominations_open_notice", sends_email=True)
def send_nominations_open_notice(election_id: int) -> bool:
    """Queued when an election opens. Claims the notice and sends it in one
    transaction: if it is never queued, or fails, the schedule sends it."""
    from .services import election_notice_send

    return election_notice_send(election_id=election_id, stage="nominations")


@shared_task(name="members.tasks.send_election_notices")
def send_election_notices() -> int:
    """Every quarter of an hour: tell reps that voting has opened, and send
    any notice to stand that has not gone."""
    from .services import election_notices_send

    return election_notices_send()
