"""Every email the reports app sends, each by a Celery task that takes ids.

Services schedule these with ``councils.after_commit.after_commit``, so no
email is sent inside a web request, none is sent for a write that was rolled
back, and none is sent while the demo loader runs (``sends_email=True``).
Each task is safe to run twice: it claims its work first, and a second run
finds nothing left to send.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Role, RoleAssignment
from councils.periods import Period

from .models import GeneratedReport, ShareNotice
from .selectors import shared_report_ids

Status = GeneratedReport.Status


def _site_link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@shared_task(name="reports.notifications.send_report_shared", sends_email=True)
def send_report_shared(notice_id: int) -> bool:
    """Tell a person a report was shared with them. The notice is claimed
    first, so it is sent once; nothing is sent if the share was taken back
    before the task ran. Returns whether an email went."""
    claimed = ShareNotice.objects.filter(pk=notice_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    notice = ShareNotice.objects.select_related(
        "report", "report__organisation", "report__council", "report__region", "person", "shared_by"
    ).get(pk=notice_id)
    report, person = notice.report, notice.person
    if not person.is_active or not person.email:
        return False
    if not shared_report_ids(person).filter(report_id=report.pk).exists():
        return False
    link = _site_link(reverse("report_detail", args=[report.organisation.slug, report.public_id]))
    body = render_to_string(
        "reports/email/report_shared.txt",
        {"person": person, "actor": notice.shared_by, "report": report, "link": link},
    )
    if notice.shared_by:
        subject = _("%(actor)s shared a report with you") % {"actor": notice.shared_by}
    else:
        subject = _("A report was shared with you")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
    return True


@shared_task(name="reports.notifications.send_quarterly_ready", sends_email=True)
def send_quarterly_ready(report_id: int) -> int:
    """Once every scheduled report of the organisation for that quarter has
    finished, email its managers and chairs one link. The batch is claimed
    with a conditional update, so the email goes once. Returns emails sent."""
    report = GeneratedReport.objects.filter(pk=report_id).select_related("organisation").first()
    if report is None:
        return 0
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
    counts = {Status.READY: 0, Status.FAILED: 0}
    for status in batch.values_list("status", flat=True):
        counts[status] += 1
    period = Period(report.period_start, report.period_end)
    organisation = report.organisation
    link = _site_link(reverse("report_list", args=[organisation.slug]) + f"?period={period.key}")
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
            _("Reports for %(period)s are ready") % {"period": period.label},
            body,
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
        sent += 1
    return sent
