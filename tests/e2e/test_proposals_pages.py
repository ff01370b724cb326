"""The proposals pages the main journey does not pass through, each checked
with axe: lists with figures, the agenda editor, attendance, action points,
overdue work, and a rep's own proposals on a phone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from members.models import RepProfile
from proposals import services
from tests.e2e.conftest import follow
from tests.proposals.factories import ActionPointFactory, MeetingFactory, ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_and_rep_pages_are_accessible(
    tenant_a, page, phone_page, sign_in, go, check_a11y
):
    org = tenant_a.organisation.slug
    earlier = MeetingFactory(
        council=tenant_a.council, kind="hub", date=timezone.localdate() - dt.timedelta(days=20)
    )
    point = ActionPointFactory(
        meeting=earlier, owner=tenant_a["coordinator"], due_on=timezone.localdate()
    )
    ProposalFactory(council=tenant_a.council, status="ready", authors=[tenant_a["rep"]])
    ProposalFactory(
        council=tenant_a.council,
        status="in_progress",
        owner=tenant_a["lead"],
        target_date=timezone.localdate() - dt.timedelta(days=1),
        authors=[tenant_a["rep"]],
    )
    ProposalFactory(
        council=tenant_a.council, status="implemented", we_did="Done.", authors=[tenant_a["rep"]]
    )
    meeting = services.meeting_create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        kind="council",
        date=timezone.localdate() + dt.timedelta(days=10),
        starts_at=dt.time(14),
        venue="Board room",
        chair=tenant_a["chair"],
        invited=[tenant_a["rep"]],
        actor=tenant_a["coordinator"],
    )
    # The invited rep asked for a BSL interpreter and Easy Read papers.
    RepProfile.objects.filter(user=tenant_a["rep"]).update(access_needs=["bsl", "easy_read"])

    sign_in(page, tenant_a["coordinator"], a11y=False)
    for path in (
        "proposals/",
        "proposals/?status=ready",
        "proposals/overdue/",
        "meetings/",
        f"meetings/{meeting.public_id}/",
        f"meetings/{meeting.public_id}/agenda/",
        f"meetings/{meeting.public_id}/attendance/",
        f"meetings/{meeting.public_id}/actions/new/",
        f"meetings/{meeting.public_id}/actions/{point.public_id}/",
    ):
        go(page, f"/{org}/{path}")
    # The coordinator sees who needs what on the meeting page and beside
    # each name in the invitation list (both checked with axe by go()).
    go(page, f"/{org}/meetings/{meeting.public_id}/")
    assert page.get_by_text("1 person needs a BSL interpreter: book one.").is_visible()
    assert page.locator(".govuk-tag", has_text="Easy Read papers").is_visible()
    go(page, f"/{org}/meetings/{meeting.public_id}/edit/")
    assert page.get_by_text("needs: BSL interpreter, Easy Read papers").is_visible()
    go(page, f"/{org}/meetings/{meeting.public_id}/actions/{point.public_id}/")
    # An empty update is refused beside the field, accessibly.
    follow(page, page.get_by_role("button", name="Save the update"))
    assert page.title().startswith("Error: ")
    check_a11y(page)

    # Cancelling the meeting: a missing reason is refused accessibly, then the
    # meeting page says it is cancelled and why.
    go(page, f"/{org}/meetings/{meeting.public_id}/")
    follow(page, page.get_by_role("link", name="Cancel this meeting"))
    check_a11y(page)
    follow(page, page.get_by_role("button", name="Cancel the meeting"))
    assert page.title().startswith("Error: ")
    check_a11y(page)
    page.get_by_label("Why is the meeting cancelled?").fill("The chair is ill.")
    follow(page, page.get_by_role("button", name="Cancel the meeting"))
    assert page.get_by_text("Reason: The chair is ill.").is_visible()
    check_a11y(page)

    sign_in(phone_page, tenant_a["rep"], a11y=False)
    go(phone_page, f"/{org}/proposals/ours/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
