"""Setup codes and the second factor, in the browser (issue 10): a rep with
an authenticator who uses a setup code is asked for it; a person who has
since been given a staff role cannot use a code at all."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from councils.models import Role
from councils.services import role_assign
from members import services
from tests.conftest import TEST_TOTP_SECRET
from tests.e2e.conftest import current_totp_code, follow

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "kim's own phrase 77"


def use_code(page, username: str, code: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Setup code").fill(code)
    page.get_by_label("Choose a password").fill(NEW_PASSWORD)
    page.get_by_label("Type the password again").fill(NEW_PASSWORD)
    follow(page, page.get_by_role("button", name="Save password and sign in"))


def test_a_setup_code_for_a_rep_with_an_authenticator_asks_for_it(tenant_a, page, go, check_a11y):
    rep = tenant_a["rep"]
    code = services.rep_setup_code_issue(
        organisation=tenant_a.organisation, user=rep, actor=tenant_a["coordinator"]
    )
    TOTP.activate(rep, TEST_TOTP_SECRET)

    go(page, "/setup/")
    use_code(page, rep.username, code)
    assert "/accounts/2fa/authenticate" in page.url
    check_a11y(page)
    page.get_by_label("Code").fill(current_totp_code())
    follow(page, page.get_by_role("button", name="Sign in", exact=True))
    assert page.get_by_role("heading", level=1).inner_text() == f"Hello, {rep}"
    check_a11y(page)


def test_a_code_printed_before_a_staff_role_never_opens_a_staff_session(
    tenant_a, page, go, check_a11y
):
    """The chain from the issue: a code printed while the person was a rep;
    an admin then gives them the admin role and they set up TOTP."""
    rep = tenant_a["rep"]
    org = tenant_a.organisation.slug
    code = services.rep_setup_code_issue(
        organisation=tenant_a.organisation, user=rep, actor=tenant_a["coordinator"]
    )
    role_assign(
        organisation=tenant_a.organisation, user=rep, role=Role.ADMIN, actor=tenant_a["admin"]
    )
    TOTP.activate(rep, TEST_TOTP_SECRET)

    go(page, "/setup/")
    use_code(page, rep.username, code)
    assert page.get_by_text("There is a problem").is_visible()
    check_a11y(page)

    page.goto(page.live_url + f"/{org}/audit/")
    assert "/accounts/login" in page.url
