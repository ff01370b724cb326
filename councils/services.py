"""Writes for the tenancy. Each runs in a transaction, checks who may (see
``access.py``), locks the row it changes, and writes an audit event."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from . import access, tasks
from .after_commit import after_commit
from .audit import audit_record, changes_between, model_values
from .models import (
    Council,
    NationalSharing,
    Organisation,
    ProblemReport,
    Region,
    Role,
    RoleAssignment,
    Site,
)

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
            raise ValidationError({field: gettext("Choose one from this organisation.")})


def _save_with_audit(
    *,
    model: type[models.Model],
    organisation: Organisation,
    obj: models.Model | None,
    fields: list[str],
    data: dict,
    actor,
    kind: str,
):
    """Create ``model`` or change ``obj``. Two admins may edit one council at
    once: the row is locked and read again, so the audit records what really
    changed and only the fields in ``fields`` are written."""
    access.require(access.may_manage_structure(actor, organisation))
    creating = obj is None
    if creating:
        obj = model(organisation=organisation)
        before = {}
    else:
        obj = model.objects.select_for_update().get(pk=obj.pk, organisation=organisation)
        before = model_values(obj, fields)
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])
    obj.full_clean()
    changes = changes_between(before, model_values(obj, fields))
    if creating:
        obj.save(force_insert=True)
    elif changes:
        obj.save(update_fields=list(changes))
    audit_record(
        organisation=organisation,
        actor=actor,
        action=f"{kind}.{'created' if creating else 'updated'}",
        obj=obj,
        changes=changes,
    )
    return obj


@transaction.atomic
def region_save(*, organisation: Organisation, region: Region | None, data: dict, actor) -> Region:
    duplicate = Region.objects.filter(organisation=organisation, name__iexact=data["name"])
    if region is not None:
        duplicate = duplicate.exclude(pk=region.pk)
    if duplicate.exists():
        raise ValidationError({"name": gettext("There is already a region with this name.")})
    return _save_with_audit(
        model=Region,
        organisation=organisation,
        obj=region,
        fields=REGION_FIELDS,
        data=data,
        actor=actor,
        kind="region",
    )


@transaction.atomic
def council_save(
    *, organisation: Organisation, council: Council | None, data: dict, actor
) -> Council:
    _check_same_org(organisation, region=data.get("region"))
    duplicate = Council.objects.filter(organisation=organisation, slug=data["slug"])
    if council is not None:
        duplicate = duplicate.exclude(pk=council.pk)
    if duplicate.exists():
        raise ValidationError({"slug": gettext("Another council already uses this short name.")})
    return _save_with_audit(
        model=Council,
        organisation=organisation,
        obj=council,
        fields=COUNCIL_FIELDS,
        data=data,
        actor=actor,
        kind="council",
    )


@transaction.atomic
def site_save(*, organisation: Organisation, site: Site | None, data: dict, actor) -> Site:
    _check_same_org(organisation, region=data.get("region"))
    return _save_with_audit(
        model=Site,
        organisation=organisation,
        obj=site,
        fields=SITE_FIELDS,
        data=data,
        actor=actor,
        kind="site",
    )


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
        raise ValidationError({"role": gettext("Choose a role.")})
    _check_same_org(organisation, region=region, council=council)
    if region is not None and council is not None:
        raise ValidationError({"scope": gettext("Choose a region or a council, not both.")})
    if role == Role.REP and council is None:
        raise ValidationError({"scope": gettext("A rep belongs to one council. Choose it.")})
    access.require(
        access.may_assign_role(
            actor, organisation=organisation, role=role, region=region, council=council
        ),
        gettext("Your role does not let you give this role here."),
    )
    starts_on = starts_on or timezone.localdate()
    if ends_on is not None and ends_on <= starts_on:
        raise ValidationError({"ends_on": gettext("The end date must be after the start date.")})
    # Two admins giving the same person the same role at once would both see
    # no duplicate: lock the person first, so the second waits and then sees it.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    duplicate = (
        RoleAssignment.objects.active()
        .filter(organisation=organisation, user=user, role=role, region=region, council=council)
        .exists()
    )
    if duplicate:
        raise ValidationError(
            {"role": gettext("%(person)s already has this role here.") % {"person": user}}
        )
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
    access.require(access.may_end_role(actor, assignment))
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    today = timezone.localdate()
    if assignment.ends_on is not None and assignment.ends_on <= today:
        raise ValidationError(gettext("This role has already ended."))
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


def problem_report_send(
    *, organisation: Organisation, reporter, page: str, what_happened: str, path: str = ""
) -> ProblemReport:
    """Keep what a person says went wrong, and tell the coordinators."""
    access.require(
        access.may_report_problem(reporter, organisation),
        gettext("Only people with a role in this organisation can report a problem here."),
    )
    what_happened = what_happened.strip()
    if not what_happened:
        raise ValidationError({"what_happened": gettext("Say what went wrong.")})
    with transaction.atomic():
        report = ProblemReport.objects.create(
            organisation=organisation,
            reporter=reporter,
            page=page.strip(),
            path=path[:200],
            what_happened=what_happened,
        )
        audit_record(
            organisation=organisation, actor=reporter, action="problem_report.sent", obj=report
        )
        after_commit(tasks.problem_report_tell_coordinators, report.pk)
    return report


def problem_report_close(*, report: ProblemReport, actor) -> ProblemReport:
    """A coordinator has dealt with a reported problem."""
    access.require(
        access.may_read_problem_reports(actor, report.organisation),
        gettext("Only coordinators and admins deal with reported problems."),
    )
    with transaction.atomic():
        report = ProblemReport.objects.select_for_update().get(pk=report.pk)
        if report.dealt_with_at is None:
            report.dealt_with_at = timezone.now()
            report.dealt_with_by = actor
            report.save(update_fields=["dealt_with_at", "dealt_with_by"])
            audit_record(
                organisation=report.organisation,
                actor=actor,
                action="problem_report.dealt_with",
                obj=report,
            )
    return report


@transaction.atomic
def national_sharing_set(*, organisation: Organisation, enabled: bool, actor) -> NationalSharing:
    """Share the organisation's figures with the national picture, or stop.
    Stopping takes effect at once: the national pages read this row on
    every request."""
    access.require(
        access.may_share_national_figures(actor, organisation),
        gettext("Only the organisation's admin can change what is shared nationally."),
    )
    NationalSharing.objects.get_or_create(organisation=organisation)
    sharing = NationalSharing.objects.select_for_update().get(organisation=organisation)
    was = sharing.enabled
    if was != enabled:
        sharing.enabled = enabled
        sharing.changed_by = actor
        sharing.changed_at = timezone.now()
        sharing.save(update_fields=["enabled", "changed_by", "changed_at"])
        audit_record(
            organisation=organisation,
            actor=actor,
            action="organisation.national_sharing_on"
            if enabled
            else "organisation.national_sharing_off",
            obj=sharing,
            changes={"enabled": [was, enabled]},
        )
    return sharing
