"""Asking for an export, and making its file (the report task's work)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record
from councils.models import Council, Organisation, Region

from .. import tasks
from ..models import GeneratedReport
from ..services import _scope_level, _validate_request
from .registry import EXPORT_FORMATS, EXPORT_KINDS, export_table
from .writers import write


def may_export(
    user,
    organisation: Organisation,
    council: Council | None,
    region: Region | None,
    export_kind: str = "proposals",
) -> bool:
    kind = EXPORT_KINDS.get(export_kind)
    permission = kind.permission if kind else "reports.view_report"
    return user.has_perm(permission, council or region or organisation)


@transaction.atomic
def export_request(
    *,
    organisation: Organisation,
    export_kind: str,
    file_format: str,
    period_start: dt.date,
    period_end: dt.date,
    actor,
    council: Council | None = None,
    region: Region | None = None,
) -> GeneratedReport:
    """Queue an export for a scope the person may read reports of; the
    report task makes the file once the transaction commits."""
    from . import kinds  # noqa: F401  (registers the built-in kinds)

    errors = {}
    if export_kind not in EXPORT_KINDS:
        errors["export_kind"] = _("Choose which table you want.")
    if file_format not in EXPORT_FORMATS:
        errors["file_format"] = _("Choose CSV or a spreadsheet.")
    if errors:
        raise ValidationError(errors)
    _validate_request(
        organisation=organisation,
        kind=GeneratedReport.Kind.EXPORT,
        period_start=period_start,
        period_end=period_end,
        council=council,
        region=region,
    )
    if not may_export(actor, organisation, council, region, export_kind):
        raise PermissionDenied(_("You can only export figures for places you can read reports of."))
    report = GeneratedReport.objects.create(
        organisation=organisation,
        kind=GeneratedReport.Kind.EXPORT,
        export_kind=export_kind,
        file_format=file_format,
        scope=_scope_level(council, region),
        council=council,
        region=region,
        period_start=period_start,
        period_end=period_end,
        requested_by=actor,
    )
    audit_record(
        organisation=organisation,
        actor=actor,
        action="report.export_requested",
        obj=report,
        changes={
            "export": export_kind,
            "format": file_format,
            "scope": report.scope_label,
            "period": report.period_label,
        },
    )
    after_commit(tasks.render_report, report.pk)
    return report


def export_bytes(report: GeneratedReport) -> bytes:
    table = export_table(report)
    return write(report.file_format, table.header, table.rows, title=report.export_label)
