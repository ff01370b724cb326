"""/setup/ cannot be guessed or timed (issue 10)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from members import services
from members.models import RepSetupCode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The limits live in the cache, which outlives one test.
    cache.clear()


PASSWORD = "a long phrase 42"


def make_rep(tenant):
    return services.rep_account_create(
        organisation=tenant.organisation,
        council=tenant.council,
        display_name="Kim Rowe",
        contact_preference="text",
        actor=tenant["coordinator"],
    )


def post_setup(client, username, code, **extra):
    data = {"username": username, "code": code, "password1": PASSWORD, "password2": PASSWORD}
    return client.post("/setup/", data, **extra)


def test_a_code_stops_working_after_five_wrong_tries(tenant_a):
    user, code = make_rep(tenant_a)
    for _ in range(services.SETUP_CODE_MAX_TRIES):
        with pytest.raises(ValidationError):
            services.rep_setup_code_redeem(
                username=user.username, code="AAAA-BBBB", password=PASSWORD
            )
    assert RepSetupCode.objects.get(user=user).failed_attempts == services.SETUP_CODE_MAX_TRIES
    with pytest.raises(ValidationError):
        services.rep_setup_code_redeem(username=user.username, code=code, password=PASSWORD)
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_the_hash_runs_once_whether_or_not_a_code_exists(tenant_a):
    user, _ = make_rep(tenant_a)
    calls = []
    real = services.accounts.check_password

    def counting(raw, encoded):
        calls.append(encoded)
        return real(raw, encoded)

    with mock.patch.object(services.accounts, "check_password", counting):
        for name in (user.username, "nobody-at-all", tenant_a["admin"].username):
            with pytest.raises(ValidationError):
                services.rep_setup_code_redeem(username=name, code="AAAA-BBBB", password=PASSWORD)
    assert len(calls) == 3


def test_setup_is_rate_limited_by_username_across_addresses(tenant_a, client):
    user, code = make_rep(tenant_a)
    statuses = [
        post_setup(client, user.username, "AAAA-BBBB", REMOTE_ADDR=f"10.0.0.{n}").status_code
        for n in range(1, 8)
    ]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]
    # Even the right code is refused while the limit lasts.
    assert post_setup(client, user.username, code, REMOTE_ADDR="10.0.0.9").status_code == 429


def test_setup_is_rate_limited_by_address_across_usernames(tenant_a, client):
    statuses = [
        post_setup(client, f"someone{n}", "AAAA-BBBB", REMOTE_ADDR="10.1.1.1").status_code
        for n in range(12)
    ]
    assert statuses[:10] == [200] * 10
    assert 429 in statuses[10:]
    # Another address is not held up.
    assert (
        post_setup(client, "someone-else", "AAAA-BBBB", REMOTE_ADDR="10.1.1.2").status_code == 200
    )


def test_forty_wrong_codes_then_the_right_one_is_refused(tenant_a, client):
    """The attack from the issue: no limit let the 41st try in."""
    user, code = make_rep(tenant_a)
    for n in range(40):
        post_setup(client, user.username, "AAAA-BBBB", REMOTE_ADDR=f"10.2.{n}.1")
    response = post_setup(client, user.username, code, REMOTE_ADDR="10.9.9.9")
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_the_letter_says_how_long_the_code_lasts(tenant_a, client_for):
    response = client_for(tenant_a["coordinator"]).post(
        f"/{tenant_a.organisation.slug}/people/new-rep/",
        {
            "display_name": "Kim Rowe",
            "council": tenant_a.council.public_id,
            "contact_preference": "post",
        },
    )
    assert "It stops working after 7 days." in response.content.decode()
