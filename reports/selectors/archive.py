"""The archive: which reports a person may see, newer copies, and who a
report is shared with."""

from __future__ import annotations

from django.db.models import BigIntegerField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast

from councils.models import Council, Organisation, Region, RoleAssignment
from councils.permissions import active_assignments, roles_granting

from ..models import GeneratedReport


def _scope_q(assignments, roles: set[str]) -> Q | None:
    """Reports whose scope one of the assignments covers; None means every
    report of the organisation."""
    q = Q(pk__in=[])
    for a in assignments:
        if a.role not in roles:
            continue
        if a.council_id:
            q |= Q(council_id=a.council_id)
        elif a.region_id:
            q |= Q(region_id=a.region_id) | Q(council__region_id=a.region_id)
        else:
            return None
    return q


def reports_visible_to(user, organisation: Organisation) -> QuerySet[GeneratedReport]:
    """Reports the person may read: by their roles' scope, You Said We Did
    for reps' councils, and any report shared with them by name."""
    assignments = active_assignments(user, organisation.pk)
    reports = GeneratedReport.objects.filter(organisation=organisation)
    full = _scope_q(assignments, roles_granting("reports.view_report"))
    if full is None:
        return reports
    yswd = _scope_q(assignments, roles_granting("reports.view_you_said_we_did"))
    yswd_kinds = Q(kind__in=GeneratedReport.YOU_SAID_WE_DID_KINDS)
    visible = full | (yswd_kinds if yswd is None else (yswd_kinds & yswd))
    return reports.filter(visible | Q(pk__in=shared_report_ids(user)))


def shared_report_ids(user) -> QuerySet:
    """Reports shared with this person by name (django-guardian grants)."""
    from guardian.models import UserObjectPermission

    # Joined in the same query (not ContentType's cache), so the count of
    # queries a page makes never depends on what was cached before.
    return (
        UserObjectPermission.objects.filter(
            user=user,
            permission__codename="view_report",
            content_type__app_label=GeneratedReport._meta.app_label,
            content_type__model=GeneratedReport._meta.model_name,
        )
        .annotate(report_id=Cast("object_pk", BigIntegerField()))
        .values("report_id")
    )


def archive(
    *,
    user,
    organisation: Organisation,
    council: Council | None = None,
    region: Region | None = None,
    whole_organisation: bool = False,
    kind: str = "",
) -> QuerySet[GeneratedReport]:
    """The archive, newest first, with whether a newer version of the same
    report exists."""
    reports = reports_visible_to(user, organisation)
    if council is not None:
        reports = reports.filter(scope=GeneratedReport.ScopeLevel.COUNCIL, council=council)
    elif region is not None:
        reports = reports.filter(scope=GeneratedReport.ScopeLevel.REGION, region=region)
    elif whole_organisation:
        reports = reports.filter(scope=GeneratedReport.ScopeLevel.ORGANISATION)
    if kind:
        reports = reports.filter(kind=kind)
    # The scope decides which of council and region is set (NULL never equals
    # NULL in SQL, so each is compared only where it is set).
    same_place = (
        Q(scope=GeneratedReport.ScopeLevel.COUNCIL, council=OuterRef("council"))
        | Q(scope=GeneratedReport.ScopeLevel.REGION, region=OuterRef("region"))
        | Q(scope=GeneratedReport.ScopeLevel.ORGANISATION)
    )
    newer = GeneratedReport.objects.filter(
        same_place,
        organisation=organisation,
        kind=OuterRef("kind"),
        export_kind=OuterRef("export_kind"),
        file_format=OuterRef("file_format"),
        scope=OuterRef("scope"),
        period_start=OuterRef("period_start"),
        period_end=OuterRef("period_end"),
        status=GeneratedReport.Status.READY,
        created_at__gt=OuterRef("created_at"),
    )
    return (
        reports.select_related("council", "region", "requested_by", "organisation")
        .annotate(has_newer=Exists(newer))
        .order_by("-created_at", "-id")
    )


def newer_version(report: GeneratedReport) -> GeneratedReport | None:
    """The newest ready copy of the same report made after this one."""
    return (
        GeneratedReport.objects.filter(
            organisation_id=report.organisation_id,
            kind=report.kind,
            export_kind=report.export_kind,
            file_format=report.file_format,
            scope=report.scope,
            council_id=report.council_id,
            region_id=report.region_id,
            period_start=report.period_start,
            period_end=report.period_end,
            status=GeneratedReport.Status.READY,
            created_at__gt=report.created_at,
        )
        .select_related("council", "council__region", "region", "organisation")
        .order_by("-created_at")
        .first()
    )


def report_for_page(organisation: Organisation, public_id: str) -> GeneratedReport | None:
    return (
        GeneratedReport.objects.filter(organisation=organisation, public_id=public_id)
        .select_related("council", "council__region", "region", "requested_by", "organisation")
        .first()
    )


def people_shared_with(report: GeneratedReport) -> QuerySet:
    from guardian.shortcuts import get_users_with_perms

    return get_users_with_perms(
        report, only_with_perms_in=["view_report"], with_superusers=False, with_group_users=False
    ).order_by("display_name", "username")


def people_to_share_with(organisation: Organisation) -> QuerySet:
    """Anyone with a current role in the organisation."""
    from django.contrib.auth import get_user_model

    ids = RoleAssignment.objects.active().filter(organisation=organisation).values("user_id")
    return (
        get_user_model()
        .objects.filter(is_active=True, id__in=ids)
        .order_by("display_name", "username")
    )
