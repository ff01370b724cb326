"""For tests of pages that remember their work (councils.freshness): people
signed in, pages read with their per-view secrets blanked, and a page seen
twice or drawn afresh."""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from councils.tenancy import mark_second_factor_passed

_PER_VIEW = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    # The surgery page's forms each carry a new token to save once with.
    re.compile(r'name="(submission_)?token" value="[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
]


def signed_in(person) -> Client:
    """A browser of the person's own, past the second factor."""
    client = Client()
    client.force_login(person)
    session = client.session
    mark_second_factor_passed(session, person)
    session.save()
    return client


def signed_in_each(*people) -> list[Client]:
    """A browser each, all signed in before anyone looks: signing in is a
    write, which would start every page afresh and hide a key too narrow."""
    return [signed_in(person) for person in people]


def page(client, address: str) -> str:
    """The page's HTML, without what changes on every view of it."""
    response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    html = response.content.decode()
    for pattern in _PER_VIEW:
        html = pattern.sub("", html)
    return html


def remembered(client, address: str) -> str:
    """The page, seen twice: the second view asks fewer queries and shows
    the same HTML."""
    with CaptureQueriesContext(connection) as first:
        html = page(client, address)
    with CaptureQueriesContext(connection) as second:
        assert page(client, address) == html
    assert len(second) < len(first)
    return html


def as_built_afresh(client, address: str, settings) -> str:
    """The page with nothing remembered."""
    kept = settings.FRESH_SECONDS
    settings.FRESH_SECONDS = 0
    try:
        return page(client, address)
    finally:
        settings.FRESH_SECONDS = kept


def same_as_built_afresh(client, address: str, settings) -> str:
    """The page as shown, which must be what it is with nothing remembered."""
    shown = page(client, address)
    assert as_built_afresh(client, address, settings) == shown
    return shown


def url(tenant, path: str) -> str:
    return f"/{tenant.organisation.slug}/{path}"


def staff(tenant, role: str, **scope):
    """Someone else in a staff role, with the second factor staff need."""
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.conftest import TEST_TOTP_SECRET
    from tests.factories import user_with_role

    person = user_with_role(tenant.organisation, role, **scope)
    TOTP.activate(person, TEST_TOTP_SECRET)
    return person
