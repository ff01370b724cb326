"""Every page an organisation admin uses is accessible, including its error states."""

import pytest

from tests.e2e.conftest import follow

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_PAGES = [
    "",
    "setup/",
    "setup/regions/new/",
    "setup/councils/new/",
    "setup/sites/new/",
    "people/",
    "people/invite/",
    "people/new-rep/",
    "people/roles/new/",
    "audit/",
]


def test_admin_pages_are_accessible(tenant_a, page, sign_in, go):
    org = tenant_a.organisation.slug
    sign_in(page, tenant_a["admin"])
    for path in ADMIN_PAGES:
        go(page, f"/{org}/{path}")
    go(page, f"/{org}/people/{tenant_a['rep'].public_id}/")
    go(page, f"/{org}/setup/councils/{tenant_a.council.public_id}/")
    go(page, "/account/")


def test_admin_form_errors_are_accessible_and_keep_input(tenant_a, page, sign_in, go, check_a11y):
    org = tenant_a.organisation.slug
    sign_in(page, tenant_a["admin"])
    go(page, f"/{org}/setup/councils/new/")
    page.get_by_label("Council name").fill("Riverside Council")
    page.get_by_label("Short name for web addresses").fill("Not A Slug!")
    follow(page, page.get_by_role("button", name="Save council"))
    assert page.title().startswith("Error:")
    assert page.get_by_text("Use only lower-case letters, numbers and hyphens.").first.is_visible()
    assert page.get_by_label("Council name").input_value() == "Riverside Council"
    check_a11y(page)

    go(page, f"/{org}/people/invite/")
    follow(page, page.get_by_role("button", name="Send invitation"))
    assert page.get_by_text("Enter their email address.").first.is_visible()
    check_a11y(page)


def test_phone_width_home_and_menu(tenant_a, phone_page, sign_in, check_a11y):
    sign_in(phone_page, tenant_a["coordinator"])
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width}px wide on a 360px screen"
    check_a11y(phone_page)
