"""The whole loop in a browser: a rep drafts a proposal from feedback picked
on the feedback board; the coordinator schedules a hub and a council meeting;
at the hub the reps mark it ready; the chair accepts it at the council meeting,
publishes, and gives it to a lead with a target date; the lead posts an update
and marks it done with a "we did" statement; and the rep sees "we did", on a
phone. Every page is checked with axe."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from proposals.models import Proposal, ProposalStatus
from tests.e2e.conftest import follow
from tests.proposals.factories import FeedbackItemFactory, SurgeryFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)

RUDE = "The reception staff shout your name across the room."
RUDE_AGAIN = "Reception talk to you like you are nothing."


@pytest.fixture
def other_page(browser, live_server):
    """A second person at another computer (their own session)."""
    contexts = []

    def open_page(width=1280, height=900):
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.live_url = live_server.url
        return page

    yield open_page
    for context in contexts:
        context.close()


def click(page, role, name):
    follow(page, page.get_by_role(role, name=name).first)


def test_from_feedback_to_we_did(tenant_a, page, phone_page, other_page, sign_in, check_a11y):
    org = tenant_a.organisation.slug
    theme = ThemeFactory(organisation=tenant_a.organisation, name="Reception and buildings")
    surgery = SurgeryFactory(council=tenant_a.council, site=tenant_a.site)
    for said in (RUDE, RUDE_AGAIN):
        FeedbackItemFactory(council=tenant_a.council, surgery=surgery, theme=theme, said=said)

    # 1. The rep picks feedback on the board and drafts a proposal from it.
    rep = page
    sign_in(rep, tenant_a["rep"])
    rep.goto(f"{rep.live_url}/{org}/feedback/")
    check_a11y(rep)
    rep.get_by_label(re.compile("shout your name")).check()
    rep.get_by_label(re.compile("talk to you like")).check()
    click(rep, "button", "Add ticked feedback to my evidence")
    follow(rep, rep.get_by_role("link", name=re.compile("draft a proposal from these", re.I)).first)
    assert rep.get_by_role("heading", name="Draft a proposal").is_visible()
    assert rep.get_by_text("You picked 2 pieces of feedback").is_visible()
    check_a11y(rep)
    rep.get_by_label("Title").fill("Customer service training for reception")
    rep.get_by_label("What we propose").fill("Training for everyone on the front desk.")
    rep.get_by_label("Benefits", exact=True).fill("People feel respected and come back.")
    click(rep, "button", "Save the draft")
    assert rep.get_by_text("Proposal saved as a draft.").is_visible()
    assert rep.get_by_text("2 people said this, at 1 surgery").is_visible()
    check_a11y(rep)
    proposal = Proposal.objects.get()
    assert proposal.theme == theme and proposal.status == ProposalStatus.DRAFT

    # 2. The coordinator schedules today's hub meeting and a council meeting.
    coordinator = other_page()
    sign_in(coordinator, tenant_a["coordinator"], a11y=False)
    for kind, label in (
        ("hub", "Proposal hub meeting (reps only)"),
        ("council", "Council meeting"),
    ):
        coordinator.goto(f"{coordinator.live_url}/{org}/meetings/new/")
        check_a11y(coordinator)
        coordinator.get_by_label("Council", exact=True).select_option(label=tenant_a.council.name)
        coordinator.get_by_label(label).check()
        click(coordinator, "button", "Continue")
        check_a11y(coordinator)
        coordinator.get_by_label("Date").fill(timezone.localdate().isoformat())
        coordinator.get_by_label("Start time").fill("00:00")
        coordinator.get_by_label("Where").fill("Ashford Vale probation office")
        if kind == "council":
            coordinator.get_by_label("Chair", exact=True).select_option(
                label=str(tenant_a["chair"])
            )
        click(coordinator, "button", "Schedule the meeting")
        # Today's meeting: its usual papers date has passed, so the page asks
        # when papers are due, keeping what was typed (issue 15).
        assert coordinator.get_by_text("which has passed").first.is_visible()
        assert coordinator.get_by_label("Where").input_value() == "Ashford Vale probation office"
        check_a11y(coordinator)
        coordinator.get_by_label("When are papers due?").fill(timezone.localdate().isoformat())
        click(coordinator, "button", "Schedule the meeting")
        assert coordinator.get_by_text("Meeting scheduled. Papers are due").is_visible()
        check_a11y(coordinator)
    hub_url = None
    coordinator.goto(f"{coordinator.live_url}/{org}/meetings/")
    hub_url = coordinator.get_by_role("link", name=re.compile("Hub meeting")).first.get_attribute(
        "href"
    )

    # 3. At the hub meeting the reps mark the draft ready for the council.
    rep.goto(rep.live_url + hub_url)
    check_a11y(rep)
    click(rep, "button", re.compile("Ready for the council"))
    assert rep.get_by_text("is ready for the council meeting").is_visible()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.READY

    # 4. The chair accepts it at the council meeting and publishes.
    chair = other_page()
    sign_in(chair, tenant_a["chair"], a11y=False)
    assert chair.get_by_role("heading", name="Decisions awaiting you").is_visible()
    follow(chair, chair.get_by_role("link", name="Go to decisions awaiting you"))
    check_a11y(chair)
    follow(chair, chair.get_by_role("link", name=re.compile("Record decision")).first)
    check_a11y(chair)
    # A decision without its reason is refused, plainly.
    chair.get_by_label("Not accepted", exact=True).check()
    click(chair, "button", "Record the decision")
    assert chair.title().startswith("Error: ")
    assert chair.get_by_text("Explain why it is not accepted, in plain English.").first.is_visible()
    check_a11y(chair)
    chair.get_by_label("Accepted", exact=True).check()
    click(chair, "button", "Record the decision")
    assert chair.get_by_text("Decisions not published").is_visible()
    check_a11y(chair)
    click(chair, "link", "Check and publish the decisions")
    click(chair, "button", "Publish and tell them")
    assert chair.get_by_text("1 decision published").is_visible()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert tenant_a["rep"].email in [m.to[0] for m in mail.outbox]
    chair.goto(f"{chair.live_url}/{org}/proposals/{proposal.public_id}/")
    click(chair, "link", "Choose who puts it in place")
    check_a11y(chair)
    chair.get_by_label("Who will put it in place").select_option(label=str(tenant_a["lead"]))
    target = timezone.localdate() + dt.timedelta(days=60)
    chair.get_by_label("Target date").fill(target.isoformat())
    click(chair, "button", "Save")
    assert chair.get_by_text(f"{tenant_a['lead']} now owns this proposal.").is_visible()

    # 5. The lead posts an update, then marks it done with a "we did" statement.
    lead = other_page()
    sign_in(lead, tenant_a["lead"], a11y=False)
    follow(lead, lead.get_by_role("link", name="Go to my actions"))
    check_a11y(lead)
    follow(
        lead, lead.get_by_role("link", name="Customer service training for reception", exact=True)
    )
    click(lead, "link", "Post an update")
    check_a11y(lead)
    lead.get_by_label("In progress").check()
    lead.get_by_label("What has happened").fill("Trainer booked for the 14th.")
    click(lead, "button", "Post the update")
    assert lead.get_by_text("Update posted.").is_visible()
    click(lead, "link", "Mark as done")
    check_a11y(lead)
    lead.get_by_label("We did").fill("All reception staff had customer service training.")
    click(lead, "button", "Continue")
    click(lead, "button", "Mark as done")
    assert lead.get_by_text("Marked as done. The reps have been told.").is_visible()
    check_a11y(lead)

    # 6. The rep sees "we did", on a phone.
    sign_in(phone_page, tenant_a["rep"], a11y=False)
    assert phone_page.get_by_text("We did: All reception staff").is_visible()
    follow(
        phone_page,
        phone_page.get_by_role("link", name="Customer service training for reception").first,
    )
    assert phone_page.get_by_role("heading", name="We did").is_visible()
    assert phone_page.get_by_text(
        "All reception staff had customer service training."
    ).first.is_visible()
    assert phone_page.get_by_text("Trainer booked for the 14th.").first.is_visible()
    check_a11y(phone_page)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
