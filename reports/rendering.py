"""Rendering a report: the render task's work.

Safe to run twice: the work is claimed with a conditional update, the file
name is fixed by the report's public id and overwritten in place, and a
second run of a finished report does nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record

from . import notifications
from .models import GeneratedReport, report_file_name
from .renderers import RENDERERS, RenderError

logger = logging.getLogger(__name__)

# A render that has not finished after this long is taken to have died with
# its worker, and another run may take it over.
RENDER_LEASE = dt.timedelta(minutes=10)

Status = GeneratedReport.Status


@dataclass(frozen=True)
class RenderOutcome:
    outcome: str  # done | already_done | busy | failed | missing
    retry_in: float | None = None  # seconds, when busy


def is_stuck(report: GeneratedReport, *, now: dt.datetime | None = None) -> bool:
    """Waiting or rendering for longer than a render may take."""
    now = now or timezone.now()
    if report.status == Status.QUEUED:
        return report.created_at < now - RENDER_LEASE
    if report.status == Status.RENDERING:
        return report.started_at < now - RENDER_LEASE
    return False


def claim_render(report_id: int, now: dt.datetime) -> bool:
    """Take the report to render, if it is waiting or its last worker died.
    A conditional update, so two workers never both take it."""
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


def write_report_file(name: str, data: bytes) -> None:
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


def failure_message(error: Exception, report: GeneratedReport) -> str:
    """What went wrong and what to do next, for the coordinator."""
    reference = _("Reference: %(reference)s.") % {"reference": report.public_id}
    if isinstance(error, RenderError):
        advice = _(
            "This is usually caused by unusual text in a proposal or a quote. "
            "Try again. If it fails again, tell your admin."
        )
        return f"{error} {advice} {reference}"
    if isinstance(error, OSError):
        advice = _(
            "The PDF was made but could not be saved: the file store is full or cannot be "
            "written to. Ask your admin to check the file storage, then try again."
        )
    elif isinstance(error, DatabaseError):
        advice = _(
            "The figures could not be read from the database. Wait a few minutes, then try again."
        )
    else:
        advice = _(
            "Something went wrong while making the report (%(error)s). Try again. "
            "If it fails again, tell your admin."
        ) % {"error": type(error).__name__}
    return f"{advice} {reference}"


def report_render(*, report_id: int) -> RenderOutcome:
    """Claim the report, gather its figures, render the PDF and store it.

    Safe to run twice: a report that is ready stays as it is; a report another
    run is rendering is left to it (the caller retries after the lease); a
    report whose worker died is taken over once the lease has passed.
    """
    from .selectors import content_for

    now = timezone.now()
    if not claim_render(report_id, now):
        row = GeneratedReport.objects.filter(pk=report_id).values("status", "started_at").first()
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
        if report.is_export:
            # A table of figures: same claim, file, status and archive as a PDF.
            from .exports.services import export_bytes

            pdf, page_count = export_bytes(report), None
        else:
            renderer = RENDERERS[report.kind](content_for(report))
            pdf = renderer.render()
            page_count = renderer.page_count
        name = report_file_name(report)
        write_report_file(name, pdf)
    except Exception as error:
        logger.exception("Report %s failed on attempt %s", report.public_id, attempt)
        message = failure_message(error, report)
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
                _tell_when_batch_finished(report)
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
            page_count=page_count,
            finished_at=timezone.now(),
            error_message="",
        )
        if finished:
            audit_record(
                organisation=report.organisation, actor=None, action="report.ready", obj=report
            )
            _tell_when_batch_finished(report)
    return RenderOutcome("done" if finished else "already_done")


def _tell_when_batch_finished(report: GeneratedReport) -> None:
    # Scheduled reports: the task emails once the whole quarter's batch is done.
    if report.notify_when_ready:
        after_commit(notifications.send_quarterly_ready, report.pk)
