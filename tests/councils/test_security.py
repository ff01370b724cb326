import re
from pathlib import Path

import pytest
from django.core.cache import cache

from councils.middleware import CSP

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert policy == CSP
    assert "'unsafe-inline'" not in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy


def test_no_inline_scripts_or_styles_in_our_templates():
    problems = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) and "application/json" not in text:
            problems.append(f"{path}: inline <script>")
        if re.search(r"\sstyle=\"", text) or "<style" in text:
            problems.append(f"{path}: inline style")
    assert not problems, problems


def test_staff_without_authenticator_must_set_one_up(tenant_a, client_for):
    from allauth.mfa.models import Authenticator

    chair = tenant_a["chair"]
    Authenticator.objects.filter(user=chair).delete()
    response = client_for(chair).get(f"/{tenant_a.organisation.slug}/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_reps_are_not_asked_for_an_authenticator(tenant_a, client_for):
    response = client_for(tenant_a["rep"]).get(f"/{tenant_a.organisation.slug}/")
    assert response.status_code == 200


def test_sign_in_is_rate_limited(tenant_a, client):
    cache.clear()
    statuses = []
    for _ in range(8):
        response = client.post(
            "/accounts/login/", {"login": tenant_a["rep"].username, "password": "wrong-password"}
        )
        statuses.append(response.status_code)
    body = response.content.decode()
    assert "Too many failed login attempts" in body or response.status_code == 429, statuses


def test_session_ends_when_browser_closes(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_word_offender_is_never_used_in_templates():
    hits = [
        p
        for p in TEMPLATES.rglob("*")
        if p.is_file() and re.search(r"\boffenders?\b", p.read_text(), re.I)
    ]
    assert not hits, hits


def test_authenticator_codes_allow_one_window_of_clock_drift(tenant_a):
    import time

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

    from tests.conftest import TEST_TOTP_SECRET

    authenticator = Authenticator.objects.get(user=tenant_a["chair"], type="totp")
    previous = int(time.time()) // 30 - 1
    assert TOTP(authenticator).validate_code(
        format_hotp_value(hotp_value(TEST_TOTP_SECRET, previous))
    )
    too_old = previous - 2
    assert not TOTP(authenticator).validate_code(
        format_hotp_value(hotp_value(TEST_TOTP_SECRET, too_old))
    )


def test_every_top_level_path_is_a_reserved_organisation_slug():
    from config.urls import urlpatterns
    from councils.models import RESERVED_ORGANISATION_SLUGS

    prefixes = {
        str(p.pattern).split("/")[0]
        for p in urlpatterns
        if str(p.pattern) and not str(p.pattern).startswith("<")
    }
    assert prefixes <= set(RESERVED_ORGANISATION_SLUGS)


def test_an_organisation_cannot_take_a_reserved_path_as_its_slug():
    from django.db import IntegrityError, transaction

    from tests.factories import OrganisationFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(slug="i18n")
    OrganisationFactory(slug="i18n-wales")
