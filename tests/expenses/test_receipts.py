"""Receipts: judged by content, under a size limit, photos shrunk and stripped
of camera and GPS data, kept out of any public folder, every read audited."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from councils.models import AuditEvent
from expenses import services
from expenses.receipts import MAX_BYTES, receipt_clean
from expenses.storage import receipt_storage
from tests.expenses.factories import draft_claim, pdf_upload, photo_upload


def test_photo_is_shrunk_and_its_camera_and_gps_data_are_gone():
    upload = photo_upload(size=(4000, 3000))
    with Image.open(io.BytesIO(upload.read())) as original:
        exif = original.getexif()
        assert exif[0x010F] == "PhoneMaker"
        assert exif.get_ifd(0x8825)  # the GPS position is really there to start with
    upload.seek(0)
    clean = receipt_clean(upload)
    assert clean.content_type == "image/jpeg"
    with Image.open(io.BytesIO(clean.content)) as kept:
        assert max(kept.size) == 2000
        assert kept.size == (2000, 1500)
        assert not kept.getexif()
        assert "exif" not in kept.info
    assert b"PhoneMaker" not in clean.content


def test_a_png_becomes_a_jpeg():
    clean = receipt_clean(photo_upload("r.png", size=(50, 50), exif=False, fmt="PNG"))
    assert clean.content_type == "image/jpeg" and clean.extension == "jpg"


def test_a_pdf_is_kept_as_it_is():
    clean = receipt_clean(pdf_upload())
    assert clean.content_type == "application/pdf"
    assert clean.content.startswith(b"%PDF-")


def test_a_text_file_named_jpg_is_refused():
    upload = SimpleUploadedFile("receipt.jpg", b"this is not a photo", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        receipt_clean(upload)
    assert error.value.code == "wrong_type"


def test_a_file_over_the_limit_is_refused():
    upload = SimpleUploadedFile(
        "big.pdf", b"%PDF-" + b"0" * MAX_BYTES, content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as error:
        receipt_clean(upload)
    assert error.value.code == "too_large"


@pytest.mark.django_db
def test_a_receipt_is_stored_privately_and_each_read_is_audited(
    tenant_a, client_for, settings, _private_receipts
):
    claim = draft_claim(tenant_a, amounts=())
    line = services.claim_line_add(
        claim=claim, kind="meals", amount_pence=650, receipt=photo_upload(), actor=tenant_a["rep"]
    )
    receipt = line.receipt
    path = receipt_storage.path(receipt.stored_name)
    assert path.startswith(str(_private_receipts))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        receipt_storage.url(receipt.stored_name)
    with open(path, "rb") as stored, Image.open(stored) as image:
        assert not image.getexif()

    url = f"/{tenant_a.organisation.slug}/expenses/receipts/{receipt.public_id}/"
    response = client_for(tenant_a["rep"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    b"".join(response.streaming_content)
    assert (
        AuditEvent.objects.filter(action="expenses.receipt_read", actor=tenant_a["rep"]).count()
        == 1
    )

    # A manager sees totals, never a rep's receipt; the read is not audited as a read.
    assert client_for(tenant_a["manager"]).get(url).status_code == 403
    assert AuditEvent.objects.filter(action="expenses.receipt_read").count() == 1


@pytest.mark.django_db
def test_a_wrong_receipt_is_refused_by_the_service_and_nothing_is_kept(tenant_a):
    claim = draft_claim(tenant_a, amounts=())
    bad = SimpleUploadedFile("receipt.jpg", b"hello", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        services.claim_line_add(
            claim=claim, kind="meals", amount_pence=650, receipt=bad, actor=tenant_a["rep"]
        )
    assert "receipt" in error.value.message_dict
    assert claim.lines.count() == 0


@pytest.mark.django_db
def test_a_pdf_receipt_is_served_as_a_pdf(tenant_a, client_for):
    claim = draft_claim(tenant_a, amounts=())
    line = services.claim_line_add(
        claim=claim, kind="stamps", amount_pence=270, receipt=pdf_upload(), actor=tenant_a["rep"]
    )
    url = f"/{tenant_a.organisation.slug}/expenses/receipts/{line.receipt.public_id}/"
    response = client_for(tenant_a["coordinator"]).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
