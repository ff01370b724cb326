"""Writes for the reps' journey: referrals, status, eligibility, restricted
records, check-ins, a rep's own details, letters and retention.

Restricted records are decisions, never offence details; every read of them
goes through ``restricted_record_read`` so the audit log says who looked at
whose, and when.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from councils.audit import audit_record, audit_record_listing
from councils.models import Council, Organisation, Site

from .. import access
from ..bands import AgeBand, Ethnicity, Gender
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
from ..models.reps import SHORT_TEXT

User = get_user_model()

LEAVING_STATUSES = {
    RepProfile.Status.STEPPED_DOWN,
    RepProfile.Status.ALUMNI,
    RepProfile.Status.MOVED_ON,
}
# The statuses a coordinator moves a rep between (referred, assessed and
# trained come from the rest of the journey).
CHANGEABLE_STATUSES = [
    RepProfile.Status.ACTIVE,
    RepProfile.Status.PAUSED,
    RepProfile.Status.STEPPED_DOWN,
    RepProfile.Status.ALUMNI,
    RepProfile.Status.MOVED_ON,
]
MOVED_ON_TO_MAX = 100


def _short(value: str, field: str, limit: int = SHORT_TEXT) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError(
            {field: gettext("Keep it to %(max)s characters or fewer.") % {"max": limit}}
        )
    return value


def _not_in_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: gettext("The date cannot be in the future.")})


def _lock(profile: RepProfile) -> RepProfile:
    return (
        RepProfile.objects.select_for_update().select_related("user", "council").get(pk=profile.pk)
    )


# ----------------------------------------------------------------- referrals


@transaction.atomic
def referral_create(
    *,
    organisation: Organisation,
    council: Council | None,
    name: str,
    source: str,
    how_to_reach: str,
    contact_preference: str = "",
    notes: str = "",
    actor,
) -> Referral:
    """Someone who might become a rep: from a surgery, an officer or themself."""
    access.require(access.may_work_referrals(actor, organisation), access.REFUSE_REFERRALS)
    if council is not None:
        if council.organisation_id != organisation.pk:
            raise ValidationError({"council": gettext("Choose a council of this organisation.")})
        access.require(actor.has_perm("members.manage_reps", council), access.REFUSE_REFERRALS)
    name = _short(name, "name", 150)
    how_to_reach = _short(how_to_reach, "how_to_reach")
    errors = {}
    if not name:
        errors["name"] = gettext("Enter their name.")
    if not how_to_reach:
        errors["how_to_reach"] = gettext("Say how to reach them.")
    if source not in Referral.Source.values:
        errors["source"] = gettext("Choose where the referral came from.")
    if contact_preference and contact_preference not in RepProfile.ContactPreference.values:
        errors["contact_preference"] = gettext("Choose how they would like to be contacted.")
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(
        organisation=organisation,
        council=council,
        name=name,
        source=source,
        how_to_reach=how_to_reach,
        contact_preference=contact_preference,
        notes=_short(notes, "notes"),
        status_changed_on=timezone.localdate(),
        created_by=actor,
    )
    # The audit log names the referral by its id, never the person's name.
    audit_record(
        organisation=organisation,
        actor=actor,
        action="referral.created",
        obj=referral,
        label=REFERRAL_LABEL,
        changes={"source": source, "council": str(council or "")},
    )
    return referral


# How the audit log names a referral (its id is the link): never the name.
REFERRAL_LABEL = "Referral"


@transaction.atomic
def referral_set_status(*, referral: Referral, status: str, notes: str | None = None, actor):
    access.require(access.may_change_referral(actor, referral), access.REFUSE_REFERRALS)
    if status not in Referral.Status.values:
        raise ValidationError({"status": gettext("Choose what happened.")})
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    before = locked.status
    locked.status = status
    locked.status_changed_on = timezone.localdate()
    fields = ["status", "status_changed_on"]
    if notes is not None:
        locked.notes = _short(notes, "notes")
        fields.append("notes")
    locked.save(update_fields=fields)
    audit_record(
        organisation=locked.organisation,
        actor=actor,
        action="referral.status_changed",
        obj=locked,
        label=REFERRAL_LABEL,
        changes={"status": [before, status]},
    )
    return locked


# ------------------------------------------------------------------- status


@transaction.atomic
def rep_status_change(
    *, profile: RepProfile, status: str, changed_on: dt.date, moved_on_to: str = "", actor
) -> RepStatusChange:
    """A new status from a date: a history row, and ``RepProfile.status`` kept
    current. Leaving (stepped down, alumni, moved on) sets the leaving date;
    coming back to active clears it."""
    access.require(access.may_manage_rep(actor, profile), access.REFUSE_MANAGE_REP)
    if status not in CHANGEABLE_STATUSES:
        raise ValidationError({"status": gettext("Choose a status.")})
    _not_in_future(changed_on, "changed_on")
    moved_on_to = _short(moved_on_to, "moved_on_to", MOVED_ON_TO_MAX)
    if status != RepProfile.Status.MOVED_ON:
        moved_on_to = ""
    locked = _lock(profile)
    if locked.joined_on and changed_on < locked.joined_on:
        raise ValidationError({"changed_on": gettext("The date cannot be before they joined.")})
    latest = locked.status_changes.order_by("-changed_on", "-recorded_at", "-id").first()
    if latest and changed_on < latest.changed_on:
        raise ValidationError(
            {"changed_on": gettext("The date cannot be before their last change of status.")}
        )
    change = RepStatusChange.objects.create(
        profile=locked,
        status=status,
        changed_on=changed_on,
        moved_on_to=moved_on_to,
        recorded_by=actor,
    )
    before = locked.status
    locked.status = status
    fields = ["status"]
    if status in LEAVING_STATUSES:
        locked.left_on = changed_on
        fields.append("left_on")
    elif locked.left_on is not None:
        locked.left_on = None
        fields.append("left_on")
    locked.save(update_fields=fields)
    profile.status, profile.left_on = locked.status, locked.left_on
    audit_record(
        organisation=locked.organisation,
        actor=actor,
        action="rep.status_changed",
        obj=locked,
        changes={"status": [before, status], "changed_on": changed_on},
    )
    return change


# -------------------------------------------------------------- eligibility


@transaction.atomic
def rep_order_end_record(*, profile: RepProfile, order_ends_on: dt.date | None, actor):
    """The date the rep's order or licence ends (or ended). Never the offence."""
    access.require(access.may_manage_rep(actor, profile), access.REFUSE_MANAGE_REP)
    locked = _lock(profile)
    before = locked.order_ends_on
    locked.order_ends_on = order_ends_on
    locked.save(update_fields=["order_ends_on"])
    profile.order_ends_on = order_ends_on
    audit_record(
        organisation=locked.organisation,
        actor=actor,
        action="rep.order_end_recorded",
        obj=locked,
        # The date is personal (it says when their order ends): the field's
        # name is enough for the log.
        changes={"fields": ["order_ends_on"], "had_one_before": before is not None},
    )
    return locked


