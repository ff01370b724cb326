"""Each role signs in through the real pages and lands on its home page."""

import pytest

from councils.models import Role
from tests.e2e.conftest import follow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("role", Role.values)
def test_each_role_signs_in_and_reaches_home(role, tenant_a, page, sign_in, check_a11y):
    user = tenant_a[role]
    sign_in(page, user)
    assert page.url.rstrip("/").endswith(f"/{tenant_a.organisation.slug}")
    assert page.get_by_role("heading", level=1).inner_text() == f"Hello, {user}"
    check_a11y(page)


def test_wrong_password_is_refused_plainly(tenant_a, page, check_a11y):
    page.goto(page.live_url + "/accounts/login/")
    page.get_by_label("Username or email").fill(tenant_a["rep"].username)
    page.get_by_label("Password").fill("not-the-password")
    follow(page, page.get_by_role("button", name="Sign in"))
    assert page.get_by_text("There is a problem").is_visible()
    check_a11y(page)
