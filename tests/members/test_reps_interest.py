"""At a surgery a rep counts a person who wants to get involved: one tap,
the same way as the other counts, retried taps counted once."""

import pytest
from django.core.exceptions import ValidationError

from surgeries.services import surgery_count_person, surgery_record_counts
from tests.surgeries.factories import surgery_for

pytestmark = pytest.mark.django_db


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


def test_a_tap_counts_someone_who_talked_and_wants_to_get_involved(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    client = client_for(tenant_a["rep"])
    page = client.get(url(tenant_a, f"surgeries/{surgery.public_id}/")).content.decode()
    assert "Add 1 who wants to get involved" in page
    path = url(tenant_a, f"surgeries/{surgery.public_id}/count/")
    data = {"outcome": "interested", "token": "tap-1"}
    response = client.post(path, data, HTTP_ACCEPT="application/json")
    assert response.json()["counts"] == {
        "approached": 1,
        "engaged": 1,
        "declined": 0,
        "interested": 1,
    }
    # The same tap again (a retry on a bad connection) is not counted twice.
    client.post(path, data, HTTP_ACCEPT="application/json")
    surgery.refresh_from_db()
    assert (surgery.people_approached, surgery.people_engaged, surgery.people_interested) == (
        1,
        1,
        1,
    )


def test_correcting_the_numbers_keeps_interest_within_those_who_talked(tenant_a):
    surgery = surgery_for(tenant_a)
    rep = tenant_a["rep"]
    surgery_count_person(surgery=surgery, outcome="interested", actor=rep)
    surgery_count_person(surgery=surgery, outcome="interested", actor=rep)
    with pytest.raises(ValidationError) as error:
        surgery_record_counts(
            surgery=surgery,
            people_approached=3,
            people_engaged=1,
            people_declined=0,
            people_interested=2,
            actor=rep,
        )
    assert "people_interested" in error.value.message_dict
    # A form without the field keeps the count, within those who talked.
    surgery_record_counts(
        surgery=surgery, people_approached=3, people_engaged=1, people_declined=0, actor=rep
    )
    surgery.refresh_from_db()
    assert (surgery.people_engaged, surgery.people_interested) == (1, 1)
