"""The proposals pages remember their rows and figures (councils.freshness):
a second view with nothing written in between asks less and shows the same
page; a write shows at once, exactly as on a page that remembers nothing;
and what one person saw is never shown to another with a different scope."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from councils.freshness import serving
from councils.models import Role
from councils.tenancy import mark_second_factor_passed
from tests.conftest import TEST_TOTP_SECRET
from tests.factories import user_with_role

from .factories import ProposalFactory, approve_words

pytestmark = pytest.mark.django_db


def url(tenant, path: str) -> str:
    return f"/{tenant.organisation.slug}/{path}"


def signed_in(*people) -> list[Client]:
    """A browser for each person, all signed in before anyone looks: signing
    in writes (the time of it), and a write would hide a key too narrow."""
    clients = []
    for person in people:
        client = Client()
        client.force_login(person)
        session = client.session
        mark_second_factor_passed(session, person)
        session.save()
        clients.append(client)
    return clients


def staff(tenant, role: str, **scope):
    """Someone else in a staff role (with a second factor, as staff need)."""
    person = user_with_role(tenant.organisation, role, username=f"other-{role}", **scope)
    TOTP.activate(person, TEST_TOTP_SECRET)
    return person


def page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    html = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def remembered(client, address: str) -> str:
    """The page, seen twice: the second time asks fewer queries and shows
    the same HTML."""
    with CaptureQueriesContext(connection) as first:
        html = page(client, address)
    with CaptureQueriesContext(connection) as second:
        assert page(client, address) == html
    assert len(second) < len(first)
    return html


def as_if_nothing_remembered(client, address: str, settings) -> str:
    fresh_seconds = settings.FRESH_SECONDS
    settings.FRESH_SECONDS = 0
    try:
        return page(client, address)
    finally:
        settings.FRESH_SECONDS = fresh_seconds


def shows_a_write_at_once(client, address: str, settings, write, *, seen: str) -> None:
    """``write`` changes what the page shows; the next view shows it."""
    before = remembered(client, address)
    write()
    after = page(client, address)
    assert after != before
    assert seen in after
    assert after == as_if_nothing_remembered(client, address, settings)


# All proposals ---------------------------------------------------------------


def test_the_proposal_list_is_remembered_and_shows_a_new_proposal_at_once(
    tenant_a, client_for, settings
):
    ProposalFactory(council=tenant_a.council, title="Water in reception", status="ready")
    client = client_for(tenant_a["coordinator"])

    def write():
        with serving(tenant_a.organisation.pk):
            ProposalFactory(council=tenant_a.council, title="Chairs in the hall", status="ready")

    shows_a_write_at_once(
        client, url(tenant_a, "proposals/"), settings, write, seen="Chairs in the hall"
    )


def test_the_proposal_list_figures_count_a_new_proposal_at_once(tenant_a, client_for, settings):
    client = client_for(tenant_a["coordinator"])
    address = url(tenant_a, "proposals/")
    remembered(client, address)
    with serving(tenant_a.organisation.pk):
        ProposalFactory(council=tenant_a.council, title="Chairs in the hall")
    after = page(client, address)
    figures = after[after.index("Proposals raised") :]
    assert re.search(r'govuk-summary-list__value">1<', figures)
    assert after == as_if_nothing_remembered(client, address, settings)


def test_a_rep_and_a_coordinator_each_see_their_own_councils_proposals(tenant_a):
    ProposalFactory(council=tenant_a.council, title="Ours to see", status="ready")
    ProposalFactory(council=tenant_a.other_council, title="Another council's", status="ready")
    rep, coordinator = signed_in(tenant_a["rep"], tenant_a["coordinator"])
    address = url(tenant_a, "proposals/")
    rep_page = remembered(rep, address)
    assert "Ours to see" in rep_page and "Another council&#x27;s" not in rep_page
    coordinator_page = remembered(coordinator, address)
    assert "Another council&#x27;s" in coordinator_page
    # ...and the other way round: the rep's next look is still their own.
    assert page(rep, address) == rep_page


def test_two_reps_of_different_councils_each_see_their_own(tenant_a):
    other_rep = user_with_role(
        tenant_a.organisation, Role.REP, council=tenant_a.other_council, username="alpha-rep-b"
    )
    ProposalFactory(council=tenant_a.council, title="First council's", status="ready")
    ProposalFactory(council=tenant_a.other_council, title="Second council's", status="ready")
    first_rep, second_rep = signed_in(tenant_a["rep"], other_rep)
    address = url(tenant_a, "proposals/")
    first = remembered(first_rep, address)
    second = remembered(second_rep, address)
    assert "First council&#x27;s" in first and "Second council&#x27;s" not in first
    assert "Second council&#x27;s" in second and "First council&#x27;s" not in second


def test_each_filter_and_page_of_the_proposal_list_is_its_own(tenant_a, client_for, settings):
    for i in range(30):
        ProposalFactory(
            council=tenant_a.council if i % 2 else tenant_a.other_council,
            title=f"Numbered proposal {i:02d}",
            status="ready" if i % 3 else "draft",
        )
    client = client_for(tenant_a["coordinator"])
    addresses = [
        url(tenant_a, "proposals/"),
        url(tenant_a, "proposals/?page=2"),
        url(tenant_a, f"proposals/?council={tenant_a.council.public_id}"),
        url(tenant_a, f"proposals/?council={tenant_a.other_council.public_id}"),
        url(tenant_a, "proposals/?status=draft"),
        url(tenant_a, "proposals/?status=ready&page=2"),
    ]
    seen = [remembered(client, address) for address in addresses]
    assert len(set(seen)) == len(seen)
    for address, html in zip(addresses, seen, strict=True):
        assert page(client, address) == html == as_if_nothing_remembered(client, address, settings)


# Words waiting for approval ---------------------------------------------------


def test_words_waiting_are_remembered_and_an_approval_shows_at_once(tenant_a, client_for, settings):
    waiting = ProposalFactory(council=tenant_a.council, title="Kind words", status="in_progress")
    ProposalFactory(council=tenant_a.council, title="Other words", status="in_progress")
    client = client_for(tenant_a["coordinator"])
    address = url(tenant_a, "proposals/words/")
    before = remembered(client, address)
    assert "Kind words" in before
    with serving(tenant_a.organisation.pk):
        approve_words(waiting, by=tenant_a["coordinator"])
    after = page(client, address)
    assert "Kind words" not in after and "Other words" in after
    assert after == as_if_nothing_remembered(client, address, settings)


def test_words_waiting_show_each_coordinator_their_own_councils(tenant_a, settings):
    regional = staff(tenant_a, Role.COORDINATOR, region=tenant_a.other_region)
    for i in range(30):
        ProposalFactory(council=tenant_a.council, title=f"Near words {i:02d}", status="accepted")
    ProposalFactory(council=tenant_a.other_council, title="Far words", status="accepted")
    everyone, theirs = signed_in(tenant_a["coordinator"], regional)
    address = url(tenant_a, "proposals/words/")
    all_of_them = remembered(everyone, address)
    assert "Near words 00" in all_of_them
    regional_page = remembered(theirs, address)
    assert "Far words" in regional_page and "Near words" not in regional_page
    second_page = remembered(everyone, address + "?page=2")
    assert second_page != all_of_them
    for client, address_seen, html in (
        (everyone, address, all_of_them),
        (theirs, address, regional_page),
        (everyone, address + "?page=2", second_page),
    ):
        assert page(client, address_seen) == html
        assert html == as_if_nothing_remembered(client, address_seen, settings)
