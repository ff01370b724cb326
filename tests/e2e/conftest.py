"""Browser journeys: Playwright drives Debian's Chromium against a live
server, and every page a journey visits is checked with axe-core.

Fixtures:
- ``browser``: one Chromium per test session.
- ``page``: a fresh page (1280 × 900); ``phone_page``: 360 × 740.
- ``sign_in(page, user)``: signs in through the real form; staff answer the
  authenticator step with a real TOTP code.
- ``check_a11y(page)``: fails on any WCAG 2.2 A/AA violation.
- ``go(page, path)``: opens a path on the live server and checks it with axe.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.conftest import TEST_TOTP_SECRET
from tests.services import require_chromium

# Playwright's sync API runs an event loop in this thread; the ORM calls made
# by fixtures and assertions here are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parents[2] / "static" / "build" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "correct-horse-battery"  # tests/factories.py UserFactory


def pytest_collection_modifyitems(items):
    # One xdist group: under `--dist loadgroup` every journey runs on the
    # same worker, so one Chromium and one live server serve them all.
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    executable = require_chromium()
    browser = _playwright.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def _new_page(browser, width: int, height: int):
    # bypass_csp only so that the test can inject axe-core; the app's own
    # pages never need it.
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def page(browser, live_server):
    context, page = _new_page(browser, 1280, 900)
    page.live_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context, page = _new_page(browser, 360, 740)
    page.live_url = live_server.url
    yield page
    context.close()


# A code is typed a few seconds after it is made; never hand out one that
# runs out before then.
TYPING_SECONDS = 5


# The server refuses a code it has already taken for the same person
# (allauth keeps used codes in the cache), so a person who signs in twice
# within a window needs the other window's code. Counters handed out so far,
# per user.
_USED_COUNTERS: dict[int, set[int]] = {}


def current_totp_code(secret: str = TEST_TOTP_SECRET, *, user_id: int | None = None) -> str:
    """A code the server accepts for at least the next window, without
    waiting: near the end of a window, the next window's code. The server
    takes codes one window either side (MFA_TOTP_TOLERANCE), so that code is
    good now and after the window turns. A code already given to this user is
    never given again."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    assert app_settings.TOTP_TOLERANCE >= 1, "the next window's code needs a tolerance of 1"
    used = _USED_COUNTERS.setdefault(user_id, set()) if user_id is not None else set()
    deadline = time.monotonic() + 2 * app_settings.TOTP_PERIOD
    while True:
        now = int(time.time()) // app_settings.TOTP_PERIOD
        preferred = int(time.time() + TYPING_SECONDS) // app_settings.TOTP_PERIOD
        fresh = [c for c in (preferred, now, now + 1) if c not in used]
        if fresh:
            used.add(fresh[0])
            return format_hotp_value(hotp_value(secret, fresh[0]))
        # Both good codes were taken: the next window brings a new one.
        assert time.monotonic() < deadline, "no unused TOTP code came up"
        time.sleep(1)


@pytest.fixture(autouse=True)
def _forget_used_codes():
    """Each journey starts with no code used: the cache that remembers used
    codes, and our own record of them, are emptied."""
    from django.core.cache import cache

    cache.clear()
    _USED_COUNTERS.clear()
    yield


def follow(page, target) -> None:
    """Click a link or button and wait for the page it leads to. A bare click
    returns before the navigation starts, so waiting for "load" afterwards can
    see the old page and race the new one (axe then runs on a page that is
    being replaced)."""
    with page.expect_navigation():
        target.click()
    page.wait_for_load_state()


def check_a11y(page) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}
        })"""
    )
    violations = [
        f"{v['id']}: {v['help']} ({len(nodes)} on {page.url}): "
        + "; ".join(n["target"][0] if n["target"] else "" for n in nodes[:3])
        for v in result["violations"]
        if (nodes := [n for n in v["nodes"] if not _govuk_reveal_radio(v["id"], n)])
    ]
    assert not violations, "Accessibility problems:\n" + "\n".join(violations)


def _govuk_reveal_radio(rule: str, node: dict) -> bool:
    """GOV.UK Frontend's conditional reveal puts ``aria-expanded`` on the
    radio that reveals questions. ARIA does not list it for radios, so axe
    objects; GOV.UK keep it on purpose, because screen readers announce it
    (a documented known issue: alphagov/govuk-frontend#979). Only that one
    attribute, on such a radio, is let through."""
    if rule != "aria-allowed-attr":
        return False
    html = node.get("html", "")
    if 'type="radio"' not in html or "aria-controls=" not in html:
        return False
    checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
    data = [check.get("data") for check in checks]
    failing = [v for d in data if isinstance(d, dict) for v in d.get("values", [])]
    return bool(failing) and all(value.startswith("aria-expanded=") for value in failing)


def go(page, path: str, *, a11y: bool = True):
    response = page.goto(page.live_url + path)
    assert response is not None and response.status < 400, (
        f"{path} -> {response and response.status}"
    )
    if a11y:
        check_a11y(page)
    return response


def sign_in(page, user, *, password: str = PASSWORD, a11y: bool = True) -> None:
    page.goto(page.live_url + "/accounts/login/")
    if a11y:
        check_a11y(page)
    page.get_by_label("Username or email").fill(user.username)
    page.get_by_label("Password").fill(password)
    follow(page, page.get_by_role("button", name="Sign in"))
    if "/accounts/2fa/authenticate" in page.url:
        if a11y:
            check_a11y(page)
        page.get_by_label("Code").fill(current_totp_code(user_id=user.pk))
        follow(page, page.get_by_role("button", name="Sign in", exact=True))
    assert "/accounts/login" not in page.url, f"sign-in failed for {user.username}"


@pytest.fixture(name="check_a11y")
def check_a11y_fixture():
    return check_a11y


@pytest.fixture(name="sign_in")
def sign_in_fixture():
    return sign_in


@pytest.fixture(name="go")
def go_fixture():
    return go
