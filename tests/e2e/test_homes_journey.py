"""Each role's home page in a browser (issue 15): the rep's next meeting and
a draft's next steps; the chair's decisions waiting and meetings; the
coordinator's safeguarding link and the quotes filters, without JavaScript
needed. Every page is checked with axe."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from proposals.models import Meeting
from tests.e2e.conftest import follow
from tests.proposals.conftest import make_meeting
from tests.proposals.factories import AgendaItemFactory, ProposalFactory
from tests.surgeries.factories import item_for, theme_for

pytestmark = pytest.mark.django_db(transaction=True)


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def test_rep_finds_the_next_meeting_and_what_happens_to_a_draft(
    tenant_a, phone_page, sign_in, go, check_a11y
):
    page = phone_page
    hub = make_meeting(tenant_a, Meeting.Kind.HUB, date=days(6))
    theme = theme_for(tenant_a, name="Reception")
    draft = ProposalFactory(
        council=tenant_a.council,
        status="draft",
        title="Weekend opening",
        theme=theme,
        authors=[tenant_a["rep"]],
    )
    sign_in(page, tenant_a["rep"])
    org = tenant_a.organisation.slug
    go(page, f"/{org}/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Next meetings"))
    assert "Hub meeting (reps only)" in panel.inner_text()
    follow(page, panel.get_by_role("link", name=f"{days(6):%A} {days(6).day}"))
    assert f"/meetings/{hub.public_id}/" in page.url
    check_a11y(page)
    go(page, f"/{org}/proposals/{draft.public_id}/")
    steps = page.locator(".app-next-steps")
    assert "What happens next" in steps.inner_text()
    assert "Bring it to the next hub meeting" in steps.inner_text()


def test_chair_goes_from_home_to_a_decision(tenant_a, page, sign_in, go, check_a11y):
    meeting = make_meeting(tenant_a, Meeting.Kind.COUNCIL)
    proposal = ProposalFactory(council=tenant_a.council, status="ready", title="Water in reception")
    AgendaItemFactory(meeting=meeting, kind="proposal", proposal=proposal)
    sign_in(page, tenant_a["chair"])
    go(page, f"/{tenant_a.organisation.slug}/")
    assert page.get_by_role("heading", name="Your next meetings").is_visible()
    follow(page, page.get_by_role("link", name="Record the decision on Water in reception"))
    assert f"/decide/{proposal.public_id}/" in page.url
    check_a11y(page)


def test_coordinator_follows_safeguarding_and_filters_quotes(
    tenant_a, page, sign_in, go, check_a11y
):
    item_for(tenant_a, follow_up="safeguarding", said="He is not safe at home.")
    item_for(tenant_a, follow_up="signposted", said="Sent to the housing desk.")
    housing = theme_for(tenant_a, name="Housing")
    item_for(tenant_a, consent_to_quote=True, said="Housing words.", theme=housing)
    item_for(tenant_a, consent_to_quote=True, said="Other words.")
    sign_in(page, tenant_a["coordinator"])
    org = tenant_a.organisation.slug
    go(page, f"/{org}/")
    follow(page, page.get_by_role("link", name="1 open safeguarding concern"))
    check_a11y(page)
    assert page.get_by_text("He is not safe at home.").is_visible()
    assert page.get_by_text("Sent to the housing desk.").count() == 0

    go(page, f"/{org}/feedback/quotes/")
    page.get_by_label("Theme").select_option(label="Housing")
    follow(page, page.get_by_role("button", name="Show quotes"))
    check_a11y(page)
    assert "theme=" in page.url
    assert page.get_by_text("Housing words.").is_visible()
    assert page.get_by_text("Other words.").count() == 0
    assert page.get_by_text("1 quote is waiting, newest first.").is_visible()
