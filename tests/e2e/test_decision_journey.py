"""The chair's decisions in a browser (issue 15): the decision form shows
only the chosen outcome's questions (GOV.UK conditional reveal) and, with
JavaScript off, every question under its own outcome; publishing goes
through a check page that says what will be published and who will be told,
with a way back to change a decision. The form and the check page are
checked with axe, with JavaScript on and off."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from proposals import services
from proposals.models import Decision, Meeting, ProposalStatus
from tests.e2e.conftest import follow
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True)

WATER = "Water cups in reception"
WEEKEND = "Open on Saturday mornings"
NO_BUDGET = "There is no budget for this until April."


def click(page, role, name):
    follow(page, page.get_by_role(role, name=name).first)


@pytest.fixture
def meeting(tenant_a):
    """A council meeting today, chaired by the chair, with two proposals on
    its agenda, and a later council meeting to defer to."""
    today = timezone.localdate()
    meeting = services.meeting_create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        kind=Meeting.Kind.COUNCIL,
        date=today,
        starts_at=dt.time(0, 0),
        venue="Ashford Vale probation office",
        chair=tenant_a["chair"],
        actor=tenant_a["coordinator"],
    )
    services.meeting_create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        kind=Meeting.Kind.COUNCIL,
        date=today + dt.timedelta(days=28),
        starts_at=dt.time(10, 0),
        venue="Ashford Vale probation office",
        chair=tenant_a["chair"],
        actor=tenant_a["coordinator"],
    )
    for title in (WATER, WEEKEND):
        proposal = ProposalFactory(
            council=tenant_a.council, status="ready", title=title, authors=[tenant_a["rep"]]
        )
        services.agenda_item_add(
            meeting=meeting, kind="proposal", proposal=proposal, actor=tenant_a["coordinator"]
        )
    return meeting


@pytest.fixture
def no_js_page(browser, live_server):
    """A browser with JavaScript turned off."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.live_url = live_server.url
    yield page
    context.close()


def check_a11y_without_js(page, check_a11y) -> None:
    """axe is JavaScript, and waits on timers that never fire with scripts
    off. So the page, as the browser without JavaScript drew it, is copied
    into a page that runs scripts (its own scripts taken out: nothing of
    GOV.UK Frontend's runs), at the same address, and axe checks that."""
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", page.content(), flags=re.S)
    context = page.context.browser.new_context(viewport=page.viewport_size, bypass_csp=True)
    try:
        twin = context.new_page()
        twin.goto(page.live_url + "/accounts/login/")  # any page of the site, for its address
        twin.set_content(html, wait_until="load")
        assert twin.evaluate("!document.body.classList.contains('govuk-frontend-supported')")
        check_a11y(twin)
    finally:
        context.close()


def test_chair_decides_checks_and_publishes(tenant_a, meeting, page, sign_in, check_a11y):
    org = tenant_a.organisation.slug
    chair = page
    sign_in(chair, tenant_a["chair"], a11y=False)
    chair.goto(f"{chair.live_url}/{org}/meetings/{meeting.public_id}/")
    click(chair, "link", f"Record the decision on {WATER}")

    # Only the chosen outcome's questions show.
    reason = chair.get_by_label("Why is it not accepted?")
    changes = chair.get_by_label("What must change for it to be accepted?")
    assert not reason.is_visible() and not changes.is_visible()
    check_a11y(chair)
    chair.get_by_label("Not accepted", exact=True).check()
    assert reason.is_visible() and not changes.is_visible()
    assert chair.get_by_label("Cost", exact=True).is_visible()
    check_a11y(chair)
    # The full proposal is a link away.
    link = chair.get_by_role("link", name="Read the full proposal")
    assert link.get_attribute("href").endswith("/proposals/" + _public_id(WATER) + "/")

    # Without a reason it is refused, beside the question, the choice kept.
    click(chair, "button", "Record the decision")
    assert chair.title().startswith("Error: ")
    assert chair.get_by_label("Not accepted", exact=True).is_checked()
    assert reason.is_visible()
    assert chair.locator("#id_not_accepted_reason-error").is_visible()
    check_a11y(chair)
    chair.get_by_label("Cost", exact=True).check()
    reason.fill(NO_BUDGET)
    click(chair, "button", "Record the decision")
    assert chair.get_by_text(f"Decision on ‘{WATER}’ recorded.").is_visible()

    click(chair, "link", f"Record the decision on {WEEKEND}")
    chair.get_by_label("Accepted", exact=True).check()
    click(chair, "button", "Record the decision")

    # Check before publishing: what, the words, and who will be told.
    click(chair, "link", "Check and publish the decisions")
    assert chair.get_by_role("heading", name="Check the decisions before you publish them")
    check_a11y(chair)
    water = chair.locator(".govuk-summary-card", has_text=WATER)
    assert "Not accepted" in water.inner_text()
    assert NO_BUDGET in water.inner_text()
    assert "Your words are printed once a coordinator approves them." in water.inner_text()
    told = chair.locator("dl", has_text="How they are told").inner_text()
    assert "1 rep" in told and "1 by email" in told

    # A way back to change one: the answers are there, under their outcome.
    click(chair, "link", f"Change the decision on {WEEKEND}")
    assert chair.get_by_label("Accepted", exact=True).is_checked()
    chair.get_by_label("Accepted with changes", exact=True).check()
    chair.get_by_label("What must change for it to be accepted?").fill(
        "Open one Saturday a month to start with."
    )
    click(chair, "button", "Record the decision")
    click(chair, "link", "Check and publish the decisions")
    weekend = chair.locator(".govuk-summary-card", has_text=WEEKEND)
    assert "Accepted with changes" in weekend.inner_text()
    assert not mail.outbox and not Decision.objects.filter(published_at__isnull=False).exists()

    click(chair, "button", "Publish and tell them")
    assert chair.get_by_text("2 decisions published").is_visible()
    assert [m.to[0] for m in mail.outbox] == [tenant_a["rep"].email]
    check_a11y(chair)


