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
def send_nominations_open_notice(election_id: int) -> int:
    return notifications.election_notice(election_id=election_id, stage="nominations")


@shared_task(name="members.tasks.send_voting_open_notice", sends_email=True)
def send_voting_open_notice(election_id: int) -> int:
    return notifications.election_notice(election_id=election_id, stage="voting")


@shared_task(name="members.tasks.send_voting_open_notices")
def send_voting_open_notices() -> int:
    """Every quarter of an hour: tell reps that voting has opened."""
    from .services import voting_open_notices_send

    return voting_open_notices_send()
