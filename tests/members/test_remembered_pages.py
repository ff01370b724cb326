"""Pages of the members app that remember their rows (councils.freshness):
a second view asks less and shows the same page; a write shows at once,
as on a page that remembers nothing; and each person sees their own scope,
whoever viewed the page before them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from councils.freshness import serving
from councils.models import AuditEvent, Role
from members.models import Election, RepProfile
from members.services import ballot_cast
from tests.factories import CouncilFactory, user_with_role
from tests.members.factories import election, nominate
from tests.remembering import (
    page,
    remembered,
    same_as_built_afresh,
    signed_in_each,
    staff,
    url,
)

pytestmark = pytest.mark.django_db


def rep_in(tenant, council, name: str, *, joined_long_ago=False):
    with serving(tenant.organisation.pk):
        rep = user_with_role(tenant.organisation, Role.REP, council=council, display_name=name)
        if joined_long_ago:
            RepProfile.objects.filter(user=rep).update(
                joined_on=timezone.localdate() - dt.timedelta(days=300)
            )
    return rep


# ---------------------------------------------------------------- reps page


def test_the_reps_page_remembers_its_rows_and_shows_a_new_rep_at_once(
    tenant_a, client_for, settings
):
    client = client_for(tenant_a["coordinator"])
    address = url(tenant_a, "reps/")
    before = remembered(client, address)
    rep_in(tenant_a, tenant_a.council, "Newly Joined")
    after = same_as_built_afresh(client, address, settings)
    assert "Newly Joined" not in before
    assert "Newly Joined" in after


def test_the_reps_page_audits_the_reps_it_names_on_every_view(tenant_a, client_for):
    rep = rep_in(tenant_a, tenant_a.council, "Long Ago", joined_long_ago=True)
    client = client_for(tenant_a["coordinator"])
    page(client, url(tenant_a, "reps/"))
    page(client, url(tenant_a, "reps/"))
    events = AuditEvent.objects.filter(action="rep.restricted_listed").order_by("id")
    assert len(events) == 2
    profile = RepProfile.objects.get(user=rep)
    for event in events:
        assert event.actor == tenant_a["coordinator"]
        assert event.changes["listed"][profile.public_id] == ["check-ins due"]
    assert events[0].changes == events[1].changes


def test_the_reps_page_shows_each_coordinator_their_own_councils(tenant_a, client_for):
    rep_in(tenant_a, tenant_a.council, "Here Rep", joined_long_ago=True)
    rep_in(tenant_a, tenant_a.other_council, "There Rep", joined_long_ago=True)
    local = staff(tenant_a, Role.COORDINATOR, council=tenant_a.council)
    address = url(tenant_a, "reps/")
    wide, near = signed_in_each(tenant_a["coordinator"], local)
    everywhere = page(wide, address)
    assert "There Rep" in everywhere
    here = page(near, address)
    assert "Here Rep" in here
    assert "There Rep" not in here
    # And the other way round, after the local coordinator's view.
    assert page(wide, address) == everywhere
    # Each view's audit event names the reps that person was shown.
    named = [
        set(event.changes["listed"])
        for event in AuditEvent.objects.filter(action="rep.restricted_listed").order_by("id")
    ]
    assert len(named[0]) == len(named[2]) > len(named[1])


def test_the_reps_page_remembers_each_page_of_reps(tenant_a, client_for, settings):
    with serving(tenant_a.organisation.pk):
        for n in range(55):
            user_with_role(
                tenant_a.organisation,
                Role.REP,
                council=tenant_a.council,
                display_name=f"Rep {n:02}",
            )
    client = client_for(tenant_a["coordinator"])
    first = page(client, url(tenant_a, "reps/"))
    second = page(client, url(tenant_a, "reps/?page=2"))
    assert first != second
    assert page(client, url(tenant_a, "reps/?page=2")) == second
    settings.FRESH_SECONDS = 0
    assert page(client, url(tenant_a, "reps/?page=2")) == second
    assert page(client, url(tenant_a, "reps/")) == first


# ---------------------------------------------------------------- people page


def test_the_people_page_remembers_its_rows_and_shows_a_new_role_at_once(
    tenant_a, client_for, settings
):
    client = client_for(tenant_a["coordinator"])
    address = url(tenant_a, "people/")
    before = remembered(client, address)
    with serving(tenant_a.organisation.pk):
        user_with_role(tenant_a.organisation, Role.LEAD, display_name="Newly Appointed")
    after = same_as_built_afresh(client, address, settings)
    assert "Newly Appointed" not in before
    assert "Newly Appointed" in after


def test_the_people_page_shows_at_once_that_someone_has_signed_in_each(tenant_a, settings):
    newcomer = staff(tenant_a, Role.LEAD, display_name="Fresh Face")
    (coordinator,) = signed_in_each(tenant_a["coordinator"])
    address = url(tenant_a, "people/")
    row = re.compile(r"Fresh Face</a>.*?</td>", re.DOTALL)
    assert "Not signed in yet" in row.search(page(coordinator, address)).group()
    signed_in_each(newcomer)
    after = same_as_built_afresh(coordinator, address, settings)
    assert "Not signed in yet" not in row.search(after).group()


def test_the_people_page_shows_each_person_their_own_buttons(tenant_a):
    admin, coordinator = signed_in_each(tenant_a["admin"], tenant_a["coordinator"])
    address = url(tenant_a, "people/")
    invite = "Invite a member of staff"
    assert invite in page(admin, address)
    assert invite not in page(coordinator, address)
    assert invite in page(admin, address)


def test_the_people_page_remembers_each_page(tenant_a, client_for, settings):
    with serving(tenant_a.organisation.pk):
        for n in range(55):
            user_with_role(tenant_a.organisation, Role.LEAD, display_name=f"Lead {n:02}")
    client = client_for(tenant_a["coordinator"])
    first = page(client, url(tenant_a, "people/"))
    second = page(client, url(tenant_a, "people/?page=2"))
    assert first != second
    assert page(client, url(tenant_a, "people/?page=2")) == second
    settings.FRESH_SECONDS = 0
    assert page(client, url(tenant_a, "people/?page=2")) == second
    assert page(client, url(tenant_a, "people/")) == first


# ---------------------------------------------------------------- home panels


def test_the_admins_home_remembers_the_organisations_figures(tenant_a, client_for, settings):
    client = client_for(tenant_a["admin"])
    address = url(tenant_a, "")
    before = remembered(client, address)
    with serving(tenant_a.organisation.pk):
        CouncilFactory(organisation=tenant_a.organisation, region=tenant_a.region)
    after = same_as_built_afresh(client, address, settings)
    assert "2 regions, 2 councils and 1 site in use." in before
    assert "2 regions, 3 councils and 1 site in use." in after


def test_the_coordinators_home_counts_a_new_rep_at_once(tenant_a, client_for, settings):
    client = client_for(tenant_a["coordinator"])
    address = url(tenant_a, "")
    before = remembered(client, address)
    rep_in(tenant_a, tenant_a.council, "Newly Joined")
    after = same_as_built_afresh(client, address, settings)
    assert "1 rep in your councils." in before
    assert "2 reps in your councils." in after


def test_the_coordinators_home_counts_each_coordinators_own_reps(tenant_a):
    rep_in(tenant_a, tenant_a.other_council, "There Rep", joined_long_ago=True)
    local = staff(tenant_a, Role.COORDINATOR, council=tenant_a.council)
    wide, near = signed_in_each(tenant_a["coordinator"], local)
    everywhere = page(wide, url(tenant_a, ""))
    assert "2 reps in your councils." in everywhere
    assert "2 reps with no recent check-in" in everywhere
    here = page(near, url(tenant_a, ""))
    assert "1 rep in your councils." in here
    assert "1 rep with no recent check-in" in here
    assert page(wide, url(tenant_a, "")) == everywhere


def test_the_reps_home_asks_them_to_vote_as_soon_as_voting_opens(tenant_a):
    """The rep's elections are remembered, but which are open is asked of the
    clock on every view."""
    noon = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(12)))
    with time_machine.travel(noon, tick=False) as clock:
        with serving(tenant_a.organisation.pk):
            coming = election(tenant_a.council)
            Election.objects.filter(pk=coming.pk).update(
                voting_opens_at=noon + dt.timedelta(minutes=2),
                voting_closes_at=noon + dt.timedelta(minutes=4),
            )
        (rep,) = signed_in_each(tenant_a["rep"])
        home = url(tenant_a, "")
        assert f"Stand for election: {coming}" in page(rep, home)
        clock.move_to(noon + dt.timedelta(minutes=3))
        assert f"Vote now: {coming}" in page(rep, home)
        clock.move_to(noon + dt.timedelta(minutes=5))
        shown = page(rep, home)
        assert str(coming) not in shown
        assert "No election is waiting for your vote." in shown


def test_the_reps_home_shows_each_rep_their_own_elections(tenant_a):
    """Two reps of one council: the one who voted is not asked again; the
    other still is, whoever looked first."""
    with serving(tenant_a.organisation.pk):
        open_now = election(tenant_a.council)
        standing = nominate(open_now, tenant_a["rep"])
    other = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    ballot_cast(election=open_now, nominations=[standing], actor=tenant_a["rep"])
    voter, not_yet = signed_in_each(tenant_a["rep"], other)
    assert f"Vote now: {open_now}" in page(not_yet, url(tenant_a, ""))
    assert f"Vote now: {open_now}" not in page(voter, url(tenant_a, ""))
    assert f"Vote now: {open_now}" in page(not_yet, url(tenant_a, ""))
