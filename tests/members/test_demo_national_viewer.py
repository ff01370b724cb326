"""The demo has a national viewer (README's table): they sign in with the
demo password and the shared authenticator secret and land on the national
picture, which shows the demo organisations that share. Loading the demo
twice adds nothing."""

from __future__ import annotations

import time

import pytest
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.core.management import call_command

from councils.models import AuditEvent, NationalSharing, NationalViewer
from members.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from members.demo_national import NATIONAL_VIEWER

pytestmark = pytest.mark.django_db


def _counts():
    return (
        NationalViewer.objects.count(),
        NationalSharing.objects.filter(enabled=True).count(),
        AuditEvent.objects.filter(action="organisation.national_sharing_on").count(),
    )


def test_the_demo_national_viewer_signs_in_and_reads_the_national_picture(client, capsys):
    cache.clear()  # sign-in rate limits live in the cache
    call_command("seed_demo")
    counts = _counts()
    call_command("seed_demo")
    assert _counts() == counts
    capsys.readouterr()

    viewer = NationalViewer.objects.get(user__username=NATIONAL_VIEWER)
    assert viewer.ends_on is None
    assert NationalSharing.objects.filter(enabled=True).exists()

    response = client.post(
        "/accounts/login/", {"login": NATIONAL_VIEWER, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    # The server takes a code one window either side, so this one holds
    # even if the window turns now.
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
    response = client.post("/accounts/2fa/authenticate/", {"code": code}, follow=True)
    assert response.redirect_chain[-1][0].endswith("/national/")
    page = client.get("/national/")
    assert page.status_code == 200
    assert "Northmoor Probation Service" in page.content.decode()


def test_a_stopped_share_stays_stopped_when_the_demo_is_loaded_again(capsys):
    call_command("seed_demo")
    NationalSharing.objects.filter(organisation__slug="southfen").update(enabled=False)
    call_command("seed_demo")
    capsys.readouterr()
    assert not NationalSharing.objects.get(organisation__slug="southfen").enabled
    assert NationalSharing.objects.get(organisation__slug="northmoor").enabled
