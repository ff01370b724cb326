"""A rep ticking "safeguarding concern" is told what to do right now (issue 15)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_feedback_form_says_what_to_do_if_someone_may_be_at_risk(tenant_a, client_for):
    page = (
        client_for(tenant_a["rep"])
        .get(f"/{tenant_a.organisation.slug}/feedback/new/")
        .content.decode()
    )
    assert "What to do if someone may be at risk" in page
    assert "Do not promise to keep it secret." in page
    assert 'href="/help/#safeguarding"' in page


def test_the_guidance_is_open_when_safeguarding_was_chosen(tenant_a, client_for):
    # A form sent back with an error keeps the choice, and the guidance open.
    page = (
        client_for(tenant_a["rep"])
        .post(f"/{tenant_a.organisation.slug}/feedback/new/", {"follow_up": "safeguarding"})
        .content.decode()
    )
    guidance = page.index("What to do if someone may be at risk")
    opening = page.rindex("<details", 0, guidance)
    assert page[opening:guidance].startswith('<details class="govuk-details" open>')