DECISION_STATUS = {
    EligibilityDecision.Decision.STEP_DOWN: RepProfile.Status.STEPPED_DOWN,
    EligibilityDecision.Decision.ALUMNI: RepProfile.Status.ALUMNI,
}


@transaction.atomic
def eligibility_decision_record(
    *, profile: RepProfile, decision: str, decided_on: dt.date, actor
) -> EligibilityDecision:
    """What happens as a rep's eligibility ends: step down, alumni (both
    change their status from the decision's date) or stay on in a
    staff-supported role."""
    access.require(access.may_manage_rep(actor, profile), access.REFUSE_MANAGE_REP)
    if decision not in EligibilityDecision.Decision.values:
        raise ValidationError({"decision": gettext("Choose what happens next.")})
    _not_in_future(decided_on, "decided_on")
    if profile.order_ends_on is None:
        raise ValidationError(
            gettext("Record when their order or licence ends before deciding what happens.")
        )
    row = EligibilityDecision.objects.create(
        profile=profile,
        order_ends_on=profile.order_ends_on,
        decision=decision,
        decided_on=decided_on,
        recorded_by=actor,
    )
    audit_record(
        organisation=profile.organisation,
        actor=actor,
        action="rep.eligibility_decided",
        obj=profile,
        changes={"decision": decision, "decided_on": decided_on},
    )
    if decision in DECISION_STATUS:
        rep_status_change(
            profile=profile, status=DECISION_STATUS[decision], changed_on=decided_on, actor=actor
        )
    return row


