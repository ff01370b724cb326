"""An admin creates a rep account; the rep uses the printed code to choose a
password and lands on their council's home page."""

import pytest

from tests.e2e.conftest import follow

pytestmark = pytest.mark.django_db(transaction=True)


def test_rep_account_from_creation_to_first_sign_in(tenant_a, page, sign_in, go, check_a11y):
    org = tenant_a.organisation.slug
    sign_in(page, tenant_a["coordinator"])
    go(page, f"/{org}/people/")
    follow(page, page.get_by_role("link", name="Create a rep account"))
    check_a11y(page)

    # A mistake first: no contact details for a rep who wants texts.
    page.get_by_label("Rep's name").fill("Kim Rowe")
    page.get_by_label("Council").select_option(label=tenant_a.council.name)
    page.get_by_label("Text message").check()
    follow(page, page.get_by_role("button", name="Create account and print setup code"))
    assert page.get_by_text("There is a problem").is_visible()
    assert page.get_by_label("Rep's name").input_value() == "Kim Rowe"
    check_a11y(page)

    page.get_by_label("Phone number (optional)").fill("07700 900123")
    follow(page, page.get_by_role("button", name="Create account and print setup code"))
    check_a11y(page)
    code = page.locator("#setup-code").inner_text()
    # The letter is meant to be printed: with JavaScript, a Print button.
    assert page.get_by_role("button", name="Print this letter").is_visible()
    username = page.locator("li", has_text="Type your username").locator("strong").inner_text()
    # Let signing out finish before going on: a new address typed while its
    # redirect is still loading aborts one or the other.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()

    go(page, "/setup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Setup code").fill(code)
    page.get_by_label("Choose a password").fill("kim's own phrase 77")
    page.get_by_label("Type the password again").fill("kim's own phrase 77")
    follow(page, page.get_by_role("button", name="Save password and sign in"))
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Kim Rowe"
    assert page.get_by_text(tenant_a.council.name).first.is_visible()
    check_a11y(page)


def test_admin_ends_a_role_and_access_stops(tenant_a, page, sign_in, go, check_a11y, browser):
    org = tenant_a.organisation.slug
    lead = tenant_a["lead"]
    sign_in(page, tenant_a["admin"])
    go(page, f"/{org}/people/{lead.public_id}/")
    follow(page, page.get_by_role("button", name="End role").first)
    assert page.get_by_text("no longer has the role").is_visible()
    check_a11y(page)

    other = browser.new_context(bypass_csp=True).new_page()
    other.live_url = page.live_url
    sign_in(other, lead)
    response = other.goto(f"{page.live_url}/{org}/")
    assert response.status == 404
