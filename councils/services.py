"""Writes for the tenancy. Each runs in a transaction and writes an audit event."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .audit import audit_record, changes_between, model_values
from .models import Council, Organisation, Region, Role, RoleAssignment, Site

REGION_FIELDS = ["name", "is_active"]
COUNCIL_FIELDS = [
    "name",
    "slug",
    "kind",
    "region",
    "cohort_description",
    "terms_of_reference",
    "meeting_cadence",
    "public_page_enabled",
    "is_active",
]
SITE_FIELDS = ["name", "kind", "region", "address", "site_manager_name", "is_active"]


def _check_same_org(organisation: Organisation, **related) -> None:
    for field, obj in related.items():
        if obj is not None and obj.organisation_id != organisation.pk:
            raise ValidationError({field: "Choose one from this organisation."})


@transaction.atomic
def _save_with_audit(*, obj, fields: list[str], data: dict, actor, kind: str):
    creating = obj.pk is None
    before = {} if creating else model_values(obj, fields)
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    changes = changes_between(before, model_values(obj, fields))
    audit_record(
        organisation=obj.organisation,
        actor=actor,
        action=f"{kind}.{'created' if creating else 'updated'}",
        obj=obj,
        changes=changes,
    )
    return obj


def region_save(*, organisation: Organisation, region: Region | None, data: dict, actor) -> Region:
    region = region or Region(organisation=organisation)
    if (
        Region.objects.filter(organisation=organisation, name__iexact=data["name"])
        .exclude(pk=region.pk)
        .exists()
    ):
        raise ValidationError({"name": "There is already a region with this name."})
    return _save_with_audit(obj=region, fields=REGION_FIELDS, data=data, actor=actor, kind="region")


def council_save(
    *, organisation: Organisation, council: Council | None, data: dict, actor
) -> Council:
    _check_same_org(organisation, region=data.get("region"))
    council = council or Council(organisation=organisation)
    if (
        Council.objects.filter(organisation=organisation, slug=data["slug"])
        .exclude(pk=council.pk)
        .exists()
    ):
        raise ValidationError({"slug": "Another council already uses this short name."})
    return _save_with_audit(
        obj=council, fields=COUNCIL_FIELDS, data=data, actor=actor, kind="council"
    )


def site_save(*, organisation: Organisation, site: Site | None, data: dict, actor) -> Site:
    _check_same_org(organisation, region=data.get("region"))
    site = site or Site(organisation=organisation)
    return _save_with_audit(obj=site, fields=SITE_FIELDS, data=data, actor=actor, kind="site")


@transaction.atomic
def role_assign(
    *,
    organisation: Organisation,
    user,
    role: str,
    region: Region | None = None,
    council: Council | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    actor,
) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role."})
    _check_same_org(organisation, region=region, council=council)
    if region is not None and council is not None:
        raise ValidationError({"scope": "Choose a region or a council, not both."})
    starts_on = starts_on or timezone.localdate()
    if ends_on is not None and ends_on <= starts_on:
        raise ValidationError({"ends_on": "The end date must be after the start date."})
    duplicate = (
        RoleAssignment.objects.active()
        .filter(organisation=organisation, user=user, role=role, region=region, council=council)
        .exists()
    )
    if duplicate:
        raise ValidationError({"role": f"{user} already has this role here."})
    assignment = RoleAssignment.objects.create(
        organisation=organisation,
        user=user,
        role=role,
        region=region,
        council=council,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    audit_record(
        organisation=organisation,
        actor=actor,
        action="role.assigned",
        obj=assignment,
        changes={"user": str(user), "role": role, "scope": assignment.scope_label},
    )
    return assignment


@transaction.atomic
def role_end(*, assignment: RoleAssignment, actor) -> RoleAssignment:
    """End a role today: access stops with the next request."""
    today = timezone.localdate()
    if assignment.ends_on is not None and assignment.ends_on <= today:
        raise ValidationError("This role has already ended.")
    # ends_on is exclusive: a role ending today no longer counts today.
    assignment.ends_on = max(today, assignment.starts_on)
    assignment.save(update_fields=["ends_on"])
    audit_record(
        organisation=assignment.organisation,
        actor=actor,
        action="role.ended",
        obj=assignment,
        changes={"user": str(assignment.user), "role": assignment.role, "ends_on": today},
    )
    return assignment
