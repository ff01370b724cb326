"""Claims in any state, made through the services so every row is one the
app itself could have written."""

from __future__ import annotations

import datetime as dt
import io
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from expenses import services
from expenses.models import Claim


def draft_claim(tenant, *, rep=None, actor=None, amounts=(450,), date=None) -> Claim:
    rep = rep or tenant["rep"]
    claim, _ = services.claim_create(
        organisation=tenant.organisation,
        council=tenant.council,
        rep=rep,
        activity_kind="meeting",
        activity_date=date or timezone.localdate() - dt.timedelta(days=1),
        actor=actor or rep,
    )
    for amount in amounts:
        services.claim_line_add(
            claim=claim, kind="fares", amount_pence=amount, receipt_lost=True, actor=actor or rep
        )
    return claim


def submitted_claim(tenant, **kwargs) -> Claim:
    claim = draft_claim(tenant, **kwargs)
    claim, _ = services.claim_submit(claim=claim, actor=kwargs.get("actor") or claim.rep)
    return claim


def approved_claim(tenant, **kwargs) -> Claim:
    claim = submitted_claim(tenant, **kwargs)
    return services.claim_approve(claim=claim, actor=tenant["coordinator"])


def paid_claim(tenant, *, paid_on=None, **kwargs) -> Claim:
    claim = approved_claim(tenant, **kwargs)
    return services.claim_mark_paid(
        claim=claim,
        paid_on=paid_on or timezone.localdate(),
        method="bank_transfer",
        actor=tenant["finance"],
    )


def photo_upload(name="receipt.jpg", *, size=(3000, 1500), exif=True, fmt="JPEG"):
    """A real photo with camera data and a GPS position in its EXIF."""
    image = Image.new("RGB", size, (200, 120, 40))
    data = io.BytesIO()
    kwargs = {}
    if exif:
        info = Image.Exif()
        info[0x010F] = "PhoneMaker"  # Make
        info[0x0110] = "Phone 12"  # Model
        gps = info.get_ifd(0x8825)
        gps[1] = "N"
        gps[2] = (51.0, 30.0, 0.0)
        gps[3] = "W"
        gps[4] = (0.0, 7.0, 0.0)
        kwargs["exif"] = info
    image.save(data, format=fmt, **kwargs)
    content_type = "image/jpeg" if fmt == "JPEG" else f"image/{fmt.lower()}"
    return SimpleUploadedFile(name, data.getvalue(), content_type=content_type)


def pdf_upload(name="receipt.pdf"):
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def claim_for_url_matrix(tenant) -> Claim:
    """A sent claim with one cost and its receipt, for the URL matrices."""
    from django.conf import settings

    if not getattr(settings, "EXPENSES_RECEIPT_ROOT", None):
        # Tests outside tests/expenses (the matrices) must not write receipts
        # into the working copy's private folder.
        settings.EXPENSES_RECEIPT_ROOT = tempfile.mkdtemp(prefix="receipts-")
    rep = tenant["rep"]
    claim, _ = services.claim_create(
        organisation=tenant.organisation,
        council=tenant.council,
        rep=rep,
        activity_kind="other",
        activity_description="URL matrix claim",
        activity_date=timezone.localdate(),
        actor=rep,
    )
    services.claim_line_add(
        claim=claim, kind="fares", amount_pence=320, receipt=photo_upload(size=(40, 30)), actor=rep
    )
    claim, _ = services.claim_submit(claim=claim, actor=rep)
    return claim
