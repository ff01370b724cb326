"""Generated reports: You Said We Did booklets and posters, quarterly reports.

A ``GeneratedReport`` row is made when someone asks for a document; a Celery
task renders the PDF and moves the row from queued to rendering to ready (or
failed, with a message a coordinator can act on). Rows are never deleted: they
are the archive for their scope.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.models import Council, OrganisationOwned, Region
from councils.periods import period_label
from councils.permissions import Scope


def report_file_name(instance: GeneratedReport, filename: str = "") -> str:
    """Where a report's PDF lives. Fixed by the report's public id, so rendering
    again overwrites the same file instead of adding another."""
    return f"reports/{instance.organisation_id}/{instance.public_id}.{instance.file_format}"


class GeneratedReport(OrganisationOwned):
    class Kind(models.TextChoices):
        YOU_SAID_WE_DID_BOOKLET = "you_said_we_did_booklet", _("You Said, We Did booklet")
        YOU_SAID_WE_DID_POSTER = "you_said_we_did_poster", _("You Said, We Did poster")
        QUARTERLY = "quarterly", _("Quarterly report")
        # A table of figures (CSV or spreadsheet); which table is in
        # ``export_kind`` (reports/exports/registry.py).
        EXPORT = "export", _("Export")

    # The PDF documents, as opposed to exports of tables.
    DOCUMENT_KINDS = (Kind.YOU_SAID_WE_DID_BOOKLET, Kind.YOU_SAID_WE_DID_POSTER, Kind.QUARTERLY)

    class ScopeLevel(models.TextChoices):
        COUNCIL = "council", _("Council")
        REGION = "region", _("Region")
        ORGANISATION = "organisation", _("Whole organisation")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RENDERING = "rendering", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    YOU_SAID_WE_DID_KINDS = frozenset({Kind.YOU_SAID_WE_DID_BOOKLET, Kind.YOU_SAID_WE_DID_POSTER})

    kind = models.CharField(max_length=30, choices=Kind.choices)
    scope = models.CharField(max_length=20, choices=ScopeLevel.choices)
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    period_start = models.DateField()
    period_end = models.DateField(help_text=_("The last day of the period, included."))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    # Exports only: which table (a key of reports.exports.registry.EXPORT_KINDS,
    # kept without choices so a new table needs no migration) and the format.
    export_kind = models.CharField(max_length=40, blank=True)
    file_format = models.CharField(max_length=5, default="pdf")
    file = models.FileField(upload_to=report_file_name, max_length=200, blank=True)
    file_size = models.PositiveIntegerField(null=True, blank=True)
    page_count = models.PositiveSmallIntegerField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the quarterly schedule asked for it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error_message = models.TextField(blank=True)
    # Scheduled reports email managers and chairs once they are ready.
    notify_when_ready = models.BooleanField(default=False)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["organisation", "scope", "council", "region", "kind", "-created_at"],
                name="report_archive_idx",
            ),
            models.Index(fields=["status", "started_at"], name="report_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope="council", council__isnull=False, region__isnull=True)
                    | Q(scope="region", region__isnull=False, council__isnull=True)
                    | Q(scope="organisation", region__isnull=True, council__isnull=True)
                ),
                name="report_scope_matches_foreign_keys",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="export") & ~Q(export_kind="") & Q(file_format__in=["csv", "xlsx"])
                )
                | (~Q(kind="export") & Q(export_kind="") & Q(file_format="pdf")),
                name="report_export_says_which_table_and_format",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_in_order",
            ),
            # The archive offers a ready report's PDF for download.
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(file="") & Q(finished_at__isnull=False)),
                name="report_ready_has_file_and_finish_time",
            ),
            # A coordinator is always told why a report failed and what to do.
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error_message=""),
                name="report_failed_says_why",
            ),
            # The lease that lets another worker take over a dead render
            # counts from the start.
            models.CheckConstraint(
                condition=~Q(status="rendering") | Q(started_at__isnull=False),
                name="report_rendering_has_start_time",
            ),
            # Only scheduled batches send the "ready" email.
            models.CheckConstraint(
                condition=Q(notified_at__isnull=True) | Q(notify_when_ready=True),
                name="report_notified_only_when_asked",
            ),
        ]
        # Per-object grants (django-guardian) use these: for example one
        # report shared with one named person. Roles grant them in
        # councils/permissions.py.
        permissions = [
            ("view_report", _("Read and download reports")),
            ("generate_report", _("Ask for reports to be made")),
            ("publish_report", _("Publish the public You Said, We Did page")),
            ("view_you_said_we_did", _("Read You Said, We Did documents")),
        ]

    def __str__(self) -> str:
        kind = self.export_label if self.is_export else self.get_kind_display()
        return f"{kind} – {self.scope_label} – {self.period_label}"

    def permission_scope(self) -> Scope:
        if self.council_id:
            return Scope(self.organisation_id, self.council.region_id, self.council_id)
        return Scope(self.organisation_id, self.region_id)

    @property
    def scope_label(self) -> str:
        if self.council_id:
            return self.council.name
        if self.region_id:
            return self.region.name
        return self.organisation.name

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def is_you_said_we_did(self) -> bool:
        return self.kind in self.YOU_SAID_WE_DID_KINDS

    @property
    def is_export(self) -> bool:
        return self.kind == self.Kind.EXPORT

    @property
    def export_label(self) -> str:
        from .exports.registry import EXPORT_KINDS

        kind = EXPORT_KINDS.get(self.export_kind)
        return str(kind.label) if kind else self.export_kind

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.READY, self.Status.FAILED}

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    @property
    def download_name(self) -> str:
        from django.utils.text import slugify

        kind = self.export_label if self.is_export else self.get_kind_display()
        parts = [kind, self.scope_label, self.period_label]
        return slugify(" ".join(parts)) + "." + self.file_format


class ShareNotice(OrganisationOwned):
    """One email telling a person that a report was shared with them. The
    email task claims the row (``sent_at``) before sending, so a task that
    runs twice sends one email."""

    report = models.ForeignKey(
        GeneratedReport, on_delete=models.CASCADE, related_name="share_notices"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(sent_at__gte=models.F("created_at")),
                name="share_notice_sent_after_made",
            ),
        ]
