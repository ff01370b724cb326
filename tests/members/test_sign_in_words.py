"""Sign-in in the product's words: one "forgot password" link, and a
second-factor page that says a 6-digit code is wanted (issue 15)."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def test_the_sign_in_page_has_one_forgotten_password_link(client):
    page = client.get("/accounts/login/").content.decode()
    assert page.count('href="/accounts/password/reset/"') == 1
    assert "Forgot your password?" not in page


def _to_second_factor(client, user):
    response = client.post(
        "/accounts/login/", {"login": user.username, "password": "correct-horse-battery"}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"


def test_the_second_factor_page_asks_for_a_six_digit_code(client, tenant_a):
    _to_second_factor(client, tenant_a["coordinator"])
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "Enter the code from your app" in page
    assert "6 digits, for example 123456" in page
    assert 'inputmode="numeric"' in page
    assert "Two-Factor Authentication" not in page
    assert "Sign In" not in page


def test_a_wrong_code_is_explained_beside_the_box(client, tenant_a):
    _to_second_factor(client, tenant_a["coordinator"])
    page = client.post("/accounts/2fa/authenticate/", {"code": "000000"}).content.decode()
    assert "That code did not work. Enter the 6-digit code your app shows now." in page
    assert "govuk-error-summary" in page

    page = client.post("/accounts/2fa/authenticate/", {"code": ""}).content.decode()
    assert "Enter the 6-digit code from your app." in page


def test_a_wrong_password_is_said_in_the_products_words(client, tenant_a):
    rep = tenant_a["rep"]
    page = client.post(
        "/accounts/login/", {"login": rep.username, "password": "not-the-password"}
    ).content.decode()
    assert "That username or password is not right. Check them and try again." in page
    assert "and/or" not in page


def test_setting_up_with_a_code_speaks_in_the_products_words(client, tenant_a):
    from members import services

    rep = tenant_a["rep"]
    code = services.rep_setup_code_issue(
        organisation=tenant_a.organisation, user=rep, actor=tenant_a["coordinator"]
    )
    short = client.post(
        "/setup/",
        {"username": rep.username, "code": code, "password1": "short", "password2": "short"},
    ).content.decode()
    assert "The password is too short. Use at least 10 characters" in short
    assert "It must contain at least" not in short
    password = "a long new password 2026"
    page = client.post(
        "/setup/",
        {"username": rep.username, "code": code, "password1": password, "password2": password},
        follow=True,
    ).content.decode()
    assert "You are signed in as" in page
    assert "Successfully signed in" not in page


def test_signing_in_greets_the_person_by_name_not_username(client, tenant_a):
    rep = tenant_a["rep"]
    page = client.post(
        "/accounts/login/",
        {"login": rep.username, "password": "correct-horse-battery"},
        follow=True,
    ).content.decode()
    assert f"You are signed in as {rep.display_name}." in page
    assert f"signed in as {rep.username}" not in page
