import pytest

from councils.audit import LISTED, audit_record_listing, changes_shown
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_a_listing_shows_how_many_each_list_named_not_every_id():
    shown = changes_shown(
        {LISTED: {"a1": ["reviews due"], "b2": ["reviews due", "check-ins due"]}, "what": "x"}
    )
    assert shown == [(LISTED, "reviews due 2, check-ins due 1"), ("what", "x")]
    assert changes_shown({}) == []


def test_the_audit_log_page_stays_small_when_a_page_view_listed_many_reps(tenant_a, client_for):
    from councils.models import Role

    org = tenant_a.organisation
    people = [user_with_role(org, Role.REP, council=tenant_a.council) for _ in range(30)]
    reps = [person.rep_profile for person in people]
    for _ in range(5):
        audit_record_listing(
            organisation=tenant_a.organisation,
            actor=tenant_a["coordinator"],
            action="rep.restricted_listed",
            obj=tenant_a.organisation,
            label="Reps listed from restricted records",
            lists={"check-ins due": reps},
        )
    client = client_for(tenant_a["admin"])
    page = client.get(f"/{tenant_a.organisation.slug}/audit/")
    assert page.status_code == 200
    assert b"check-ins due 30" in page.content
    assert reps[0].public_id.encode() not in page.content
    # Searching by one rep's reference still finds the views that named them.
    found = client.get(f"/{tenant_a.organisation.slug}/audit/?object_id={reps[0].public_id}")
    assert found.content.count(b"check-ins due 30") == 5
