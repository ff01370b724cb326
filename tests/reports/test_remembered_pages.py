"""Search and the reports list remember what they found (councils.freshness):
a second view asks less and shows the same page; a write shows at once, as
on a page that remembers nothing; and each person sees what they may open,
whoever looked before them."""

from __future__ import annotations

import pytest

from councils.freshness import serving
from councils.models import Role
from reports.models import GeneratedReport
from reports.services import report_share
from tests.factories import user_with_role
from tests.proposals.factories import FeedbackItemFactory, MeetingFactory, ProposalFactory
from tests.remembering import (
    page,
    remembered,
    same_as_built_afresh,
    signed_in_each,
    staff,
    url,
)
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

WORD = "zebracrossing"


def search(tenant) -> str:
    return url(tenant, f"search/?q={WORD}")


def proposal_in(tenant, council, title: str):
    with serving(tenant.organisation.pk):
        return ProposalFactory(council=council, status="ready", title=title, authors=[])


# ---------------------------------------------------------------- search


def test_search_remembers_what_it_found_and_shows_a_new_proposal_at_once(
    tenant_a, client_for, settings
):
    proposal_in(tenant_a, tenant_a.council, f"A {WORD} by the door")
    client = client_for(tenant_a["coordinator"])
    before = remembered(client, search(tenant_a))
    proposal_in(tenant_a, tenant_a.other_council, f"Another {WORD} outside")
    after = same_as_built_afresh(client, search(tenant_a), settings)
    assert "Another" not in before
    assert "Another" in after
    # Other words are another search.
    assert "by the door" not in page(client, url(tenant_a, "search/?q=elephant"))


def test_search_finds_for_each_person_what_their_councils_hold(tenant_a):
    proposal_in(tenant_a, tenant_a.council, f"A {WORD} here")
    proposal_in(tenant_a, tenant_a.other_council, f"A {WORD} there")
    other_rep = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.other_council)
    wide, here, there = signed_in_each(tenant_a["coordinator"], tenant_a["rep"], other_rep)
    everywhere = page(wide, search(tenant_a))
    assert f"A {WORD} here" in everywhere and f"A {WORD} there" in everywhere
    mine = page(here, search(tenant_a))
    assert f"A {WORD} here" in mine and f"A {WORD} there" not in mine
    theirs = page(there, search(tenant_a))
    assert f"A {WORD} there" in theirs and f"A {WORD} here" not in theirs
    assert page(wide, search(tenant_a)) == everywhere


def test_search_finds_for_two_chairs_what_their_councils_hold(tenant_a):
    """Neither reads raw feedback: only the councils they see tell them apart."""
    proposal_in(tenant_a, tenant_a.council, f"A {WORD} here")
    proposal_in(tenant_a, tenant_a.other_council, f"A {WORD} there")
    local = staff(tenant_a, Role.CHAIR, council=tenant_a.council)
    wide, here = signed_in_each(tenant_a["chair"], local)
    assert f"A {WORD} there" in page(wide, search(tenant_a))
    mine = page(here, search(tenant_a))
    assert f"A {WORD} here" in mine and f"A {WORD} there" not in mine


def test_search_finds_feedback_only_for_those_who_read_it(tenant_a):
    """A coordinator and a manager see every council's proposals; only the
    coordinator reads raw feedback, whoever searched first."""
    with serving(tenant_a.organisation.pk):
        item = FeedbackItemFactory(council=tenant_a.council, said=f"The {WORD} is unsafe.")
    reader, manager = signed_in_each(tenant_a["coordinator"], tenant_a["manager"])
    found = f"/feedback/{item.public_id}/"
    assert found in page(reader, search(tenant_a))
    assert found not in page(manager, search(tenant_a))


def test_search_finds_the_meetings_a_person_is_invited_to_for_them_alone(tenant_a):
    """Two reps of one council: only the one invited to a meeting of another
    council finds it, whichever of them searched first."""
    with serving(tenant_a.organisation.pk):
        meeting = MeetingFactory(council=tenant_a.other_council, venue=f"The {WORD} room")
        invited = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
        meeting.invited.add(invited)
    guest, other = signed_in_each(invited, tenant_a["rep"])
    found = f"/meetings/{meeting.public_id}/"
    assert found not in page(other, search(tenant_a))
    assert found in page(guest, search(tenant_a))
    assert found not in page(other, search(tenant_a))


# ---------------------------------------------------------------- reports list


def report_in(tenant, council, kind=GeneratedReport.Kind.QUARTERLY):
    with serving(tenant.organisation.pk):
        return ReportFactory(council=council, kind=kind)


def test_the_reports_list_remembers_its_rows_and_shows_a_new_report_at_once(
    tenant_a, client_for, settings
):
    report_in(tenant_a, tenant_a.council)
    client = client_for(tenant_a["coordinator"])
    address = url(tenant_a, "reports/")
    before = remembered(client, address)
    new = report_in(tenant_a, tenant_a.other_council)
    after = same_as_built_afresh(client, address, settings)
    assert new.public_id not in before
    assert new.public_id in after


def test_the_reports_list_remembers_each_filter(tenant_a, client_for, settings):
    quarterly = report_in(tenant_a, tenant_a.council)
    booklet = report_in(tenant_a, tenant_a.council, GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET)
    client = client_for(tenant_a["coordinator"])
    everything = page(client, url(tenant_a, "reports/"))
    only = page(client, url(tenant_a, "reports/?kind=quarterly"))
    assert booklet.public_id in everything and booklet.public_id not in only
    assert quarterly.public_id in only
    settings.FRESH_SECONDS = 0
    assert page(client, url(tenant_a, "reports/?kind=quarterly")) == only


def test_the_reports_list_shows_each_person_the_reports_they_may_read(tenant_a):
    here = report_in(tenant_a, tenant_a.council, GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET)
    there = report_in(
        tenant_a, tenant_a.other_council, GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET
    )
    wide, rep = signed_in_each(tenant_a["coordinator"], tenant_a["rep"])
    everywhere = page(wide, url(tenant_a, "reports/"))
    assert here.public_id in everywhere and there.public_id in everywhere
    theirs = page(rep, url(tenant_a, "reports/"))
    assert here.public_id in theirs and there.public_id not in theirs
    assert page(wide, url(tenant_a, "reports/")) == everywhere


def test_the_reports_list_shows_a_report_shared_by_name_to_that_person_alone(tenant_a):
    """Two reps of one council: only the one a report was shared with sees it,
    whichever of them looked first."""
    shared = report_in(tenant_a, tenant_a.other_council)
    other_rep = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    report_share(report=shared, person=other_rep, actor=tenant_a["coordinator"])
    guest, rep = signed_in_each(other_rep, tenant_a["rep"])
    assert shared.public_id not in page(rep, url(tenant_a, "reports/"))
    assert shared.public_id in page(guest, url(tenant_a, "reports/"))
    assert shared.public_id not in page(rep, url(tenant_a, "reports/"))
