"""The lead's page in a browser: what to do next, asking the chair for a new
target date (the chair agrees, with a reason), a milestone, and the rep
seeing both on a phone; then search and exports. Every page is checked with
axe."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from guardian.shortcuts import assign_perm

from proposals import services
from tests.e2e.conftest import follow
from tests.proposals.factories import ActionPointFactory, MeetingFactory, ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True)


def click(page, role, name):
    follow(page, page.get_by_role(role, name=name).first)


def owned(tenant, title, days):
    proposal = ProposalFactory(
        council=tenant.council,
        status="in_progress",
        title=title,
        authors=[tenant["rep"]],
        owner=tenant["lead"],
        owner_assigned_at=timezone.now() - dt.timedelta(days=60),
        target_date=timezone.localdate() + dt.timedelta(days=days),
        last_update_at=timezone.now() - dt.timedelta(days=10),
    )
    assign_perm("proposals.update_implementation", tenant["lead"], proposal)
    return proposal


def test_lead_asks_for_more_time_and_the_reps_see_it(
    tenant_a, page, phone_page, browser, live_server, sign_in, go, check_a11y
):
    org = tenant_a.organisation.slug
    late = owned(tenant_a, "The ten minute rule both ways", -12)
    owned(tenant_a, "Officers read the case first", 40)
    services.implementation_update_add(
        proposal=late, status="blocked", note="Waiting for the rota change.", actor=tenant_a["lead"]
    )
    meeting = MeetingFactory(council=tenant_a.council, date=timezone.localdate())
    ActionPointFactory(
        meeting=meeting, owner=tenant_a["lead"], description="Ask estates about the water cooler"
    )

    # The lead sees the most overdue work first, with what the reps were told.
    lead = page
    sign_in(lead, tenant_a["lead"])
    go(lead, f"/{org}/proposals/my-actions/")
    items = lead.locator(".app-lead-list > li")
    assert "The ten minute rule both ways" in items.nth(0).inner_text()
    first = items.nth(0).inner_text()
    assert "Waiting for the rota change." in first
    # Just updated: the update tag is clear; the target date is what is late,
    # and the lead is told what to do about it.
    assert "Past target date" in first and "passed 12 days ago" in first
    assert "Update overdue" not in first

    # Asks for a new target date, from the line beside the tag.
    follow(
        lead,
        items.nth(0)
        .locator("[data-implementation-state]")
        .get_by_role("link", name=re.compile("Ask for a new target date")),
    )
    check_a11y(lead)
    click(lead, "button", "Ask the chair")
    assert lead.get_by_text("Enter the date.").first.is_visible()
    check_a11y(lead)
    new_date = timezone.localdate() + dt.timedelta(days=30)
    lead.get_by_label("The new target date you ask for").fill(new_date.isoformat())
    lead.get_by_label("Why you need a new target date").fill("The rota changes in the new year.")
    click(lead, "button", "Ask the chair")
    assert lead.get_by_text("Asked. The chair will agree or not").is_visible()
    check_a11y(lead)

    # And records a milestone.
    click(lead, "link", "Add a milestone")
    check_a11y(lead)
    lead.get_by_label("Milestone").fill("New rota agreed with the unions")
    lead.get_by_label("Due").fill((timezone.localdate() + dt.timedelta(days=14)).isoformat())
    click(lead, "button", "Add the milestone")
    assert lead.get_by_text("Milestone added. The reps can see it.").is_visible()

    # The chair agrees, with a reason.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    chair = context.new_page()
    chair.live_url = live_server.url
    sign_in(chair, tenant_a["chair"])
    go(chair, f"/{org}/proposals/{late.public_id}/")
    click(chair, "link", "Agree or not")
    check_a11y(chair)
    chair.get_by_label("Yes, agree").check()
    chair.get_by_label("Your reason").fill("Agreed: the rota matters more than the date.")
    click(chair, "button", "Send the answer")
    assert chair.get_by_text("Answered. The lead has been told.").is_visible()
    context.close()

    # The rep, on a phone, sees the milestone and the answer.
    rep = phone_page
    sign_in(rep, tenant_a["rep"])
    go(rep, f"/{org}/proposals/{late.public_id}/")
    milestones = rep.locator("#milestones + ul")
    assert "New rota agreed with the unions" in milestones.inner_text()
    assert "To do" in milestones.inner_text()
    assert rep.get_by_text("Agreed: the rota matters more than the date.").first.is_visible()
    check_a11y(rep)

    # The lead's page again: the finished part, and the search box.
    go(lead, f"/{org}/proposals/my-actions/?done=all")
    lead.get_by_label("Search").first.fill("minute rule")
    follow(lead, lead.get_by_role("button", name="Search").first)
    assert lead.get_by_role("link", name="The ten minute rule both ways").is_visible()
    check_a11y(lead)


def test_manager_exports_and_searches(tenant_a, page, sign_in, go, check_a11y):
    org = tenant_a.organisation.slug
    ProposalFactory(council=tenant_a.council, status="ready", title="Weekend opening")
    manager = page
    sign_in(manager, tenant_a["manager"])
    go(manager, f"/{org}/reports/")
    click(manager, "link", "Export figures as a CSV file or a spreadsheet")
    check_a11y(manager)
    manager.get_by_label("Proposals, with status history and decisions").check()
    manager.get_by_label("CSV (opens in any spreadsheet)").check()
    manager.get_by_label("For which council, region or organisation?").select_option(
        label="Whole organisation"
    )
    click(manager, "button", "Make the export")
    assert manager.get_by_role("link", name=re.compile("Download the CSV file")).is_visible()
    check_a11y(manager)
    go(manager, f"/{org}/search/?q=weekend")
    assert manager.get_by_role("link", name="Weekend opening").is_visible()


def test_lead_checks_marks_as_done_and_undoes_it(tenant_a, phone_page, sign_in, go, check_a11y):
    """On a phone: "Mark as done" goes through a check page; the banner after
    it offers "Undo", which puts the proposal back as it was."""
    org = tenant_a.organisation.slug
    proposal = owned(tenant_a, "Customer service training for reception", -3)
    lead = phone_page
    sign_in(lead, tenant_a["lead"])
    go(lead, f"/{org}/proposals/{proposal.public_id}/")
    # Past the target date, and the lead is told what to do about it.
    state = lead.locator("[data-implementation-state]")
    assert "Past target date" in state.inner_text()
    assert "Update overdue" not in state.inner_text()

    click(lead, "link", "Mark as done")
    lead.get_by_label("We did").fill("All reception staff had customer service training.")
    click(lead, "button", "Continue")
    # The check page: nothing has happened yet.
    assert lead.get_by_role("heading", name="Check before you mark it as done").is_visible()
    assert lead.get_by_text("All reception staff had customer service training.").is_visible()
    check_a11y(lead)
    click(lead, "button", "Change what you wrote")
    assert lead.get_by_label("We did").input_value().startswith("All reception staff")
    click(lead, "button", "Continue")
    click(lead, "button", "Mark as done")

    banner = lead.locator("[data-undo-done]")
    assert "Marked as done. The reps have been told." in banner.inner_text()
    assert lead.locator(".app-we-did").is_visible()
    check_a11y(lead)
    follow(lead, banner.get_by_role("button", name=re.compile("Undo")))
    assert lead.get_by_text("Undone. It is back to being put in place").is_visible()
    assert lead.locator("[data-undo-done]").count() == 0
    assert lead.locator(".app-we-did").count() == 0
    assert lead.get_by_role("link", name="Mark as done").first.is_visible()
    check_a11y(lead)
    proposal.refresh_from_db()
    assert proposal.status == "in_progress" and proposal.we_did == ""