# ------------------------------------------------------- restricted records


def restricted_record_read(*, profile: RepProfile, actor, what: str = "restricted") -> None:
    """Refuse anyone who may not, and write who read which rep's restricted
    records, and when (the audit event's time)."""
    access.require(access.may_see_restricted(actor, profile), access.REFUSE_RESTRICTED)
    audit_record(
        organisation=profile.organisation,
        actor=actor,
        action="rep.restricted_read",
        obj=profile,
        changes={"what": what},
    )


def restricted_records_listed(
    *, organisation: Organisation, actor, lists: dict[str, list[RepProfile]]
) -> None:
    """A page names reps from their restricted records (``lists``: "reviews
    due", "check-ins due"): each is a read of that rep's records, refused for
    anyone who may not, and the page view is written to the audit log as one
    event: who, when, and which reps each list named (by id)."""
    named = [profile for profiles in lists.values() for profile in profiles]
    access.require(
        access.may_see_restricted_each(actor, organisation, named), access.REFUSE_RESTRICTED
    )
    audit_record_listing(
        organisation=organisation,
        actor=actor,
        action="rep.restricted_listed",
        obj=organisation,
        label="Reps listed from restricted records",
        lists=lists,
    )


@transaction.atomic
def suitability_record(
    *,
    profile: RepProfile,
    decision: str,
    decided_on: dt.date,
    review_on: dt.date | None = None,
    reason: str = "",
    actor,
) -> SuitabilityDecision:
    """Ready, deferred with a review date, or not now, with a short reason."""
    access.require(access.may_see_restricted(actor, profile), access.REFUSE_RESTRICTED)
    errors = {}
    if decision not in SuitabilityDecision.Decision.values:
        errors["decision"] = gettext("Choose a decision.")
    if decision == SuitabilityDecision.Decision.DEFERRED and review_on is None:
        errors["review_on"] = gettext("Enter the date to review a deferred decision.")
    if review_on is not None and review_on < decided_on:
        errors["review_on"] = gettext("The review date cannot be before the decision.")
    if decided_on > timezone.localdate():
        errors["decided_on"] = gettext("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    row = SuitabilityDecision.objects.create(
        profile=profile,
        decision=decision,
        decided_on=decided_on,
        review_on=review_on,
        reason=_short(reason, "reason"),
        recorded_by=actor,
    )
    audit_record(
        organisation=profile.organisation,
        actor=actor,
        action="rep.suitability_recorded",
        obj=profile,
        changes={"decision": decision, "review_on": review_on},
    )
    return row


@transaction.atomic
def licence_condition_add(
    *,
    profile: RepProfile,
    kind: str,
    site: Site | None = None,
    council: Council | None = None,
    description: str = "",
    ends_on: dt.date | None = None,
    actor,
) -> LicenceCondition:
    """A limit on what the rep may do: not at a site, not with a council,
    not with a group. What, never why."""
    access.require(access.may_see_restricted(actor, profile), access.REFUSE_RESTRICTED)
    description = _short(description, "description")
    errors = {}
    if kind not in LicenceCondition.Kind.values:
        errors["kind"] = gettext("Choose what the condition limits.")
    if kind == LicenceCondition.Kind.NOT_SITE and site is None:
        errors["site"] = gettext("Choose the site.")
    if kind == LicenceCondition.Kind.NOT_COUNCIL and council is None:
        errors["council"] = gettext("Choose the council.")
    if kind in (LicenceCondition.Kind.NOT_GROUP, LicenceCondition.Kind.OTHER) and not description:
        errors["description"] = gettext("Say in a few words what it limits.")
    for obj, field in ((site, "site"), (council, "council")):
        if obj is not None and obj.organisation_id != profile.organisation_id:
            errors[field] = gettext("Choose one of this organisation's.")
    if errors:
        raise ValidationError(errors)
    row = LicenceCondition.objects.create(
        profile=profile,
        kind=kind,
        site=site if kind == LicenceCondition.Kind.NOT_SITE else None,
        council=council if kind == LicenceCondition.Kind.NOT_COUNCIL else None,
        description=description,
        ends_on=ends_on,
        recorded_by=actor,
    )
    audit_record(
        organisation=profile.organisation,
        actor=actor,
        action="rep.condition_added",
        obj=profile,
        changes={"kind": kind},
    )
    return row


