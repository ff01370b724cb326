"""Checking and cleaning a receipt before it is kept.

A receipt is judged by its content, never its name: it is a PDF if it starts
with ``%PDF-``, a photo if Pillow can read it as an image, and refused
otherwise. Photos are turned the right way up, shrunk to at most
``MAX_SIDE`` pixels and saved again as a new JPEG. Saving a new file keeps
only the pixels, so the camera's data (make, time, GPS location) is gone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 2000
# Refuse images that would take too much memory to open (a "decompression bomb").
MAX_PIXELS = 60_000_000


@dataclass(frozen=True)
class CleanReceipt:
    content: bytes
    content_type: str
    extension: str


def receipt_clean(upload) -> CleanReceipt:
    """Check an uploaded file and return what to keep, or raise ValidationError."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(_("The receipt must be smaller than 10 MB."), code="too_large")
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The receipt must be smaller than 10 MB."), code="too_large")
    if not data:
        raise ValidationError(_("The receipt file is empty. Choose it again."), code="empty")
    if data.startswith(b"%PDF-"):
        return CleanReceipt(data, "application/pdf", "pdf")
    return CleanReceipt(_clean_image(data), "image/jpeg", "jpg")


def _clean_image(data: bytes) -> bytes:
    wrong = ValidationError(
        _("The receipt must be a photo (for example JPG or PNG) or a PDF."), code="wrong_type"
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(
                    _("The photo is too big to open. Take it again at a lower size."),
                    code="too_many_pixels",
                )
            probe.verify()
        # verify() leaves the image unusable, so it is opened again to read it.
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((MAX_SIDE, MAX_SIDE))
            if upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            out = io.BytesIO()
            # No exif= and no info copied: the new file carries no metadata.
            upright.save(out, format="JPEG", quality=85, optimize=True)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise wrong from None
    return out.getvalue()
