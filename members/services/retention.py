"""Deleting a person's personal data once they have left and the
organisation's retention period has passed. Run daily by beat
(``members.tasks.delete_expired_personal_data``).

What reports need stays, as counts: the rep's council, the dates they joined,
trained and left, their status history (without the words about where they
moved on to) and the diversity bands they chose to give (only ever shown in
aggregate). Everything else about them goes: their name, username, email,
phone, address, needs, order end date, restricted records, check-ins,
letters. Referrals that ended (became a rep, not now) go whole.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from councils.audit import audit_record
from councils.models import Organisation

from ..models import (
    BoundariesAgreement,
    CheckIn,
    EligibilityDecision,
    Letter,
    LicenceCondition,
    Referral,
    RepProfile,
    RepStatusChange,
    SuitabilityDecision,
)

User = get_user_model()

FORMER_REP_NAME = "Former rep"


def _cutoff(organisation: Organisation, today: dt.date) -> dt.date:
    """People who left on or before this day are past the retention period."""
    return today - dt.timedelta(days=organisation.retention_days)


def profiles_due_for_deletion(organisation: Organisation, today: dt.date):
    return RepProfile.objects.filter(
        organisation=organisation,
        status__in=[
            RepProfile.Status.STEPPED_DOWN,
            RepProfile.Status.ALUMNI,
            RepProfile.Status.MOVED_ON,
        ],
        left_on__isnull=False,
        left_on__lte=_cutoff(organisation, today),
        personal_data_deleted_at__isnull=True,
    )


@transaction.atomic
def _delete_profile_data(profile_id: int) -> bool:
    profile = (
        RepProfile.objects.select_for_update()
        .filter(pk=profile_id, personal_data_deleted_at__isnull=True)
        .first()
    )
    if profile is None:
        return False
    for model in (SuitabilityDecision, LicenceCondition, BoundariesAgreement, CheckIn):
        model.objects.filter(profile=profile).delete()
    EligibilityDecision.objects.filter(profile=profile).delete()
    RepStatusChange.objects.filter(profile=profile).exclude(moved_on_to="").update(moved_on_to="")
    Letter.objects.filter(person_id=profile.user_id).delete()
    profile.phone = ""
    profile.address = ""
    profile.accessibility_needs = ""
    profile.access_needs = []
    profile.order_ends_on = None
    profile.personal_data_deleted_at = timezone.now()
    profile.save(
        update_fields=[
            "phone",
            "address",
            "accessibility_needs",
            "access_needs",
            "order_ends_on",
            "personal_data_deleted_at",
        ]
    )
    user = User.objects.select_for_update().get(pk=profile.user_id)
    user.username = f"former-{profile.public_id}"
    user.display_name = FORMER_REP_NAME
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(
        update_fields=[
            "username",
            "display_name",
            "first_name",
            "last_name",
            "email",
            "is_active",
            "password",
        ]
    )
    # Written after the name is gone: the event names nobody.
    audit_record(
        organisation=profile.organisation,
        actor=None,
        action="rep.personal_data_deleted",
        obj=profile,
        changes={"left_on": profile.left_on},
    )
    return True


@transaction.atomic
def _delete_referrals(organisation: Organisation, today: dt.date) -> int:
    ended = Referral.objects.filter(
        organisation=organisation,
        status__in=[Referral.Status.BECAME_REP, Referral.Status.NOT_NOW],
        status_changed_on__lte=_cutoff(organisation, today),
    )
    ids = list(ended.values_list("public_id", flat=True))
    if ids:
        ended.delete()
        audit_record(
            organisation=organisation,
            actor=None,
            action="referral.personal_data_deleted",
            obj=organisation,
            changes={"referrals": len(ids)},
        )
    return len(ids)


def personal_data_delete_expired(*, today: dt.date | None = None) -> dict:
    """Delete what is past every organisation's retention period. Safe to run
    twice: a deleted person is not deleted again. Returns the counts."""
    today = today or timezone.localdate()
    people = referrals = 0
    for organisation in Organisation.objects.all():
        for profile_id in profiles_due_for_deletion(organisation, today).values_list(
            "pk", flat=True
        ):
            people += _delete_profile_data(profile_id)
        referrals += _delete_referrals(organisation, today)
    return {"people": people, "referrals": referrals}


__all__ = ["personal_data_delete_expired", "profiles_due_for_deletion"]