def _public_id(title: str) -> str:
    from proposals.models import Proposal

    return Proposal.objects.get(title=title).public_id


def test_without_javascript_every_question_shows_under_its_outcome(
    tenant_a, meeting, no_js_page, sign_in, check_a11y
):
    org = tenant_a.organisation.slug
    chair = no_js_page
    sign_in(chair, tenant_a["chair"], a11y=False)
    chair.goto(f"{chair.live_url}/{org}/meetings/{meeting.public_id}/")
    click(chair, "link", f"Record the decision on {WATER}")
    for label in (
        "What must change for it to be accepted?",
        "Deferred until this date",
        "Or deferred to this council meeting",
        "Why is it deferred?",
        "Why is it not accepted?",
        "What should the new proposal do differently?",
        "Why is it withdrawn? (optional)",
    ):
        assert chair.get_by_label(label).is_visible(), label
    check_a11y_without_js(chair, check_a11y)

    # Words typed under another outcome are neither checked nor saved.
    chair.get_by_label("Deferred", exact=True).check()
    chair.get_by_label("Or deferred to this council meeting").select_option(index=1)
    chair.get_by_label("Why is it deferred?").fill("We need the costs from estates first.")
    chair.get_by_label("Why is it not accepted?").fill("Typed here by mistake.")
    click(chair, "button", "Record the decision")
    decision = Decision.objects.get(proposal__title=WATER)
    assert decision.outcome == "deferred"
    assert decision.reason == "We need the costs from estates first."
    assert decision.deferred_to_meeting is not None

    # A missing answer comes back beside its question, the rest kept.
    click(chair, "link", f"Record the decision on {WEEKEND}")
    chair.get_by_label("Accepted with changes", exact=True).check()
    chair.get_by_label("Why is it deferred?").fill("Kept, though not used.")
    click(chair, "button", "Record the decision")
    assert chair.title().startswith("Error: ")
    assert chair.locator("#id_changes_required-error").is_visible()
    assert chair.get_by_label("Why is it deferred?").input_value() == "Kept, though not used."
    check_a11y_without_js(chair, check_a11y)
    chair.get_by_label("What must change for it to be accepted?").fill("Saturdays only.")
    click(chair, "button", "Record the decision")

    # The check page and the publish button need no JavaScript either.
    click(chair, "link", "Check and publish the decisions")
    check_a11y_without_js(chair, check_a11y)
    click(chair, "button", "Publish and tell them")
    assert chair.get_by_text("2 decisions published").is_visible()
    assert Decision.objects.filter(published_at__isnull=False).count() == 2
    statuses = {d.proposal.title: d.proposal.status for d in Decision.objects.all()}
    assert statuses == {
        WATER: ProposalStatus.DEFERRED,
        WEEKEND: ProposalStatus.ACCEPTED_WITH_CHANGES,
    }
    assert re.search(r"/meetings/", chair.url)
