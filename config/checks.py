"""Deployment checks of our own, run by ``manage.py check --deploy``."""

from __future__ import annotations

from urllib.parse import urlparse

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1", "testserver"}


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Every link in every email starts with SITE_URL: in production it must
    be the site's public https address, or people get links to nowhere."""
    parsed = urlparse(getattr(settings, "SITE_URL", ""))
    host = (parsed.hostname or "").lower()
    if host in LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127."):
        return [
            checks.Error(
                f"SITE_URL is {settings.SITE_URL!r}, a local address: links in emails would "
                "point at the reader's own computer.",
                hint="Set SITE_URL to the site's public address, like https://said.example.org.",
                id="config.E001",
            )
        ]
    if parsed.scheme != "https":
        return [
            checks.Error(
                f"SITE_URL is {settings.SITE_URL!r}: production links must use https.",
                hint="Set SITE_URL to an https:// address.",
                id="config.E002",
            )
        ]
    return []