@transaction.atomic
def boundaries_record(*, profile: RepProfile, signed_on: dt.date, actor) -> BoundariesAgreement:
    access.require(access.may_see_restricted(actor, profile), access.REFUSE_RESTRICTED)
    _not_in_future(signed_on, "signed_on")
    row = BoundariesAgreement.objects.create(
        profile=profile, signed_on=signed_on, recorded_by=actor
    )
    audit_record(
        organisation=profile.organisation,
        actor=actor,
        action="rep.boundaries_signed",
        obj=profile,
        changes={"signed_on": signed_on},
    )
    return row


@transaction.atomic
def check_in_record(
    *,
    profile: RepProfile,
    held_on: dt.date,
    how_it_went: str,
    notes: str = "",
    action: str = "",
    actor,
) -> CheckIn:
    """Supervision and welfare: a date, how it went, any action."""
    access.require(access.may_see_restricted(actor, profile), access.REFUSE_RESTRICTED)
    if how_it_went not in CheckIn.HowItWent.values:
        raise ValidationError({"how_it_went": gettext("Choose how it went.")})
    _not_in_future(held_on, "held_on")
    row = CheckIn.objects.create(
        profile=profile,
        held_on=held_on,
        how_it_went=how_it_went,
        notes=_short(notes, "notes"),
        action=_short(action, "action"),
        recorded_by=actor,
    )
    audit_record(
        organisation=profile.organisation,
        actor=actor,
        action="rep.check_in_recorded",
        obj=profile,
        changes={"held_on": held_on},
    )
    return row


# -------------------------------------------------------- their own details

OWN_DETAIL_FIELDS = [
    "gender",
    "age_band",
    "ethnicity",
    "phone",
    "address",
    "contact_preference",
    "access_needs",
    "accessibility_needs",
]


@transaction.atomic
def my_details_update(
    *,
    profile: RepProfile,
    gender: str = "",
    age_band: str = "",
    ethnicity: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    contact_preference: str,
    access_needs: list[str] | None = None,
    accessibility_needs: str = "",
    actor,
) -> RepProfile:
    """A rep corrects their own diversity answers (each optional, "Prefer
    not to say" always allowed) and how to reach them."""
    access.require(
        access.may_see_own_details(actor, profile),
        gettext("You can change only your own details."),
    )
    errors = {}
    for field, value, choices in (
        ("gender", gender, Gender),
        ("age_band", age_band, AgeBand),
        ("ethnicity", ethnicity, Ethnicity),
    ):
        if value and value not in choices.values:
            errors[field] = gettext("Choose one of the answers, or leave it blank.")
    if contact_preference not in RepProfile.ContactPreference.values:
        errors["contact_preference"] = gettext("Choose how you would like to hear from us.")
    access_needs = sorted(set(access_needs or []))
    if any(n not in RepProfile.AccessNeed.values for n in access_needs):
        errors["access_needs"] = gettext("Choose from the list.")
    address = (address or "").strip()
    email = (email or "").strip().lower()
    if contact_preference == RepProfile.ContactPreference.POST and not address:
        errors["address"] = gettext("Enter your address so that we can post letters to you.")
    if contact_preference == RepProfile.ContactPreference.EMAIL and not email:
        errors["email"] = gettext("Enter your email address so that we can email you.")
    if contact_preference in ("phone", "text") and not phone.strip():
        errors["phone"] = gettext("Enter your phone number so that we can call or text you.")
    if email and User.objects.filter(email__iexact=email).exclude(pk=actor.pk).exists():
        errors["email"] = gettext("Someone else uses this email address. Enter your own.")
    if len(address) > 500:
        errors["address"] = gettext("Keep the address to 500 characters or fewer.")
    if errors:
        raise ValidationError(errors)
    locked = _lock(profile)
    before = {name: getattr(locked, name) for name in OWN_DETAIL_FIELDS}
    after = {
        "gender": gender,
        "age_band": age_band,
        "ethnicity": ethnicity,
        "phone": phone.strip(),
        "address": address,
        "contact_preference": contact_preference,
        "access_needs": access_needs,
        "accessibility_needs": _short(accessibility_needs, "accessibility_needs", 500),
    }
    for name, value in after.items():
        setattr(locked, name, value)
        setattr(profile, name, value)
    locked.save(update_fields=OWN_DETAIL_FIELDS)
    user = User.objects.select_for_update().get(pk=locked.user_id)
    email_changed = user.email != email
    if email_changed:
        user.email = email
        user.save(update_fields=["email"])
    # Which answers changed, never the answers themselves.
    changed = [name for name in OWN_DETAIL_FIELDS if before[name] != after[name]]
    if email_changed:
        changed.append("email")
    audit_record(
        organisation=locked.organisation,
        actor=actor,
        action="rep.own_details_changed",
        obj=locked,
        changes={"fields": changed},
    )
    return locked


