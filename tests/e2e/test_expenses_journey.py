"""A rep on a 360 × 740 phone claims a bus fare (with a photo of the ticket)
and mileage, checks and sends the claim; a coordinator approves it; finance
pays it in a batch; the manager sees the totals and no names. Every page is
checked with axe, and nothing on the rep's pages is wider than the phone."""

import datetime as dt
import io

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from PIL import Image

from expenses import services
from expenses.models import Claim
from tests.e2e.conftest import follow
from tests.e2e.dates import fill_date

pytestmark = pytest.mark.django_db(transaction=True)


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def switch_to(page, user, sign_in):
    page.context.clear_cookies()
    sign_in(page, user)


def test_rep_claims_on_a_phone_and_is_paid(
    tenant_a, phone_page, page, sign_in, check_a11y, go, tmp_path, settings
):
    settings.EXPENSES_RECEIPT_ROOT = tmp_path / "private"
    org = tenant_a.organisation.slug
    photo = tmp_path / "ticket.jpg"
    data = io.BytesIO()
    Image.new("RGB", (2400, 1800), (30, 90, 160)).save(data, format="JPEG")
    photo.write_bytes(data.getvalue())
    rep = phone_page

    sign_in(rep, tenant_a["rep"])
    go(rep, f"/{org}/expenses/")
    fits_the_phone(rep)
    rep.get_by_role("button", name="Claim expenses").click()
    rep.wait_for_url("**/expenses/claim/")
    check_a11y(rep)
    fits_the_phone(rep)
    rep.get_by_label("A meeting").check()
    # The connection drops and the page reloads: the choice is kept.
    rep.reload()
    assert rep.get_by_label("A meeting").is_checked()
    assert rep.get_by_text("We kept what you typed before.").is_visible()
    # The date is typed as day, month and year. A month that cannot be: the
    # message is beside the date, only the month is marked, what was typed is
    # kept, and the error summary's link takes the rep to the month.
    fill_date(rep, "Date of the activity", ("12", "13", "2026"))
    follow(rep, rep.get_by_role("button", name="Continue"))
    assert rep.title().startswith("Error: ")
    message = "Date of the activity must be a real date."
    assert rep.get_by_role("group", name="Date of the activity").get_by_text(message).is_visible()
    boxes = rep.locator("#id_activity_date input")
    assert [boxes.nth(i).input_value() for i in range(3)] == ["12", "13", "2026"]
    assert ["govuk-input--error" in boxes.nth(i).get_attribute("class") for i in range(3)] == [
        False,
        True,
        False,
    ]
    check_a11y(rep)
    fits_the_phone(rep)
    rep.locator(".govuk-error-summary").get_by_role("link", name=message).click()
    assert rep.evaluate("document.activeElement.id") == "id_activity_date_month"
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    fill_date(rep, "Date of the activity", yesterday)
    rep.get_by_role("button", name="Continue").click()
    rep.wait_for_url("**/costs/")

    # Add a cost: first a mistake the page explains, keeping what was typed.
    check_a11y(rep)
    fits_the_phone(rep)
    rep.get_by_label("Bus, train or taxi fares").check()
    rep.get_by_label("How much did it cost?").fill("-4")
    follow(rep, rep.get_by_role("button", name="Save and add another cost"))
    assert rep.title().startswith("Error: ")
    assert rep.get_by_text("The amount cannot be less than 0.").first.is_visible()
    check_a11y(rep)
    rep.get_by_label("How much did it cost?").fill("4.60")
    rep.get_by_label("Photo of the receipt, or a PDF").set_input_files(str(photo))
    follow(rep, rep.get_by_role("button", name="Save and add another cost"))
    assert rep.get_by_text("Cost added.").is_visible()
    rep.get_by_label("Mileage (driving your own car)").check()
    rep.get_by_label("How many miles did you drive? (for mileage only)").fill("10")
    rep.get_by_role("button", name="Save and check the claim").click()
    rep.wait_for_url("**/check/")

    # Check your claim, then send it.
    check_a11y(rep)
    fits_the_phone(rep)
    assert rep.get_by_text("£9.10").first.is_visible()  # 4.60 + 10 × 45p
    rep.get_by_role("button", name="Send the claim").click()
    rep.wait_for_url("**/sent/")
    assert rep.get_by_role("heading", name="Claim sent").is_visible()
    check_a11y(rep)
    fits_the_phone(rep)
    claim = Claim.objects.get()
    assert claim.status == "submitted"
    assert claim.activity_date == yesterday
    go(rep, f"/{org}/expenses/claims/{claim.public_id}/")
    fits_the_phone(rep)

    # The coordinator approves it from the list of claims waiting.
    desk = page
    sign_in(desk, tenant_a["coordinator"])
    go(desk, f"/{org}/expenses/waiting/")
    desk.get_by_role("link", name="A meeting").click()
    desk.wait_for_url("**/claims/**")
    check_a11y(desk)
    desk.get_by_label("Approve the claim", exact=True).check()
    follow(desk, desk.get_by_role("button", name="Save decision"))
    assert desk.get_by_text("Claim approved.").is_visible()
    go(desk, f"/{org}/expenses/advances/new/")

    # Involvement payments (switched on for this organisation): the coordinator
    # records the benefits advice and adds a payment for the rep's time. Each
    # staff member signs in once only: a second sign-in within the same 30
    # seconds would reuse a one-time code, which is refused.
    services.policy_update(
        organisation=tenant_a.organisation,
        actor=tenant_a["admin"],
        involvement_payments_enabled=True,
    )
    go(desk, f"/{org}/expenses/involvement/")
    check_a11y(desk)
    assert desk.get_by_text("No benefits advice recorded").is_visible()
    go(desk, f"/{org}/expenses/involvement/people/{tenant_a['rep'].public_id}/")
    check_a11y(desk)
    desk.get_by_label("Took the advice").check()
    follow(desk, desk.get_by_role("button", name="Record the benefits advice"))
    assert desk.get_by_text("Benefits advice recorded.").is_visible()
    desk.get_by_label("What was the time for?").fill("Council meeting")
    desk.get_by_label("Hours").fill("2")
    follow(desk, desk.get_by_role("button", name="Add the payment"))
    assert desk.get_by_text("Involvement payment added.").is_visible()
    # Recorded wrongly? The payment's own page corrects or cancels it, with a reason.
    desk.get_by_role("link", name="See, correct or cancel").first.click()
    desk.wait_for_url("**/involvement/payments/**")
    check_a11y(desk)
    desk.get_by_label("What was wrong?").fill("Wrong")
    follow(desk, desk.get_by_role("button", name="Save the correction"))
    assert desk.title().startswith("Error: ")
    assert desk.get_by_text("Explain the reason in a full sentence.").first.is_visible()
    check_a11y(desk)

    # Finance pays it in a batch.
    switch_to(desk, tenant_a["finance"], sign_in)
    go(desk, f"/{org}/expenses/to-pay/")
    desk.locator("input[name=claims]").first.check()
    desk.get_by_label("Bank transfer").check()
    follow(desk, desk.get_by_role("button", name="Mark the chosen claims as paid"))
    assert desk.get_by_text("1 claim marked as paid.").is_visible()
    check_a11y(desk)
    claim.refresh_from_db()
    assert claim.status == "paid" and claim.amount_paid_pence == 910
    # The involvement payment waits on its own page, never among the claims.
    go(desk, f"/{org}/expenses/involvement/to-pay/")
    check_a11y(desk)
    assert desk.get_by_text("£24.42").first.is_visible()  # 2 hours × £12.21
    desk.locator("input[name=payments]").first.check()
    desk.get_by_label("Bank transfer").check()
    follow(desk, desk.get_by_role("button", name="Mark the chosen payments as paid"))
    assert desk.get_by_text("1 involvement payment marked as paid.").is_visible()
    # Paid in error? Finance opens it from "Paid recently" and records that.
    desk.get_by_role("link", name="See the payment").first.click()
    desk.wait_for_url("**/involvement/payments/**")
    check_a11y(desk)
    assert desk.get_by_role("button", name="Record as paid in error").is_visible()

    # The manager sees totals, never the rep's name.
    switch_to(desk, tenant_a["manager"], sign_in)
    go(desk, f"/{org}/expenses/totals/")
    assert desk.get_by_text("£9.10").first.is_visible()
    assert str(tenant_a["rep"]) not in desk.content()

    # The admin's policy page, and the budgets page.
    switch_to(desk, tenant_a["admin"], sign_in)
    go(desk, f"/{org}/expenses/policy/")
    check_a11y(desk)
    go(desk, f"/{org}/expenses/budgets/")
    check_a11y(desk)

    go(rep, f"/{org}/expenses/involvement/mine/")
    check_a11y(rep)
    fits_the_phone(rep)
    assert rep.get_by_text("£24.42").first.is_visible()
    assert django_settings.EXPENSES_RECEIPT_ROOT == tmp_path / "private"


