import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def deploy_check(**overrides) -> subprocess.CompletedProcess:
    # The browser tests' conftest allows async-unsafe calls in this process;
    # a deployment never would.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "DATABASE_URL": "sqlite:///:memory:",
        "SITE_URL": "https://said.example.org",
        **overrides,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "site_url", ["http://127.0.0.1:8000", "https://localhost", "http://said.example.org"]
)
def test_the_deploy_check_fails_with_a_local_or_plain_http_site_url(site_url):
    result = deploy_check(SITE_URL=site_url)
    assert result.returncode != 0
    assert "SITE_URL" in result.stdout + result.stderr
