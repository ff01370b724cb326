"""Tests that need a real service skip with a loud reason when it is absent on
a developer's machine. With STRICT=1 (set by .ci/run) they fail instead."""

from __future__ import annotations

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest

STRICT = os.environ.get("STRICT") == "1"
CHROMIUM = "/usr/bin/chromium"


def unavailable(reason: str) -> None:
    if STRICT:
        pytest.fail(f"STRICT=1 and a required service is missing: {reason}", pytrace=False)
    pytest.skip(f"SERVICE MISSING — {reason}")


def _port_open(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def require_redis() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        unavailable("REDIS_URL is not set, so the real Celery worker test cannot run")
    if not _port_open(url, 6379):
        unavailable(f"Redis is not reachable at {url}")
    return url


def require_postgres() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        unavailable("DATABASE_URL does not point at PostgreSQL")


def require_chromium() -> str:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        unavailable("Chromium is not installed (apt-get install chromium)")
    return CHROMIUM