def test_rep_answers_a_question_on_a_phone(tenant_a, phone_page, page, sign_in, check_a11y, go):
    """A claim queried by the coordinator: the rep reads the question and
    answers it at 360 px; the coordinator's refusal without a reason is
    explained beside the field. Every page checked with axe."""
    from tests.expenses.factories import submitted_claim

    org = tenant_a.organisation.slug
    claim = submitted_claim(tenant_a, amounts=(320,))
    services.claim_query(
        claim=claim,
        question="Which bus did you take to the meeting?",
        actor=tenant_a["coordinator"],
    )
    rep = phone_page
    sign_in(rep, tenant_a["rep"])
    go(rep, f"/{org}/expenses/")
    fits_the_phone(rep)
    assert rep.get_by_text("Question for you").first.is_visible()
    go(rep, f"/{org}/expenses/claims/{claim.public_id}/")
    fits_the_phone(rep)
    go(rep, f"/{org}/expenses/claims/{claim.public_id}/check/")
    fits_the_phone(rep)
    assert rep.get_by_text("Which bus did you take to the meeting?").is_visible()
    follow(rep, rep.get_by_role("button", name="Send the claim"))
    assert rep.title().startswith("Error: ")
    check_a11y(rep)
    fits_the_phone(rep)
    rep.get_by_label("Your answer to the question").fill("The number 12 bus from the station.")
    rep.get_by_role("button", name="Send the claim").click()
    rep.wait_for_url("**/sent/")
    check_a11y(rep)
    claim.refresh_from_db()
    assert claim.status == "submitted"

    # The coordinator turns it down without a reason: the page says why.
    sign_in(page, tenant_a["coordinator"])
    go(page, f"/{org}/expenses/claims/{claim.public_id}/")
    page.get_by_label("Do not approve the claim").check()
    follow(page, page.get_by_role("button", name="Save decision"))
    assert page.title().startswith("Error: ")
    assert page.get_by_text("Say why the claim is not approved.").first.is_visible()
    check_a11y(page)
