"""A rep's own documents, as PDFs made in the request: a certificate for
each training session they attended, and their involvement record.

Each is one or two pages and renders in a fraction of a second (measured in
tests/reports/test_personal_documents.py), so the rep gets it at once and
nothing is stored; the report queue (``GeneratedReport``) is for documents
that take seconds and are shared."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from councils.audit import audit_record
from councils.tenancy import org_view
from members import access as member_access

from ..personal_documents import CertificateRenderer, InvolvementRecordRenderer
from ..selectors.involvement import (
    attendance_for_certificate,
    certificate_content,
    involvement_content,
)


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@org_view
def training_certificate(request, attendance_id: str):
    attendance = attendance_for_certificate(request.organisation, attendance_id)
    if attendance is None:
        raise Http404(_("Not found."))
    member_access.require(
        member_access.may_read_certificate(request.user, attendance),
        _("Only the rep and their coordinator can download this certificate."),
    )
    data = CertificateRenderer(certificate_content(attendance)).render()
    if attendance.person_id != request.user.pk:
        audit_record(
            organisation=request.organisation,
            actor=request.user,
            action="certificate.downloaded",
            obj=attendance,
        )
    course = slugify(attendance.session.course.name) or "training"
    return _pdf(data, f"certificate-{course}-{attendance.public_id}.pdf")


@org_view
def involvement_record(request):
    org, user = request.organisation, request.user
    member_access.require(
        member_access.may_keep_own_record(user, org),
        _("Only reps have an involvement record."),
    )
    data = InvolvementRecordRenderer(involvement_content(user, org)).render()
    return _pdf(data, "involvement-record.pdf")
