"""Remembered work (councils.freshness) is never shown stale: every write
raises its organisation's data version in the same transaction, and what a
page remembers is keyed by that version, the language and the day."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from councils.audit import audit_record
from councils.freshness import remember, remember_html, serving
from councils.models import Organisation
from reports.selectors.dashboard import headline_periods
from tests.factories import CouncilFactory, UserFactory, user_with_role
from tests.remembering import page
from tests.surgeries.factories import SurgeryFactory

pytestmark = pytest.mark.django_db


def version(org) -> int:
    return Organisation.objects.values_list("data_version", flat=True).get(pk=org.pk)


def test_a_write_on_an_organisations_page_raises_its_version_only(tenant_a, tenant_b):
    a, b = version(tenant_a.organisation), version(tenant_b.organisation)
    with serving(tenant_a.organisation.pk):
        CouncilFactory(organisation=tenant_a.organisation, region=tenant_a.region)
    assert version(tenant_a.organisation) > a
    assert version(tenant_b.organisation) == b


def test_a_write_outside_any_organisations_page_raises_every_version(tenant_a, tenant_b):
    a, b = version(tenant_a.organisation), version(tenant_b.organisation)
    CouncilFactory(organisation=tenant_a.organisation, region=tenant_a.region)
    assert version(tenant_a.organisation) > a
    assert version(tenant_b.organisation) > b


def test_a_person_changed_on_one_organisations_page_raises_every_version(tenant_a, tenant_b):
    """A person can hold roles in two organisations: both show their name."""
    b = version(tenant_b.organisation)
    with serving(tenant_a.organisation.pk):
        UserFactory()
    assert version(tenant_b.organisation) > b


def test_a_write_rolled_back_takes_its_version_back(tenant_a):
    before = version(tenant_a.organisation)
    with pytest.raises(RuntimeError), transaction.atomic(), serving(tenant_a.organisation.pk):
        CouncilFactory(organisation=tenant_a.organisation, region=tenant_a.region)
        raise RuntimeError("changed my mind")
    assert version(tenant_a.organisation) == before


def test_a_session_raises_nothing(tenant_a):
    before = version(tenant_a.organisation)
    session = SessionStore()
    session["x"] = 1
    session.save()
    assert version(tenant_a.organisation) == before


def test_an_audit_event_raises_the_audit_logs_number_alone(tenant_a):
    """A page view writes one (the reps page records whom it listed): the
    rest of what the organisation's pages remember stays."""
    org = tenant_a.organisation
    data, audit = Organisation.objects.values_list("data_version", "audit_version").get(pk=org.pk)
    with serving(org.pk):
        audit_record(organisation=org, actor=tenant_a["coordinator"], action="listed", obj=org)
    after = Organisation.objects.values_list("data_version", "audit_version").get(pk=org.pk)
    assert after == (data, audit + 1)


def test_the_audit_log_shows_a_new_event_at_once(tenant_a, client_for, settings):
    org = tenant_a.organisation
    client = client_for(tenant_a["admin"])
    url = reverse("audit_log", args=[org.slug])
    first = page(client, url)
    with CaptureQueriesContext(connection) as again:
        assert page(client, url) == first
    with serving(org.pk):
        audit_record(
            organisation=org, actor=tenant_a["coordinator"], action="looked", obj=tenant_a.council
        )
    after = page(client, url)
    assert "looked" in after and "looked" not in first
    settings.FRESH_SECONDS = 0
    with CaptureQueriesContext(connection) as fresh:
        assert page(client, url) == after
    assert len(again) < len(fresh)


def test_remembered_until_the_data_changes(tenant_a):
    org = tenant_a.organisation
    built = []

    def build():
        built.append(1)
        return {"count": len(built)}

    def fresh_org():
        return Organisation.objects.get(pk=org.pk)

    assert remember(fresh_org(), "figures", ("council", 1), build) == {"count": 1}
    assert remember(fresh_org(), "figures", ("council", 1), build) == {"count": 1}
    # Another key is another piece of work.
    assert remember(fresh_org(), "figures", ("council", 2), build) == {"count": 2}
    with serving(org.pk):
        SurgeryFactory(council=tenant_a.council)
    assert remember(fresh_org(), "figures", ("council", 1), build) == {"count": 3}


