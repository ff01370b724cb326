"""Reads for the tenancy: scoped querysets and small facts about people."""

from __future__ import annotations

import datetime as dt

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from .audit import LISTED
from .models import (
    STAFF_ROLES,
    AuditEvent,
    Council,
    Organisation,
    ProblemReport,
    Region,
    RoleAssignment,
    Site,
)
from .precompiled import PrecompiledQuery


def user_is_staff(user) -> bool:
    """Holds any current staff role, in any organisation."""
    cached = getattr(user, "_is_staff_role", None)
    if cached is None:
        cached = RoleAssignment.objects.active().filter(user=user, role__in=STAFF_ROLES).exists()
        user._is_staff_role = cached
    return cached


def user_has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


# The columns ``str(person)`` reads (``members.User.__str__``): a list that
# shows people's names loads only these.
PERSON_NAME_FIELDS = ("display_name", "first_name", "last_name", "username")


def name_fields(relation: str) -> tuple[str, ...]:
    """``PERSON_NAME_FIELDS`` through ``relation``, for ``only()``."""
    return tuple(f"{relation}__{field}" for field in PERSON_NAME_FIELDS)


def _signed_in_people(*, user_id: int, today: dt.date) -> QuerySet:
    staff = RoleAssignment.objects.active(on=today).filter(
        user=OuterRef("pk"), role__in=STAFF_ROLES
    )
    totp = Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
    return (
        get_user_model()
        ._default_manager.annotate(_is_staff_role=Exists(staff), _has_totp=Exists(totp))
        .filter(pk=user_id)
    )


# Its SQL is built once a day per process: it runs on every signed-in page.
_SIGNED_IN_PERSON = PrecompiledQuery(
    lambda today, user_id: _signed_in_people(user_id=user_id, today=today)
)


def signed_in_user(user_id):
    """The signed-in person, loaded with the two facts the second-factor
    check asks on every page (``user_staff_and_totp``), in the one query
    that loads them anyway. ``None`` if there is no such person."""
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    today = timezone.localdate()
    people = _SIGNED_IN_PERSON.run(key=today, user_id=user_id)
    return people[0] if people else None


def user_staff_and_totp(user) -> tuple[bool, bool]:
    """``(user_is_staff(user), user_has_totp(user))`` in one query at most:
    the second-factor check asks both on every signed-in page. The person
    the session loaded (``signed_in_user``) carries both already."""
    staff, totp = getattr(user, "_is_staff_role", None), getattr(user, "_has_totp", None)
    if staff is not None and totp is not None:
        return staff, totp
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values(
            staff=Exists(
                RoleAssignment.objects.active().filter(user=OuterRef("pk"), role__in=STAFF_ROLES)
            ),
            totp=Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        )
        .first()
    )
    if row is None:
        return False, False
    user._is_staff_role = row["staff"]
    return row["staff"], row["totp"]


def organisations_for_user(user) -> QuerySet[Organisation]:
    ids = RoleAssignment.objects.active().filter(user=user).values("organisation_id")
    return Organisation.objects.filter(id__in=ids, is_active=True)


def regions_for_org(organisation: Organisation) -> QuerySet[Region]:
    return Region.objects.filter(organisation=organisation)


def councils_for_org(organisation: Organisation) -> QuerySet[Council]:
    return Council.objects.filter(organisation=organisation).select_related("region")


def sites_for_org(organisation: Organisation) -> QuerySet[Site]:
    return Site.objects.filter(organisation=organisation).select_related("region")


# What the audit log shows of an event and who acted (by name): not the
# rest of their account. The changes are read as text (``changes_json``),
# for the page to decode one event at a time (see ``audit_log``).
AUDIT_LOG_FIELDS = (
    "created_at",
    "action",
    "object_id",
    "object_repr",
    *name_fields("actor"),
)


def audit_events_for_org(
    organisation: Organisation, *, actor=None, object_id: str | None = None
) -> QuerySet[AuditEvent]:
    events = (
        AuditEvent.objects.filter(organisation=organisation)
        .select_related("actor")
        .only(*AUDIT_LOG_FIELDS)
        .annotate(changes_json=Cast("changes", TextField()))
    )
    if actor is not None:
        events = events.filter(actor=actor)
    if object_id:
        # Events about the object, and page views that listed it (one event
        # names many objects: ``audit_record_listing``).
        events = events.filter(
            Q(object_id=object_id) | Q(**{f"changes__{LISTED}__has_key": object_id})
        )
    return events


def problem_reports_for_org(organisation: Organisation) -> QuerySet[ProblemReport]:
    """Reported problems, the ones still open first, newest first."""
    return (
        ProblemReport.objects.filter(organisation=organisation)
        .select_related("reporter", "dealt_with_by")
        .order_by(F("dealt_with_at").desc(nulls_first=True), "-created_at", "-id")
    )
