"""Sign-in limits hold behind a proxy, and cannot lock a named person out for
long (issue 10)."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def sign_in(client, user, password, *, client_ip=None):
    extra = {"REMOTE_ADDR": PROXY}
    if client_ip:
        extra["HTTP_X_FORWARDED_FOR"] = client_ip
    return client.post("/accounts/login/", {"login": user.username, "password": password}, **extra)


def locked_out(response) -> bool:
    return response.status_code == 429 or "Too many failed" in response.content.decode()


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_behind_a_proxy_one_reps_wrong_passwords_do_not_lock_out_a_coordinator(
    tenant_a, client, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(15):
        sign_in(client, tenant_a["rep"], "wrong-password", client_ip=f"203.0.113.{n % 3}")
    response = sign_in(
        client, tenant_a["coordinator"], "correct-horse-battery", client_ip="198.51.100.7"
    )
    assert not locked_out(response)
    assert response.status_code == 302  # on to the authenticator step


def test_the_default_is_direct_serving_and_ignores_a_forged_forwarded_header(
    tenant_a, client, settings
):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    assert settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER is None
    # One machine cannot dodge the address limit by inventing addresses.
    responses = [
        sign_in(client, tenant_a[role], "wrong-password", client_ip=f"192.0.2.{n}")
        for n, role in enumerate(["rep", "chair", "lead", "manager", "finance", "admin"] * 2)
    ]
    assert locked_out(responses[-1])


def test_the_proxy_count_comes_from_the_environment(monkeypatch):
    import importlib

    import config.settings as module

    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "2")
    monkeypatch.setenv("TRUSTED_CLIENT_IP_HEADER", "X-Real-IP")
    try:
        reloaded = importlib.reload(module)
        assert reloaded.ALLAUTH_TRUSTED_PROXY_COUNT == 2
        assert reloaded.ALLAUTH_TRUSTED_CLIENT_IP_HEADER == "X-Real-IP"
    finally:
        monkeypatch.delenv("TRUSTED_PROXY_COUNT")
        monkeypatch.delenv("TRUSTED_CLIENT_IP_HEADER")
        importlib.reload(module)


def test_a_named_person_is_locked_out_for_minutes_only(tenant_a, client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    rep = tenant_a["rep"]
    for n in range(6):
        last = sign_in(client, rep, "wrong-password", client_ip=f"203.0.113.{n}")
    assert locked_out(last)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5, seconds=5)
    with time_machine.travel(later):
        response = sign_in(client, rep, "correct-horse-battery", client_ip="198.51.100.9")
    assert response.status_code == 302
    assert not locked_out(response)


def test_setup_limit_uses_the_address_from_the_proxy(tenant_a, client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    data = {"code": "AAAA-BBBB", "password1": "a long phrase 42", "password2": "a long phrase 42"}
    for n in range(12):
        client.post(
            "/setup/",
            {**data, "username": f"someone{n}"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.1",
        )
    other = client.post(
        "/setup/",
        {**data, "username": "another"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert other.status_code == 200
