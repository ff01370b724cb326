"""A rep's surgery day, smoothed (issue 15): the planner's note kept apart
from the reps' note about the numbers, the feedback board grouped and
collapsed by theme, undo for a counting tap, where someone was signposted,
and the way from a follow-up to the rep who logged it."""

import pytest

from councils.models import AuditEvent
from surgeries import services
from tests.surgeries.factories import surgery_for

pytestmark = pytest.mark.django_db


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


# ------------------------------------------------ the planner's note and the reps'


def test_correcting_the_numbers_keeps_the_planners_note(tenant_a, client_for):
    surgery = surgery_for(tenant_a, notes="Ask for Sam at reception; interview room 2.")
    client = client_for(tenant_a["rep"])
    page_url = url(tenant_a, f"surgeries/{surgery.public_id}/")
    page = client.get(page_url).content.decode()
    # The planner's note is shown, and the form does not offer it to overwrite.
    assert "Notes for the reps:" in page
    assert "interview room 2" in page
    assert 'name="notes"' not in page
    assert 'name="counts_note"' in page
    response = client.post(
        url(tenant_a, f"surgeries/{surgery.public_id}/counts/"),
        {
            "people_approached": "4",
            "people_engaged": "2",
            "people_declined": "1",
            "counts_note": "The room was not booked, so we stood by the door.",
        },
    )
    assert response.status_code == 302
    surgery.refresh_from_db()
    assert surgery.notes == "Ask for Sam at reception; interview room 2."
    assert surgery.counts_note == "The room was not booked, so we stood by the door."
    page = client.get(page_url).content.decode()
    assert "interview room 2" in page
    assert "note about the numbers:" in page
    assert "stood by the door" in page
    event = AuditEvent.objects.get(action="surgery.counts_recorded")
    assert event.changes["counts_note"] == ["", "The room was not booked, so we stood by the door."]


def test_the_service_never_writes_the_planners_note(tenant_a):
    surgery = surgery_for(tenant_a, notes="Interview room 2")
    services.surgery_record_counts(
        surgery=surgery,
        people_approached=1,
        people_engaged=1,
        people_declined=0,
        counts_note="Quiet morning",
        actor=tenant_a["rep"],
    )
    surgery.refresh_from_db()
    assert (surgery.notes, surgery.counts_note) == ("Interview room 2", "Quiet morning")
