"""A coordinator asks for this quarter's You Said We Did booklet, follows it
until it is ready, opens the PDF, publishes the council's public page, and a
visitor who is not signed in reads it. Every page is checked with axe."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from proposals.models import ProposalStatus
from surgeries.models import FeedbackItem
from tests.e2e.conftest import _new_page, follow
from tests.e2e.dates import fill_date
from tests.reports.factories import FeedbackItemFactory, ThemeFactory, decided_proposal
from tests.reports.pdftext import pdf_text, says

pytestmark = pytest.mark.django_db(transaction=True)


def recent_story(tenant):
    today = timezone.localdate()
    theme = ThemeFactory(organisation=tenant.organisation, name="Reception and buildings")
    FeedbackItemFactory(
        council=tenant.council,
        theme=theme,
        received_on=today - dt.timedelta(days=20),
        said="The raw words of one person, never shown.",
        consent_to_quote=True,
        quote_status=FeedbackItem.QuoteStatus.APPROVED,
        approved_quote="The new waiting room feels calmer.",
    )
    decided_proposal(
        council=tenant.council,
        chair=tenant["chair"],
        status=ProposalStatus.IMPLEMENTED,
        decided_on=today - dt.timedelta(days=40),
        implemented_on=today - dt.timedelta(days=10),
        title="Customer service training for reception staff",
        problem="Reception staff were rude.",
        we_did="All reception staff had customer service training.",
        theme=theme,
    )
    return today


def test_coordinator_makes_and_publishes_you_said_we_did(
    tenant_a, page, browser, sign_in, go, check_a11y
):
    today = recent_story(tenant_a)
    org, council = tenant_a.organisation, tenant_a.council
    sign_in(page, tenant_a["coordinator"])

    go(page, f"/{org.slug}/reports/")
    follow(page, page.get_by_role("link", name="Ask for a report").first)
    check_a11y(page)
    page.get_by_label("You Said, We Did booklet").check()
    page.get_by_label("For which council, region or organisation?").select_option(
        label=f"Council: {council.name}"
    )
    page.get_by_label("Which period?").select_option("custom")
    fill_date(page, "First day (only for your own dates)", today - dt.timedelta(days=60))
    fill_date(page, "Last day (only for your own dates)", today)
    follow(page, page.get_by_role("button", name="Make the report"))

    # The status page: check again until it is ready (rendered in-process
    # once the request commits), giving up after a bounded time.
    deadline = time.monotonic() + 60
    while not page.get_by_text("Your report is ready").count():
        assert time.monotonic() < deadline, "the report was not ready within 60 seconds"
        with page.expect_navigation():
            page.get_by_role("link", name="Check again").click()
    assert page.get_by_text("Your report is ready").is_visible()
    check_a11y(page)

    href = page.get_by_role("link", name="Open the PDF").get_attribute("href")
    pdf = page.request.get(page.live_url + href)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = pdf_text(pdf.body())
    assert says(text, "All reception staff had customer service training.")
    assert says(text, "The new waiting room feels calmer.")
    assert not says(text, "The raw words of one person")

    follow(page, page.get_by_role("link", name="Manage public pages"))
    check_a11y(page)
    follow(page, page.get_by_role("button", name=f"Publish the page for {council.name}"))
    assert page.get_by_text(f"The public page for {council.name} is published.").is_visible()
    check_a11y(page)

    # Someone with no account reads the page the poster's QR code points at.
    context, visitor = _new_page(browser, 360, 740)
    visitor.live_url = page.live_url
    try:
        go(visitor, f"/public/{org.slug}/{council.slug}/")
        assert visitor.get_by_role("heading", level=1).inner_text() == "You said, we did"
        assert visitor.get_by_text("Customer service training for reception staff").is_visible()
        assert visitor.get_by_text("The new waiting room feels calmer.").is_visible()
        assert visitor.get_by_text("The raw words of one person").count() == 0
        assert visitor.get_by_role("link", name="Sign out").count() == 0
    finally:
        context.close()