# ------------------------------------------------------------------ letters


def letter_instead_of_email(person, subject: str, body: str) -> bool:
    """For ``councils.email.email_people``: a rep who prefers post gets a
    letter on the coordinators' letters list instead of the email. Returns
    True when a letter was made (so no email is sent)."""
    profile = RepProfile.objects.filter(user_id=person.pk).first()
    if profile is None or profile.contact_preference != RepProfile.ContactPreference.POST:
        return False
    if profile.personal_data_deleted_at is not None:
        return True
    Letter.objects.create(
        organisation_id=profile.organisation_id, person=person, subject=subject, body=body
    )
    return True


@transaction.atomic
def letter_mark_posted(*, letter: Letter, actor) -> bool:
    """Claimed once: two coordinators pressing at once mark it posted once."""
    access.require(access.may_create_reps(actor, letter.organisation), access.REFUSE_MANAGE_REP)
    profile = RepProfile.objects.filter(user_id=letter.person_id).first()
    if profile is not None:
        access.require(access.may_manage_rep(actor, profile), access.REFUSE_MANAGE_REP)
    claimed = Letter.objects.filter(pk=letter.pk, posted_at__isnull=True).update(
        posted_at=timezone.now(), posted_by=actor
    )
    if claimed:
        audit_record(
            organisation=letter.organisation, actor=actor, action="letter.posted", obj=letter
        )
    return bool(claimed)


def surgery_limit_warnings(*, council, site, reps, on: dt.date, actor) -> list[str]:
    """Warnings for a surgery being planned: reps going whose recorded
    licence conditions rule out this site or council on that day. Only for
    a planner who may see that rep's restricted records (each such read is
    audited); anyone else sees no warning, so nothing restricted leaks."""
    user_ids = [getattr(r, "pk", r) for r in reps]
    conditions = (
        LicenceCondition.objects.filter(
            profile__user_id__in=user_ids,
            profile__organisation_id=council.organisation_id,
        )
        .filter(
            Q(kind=LicenceCondition.Kind.NOT_SITE, site=site)
            | Q(kind=LicenceCondition.Kind.NOT_COUNCIL, council=council)
        )
        .exclude(ends_on__lt=on)
        .select_related("profile", "profile__user", "profile__council", "site", "council")
    )
    warnings, audited = [], set()
    for condition in conditions:
        profile = condition.profile
        if not access.may_see_restricted(actor, profile):
            continue
        if profile.pk not in audited:
            restricted_record_read(profile=profile, actor=actor, what="surgery planning check")
            audited.add(profile.pk)
        if condition.kind == LicenceCondition.Kind.NOT_SITE:
            warnings.append(
                gettext("%(rep)s has a recorded limit: not at %(site)s.")
                % {"rep": profile.user, "site": condition.site}
            )
        else:
            warnings.append(
                gettext("%(rep)s has a recorded limit: not with %(council)s.")
                % {"rep": profile.user, "council": condition.council}
            )
    return warnings
