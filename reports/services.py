"""Writes for reports: asking for a report, rendering it (the task's work),
retrying, regenerating, sharing, the quarterly schedule and the public page.

Rendering is safe to run twice: the work is claimed with a conditional
update, the file name is fixed by the report's public id and overwritten in
place, and a second run of a finished report does nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from councils.audit import audit_record
from councils.models import Council, Organisation, Region, Role, RoleAssignment

from .models import GeneratedReport, report_file_name
from .periods import Period, last_quarter
from .renderers import RENDERERS, RenderError

logger = logging.getLogger(__name__)

# A render that has not finished after this long is taken to have died with
# its worker, and another run may take it over.
RENDER_LEASE = dt.timedelta(minutes=10)
LONGEST_PERIOD = dt.timedelta(days=3 * 366)

Status = GeneratedReport.Status
Kind = GeneratedReport.Kind
ScopeLevel = GeneratedReport.ScopeLevel


def _enqueue(report_id: int) -> None:
    from .tasks import render_report

    render_report.delay(report_id)


def _scope_level(council: Council | None, region: Region | None) -> str:
    if council is not None:
        return ScopeLevel.COUNCIL
    if region is not None:
        return ScopeLevel.REGION
    return ScopeLevel.ORGANISATION


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
    notify_when_ready: bool = False,
) -> GeneratedReport:
    """Make a queued report and start rendering it once the transaction commits."""
    errors = {}
    if kind not in Kind.values:
        errors["kind"] = "Choose what kind of report you want."
    if council is not None and region is not None:
        errors["scope"] = "Choose a council or a region, not both."
    elif council is not None and council.organisation_id != organisation.pk:
        errors["scope"] = "Choose a council from this organisation."
    elif region is not None and region.organisation_id != organisation.pk:
        errors["scope"] = "Choose a region from this organisation."
    if period_start > period_end:
        errors["period"] = "The start of the period must be before its end."
    elif period_end - period_start > LONGEST_PERIOD:
        errors["period"] = "Choose a period of 3 years or less."
    elif period_start > timezone.localdate():
        errors["period"] = "The period has not started yet. Choose one that has."
    if errors:
        raise ValidationError(errors)
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
    transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def is_stuck(report: GeneratedReport, *, now: dt.datetime | None = None) -> bool:
    """Waiting or rendering for longer than a render may take."""
    now = now or timezone.now()
    if report.status == Status.QUEUED:
        return report.created_at < now - RENDER_LEASE
    if report.status == Status.RENDERING:
        return report.started_at is None or report.started_at < now - RENDER_LEASE
    return False


@transaction.atomic
def report_retry(*, report: GeneratedReport, actor) -> GeneratedReport:
    """Queue a failed (or stuck) report again. The same row and file are reused."""
    now = timezone.now()
    stale = now - RENDER_LEASE
    retryable = (
        Q(status=Status.FAILED)
        | Q(status=Status.QUEUED, created_at__lt=stale)
        | Q(status=Status.RENDERING, started_at__lt=stale)
    )
    updated = GeneratedReport.objects.filter(retryable, pk=report.pk).update(
        status=Status.QUEUED, error_message="", started_at=None, finished_at=None
    )
    if not updated:
        raise ValidationError(
            {"report": "This report is already being made. Check again in a minute."}
        )
    report.refresh_from_db()
    audit_record(organisation=report.organisation, actor=actor, action="report.retried", obj=report)
    transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def report_regenerate(*, report: GeneratedReport, actor) -> GeneratedReport:
    """A fresh copy of the same report, with today's figures. The earlier one
    stays in the archive."""
    return report_request(
        organisation=report.organisation,
        kind=report.kind,
        council=report.council,
        region=report.region,
        period_start=report.period_start,
        period_end=report.period_end,
        actor=actor,
    )


# ---------------------------------------------------------------------------
# Rendering (the task's work)


@dataclass(frozen=True)
class RenderOutcome:
    outcome: str  # done | already_done | busy | failed | missing
    retry_in: float | None = None  # seconds, when busy


def _claim(report_id: int, now: dt.datetime) -> bool:
    claimable = Q(status=Status.QUEUED) | Q(
        status=Status.RENDERING, started_at__lt=now - RENDER_LEASE
    )
    return bool(
        GeneratedReport.objects.filter(claimable, pk=report_id).update(
            status=Status.RENDERING,
            started_at=now,
            finished_at=None,
            error_message="",
            attempts=F("attempts") + 1,
        )
    )


def _write_file(name: str, data: bytes) -> None:
    """Write the PDF at a fixed name, replacing any earlier copy. On local
    disk the new file is moved into place, so a reader never sees half a PDF."""
    storage = default_storage
    try:
        path = storage.path(name)
    except NotImplementedError:
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(data))
        if saved != name:
            storage.delete(saved)
            raise OSError(f"the file store would not use the name {name}") from None
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def _failure_message(error: Exception, report: GeneratedReport) -> str:
    reference = f"Reference: {report.public_id}."
    if isinstance(error, RenderError):
        return (
            f"{error} This is usually caused by unusual text in a proposal or a quote. "
            f"Try again. If it fails again, tell your admin. {reference}"
        )
    if isinstance(error, OSError):
        return (
            "The PDF was made but could not be saved: the file store is full or cannot be "
            f"written to. Ask your admin to check the file storage, then try again. {reference}"
        )
    if isinstance(error, DatabaseError):
        return (
            "The figures could not be read from the database. Wait a few minutes, "
            f"then try again. {reference}"
        )
    name = type(error).__name__
    return (
        f"Something went wrong while making the report ({name}). Try again. If it fails "
        f"again, tell your admin. {reference}"
    )


def report_render(*, report_id: int) -> RenderOutcome:
    """Claim the report, gather its figures, render the PDF and store it.

    Safe to run twice: a report that is ready stays as it is; a report another
    run is rendering is left to it (the caller retries after the lease); a
    report whose worker died is taken over once the lease has passed.
    """
    from .selectors import content_for

    now = timezone.now()
    if not _claim(report_id, now):
        current = GeneratedReport.objects.filter(pk=report_id).values("status", "started_at")
        row = current.first()
        if row is None:
            return RenderOutcome("missing")
        if row["status"] == Status.RENDERING and row["started_at"]:
            left = (row["started_at"] + RENDER_LEASE - now).total_seconds()
            return RenderOutcome("busy", retry_in=max(left, 1.0) + 1)
        return RenderOutcome("already_done")

    report = GeneratedReport.objects.select_related(
        "organisation", "council", "council__region", "region"
    ).get(pk=report_id)
    attempt = report.attempts
    try:
        content = content_for(report)
        renderer = RENDERERS[report.kind](content)
        pdf = renderer.render()
        name = report_file_name(report)
        _write_file(name, pdf)
    except Exception as error:
        logger.exception("Report %s failed on attempt %s", report.public_id, attempt)
        message = _failure_message(error, report)
        with transaction.atomic():
            failed = GeneratedReport.objects.filter(pk=report_id, attempts=attempt).update(
                status=Status.FAILED, finished_at=timezone.now(), error_message=message
            )
            if failed:
                audit_record(
                    organisation=report.organisation,
                    actor=None,
                    action="report.failed",
                    obj=report,
                    changes={"error": message},
                )
                _after_finish(report)
        return RenderOutcome("failed")

    with transaction.atomic():
        # Only the run that holds the claim records the result; a run that lost
        # its lease has written the same bytes to the same file.
        finished = GeneratedReport.objects.filter(
            pk=report_id, attempts=attempt, status=Status.RENDERING
        ).update(
            status=Status.READY,
            file=name,
            file_size=len(pdf),
            page_count=renderer.page_count,
            finished_at=timezone.now(),
            error_message="",
        )
        if finished:
            audit_record(
                organisation=report.organisation, actor=None, action="report.ready", obj=report
            )
            _after_finish(report)
    return RenderOutcome("done" if finished else "already_done")


# ---------------------------------------------------------------------------
# The quarterly schedule


def _after_finish(report: GeneratedReport) -> None:
    if report.notify_when_ready:
        transaction.on_commit(lambda: scheduled_batch_notify(report=report))


@transaction.atomic
def quarterly_reports_schedule(*, today: dt.date | None = None) -> list[GeneratedReport]:
    """Last quarter's reports for every council and region of every active
    organisation: a quarterly report for each, and a You Said We Did booklet
    for each council. Running it again the same quarter adds nothing."""
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
            report_request(
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


def scheduled_batch_notify(*, report: GeneratedReport) -> int:
    """Once every scheduled report of the organisation for that quarter has
    finished, email its managers and chairs one link. The batch is claimed
    with a conditional update, so the email goes once. Returns emails sent."""
    batch = GeneratedReport.objects.filter(
        organisation_id=report.organisation_id,
        notify_when_ready=True,
        period_start=report.period_start,
        period_end=report.period_end,
    )
    if batch.exclude(status__in=[Status.READY, Status.FAILED]).exists():
        return 0
    if not batch.filter(notified_at__isnull=True).update(notified_at=timezone.now()):
        return 0
    counts = {row: 0 for row in (Status.READY, Status.FAILED)}
    for status in batch.values_list("status", flat=True):
        counts[status] += 1
    period = Period(report.period_start, report.period_end)
    organisation = report.organisation
    link = (
        settings.SITE_URL.rstrip("/")
        + reverse("report_list", args=[organisation.slug])
        + f"?period={period.key}"
    )
    recipients = (
        RoleAssignment.objects.active()
        .filter(organisation=organisation, role__in=[Role.MANAGER, Role.CHAIR])
        .exclude(user__email="")
        .filter(user__is_active=True)
        .values_list("user__email", "user__display_name")
        .distinct()
    )
    sent = 0
    for email, name in sorted(set(recipients)):
        body = render_to_string(
            "reports/email/quarterly_ready.txt",
            {
                "name": name,
                "organisation": organisation,
                "period": period,
                "link": link,
                "ready": counts[Status.READY],
                "failed": counts[Status.FAILED],
            },
        )
        send_mail(
            f"Reports for {period.label} are ready",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
        sent += 1
    return sent


# ---------------------------------------------------------------------------
# Sharing and the public page


def _has_role_here(person, organisation: Organisation) -> bool:
    return RoleAssignment.objects.active().filter(user=person, organisation=organisation).exists()


@transaction.atomic
def report_share(*, report: GeneratedReport, person, actor) -> None:
    """Let one named person read and download this one report."""
    from guardian.shortcuts import assign_perm

    if not _has_role_here(person, report.organisation):
        raise ValidationError({"person": "Choose someone who has a role in this organisation."})
    assign_perm("reports.view_report", person, report)
    audit_record(
        organisation=report.organisation,
        actor=actor,
        action="report.shared",
        obj=report,
        changes={"shared_with": str(person)},
    )
    if person.email:
        transaction.on_commit(lambda: _email_shared(report=report, person=person, actor=actor))


def _email_shared(*, report: GeneratedReport, person, actor) -> None:
    link = settings.SITE_URL.rstrip("/") + reverse(
        "report_detail", args=[report.organisation.slug, report.public_id]
    )
    body = render_to_string(
        "reports/email/report_shared.txt",
        {"person": person, "actor": actor, "report": report, "link": link},
    )
    send_mail(
        f"{actor} shared a report with you",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [person.email],
    )


@transaction.atomic
def report_unshare(*, report: GeneratedReport, person, actor) -> None:
    from guardian.shortcuts import remove_perm

    remove_perm("reports.view_report", person, report)
    audit_record(
        organisation=report.organisation,
        actor=actor,
        action="report.unshared",
        obj=report,
        changes={"shared_with": str(person)},
    )


@transaction.atomic
def public_page_set(*, council: Council, enabled: bool, actor) -> Council:
    """Publish (or take down) the council's public You Said, We Did page."""
    before = Council.objects.filter(pk=council.pk).values_list("public_page_enabled", flat=True)
    was = before.first()
    Council.objects.filter(pk=council.pk).update(public_page_enabled=enabled)
    council.public_page_enabled = enabled
    if was != enabled:
        audit_record(
            organisation=council.organisation,
            actor=actor,
            action="council.public_page_published" if enabled else "council.public_page_removed",
            obj=council,
            changes={"public_page_enabled": [was, enabled]},
        )
    return council
