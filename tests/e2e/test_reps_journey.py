"""A coordinator opens Reps from the navigation, records a referral from a
surgery, works it on the list, then records a rep's suitability decision on
the restricted page; axe on every page."""

import datetime as dt

import pytest
from django.utils import timezone

from councils.models import AuditEvent
from members.models import Referral, SuitabilityDecision
from tests.e2e.conftest import follow

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_records_a_referral_and_a_suitability_decision(
    tenant_a, page, sign_in, go, check_a11y
):
    org = tenant_a.organisation.slug
    rep = tenant_a["rep"]
    sign_in(page, tenant_a["coordinator"])
    go(page, f"/{org}/")
    follow(page, page.get_by_role("navigation").get_by_role("link", name="Reps", exact=True))
    assert page.get_by_role("heading", level=1).inner_text() == "Reps"
    check_a11y(page)

    follow(page, page.get_by_role("link", name="Record a referral").first)
    check_a11y(page)
    # A mistake first: nothing said about how to reach them.
    page.get_by_label("Their name").fill("Alex Morgan")
    page.get_by_label("At a surgery").check()
    follow(page, page.get_by_role("button", name="Save the referral"))
    assert page.get_by_text("There is a problem").is_visible()
    assert page.get_by_label("Their name").input_value() == "Alex Morgan"
    check_a11y(page)
    page.get_by_label("How to reach them").fill("Text after 4pm")
    page.get_by_label("Council").select_option(label=tenant_a.council.name)
    follow(page, page.get_by_role("button", name="Save the referral"))
    assert page.get_by_text("They are on the list to contact").is_visible()
    check_a11y(page)

    page.get_by_label("Contacted").check()
    follow(page, page.get_by_role("button", name="Save"))
    check_a11y(page)
    assert Referral.objects.get(name="Alex Morgan").status == "contacted"

    go(page, f"/{org}/reps/")
    follow(page, page.locator(f'a[href="/{org}/reps/{rep.rep_profile.public_id}/"]'))
    assert page.get_by_role("heading", level=1).inner_text() == str(rep)
    check_a11y(page)
    follow(page, page.get_by_role("link", name="Restricted records"))
    assert page.get_by_text("every visit is written to the audit log").is_visible()
    check_a11y(page)
    follow(page, page.get_by_role("link", name="Record a suitability decision"))
    check_a11y(page)
    page.get_by_label("Deferred").check()
    page.get_by_label("Short reason (optional)").fill("Starting a course first")
    follow(page, page.get_by_role("button", name="Save the decision"))
    assert page.get_by_text("Enter the date to review a deferred decision.").first.is_visible()
    check_a11y(page)
    review = timezone.localdate() + dt.timedelta(days=5)
    page.get_by_label("Review date").fill(review.isoformat())
    follow(page, page.get_by_role("button", name="Save the decision"))
    assert page.get_by_text("Starting a course first").is_visible()
    check_a11y(page)
    decision = SuitabilityDecision.objects.get(profile__user=rep)
    assert (decision.decision, decision.review_on) == ("deferred", review)
    assert AuditEvent.objects.filter(
        action="rep.restricted_read", actor=tenant_a["coordinator"]
    ).exists()

    go(page, f"/{org}/reps/")
    assert page.locator("#reviews-due").is_visible()
    assert page.get_by_text("review by").is_visible()
