"""Writes for people: staff invitations, rep accounts and their setup codes."""

from __future__ import annotations

import datetime as dt
import secrets

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from councils.audit import audit_record
from councils.models import Council, Organisation, Region, Role
from councils.services import role_assign

from .models import RepProfile, RepSetupCode

User = get_user_model()

SETUP_CODE_VALID_FOR = dt.timedelta(days=14)
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
    email = email.strip().lower()
    if role == Role.REP:
        raise ValidationError({"role": "Reps get an account with a setup code, not an email."})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": "Someone already uses this email address. Give them a role instead."}
        )
    user = User.objects.create_user(
        username=unique_username(email.split("@")[0]),
        email=email,
        display_name=display_name,
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    role_assign(
        organisation=organisation, user=user, role=role, region=region, council=council, actor=actor
    )
    audit_record(
        organisation=organisation,
        actor=actor,
        action="staff.invited",
        obj=user,
        changes={"email": email, "role": role},
    )
    transaction.on_commit(lambda: _send_invitation(user=user, organisation=organisation))
    return user


def invitation_link(user) -> str:
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def _send_invitation(*, user, organisation: Organisation) -> None:
    context = {"user": user, "organisation": organisation, "link": invitation_link(user)}
    send_mail(
        subject=f"You have been invited to Said and Done for {organisation.name}",
        message=render_to_string("members/email/invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


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
        raise ValidationError({"council": "Choose a council from this organisation."})
    email = email.strip().lower()
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "Someone already uses this email address."})
    user = User.objects.create_user(
        username=unique_username(display_name), email=email, display_name=display_name
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
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


SETUP_CODE_ERROR = (
    "That username and setup code do not match, or the code has expired or been used. "
    "Check the letter from your coordinator, or ask them for a new code."
)


@transaction.atomic
def rep_setup_code_redeem(*, username: str, code: str, password: str) -> object:
    """Check the code and set the rep's chosen password. One use only."""
    user = User.objects.filter(username__iexact=username.strip()).first()
    now = timezone.now()
    candidates = (
        RepSetupCode.objects.select_for_update().filter(
            user=user, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        )
        if user
        else []
    )
    match = next(
        (c for c in candidates if check_password(_normalise_code(code), c.code_hash)), None
    )
    if match is None:
        raise ValidationError({"code": SETUP_CODE_ERROR})
    claimed = RepSetupCode.objects.filter(pk=match.pk, used_at__isnull=True).update(used_at=now)
    if not claimed:
        raise ValidationError({"code": SETUP_CODE_ERROR})
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(organisation=match.organisation, actor=user, action="rep.password_set", obj=user)
    return user
