"""Writes for people: staff invitations, rep accounts and their setup codes.
Each checks who may (``access.py``) and schedules email with ``after_commit``."""

from __future__ import annotations

import datetime as dt
import functools
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy

from councils.after_commit import after_commit
from councils.audit import audit_record
from councils.models import Council, Organisation, Region, Role
from councils.services import role_assign

from .. import access, tasks
from ..models import RepProfile, RepSetupCode

User = get_user_model()

# Long enough for a letter to go out by post and be opened; short enough that
# a lost letter stops working soon. The letter says so.
SETUP_CODE_VALID_FOR = dt.timedelta(days=7)
# Wrong codes typed for one person before their code stops working for good.
SETUP_CODE_MAX_TRIES = 5
# No 0/O or 1/I/L: the code is read off paper, often aloud.
SETUP_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _new_setup_code() -> str:
    raw = "".join(secrets.choice(SETUP_CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def unique_username(base: str) -> str:
    stem = slugify(base).replace("-", ".")[:30] or "rep"
    candidate, n = stem, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{stem}{n}"
    return candidate


@transaction.atomic
def staff_invite(
    *,
    organisation: Organisation,
    email: str,
    display_name: str,
    role: str,
    region: Region | None,
    council: Council | None,
    actor,
) -> object:
    """Create a staff account and email a link to choose a password."""
    access.require(access.may_invite_staff(actor, organisation))
    email = email.strip().lower()
    if role == Role.REP:
        raise ValidationError(
            {"role": gettext("Reps get an account with a setup code, not an email.")}
        )
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": gettext("Someone already uses this email address. Give them a role instead.")}
        )
    # No password yet (an unusable one): they choose it from the email.
    user = User.objects.create_user(
        username=unique_username(email.split("@")[0]),
        email=email,
        display_name=display_name,
    )
    role_assign(
        organisation=organisation, user=user, role=role, region=region, council=council, actor=actor
    )
    audit_record(
        organisation=organisation,
        actor=actor,
        action="staff.invited",
        obj=user,
        changes={"role": role},
    )
    after_commit(
        tasks.send_staff_invitation,
        user.pk,
        organisation.pk,
        language=translation.get_language() or "",
    )
    return user


@transaction.atomic
def rep_account_create(
    *,
    organisation: Organisation,
    council: Council,
    display_name: str,
    contact_preference: str,
    phone: str = "",
    email: str = "",
    actor,
) -> tuple[object, str]:
    """Create a rep's account with no password, and a setup code to print."""
    if council.organisation_id != organisation.pk:
        raise ValidationError({"council": gettext("Choose a council from this organisation.")})
    access.require(
        access.may_create_rep_in(actor, council),
        gettext("You can only create reps for councils you coordinate."),
    )
    email = email.strip().lower()
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": gettext("Someone already uses this email address.")})
    # No password (an unusable one) until the rep redeems the setup code.
    user = User.objects.create_user(
        username=unique_username(display_name), email=email, display_name=display_name
    )
    RepProfile.objects.create(
        organisation=organisation,
        user=user,
        council=council,
        contact_preference=contact_preference,
        phone=phone,
    )
    role_assign(organisation=organisation, user=user, role=Role.REP, council=council, actor=actor)
    audit_record(
        organisation=organisation,
        actor=actor,
        action="rep.account_created",
        obj=user,
        changes={"council": council.name},
    )
    code = rep_setup_code_issue(organisation=organisation, user=user, actor=actor)
    return user, code


@transaction.atomic
def rep_setup_code_issue(*, organisation: Organisation, user, actor) -> str:
    """A new code replaces any earlier one. Returns the code: it is shown once."""
    # Locking the rep's profile makes two coordinators printing a code at the
    # same moment take turns, so only the last code printed works.
    profile = (
        RepProfile.objects.select_for_update()
        .select_related("council")
        .filter(user=user, organisation=organisation)
        .first()
    )
    if profile is None:
        raise ValidationError(gettext("This person is not a rep in this organisation."))
    access.require(
        access.may_issue_setup_code(actor, profile),
        gettext("You can only print setup codes for reps of councils you coordinate."),
    )
    now = timezone.now()
    RepSetupCode.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    code = _new_setup_code()
    RepSetupCode.objects.create(
        user=user,
        organisation=organisation,
        code_hash=make_password(_normalise_code(code)),
        created_by=actor,
        expires_at=now + SETUP_CODE_VALID_FOR,
    )
    audit_record(organisation=organisation, actor=actor, action="rep.setup_code_issued", obj=user)
    return code


SETUP_CODE_ERROR = gettext_lazy(
    "That username and setup code do not match, or the code has expired or been used. "
    "Check the letter from your coordinator, or ask them for a new code."
)


@functools.cache
def _hash_to_waste_time_on() -> str:
    return make_password(secrets.token_hex(8))


def rep_setup_code_redeem(*, username: str, code: str, password: str) -> object:
    """Check the code and set the rep's chosen password. One use only.

    The answer takes as long whether or not the person has a live code (one
    hash check either way), so timing cannot tell an attacker whose codes
    are live; and each wrong code counts against the person's code.
    """
    user = User.objects.filter(username__iexact=username.strip()).first()
    if user is not None and not access.may_redeem_setup_code(user):
        user = None
    now = timezone.now()
    pending = (
        RepSetupCode.objects.filter(
            user=user,
            used_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=now,
            failed_attempts__lt=SETUP_CODE_MAX_TRIES,
        ).first()
        if user
        else None
    )
    given = _normalise_code(code)
    # check_password compares in constant time; the hash runs either way.
    matches = check_password(given, pending.code_hash if pending else _hash_to_waste_time_on())
    if pending is None or not matches:
        if pending is not None:
            # Saved at once, outside any transaction the error would undo.
            RepSetupCode.objects.filter(pk=pending.pk).update(
                failed_attempts=F("failed_attempts") + 1
            )
        raise ValidationError({"code": SETUP_CODE_ERROR})
    return _setup_code_claim(pending, user, password, now)


@transaction.atomic
def _setup_code_claim(pending: RepSetupCode, user, password: str, now) -> object:
    # Claimed with a conditional update: of two requests with the same code
    # at once, only one sets the password.
    claimed = RepSetupCode.objects.filter(
        pk=pending.pk,
        used_at__isnull=True,
        revoked_at__isnull=True,
        failed_attempts__lt=SETUP_CODE_MAX_TRIES,
    ).update(used_at=now)
    if not claimed:
        raise ValidationError({"code": SETUP_CODE_ERROR})
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(organisation=pending.organisation, actor=user, action="rep.password_set", obj=user)
    return user
