"""The proposals pages remember their rows and figures (councils.freshness):
a second view with nothing written in between asks less and shows the same
page; a write shows at once, exactly as on a page that remembers nothing;
and what one person saw is never shown to another with a different scope."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from councils.freshness import serving
from councils.models import Role
from proposals import services
from proposals.forms import ProposalFilterForm
from proposals.models import Proposal
from tests.conftest import TEST_TOTP_SECRET
from tests.factories import user_with_role
from tests.remembering import (
    as_built_afresh,
    page,
    remembered,
    signed_in_each,
    staff,
    url,
)

from .factories import (
    ActionPointFactory,
    MeetingFactory,
    ProposalFactory,
    ThemeFactory,
    approve_words,
)

pytestmark = pytest.mark.django_db


def shows_a_write_at_once(client, address: str, settings, write, *, seen: str) -> None:
    """``write`` changes what the page shows; the next view shows it."""
    before = remembered(client, address)
    write()
    after = page(client, address)
    assert after != before
    assert seen in after
    assert after == as_built_afresh(client, address, settings)


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
    assert after == as_built_afresh(client, address, settings)


def test_a_rep_and_a_coordinator_each_see_their_own_councils_proposals(tenant_a, settings):
    ProposalFactory(council=tenant_a.council, title="Ours to see", status="ready")
    ProposalFactory(council=tenant_a.other_council, title="Another council's", status="ready")
    rep, coordinator = signed_in_each(tenant_a["rep"], tenant_a["coordinator"])
    address = url(tenant_a, "proposals/")
    rep_page = remembered(rep, address)
    assert "Ours to see" in rep_page and "Another council&#x27;s" not in rep_page
    coordinator_page = remembered(coordinator, address)
    assert "Another council&#x27;s" in coordinator_page
    # ...and the other way round: the rep's next look is still their own.
    assert page(rep, address) == rep_page
    # Each with the councils they may choose from.
    assert coordinator_page == as_built_afresh(coordinator, address, settings)
    assert tenant_a.other_council.name in coordinator_page
    assert tenant_a.other_council.name not in rep_page


def test_two_reps_of_different_councils_each_see_their_own(tenant_a):
    other_rep = user_with_role(
        tenant_a.organisation, Role.REP, council=tenant_a.other_council, username="alpha-rep-b"
    )
    ProposalFactory(council=tenant_a.council, title="First council's", status="ready")
    ProposalFactory(council=tenant_a.other_council, title="Second council's", status="ready")
    first_rep, second_rep = signed_in_each(tenant_a["rep"], other_rep)
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
        assert page(client, address) == html == as_built_afresh(client, address, settings)


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
    assert after == as_built_afresh(client, address, settings)


def test_words_waiting_show_each_coordinator_their_own_councils(tenant_a, settings):
    regional = staff(tenant_a, Role.COORDINATOR, region=tenant_a.other_region)
    for i in range(30):
        ProposalFactory(council=tenant_a.council, title=f"Near words {i:02d}", status="accepted")
    ProposalFactory(council=tenant_a.other_council, title="Far words", status="accepted")
    everyone, theirs = signed_in_each(tenant_a["coordinator"], regional)
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
        assert html == as_built_afresh(client, address_seen, settings)


# Decisions awaiting a chair, and what is overdue ------------------------------


def overdue(tenant, council, title: str, **fields):
    """Being put in place, past its target date."""
    return ProposalFactory(
        council=council,
        title=title,
        status="in_progress",
        owner=tenant["lead"],
        target_date=timezone.localdate() - dt.timedelta(days=3),
        **fields,
    )


def test_decisions_awaiting_are_remembered_and_a_decision_shows_at_once(
    tenant_a, client_for, settings, ready, council_meeting
):
    services.agenda_build(meeting=council_meeting, actor=tenant_a["coordinator"])
    client = client_for(tenant_a["chair"])
    address = url(tenant_a, "proposals/decisions/")
    before = remembered(client, address)
    assert "Record decision" in before and "Check and publish" not in before
    with serving(tenant_a.organisation.pk):
        services.decision_record(
            meeting=council_meeting, proposal=ready, outcome="accepted", actor=tenant_a["chair"]
        )
    after = page(client, address)
    assert "Record decision" not in after and "Check and publish" in after
    assert after == as_built_afresh(client, address, settings)


def test_two_chairs_each_see_their_own_decisions_and_overdue(tenant_a, settings):
    overdue(tenant_a, tenant_a.council, "Late here")
    overdue(tenant_a, tenant_a.other_council, "Late there")
    council_chair = staff(tenant_a, Role.CHAIR, council=tenant_a.other_council)
    everywhere, there = signed_in_each(tenant_a["chair"], council_chair)
    address = url(tenant_a, "proposals/decisions/")
    all_of_it = remembered(everywhere, address)
    theirs = remembered(there, address)
    assert "Late here" in all_of_it and "Late there" in all_of_it
    assert "Late there" in theirs and "Late here" not in theirs
    assert page(everywhere, address) == all_of_it
    assert theirs == as_built_afresh(there, address, settings)


def test_the_overdue_page_is_remembered_and_shows_an_update_at_once(tenant_a, client_for, settings):
    late = overdue(tenant_a, tenant_a.council, "Late here", last_update_at=None)
    meeting = MeetingFactory(council=tenant_a.council)
    ActionPointFactory(
        meeting=meeting,
        owner=tenant_a["lead"],
        description="Ask about the lift",
        due_on=timezone.localdate() - dt.timedelta(days=2),
    )
    client = client_for(tenant_a["manager"])
    address = url(tenant_a, "proposals/overdue/")
    before = remembered(client, address)
    assert "Late here" in before and "Never" in before and "Ask about the lift" in before
    with serving(tenant_a.organisation.pk):
        Proposal.objects.filter(pk=late.pk).update(
            last_update_at=timezone.now() - dt.timedelta(days=40)
        )
    after = page(client, address)
    assert "Never" not in after and "1\xa0month, 1\xa0week ago" in after
    assert after == as_built_afresh(client, address, settings)


def test_each_page_of_the_overdue_lists_and_each_scope_is_its_own(tenant_a, settings):
    for i in range(30):
        overdue(tenant_a, tenant_a.council, f"Late number {i:02d}")
    overdue(tenant_a, tenant_a.other_council, "Late there")
    regional = staff(tenant_a, Role.MANAGER, region=tenant_a.other_region)
    manager, theirs = signed_in_each(tenant_a["manager"], regional)
    address = url(tenant_a, "proposals/overdue/")
    first, second = remembered(manager, address), remembered(manager, address + "?page=2")
    regional_page = remembered(theirs, address)
    assert first != second
    assert "Late there" in regional_page and "Late number" not in regional_page
    for client, seen, html in (
        (manager, address, first),
        (manager, address + "?page=2", second),
        (theirs, address, regional_page),
    ):
        assert page(client, seen) == html == as_built_afresh(client, seen, settings)


def test_the_time_since_an_update_is_written_as_the_page_is_shown(tenant_a, client_for):
    """Remembered rows hold nothing finer than a day: "2 minutes ago" is
    worked out at each view, the rest of the rows not."""
    noon = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(12)))
    with time_machine.travel(noon, tick=False):
        overdue(tenant_a, tenant_a.council, "Late", last_update_at=noon - dt.timedelta(minutes=2))
        chair, manager = signed_in_each(tenant_a["chair"], tenant_a["manager"])
        decisions = remembered(chair, url(tenant_a, "proposals/decisions/"))
        overdue_page = remembered(manager, url(tenant_a, "proposals/overdue/"))
        assert "2\xa0minutes ago" in decisions and "2\xa0minutes ago" in overdue_page
    with time_machine.travel(noon + dt.timedelta(minutes=5), tick=False):
        later = page(chair, url(tenant_a, "proposals/decisions/"))
        assert later == decisions.replace("2\xa0minutes ago", "7\xa0minutes ago")
        later = page(manager, url(tenant_a, "proposals/overdue/"))
        assert later == overdue_page.replace("2\xa0minutes ago", "7\xa0minutes ago")


# A lead's actions --------------------------------------------------------------


def test_my_actions_are_remembered_and_an_update_shows_at_once(
    tenant_a, client_for, settings, in_progress
):
    client = client_for(tenant_a["lead"])
    address = url(tenant_a, "proposals/my-actions/")
    before = remembered(client, address)
    assert "Nothing yet." in before
    with serving(tenant_a.organisation.pk):
        services.implementation_update_add(
            proposal=in_progress,
            status="in_progress",
            note="Trainers are booked for March.",
            actor=tenant_a["lead"],
        )
    after = page(client, address)
    assert "Trainers are booked for March." in after
    assert after == as_built_afresh(client, address, settings)


def test_two_leads_each_see_their_own_actions(tenant_a, settings):
    other_lead = staff(tenant_a, Role.LEAD)
    ProposalFactory(
        council=tenant_a.council, title="First lead's", status="in_progress", owner=tenant_a["lead"]
    )
    ProposalFactory(
        council=tenant_a.council, title="Second lead's", status="in_progress", owner=other_lead
    )
    first, second = signed_in_each(tenant_a["lead"], other_lead)
    address = url(tenant_a, "proposals/my-actions/")
    first_page, second_page = remembered(first, address), remembered(second, address)
    assert "First lead&#x27;s" in first_page and "Second lead&#x27;s" not in first_page
    assert "Second lead&#x27;s" in second_page and "First lead&#x27;s" not in second_page
    assert page(first, address) == first_page
    assert second_page == as_built_afresh(second, address, settings)


def test_each_page_of_my_actions_and_of_finished_work_is_its_own(tenant_a, client_for, settings):
    for i in range(25):
        ProposalFactory(
            council=tenant_a.council,
            title=f"Open {i:02d}",
            status="in_progress",
            owner=tenant_a["lead"],
        )
        ProposalFactory(
            council=tenant_a.council,
            title=f"Done {i:02d}",
            status="implemented",
            we_did="Done.",
            implemented_at=timezone.now() - dt.timedelta(days=i),
            owner=tenant_a["lead"],
        )
    client = client_for(tenant_a["lead"])
    address = url(tenant_a, "proposals/my-actions/")
    addresses = [address, address + "?page=2", address + "?done=all", address + "?done=all&page=2"]
    seen = [remembered(client, each) for each in addresses]
    assert len(set(seen)) == len(seen)
    assert 'href="?done=all&amp;page=2"' in seen[2]
    for each, html in zip(addresses, seen, strict=True):
        assert page(client, each) == html == as_built_afresh(client, each, settings)


# Our proposals ---------------------------------------------------------------


def test_our_proposals_are_remembered_and_a_new_one_shows_at_once(tenant_a, client_for, settings):
    ProposalFactory(council=tenant_a.council, title="Water in reception")
    client = client_for(tenant_a["rep"])

    def write():
        with serving(tenant_a.organisation.pk):
            ProposalFactory(council=tenant_a.council, title="Chairs in the hall")

    shows_a_write_at_once(
        client, url(tenant_a, "proposals/ours/"), settings, write, seen="Chairs in the hall"
    )


def test_two_reps_of_one_council_each_see_their_own_first(tenant_a, rep2, settings):
    ProposalFactory(council=tenant_a.council, title="First rep's", authors=[tenant_a["rep"]])
    ProposalFactory(council=tenant_a.council, title="Second rep's", authors=[rep2])
    ProposalFactory(council=tenant_a.other_council, title="Another council's")
    first, second = signed_in_each(tenant_a["rep"], rep2)
    address = url(tenant_a, "proposals/ours/")
    first_page, second_page = remembered(first, address), remembered(second, address)
    assert first_page.index("First rep&#x27;s") < first_page.index("Second rep&#x27;s")
    assert second_page.index("Second rep&#x27;s") < second_page.index("First rep&#x27;s")
    assert "Another council" not in first_page + second_page
    assert page(first, address) == first_page
    assert second_page == as_built_afresh(second, address, settings)


def test_each_page_of_our_proposals_is_its_own(tenant_a, client_for, settings):
    for i in range(30):
        ProposalFactory(council=tenant_a.council, title=f"Ours {i:02d}")
    client = client_for(tenant_a["rep"])
    address = url(tenant_a, "proposals/ours/")
    first, second = remembered(client, address), remembered(client, address + "?page=2")
    assert first != second
    assert second == as_built_afresh(client, address + "?page=2", settings)


# Meetings --------------------------------------------------------------------


def test_the_meetings_are_remembered_and_a_new_one_shows_at_once(tenant_a, client_for, settings):
    MeetingFactory(council=tenant_a.council, venue="Old room")
    client = client_for(tenant_a["coordinator"])

    def write():
        with serving(tenant_a.organisation.pk):
            services.meeting_create(
                organisation=tenant_a.organisation,
                council=tenant_a.council,
                kind="council",
                date=timezone.localdate() + dt.timedelta(days=7),
                starts_at=dt.time(10),
                venue="New room",
                chair=tenant_a["chair"],
                actor=tenant_a["coordinator"],
            )

    shows_a_write_at_once(client, url(tenant_a, "meetings/"), settings, write, seen="New room")


def test_each_person_sees_the_meetings_they_may_see(tenant_a, settings):
    MeetingFactory(council=tenant_a.council, kind="hub", venue="Hub room here")
    MeetingFactory(council=tenant_a.other_council, kind="hub", venue="Hub room there")
    chairing = staff(tenant_a, Role.CHAIR, council=tenant_a.other_council)
    not_chairing = user_with_role(
        tenant_a.organisation, Role.CHAIR, council=tenant_a.other_council, username="chair-b"
    )
    TOTP.activate(not_chairing, TEST_TOTP_SECRET)
    MeetingFactory(council=tenant_a.council, venue="Chaired room", chair=chairing)
    other_rep = user_with_role(
        tenant_a.organisation, Role.REP, council=tenant_a.other_council, username="rep-b"
    )
    people = (tenant_a["rep"], other_rep, chairing, not_chairing)
    clients = signed_in_each(*people)
    address = url(tenant_a, "meetings/")
    pages = [remembered(client, address) for client in clients]
    rep_here, rep_there, chair_of_it, other_chair = pages
    assert "Hub room here" in rep_here and "Hub room there" not in rep_here
    assert "Hub room there" in rep_there and "Hub room here" not in rep_there
    assert "Chaired room" in chair_of_it and "Chaired room" not in other_chair
    for client, html in zip(clients, pages, strict=True):
        assert page(client, address) == html == as_built_afresh(client, address, settings)


def test_each_page_of_past_meetings_is_its_own(tenant_a, client_for, settings):
    for i in range(25):
        MeetingFactory(
            council=tenant_a.council,
            venue=f"Past room {i:02d}",
            date=timezone.localdate() - dt.timedelta(days=i + 1),
        )
    client = client_for(tenant_a["coordinator"])
    address = url(tenant_a, "meetings/")
    first, second = remembered(client, address), remembered(client, address + "?page=2")
    assert "Past room 24" in second and "Past room 24" not in first
    assert second == as_built_afresh(client, address + "?page=2", settings)


# The proposals panels of the home page ----------------------------------------


def panel(html: str, panel_id: str) -> str:
    start = html.index(f'id="{panel_id}"')
    return html[start : html.index("</section>", start)]


def test_the_chair_panel_is_remembered_and_a_decision_shows_at_once(
    tenant_a, client_for, settings, ready, council_meeting
):
    services.agenda_build(meeting=council_meeting, actor=tenant_a["coordinator"])
    client = client_for(tenant_a["chair"])
    address = url(tenant_a, "")
    before = panel(remembered(client, address), "panel-decisions")
    assert "<strong>1</strong> proposal waiting for a decision" in before
    with serving(tenant_a.organisation.pk):
        services.decision_record(
            meeting=council_meeting, proposal=ready, outcome="accepted", actor=tenant_a["chair"]
        )
    after = page(client, address)
    assert "<strong>1</strong> decision recorded, not yet published" in panel(
        after, "panel-decisions"
    )
    assert after == as_built_afresh(client, address, settings)


def test_two_leads_each_see_their_own_panel_and_a_new_proposal_shows_at_once(tenant_a, settings):
    other_lead = staff(tenant_a, Role.LEAD)
    ProposalFactory(council=tenant_a.council, status="in_progress", owner=other_lead)
    first, second = signed_in_each(tenant_a["lead"], other_lead)
    address = url(tenant_a, "")
    mine = "<strong>{}</strong> proposal{} you are putting in place"
    assert mine.format(0, "s") in panel(remembered(first, address), "panel-my-actions")
    assert mine.format(1, "") in panel(remembered(second, address), "panel-my-actions")
    with serving(tenant_a.organisation.pk):
        ProposalFactory(council=tenant_a.council, status="in_progress", owner=tenant_a["lead"])
    assert mine.format(1, "") in panel(page(first, address), "panel-my-actions")
    assert page(first, address) == as_built_afresh(first, address, settings)


def test_each_coordinator_sees_their_own_councils_counts(tenant_a, settings):
    regional = staff(tenant_a, Role.COORDINATOR, region=tenant_a.other_region)
    overdue(tenant_a, tenant_a.council, "Late here")
    ProposalFactory(council=tenant_a.council, status="accepted")
    everyone, theirs = signed_in_each(tenant_a["coordinator"], regional)
    address = url(tenant_a, "")
    all_of_them, their_page = remembered(everyone, address), remembered(theirs, address)
    assert "<strong>1</strong> proposal with an update overdue" in panel(
        all_of_them, "panel-overdue"
    )
    assert "<strong>0</strong> proposals with an update overdue" in panel(
        their_page, "panel-overdue"
    )
    assert "Words waiting for approval (4)" in panel(all_of_them, "panel-words")
    assert "Words waiting for approval (0)" in panel(their_page, "panel-words")
    with serving(tenant_a.organisation.pk):
        overdue(tenant_a, tenant_a.other_council, "Late there")
    assert "<strong>1</strong> proposal with an update overdue" in panel(
        page(theirs, address), "panel-overdue"
    )
    for client in (everyone, theirs):
        assert page(client, address) == as_built_afresh(client, address, settings)


def test_each_rep_sees_their_own_councils_panels(tenant_a, settings):
    other_rep = user_with_role(
        tenant_a.organisation, Role.REP, council=tenant_a.other_council, username="rep-b"
    )
    ProposalFactory(council=tenant_a.council, title="Here's")
    ProposalFactory(council=tenant_a.other_council, title="There's")
    MeetingFactory(council=tenant_a.council, kind="hub", venue="Hub room here")
    MeetingFactory(council=tenant_a.other_council, kind="hub", venue="Hub room there")
    here, there = signed_in_each(tenant_a["rep"], other_rep)
    address = url(tenant_a, "")
    here_page, there_page = remembered(here, address), remembered(there, address)
    assert "Here&#x27;s" in here_page and "There&#x27;s" not in here_page
    assert "Hub room here" in here_page and "Hub room there" not in here_page
    assert "There&#x27;s" in there_page and "Here&#x27;s" not in there_page
    assert "Hub room there" in there_page and "Hub room here" not in there_page
    with serving(tenant_a.organisation.pk):
        ProposalFactory(council=tenant_a.council, title="Newly here")
    assert "Newly here" in page(here, address)
    for client in (here, there):
        assert page(client, address) == as_built_afresh(client, address, settings)


def test_two_chairs_each_see_their_own_panel(tenant_a, settings):
    overdue(tenant_a, tenant_a.council, "Late here")
    council_chair = staff(tenant_a, Role.CHAIR, council=tenant_a.other_council)
    everywhere, there = signed_in_each(tenant_a["chair"], council_chair)
    address = url(tenant_a, "")
    late = "<strong>{}</strong> overdue update"
    assert late.format(1) in panel(remembered(everywhere, address), "panel-decisions")
    assert late.format(0) in panel(remembered(there, address), "panel-decisions")
    assert page(there, address) == as_built_afresh(there, address, settings)


def test_the_my_actions_link_shows_at_once_when_someone_comes_to_own_a_proposal(
    tenant_a, client_for, settings
):
    client = client_for(tenant_a["chair"])
    address = url(tenant_a, "proposals/")
    assert "My actions" not in remembered(client, address)
    with serving(tenant_a.organisation.pk):
        ProposalFactory(council=tenant_a.council, status="in_progress", owner=tenant_a["chair"])
    after = page(client, address)
    assert "My actions" in after
    assert after == as_built_afresh(client, address, settings)


def test_the_remembered_filter_choices_show_as_the_forms_own(
    tenant_a, client_for, theme, monkeypatch
):
    ProposalFactory(council=tenant_a.council, theme=theme, status="ready")
    client = client_for(tenant_a["coordinator"])
    address = url(
        tenant_a,
        f"proposals/?council={tenant_a.council.public_id}&theme={theme.public_id}&status=ready",
    )
    for each in (address, url(tenant_a, "proposals/")):
        remembered_choices = remembered(client, each)
        assert theme.name in remembered_choices
        monkeypatch.setattr(ProposalFilterForm, "use_listed_choices", lambda form, choices: None)
        assert page(client, each) == remembered_choices
        monkeypatch.undo()
    with serving(tenant_a.organisation.pk):
        ThemeFactory(organisation=tenant_a.organisation, name="A new theme")
    assert "A new theme" in page(client, address)
