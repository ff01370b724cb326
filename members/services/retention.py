"""Deleting a person's personal data once they have left and the
organisation's retention period has passed. Run daily by beat
(``members.tasks.delete_expired_personal_data``).

What reports need stays, as counts: the rep's council, the dates they joined,
trained and left, their status history (without the words about where they
moved on to) and the diversity bands they chose to give (only ever shown in
aggregate), and their nominations in elections, so that results and counts
of nominations stay true. Everything else about them goes: their name,
username, email, phone, address, needs, order end date, restricted records,
check-ins, letters, the words in their own voice (their involvement
statement, and the statement on each nomination, which stays blank), the
reason a coordinator gave for withdrawing a nomination, and their name in a
note of lots drawn (it reads "Former rep"). Referrals that ended (became a
rep, not now) go whole.

The audit trail is cleared in the same transaction (``councils.audit.
audit_scrub``): every event stays, with who acted, when, what kind and on
which object, but the person's name, username, email, phone and address are
taken out of every event that holds them, and events about them or their
records also lose the values of personal fields (needs, order end date,
reasons, notes and statements) and words from their restricted records and
statements. The person shows as "Former rep", as an object and as the actor
of what they did themselves (their account is renamed). One event, naming
nobody, says the data was deleted under the retention rule and how many
events were cleared.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from councils.audit import audit_object_key, audit_record, audit_scrub, words_pattern
from councils.models import Organisation, RoleAssignment

from ..models import (
    BoundariesAgreement,
    CheckIn,
    Election,
    EligibilityDecision,
    InvolvementStatement,
    Letter,
    LicenceCondition,
    Nomination,
    Referral,
    RepProfile,
    RepStatusChange,
    SuitabilityDecision,
    TrainingAttendance,
)

User = get_user_model()

FORMER_REP_NAME = "Former rep"
FORMER_REFERRAL_NAME = "Referral"
LETTER_NAME = "Letter"

# In events about the person, the values under these keys go (a name, a
# contact detail, a need, a date that says when their order ends, the words
# of a reason or a note); the key stays, so the event still says what changed.
PERSONAL_KEYS = frozenset(
    {
        "name",
        "display_name",
        "first_name",
        "last_name",
        "username",
        "email",
        "phone",
        "address",
        "accessibility_needs",
        "access_needs",
        "order_ends_on",
        "how_to_reach",
        "reason",
        "notes",
        "action",
        "description",
        "moved_on_to",
        "statement",
        "text",
        "withdrawal_reason",
    }
)


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
    cleared = _scrub_audit_trail(profile)
    for model in (SuitabilityDecision, LicenceCondition, BoundariesAgreement, CheckIn):
        model.objects.filter(profile=profile).delete()
    EligibilityDecision.objects.filter(profile=profile).delete()
    RepStatusChange.objects.filter(profile=profile).exclude(moved_on_to="").update(moved_on_to="")
    Letter.objects.filter(person_id=profile.user_id).delete()
    user = User.objects.select_for_update().get(pk=profile.user_id)
    InvolvementStatement.objects.filter(person=user).delete()
    _clear_election_words(user)
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
        changes={"left_on": profile.left_on, "rule": "retention", "audit_events_cleared": cleared},
    )
    return True


def _clear_election_words(user) -> None:
    """Their nominations stay: votes were counted for them, and how many
    stood is a figure. What goes is their words (the statement), a
    coordinator's reason for withdrawing them, and their name where a draw
    of lots was written down. Called before their account is renamed."""
    Nomination.objects.filter(candidate=user).exclude(statement="", withdrawal_reason="").update(
        statement="", withdrawal_reason=""
    )
    names = words_pattern([user.display_name, user.get_full_name(), user.username])
    if names is None:
        return
    drawn = Election.objects.filter(nominations__candidate=user).exclude(lots_note="")
    for election in drawn.only("pk", "lots_note"):
        note = names.sub(FORMER_REP_NAME, election.lots_note)
        if note != election.lots_note:
            election.lots_note = note
            election.save(update_fields=["lots_note"])


def _scrub_audit_trail(profile: RepProfile) -> int:
    """Before the records go: what to take out of the audit trail, and take
    it out. Their own account and profile show as "Former rep"; their other
    records (letters, role assignments, training, nominations, statements)
    keep their kind with the name taken out."""
    user = User.objects.get(pk=profile.user_id)
    objects: dict[tuple[str, str], str | None] = {
        audit_object_key(user): FORMER_REP_NAME,
        audit_object_key(profile): FORMER_REP_NAME,
    }
    letters = list(Letter.objects.filter(person_id=user.pk).only("public_id", "subject", "body"))
    for letter in letters:
        objects[audit_object_key(letter)] = LETTER_NAME
    for model, field in (
        (RoleAssignment, "user"),
        (TrainingAttendance, "person"),
        (InvolvementStatement, "person"),
        (Nomination, "candidate"),
    ):
        for row in model.objects.filter(**{field: user}).only("pk", "public_id"):
            objects.setdefault(audit_object_key(row), None)
    identifiers = [
        user.display_name,
        user.get_full_name(),
        user.username,
        user.email,
        profile.phone,
        profile.address,
        profile.accessibility_needs,
    ]
    details = [
        user.first_name,
        user.last_name,
        *profile.address.splitlines(),
        *SuitabilityDecision.objects.filter(profile=profile).values_list("reason", flat=True),
        *LicenceCondition.objects.filter(profile=profile).values_list("description", flat=True),
        *CheckIn.objects.filter(profile=profile).values_list("notes", flat=True),
        *CheckIn.objects.filter(profile=profile).values_list("action", flat=True),
        *RepStatusChange.objects.filter(profile=profile).values_list("moved_on_to", flat=True),
        *(letter.subject for letter in letters),
        *InvolvementStatement.objects.filter(person=user).values_list("text", flat=True),
        *Nomination.objects.filter(candidate=user).values_list("statement", flat=True),
        *Nomination.objects.filter(candidate=user).values_list("withdrawal_reason", flat=True),
    ]
    return audit_scrub(
        organisation=profile.organisation,
        objects=objects,
        identifiers=identifiers,
        details=details,
        personal_keys=PERSONAL_KEYS,
        replacement=FORMER_REP_NAME,
    )


@transaction.atomic
def _delete_referrals(organisation: Organisation, today: dt.date) -> int:
    ended = Referral.objects.filter(
        organisation=organisation,
        status__in=[Referral.Status.BECAME_REP, Referral.Status.NOT_NOW],
        status_changed_on__lte=_cutoff(organisation, today),
    )
    rows = list(ended.only("public_id", "name", "how_to_reach"))
    ids = [row.public_id for row in rows]
    if ids:
        audit_scrub(
            organisation=organisation,
            objects={audit_object_key(row): FORMER_REFERRAL_NAME for row in rows},
            identifiers=[row.name for row in rows],
            details=[row.how_to_reach for row in rows],
            personal_keys=PERSONAL_KEYS,
            replacement=FORMER_REFERRAL_NAME,
        )
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
