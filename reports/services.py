"""Writes for reports: asking for a report, retrying, regenerating, sharing,
the quarterly schedule and the public page. Rendering (the task's work) is
in ``rendering.py``; emails are in ``notifications.py``.

Every service checks who may (``access.py``), writes an audit event, and
starts background work with ``after_commit``. A service that changes a row
two people can change at once locks it first.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record
from councils.models import Council, Organisation, Region
from councils.periods import last_quarter

from . import access, notifications, tasks
from .models import GeneratedReport, ShareNotice
from .rendering import RENDER_LEASE, RenderOutcome, is_stuck, report_render

__all__ = [
    "RENDER_LEASE",
    "RenderOutcome",
    "is_stuck",
    "public_page_set",
    "quarterly_reports_schedule",
    "report_regenerate",
    "report_render",
    "report_request",
    "report_retry",
    "report_share",
    "report_unshare",
]

LONGEST_PERIOD = dt.timedelta(days=3 * 366)

Status = GeneratedReport.Status
Kind = GeneratedReport.Kind
ScopeLevel = GeneratedReport.ScopeLevel


def _scope_level(council: Council | None, region: Region | None) -> str:
    if council is not None:
        return ScopeLevel.COUNCIL
    if region is not None:
        return ScopeLevel.REGION
    return ScopeLevel.ORGANISATION


def _validate_request(
    *,
    organisation: Organisation,
    kind: str,
    period_start: dt.date,
    period_end: dt.date,
    council: Council | None,
    region: Region | None,
) -> None:
    errors = {}
    if kind not in Kind.values:
        errors["kind"] = _("Choose what kind of report you want.")
    if council is not None and region is not None:
        errors["scope"] = _("Choose a council or a region, not both.")
    elif council is not None and council.organisation_id != organisation.pk:
        errors["scope"] = _("Choose a council from this organisation.")
    elif region is not None and region.organisation_id != organisation.pk:
        errors["scope"] = _("Choose a region from this organisation.")
    if period_start > period_end:
        errors["period"] = _("The start of the period must be before its end.")
    elif period_end - period_start > LONGEST_PERIOD:
        errors["period"] = _("Choose a period of 3 years or less.")
    elif period_start > timezone.localdate():
        errors["period"] = _("The period has not started yet. Choose one that has.")
    if errors:
        raise ValidationError(errors)


def _create_report(
    *,
    organisation: Organisation,
    kind: str,
    period_start: dt.date,
    period_end: dt.date,
    actor,
    council: Council | None,
    region: Region | None,
    notify_when_ready: bool,
) -> GeneratedReport:
    report = GeneratedReport.objects.create(
        organisation=organisation,
        kind=kind,
        scope=_scope_level(council, region),
        council=council,
        region=region,
        period_start=period_start,
        period_end=period_end,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        notify_when_ready=notify_when_ready,
    )
    audit_record(
        organisation=organisation,
        actor=actor,
        action="report.requested",
        obj=report,
        changes={"kind": kind, "scope": report.scope_label, "period": report.period_label},
    )
    after_commit(tasks.render_report, report.pk)
    return report


@transaction.atomic
def report_request(
    *,
    organisation: Organisation,
    kind: str,
    period_start: dt.date,
    period_end: dt.date,
    actor,
    council: Council | None = None,
    region: Region | None = None,
) -> GeneratedReport:
    """Make a queued report and start rendering it once the transaction commits."""
    _validate_request(
        organisation=organisation,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        council=council,
        region=region,
    )
    access.check_request_report(actor, organisation, council, region)
    return _create_report(
        organisation=organisation,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        actor=actor,
        council=council,
        region=region,
        notify_when_ready=False,
    )


@transaction.atomic
def report_retry(*, report: GeneratedReport, actor) -> GeneratedReport:
    """Queue a failed (or stuck) report again. The same row and file are reused."""
    access.check_manage_report(actor, report)
    locked = GeneratedReport.objects.select_for_update().get(pk=report.pk)
    if not (locked.status == Status.FAILED or is_stuck(locked)):
        raise ValidationError(
            {"report": _("This report is already being made. Check again in a minute.")}
        )
    locked.status = Status.QUEUED
    locked.error_message = ""
    locked.started_at = None
    locked.finished_at = None
    locked.save(update_fields=["status", "error_message", "started_at", "finished_at"])
    audit_record(organisation=locked.organisation, actor=actor, action="report.retried", obj=locked)
    after_commit(tasks.render_report, locked.pk)
    return locked


@transaction.atomic
def report_regenerate(*, report: GeneratedReport, actor) -> GeneratedReport:
    """A fresh copy of the same report, with today's figures. The earlier one
    stays in the archive."""
    access.check_manage_report(actor, report)
    # Lock only the report's own row: council and region may be empty.
    source = (
        GeneratedReport.objects.select_for_update(of=("self",))
        .select_related("organisation", "council", "region")
        .get(pk=report.pk)
    )
    return report_request(
        organisation=source.organisation,
        kind=source.kind,
        council=source.council,
        region=source.region,
        period_start=source.period_start,
        period_end=source.period_end,
        actor=actor,
    )


# ---------------------------------------------------------------------------
# The quarterly schedule


@transaction.atomic
def quarterly_reports_schedule(*, today: dt.date | None = None) -> list[GeneratedReport]:
    """Last quarter's reports for every council and region of every active
    organisation: a quarterly report for each, and a You Said We Did booklet
    for each council. Running it again the same quarter adds nothing.
    The schedule asks on nobody's behalf, so no person's access is checked."""
    period = last_quarter(today)
    existing = set(
        GeneratedReport.objects.filter(
            requested_by__isnull=True,
            notify_when_ready=True,
            period_start=period.start,
            period_end=period.end,
        ).values_list("kind", "council_id", "region_id")
    )
    made = []

    def ask(org, kind, council=None, region=None):
        key = (kind, getattr(council, "pk", None), getattr(region, "pk", None))
        if key in existing:
            return
        made.append(
            _create_report(
                organisation=org,
                kind=kind,
                council=council,
                region=region,
                period_start=period.start,
                period_end=period.end,
                actor=None,
                notify_when_ready=True,
            )
        )

    councils = Council.objects.filter(is_active=True, organisation__is_active=True)
    for council in councils.select_related("organisation").order_by("organisation_id", "id"):
        ask(council.organisation, Kind.QUARTERLY, council=council)
        ask(council.organisation, Kind.YOU_SAID_WE_DID_BOOKLET, council=council)
    regions = Region.objects.filter(is_active=True, organisation__is_active=True)
    for region in regions.select_related("organisation").order_by("organisation_id", "id"):
        ask(region.organisation, Kind.QUARTERLY, region=region)
    return made


# ---------------------------------------------------------------------------
# Sharing and the public page


@transaction.atomic
def report_share(*, report: GeneratedReport, person, actor) -> None:
    """Let one named person read and download this one report."""
    from guardian.shortcuts import assign_perm

    access.check_manage_report(actor, report)
    if not access.may_receive_share(person, report.organisation):
        raise ValidationError({"person": _("Choose someone who has a role in this organisation.")})
    # Sharing and stopping sharing of one report happen one at a time.
    locked = GeneratedReport.objects.select_for_update().get(pk=report.pk)
    assign_perm("reports.view_report", person, locked)
    audit_record(
        organisation=locked.organisation,
        actor=actor,
        action="report.shared",
        obj=locked,
        changes={"shared_with": str(person)},
    )
    if person.email:
        notice = ShareNotice.objects.create(
            organisation=locked.organisation, report=locked, person=person, shared_by=actor
        )
        after_commit(notifications.send_report_shared, notice.pk)


@transaction.atomic
def report_unshare(*, report: GeneratedReport, person, actor) -> None:
    from guardian.shortcuts import remove_perm

    access.check_manage_report(actor, report)
    locked = GeneratedReport.objects.select_for_update().get(pk=report.pk)
    remove_perm("reports.view_report", person, locked)
    audit_record(
        organisation=locked.organisation,
        actor=actor,
        action="report.unshared",
        obj=locked,
        changes={"shared_with": str(person)},
    )


@transaction.atomic
def public_page_set(*, council: Council, enabled: bool, actor) -> Council:
    """Publish (or take down) the council's public You Said, We Did page."""
    access.check_publish_page(actor, council)
    locked = Council.objects.select_for_update().get(pk=council.pk)
    was = locked.public_page_enabled
    if was != enabled:
        locked.public_page_enabled = enabled
        locked.save(update_fields=["public_page_enabled"])
        audit_record(
            organisation=locked.organisation,
            actor=actor,
            action="council.public_page_published" if enabled else "council.public_page_removed",
            obj=locked,
            changes={"public_page_enabled": [was, enabled]},
        )
    council.public_page_enabled = enabled
    return locked