def test_a_request_that_has_written_reuses_nothing(tenant_a):
    """Its organisation (and version) were read before it wrote."""
    org = tenant_a.organisation
    assert remember(org, "figures", (), lambda: "before") == "before"
    with serving(org.pk):
        assert remember(org, "figures", (), lambda: "unused") == "before"
        SurgeryFactory(council=tenant_a.council)
        assert remember(org, "figures", (), lambda: "after") == "after"


def test_sets_in_a_key_are_the_same_key_in_any_order(tenant_a):
    org = tenant_a.organisation
    assert remember(org, "x", {3, 1, 2}, lambda: "first") == "first"
    assert remember(org, "x", {2, 3, 1}, lambda: "second") == "first"


def test_remembered_in_each_language_with_words_as_they_read(tenant_a):
    org = tenant_a.organisation
    label = gettext_lazy("Home")
    with translation.override("en"):
        assert remember(org, "label", (), lambda: {"label": label}) == {"label": "Home"}
    with translation.override("cy"):
        remember(org, "label", (), lambda: {"label": label})
        welsh = remember(org, "label", (), lambda: {"label": "unused"})["label"]
        assert welsh == translation.gettext("Home") != "Home"
    # Kept as it read in Welsh, not as words to translate when shown.
    assert type(welsh) is str


def test_switched_off_it_builds_every_time(tenant_a, settings):
    settings.FRESH_SECONDS = 0
    calls = []
    for _ in range(2):
        remember(tenant_a.organisation, "x", (), lambda: calls.append(1))
    assert len(calls) == 2


def test_a_remembered_fragment_never_holds_a_pages_secrets(tenant_a):
    with pytest.raises(ValueError):
        remember_html(
            tenant_a.organisation,
            "form",
            (),
            lambda: '<input type="hidden" name="csrfmiddlewaretoken" value="abc">',
        )
    with pytest.raises(ValueError):
        remember_html(tenant_a.organisation, "script", (), lambda: '<script nonce="abc">')


def test_the_quarterly_page_shows_a_change_at_once_and_asks_less_when_nothing_changed(
    tenant_a, client_for, settings
):
    """Through the route: a second view reuses the figures; a surgery logged
    in between is counted at once, exactly as by a page that remembers
    nothing."""
    client = client_for(tenant_a["manager"])
    last_quarter = headline_periods()[1]
    url = reverse("quarterly_page", args=[tenant_a.organisation.slug])
    with CaptureQueriesContext(connection) as first:
        before = page(client, url)
    with CaptureQueriesContext(connection) as second:
        assert page(client, url) == before
    assert len(second) < len(first)

    with serving(tenant_a.organisation.pk):
        SurgeryFactory(
            council=tenant_a.council,
            date=last_quarter.start,
            people_approached=40,
            people_engaged=30,
            people_declined=0,
        )
    after = page(client, url)
    assert after != before
    settings.FRESH_SECONDS = 0
    assert page(client, url) == after


def test_the_audit_logs_filter_offers_a_new_person_at_once(tenant_a, client_for, settings):
    org = tenant_a.organisation
    client = client_for(tenant_a["admin"])
    url = reverse("audit_log", args=[org.slug])
    first = page(client, url)
    assert page(client, url) == first
    with serving(org.pk):
        newcomer = user_with_role(org, "coordinator", display_name="Newly Arrived")
    after = page(client, url)
    assert "Newly Arrived" in after and "Newly Arrived" not in first
    assert f'value="{newcomer.public_id}"' in after
    settings.FRESH_SECONDS = 0
    assert page(client, url) == after
