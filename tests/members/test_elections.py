"""Elections: ballot secrecy in the schema, one vote each (also under
concurrent votes, on PostgreSQL), tie rules, paper ballots needing a second
person, offices held with a term, and the pages."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, models
from django.urls import reverse
from django.utils import timezone

from councils.models import Role
from members import services
from members.models import (
    Election,
    Nomination,
    OfficeHolding,
    PaperBallotCount,
    Vote,
    VoterRoll,
)
from tests.factories import user_with_role
from tests.members.factories import election, nominate
from tests.querycount import assert_flat_query_count
from tests.services import require_postgres


def _reps(tenant, n):
    return [tenant["rep"]] + [
        user_with_role(tenant.organisation, Role.REP, council=tenant.council) for _ in range(n - 1)
    ]


# Secrecy ---------------------------------------------------------------


def test_a_vote_has_no_voter_no_time_and_no_order_of_writing():
    fields = {f.name: f for f in Vote._meta.get_fields()}
    assert set(fields) == {"id", "election", "nomination"}
    assert isinstance(fields["id"], models.UUIDField), (
        "a sequential id would follow the roll's order"
    )
    for f in Vote._meta.concrete_fields:
        assert not isinstance(f, models.DateField | models.DateTimeField | models.TimeField)
        if f.is_relation:
            assert f.related_model in {Election, Nomination}


def test_nothing_joins_a_vote_to_who_cast_it():
    """The roll holds who voted and no choice; a vote holds a choice and no
    voter. The only person a vote reaches is the candidate it is for."""
    roll_relations = {f.related_model for f in VoterRoll._meta.get_fields() if f.is_relation}
    assert Vote not in roll_relations and Nomination not in roll_relations
    vote_relations = {f.related_model for f in Vote._meta.get_fields() if f.is_relation}
    assert vote_relations == {Election, Nomination}
    assert not any(
        f.related_model in {Vote, VoterRoll}
        for f in Nomination._meta.get_fields()
        if f.is_relation and f.concrete
    )
    assert not any(f.name.endswith("_at") for f in VoterRoll._meta.concrete_fields)


def test_after_voting_the_database_cannot_say_who_voted_for_whom(tenant_a):
    e = election(tenant_a.council)
    ray, jo = _reps(tenant_a, 2)
    a, b = nominate(e, ray), nominate(e, jo)
    services.ballot_cast(election=e, nominations=[a], actor=ray)
    services.ballot_cast(election=e, nominations=[b], actor=jo)
    # The votes in any order the database gives are two votes, one each,
    # and their ids tell nothing about which was written first.
    assert sorted(v.nomination_id for v in Vote.objects.all()) == sorted([a.pk, b.pk])
    assert {str(r.voter_id) for r in VoterRoll.objects.all()} == {str(ray.pk), str(jo.pk)}
    # The audit log says that each voted, never how.
    from councils.models import AuditEvent

    for event in AuditEvent.objects.filter(action="election.voted"):
        assert event.changes == {}


# One vote each ------------------------------------------------------------


def test_a_second_vote_is_refused_and_changes_nothing(tenant_a):
    e = election(tenant_a.council)
    rep = tenant_a["rep"]
    n = nominate(e, rep)
    services.ballot_cast(election=e, nominations=[n], actor=rep)
    with pytest.raises(ValidationError, match="already voted"):
        services.ballot_cast(election=e, nominations=[n], actor=rep)
    assert Vote.objects.count() == 1
    assert VoterRoll.objects.count() == 1


def test_only_reps_of_the_council_vote_and_only_while_voting_is_open(tenant_a):
    e = election(tenant_a.council)
    n = nominate(e, tenant_a["rep"])
    other = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.other_council)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(election=e, nominations=[n], actor=other)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(election=e, nominations=[n], actor=tenant_a["coordinator"])
    early = election(tenant_a.council, stage="nominations")
    m = nominate(early, tenant_a["rep"])
    with pytest.raises(ValidationError, match="not open"):
        services.ballot_cast(election=early, nominations=[m], actor=tenant_a["rep"])


def test_a_ballot_has_no_more_choices_than_seats(tenant_a):
    e = election(tenant_a.council, kind="seats", seats=2)
    reps = _reps(tenant_a, 3)
    noms = [nominate(e, r) for r in reps]
    with pytest.raises(ValidationError, match="up to 2"):
        services.ballot_cast(election=e, nominations=noms, actor=reps[0])
    assert not VoterRoll.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_votes_at_once_from_one_person_make_one_vote(tenant_a):
    """Two requests racing on PostgreSQL: the roll's unique row makes the
    second wait for the first transaction and then refuse."""
    require_postgres()
    e = election(tenant_a.council)
    rep = tenant_a["rep"]
    n = nominate(e, rep)
    barrier = threading.Barrier(2)
    outcomes = []

    def vote():
        try:
            barrier.wait()
            services.ballot_cast(election=e, nominations=[n], actor=rep)
            outcomes.append("voted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "voted"]
    assert Vote.objects.filter(election=e).count() == 1
    assert VoterRoll.objects.filter(election=e).count() == 1


# Standing -------------------------------------------------------------------


def test_a_rep_stands_themself_with_a_statement_without_personal_data(tenant_a):
    e = election(tenant_a.council, stage="nominations")
    rep = tenant_a["rep"]
    with pytest.raises(ValidationError) as error:
        services.nomination_add(
            election=e, candidate=rep, statement="Ring me on 07700 900123", actor=rep
        )
    assert "statement" in error.value.message_dict
    n = services.nomination_add(
        election=e, candidate=rep, statement="I have been through it myself.", actor=rep
    )
    assert n.nominated_by == rep
    other = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    with pytest.raises(PermissionDenied):
        services.nomination_add(election=e, candidate=other, statement="Them", actor=rep)
    services.nomination_add(
        election=e,
        candidate=other,
        statement="Nominated at the hub.",
        actor=tenant_a["coordinator"],
    )
    assert e.nominations.count() == 2


# Counting and ties ------------------------------------------------------------


def _close(e):
    Election.objects.filter(pk=e.pk).update(
        voting_opens_at=timezone.now() - dt.timedelta(days=2),
        voting_closes_at=timezone.now() - dt.timedelta(minutes=1),
    )
    e.refresh_from_db()


def test_the_winner_holds_the_office_for_the_term(tenant_a):
    e = election(tenant_a.council, term_months=24)
    ray, jo, sam = _reps(tenant_a, 3)
    a, b = nominate(e, ray), nominate(e, jo)
    services.ballot_cast(election=e, nominations=[a], actor=ray)
    services.ballot_cast(election=e, nominations=[a], actor=jo)
    services.ballot_cast(election=e, nominations=[b], actor=sam)
    _close(e)
    services.election_count(election=e, actor=tenant_a["coordinator"])
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.online_votes, a.elected, b.online_votes, b.elected) == (2, True, 1, False)
    holding = OfficeHolding.objects.get()
    today = timezone.localdate()
    assert (holding.holder, holding.office) == (ray, "chair")
    assert holding.ends_on == services.add_months(today, 24)
    with pytest.raises(ValidationError, match="already been counted"):
        services.election_count(election=e, actor=tenant_a["coordinator"])


def test_a_tie_settled_by_lots_is_recorded(tenant_a):
    e = election(tenant_a.council, tie_rule="lots")
    ray, jo = _reps(tenant_a, 2)
    a, b = nominate(e, ray), nominate(e, jo)
    services.ballot_cast(election=e, nominations=[a], actor=ray)
    services.ballot_cast(election=e, nominations=[b], actor=jo)
    _close(e)
    services.election_count(
        election=e, actor=tenant_a["coordinator"], draw=lambda tied, places: [tied[-1]]
    )
    e.refresh_from_db()
    winner = Nomination.objects.get(elected=True)
    assert winner.won_by_lot
    assert e.outcome == "elected"
    assert "Lots drawn between" in e.lots_note and str(winner.candidate) in e.lots_note
    assert OfficeHolding.objects.get().holder == winner.candidate


def test_a_tie_with_the_rerun_rule_elects_nobody_and_opens_a_vote_between_the_tied(tenant_a):
    e = election(tenant_a.council, kind="seats", seats=2, tie_rule="rerun")
    ray, jo, sam, kim = _reps(tenant_a, 4)
    a, b, c = nominate(e, ray), nominate(e, jo), nominate(e, sam)
    services.ballot_cast(election=e, nominations=[a, b], actor=ray)
    services.ballot_cast(election=e, nominations=[a, c], actor=jo)
    services.ballot_cast(election=e, nominations=[a], actor=kim)
    _close(e)
    services.election_count(election=e, actor=tenant_a["coordinator"])
    e.refresh_from_db()
    assert e.outcome == "tied"
    assert list(Nomination.objects.filter(elected=True)) == [a]
    assert {n.candidate for n in services.tied_nominations(e)} == {jo, sam}
    now = timezone.now()
    rerun = services.election_rerun(
        election=e,
        voting_opens_at=now,
        voting_closes_at=now + dt.timedelta(days=3),
        tie_rule="lots",
        actor=tenant_a["coordinator"],
    )
    assert rerun.rerun_of == e and rerun.seats == 1
    assert {n.candidate for n in rerun.nominations.all()} == {jo, sam}
    with pytest.raises(ValidationError):
        services.election_rerun(
            election=e,
            voting_opens_at=now,
            voting_closes_at=now + dt.timedelta(days=3),
            tie_rule="lots",
            actor=tenant_a["coordinator"],
        )


# Paper ballots ------------------------------------------------------------------


def test_paper_ballots_count_only_after_a_second_person_confirms(tenant_a):
    e = election(tenant_a.council)
    ray, jo, sam = _reps(tenant_a, 3)
    a, b = nominate(e, ray), nominate(e, jo)
    services.ballot_cast(election=e, nominations=[a], actor=ray)
    coordinator, admin = tenant_a["coordinator"], tenant_a["admin"]
    with pytest.raises(ValidationError, match="more votes"):
        services.paper_count_enter(
            election=e, meeting="Hub", voters=[jo, sam], votes={a.pk: 2, b.pk: 1}, actor=coordinator
        )
    count = services.paper_count_enter(
        election=e,
        meeting="Council meeting, Ashford",
        voters=[jo, sam],
        votes={a.pk: 0, b.pk: 2},
        actor=coordinator,
    )
    # The paper voters are on the roll: they cannot vote online as well.
    with pytest.raises(ValidationError, match="already voted"):
        services.ballot_cast(election=e, nominations=[b], actor=jo)
    _close(e)
    with pytest.raises(ValidationError, match="second person"):
        services.election_count(election=e, actor=coordinator)
    with pytest.raises(ValidationError, match="second person"):
        services.paper_count_confirm(paper_count=count, actor=coordinator)
    rep_of_council = ray
    with pytest.raises(PermissionDenied):
        services.paper_count_confirm(paper_count=count, actor=rep_of_council)
    services.paper_count_confirm(paper_count=count, actor=admin)
    count.refresh_from_db()
    assert count.confirmed_by == admin
    services.election_count(election=e, actor=coordinator)
    b.refresh_from_db()
    assert (b.online_votes, b.paper_votes, b.elected) == (0, 2, True)


def test_the_database_refuses_a_count_confirmed_by_the_person_who_entered_it(tenant_a):
    from django.db import IntegrityError, transaction

    e = election(tenant_a.council)
    count = PaperBallotCount.objects.create(
        organisation=tenant_a.organisation,
        election=e,
        ballots=1,
        counted_at_meeting="Hub",
        entered_by=tenant_a["coordinator"],
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PaperBallotCount.objects.filter(pk=count.pk).update(
            confirmed_by=tenant_a["coordinator"], confirmed_at=timezone.now()
        )


def test_a_wrong_paper_count_is_taken_out_and_its_voters_can_vote_again(tenant_a):
    e = election(tenant_a.council)
    ray, jo = _reps(tenant_a, 2)
    a = nominate(e, ray)
    count = services.paper_count_enter(
        election=e, meeting="Hub", voters=[jo], votes={a.pk: 1}, actor=tenant_a["coordinator"]
    )
    services.paper_count_discard(paper_count=count, actor=tenant_a["coordinator"])
    services.ballot_cast(election=e, nominations=[a], actor=jo)
    assert VoterRoll.objects.get().method == "online"


# Pages --------------------------------------------------------------------------


def test_a_rep_votes_on_the_ballot_page(tenant_a, client_for):
    e = election(tenant_a.council)
    rep = tenant_a["rep"]
    n = nominate(e, rep)
    client = client_for(rep)
    org = tenant_a.organisation.slug
    page = client.get(reverse("election_ballot", args=[org, e.public_id]))
    assert page.status_code == 200 and str(rep) in page.content.decode()
    response = client.post(
        reverse("election_ballot", args=[org, e.public_id]), {"choices": n.public_id}
    )
    assert response.status_code == 302
    assert Vote.objects.get().nomination == n
    again = client.get(reverse("election_ballot", args=[org, e.public_id]))
    assert again.status_code == 302
    detail = client.get(reverse("election_detail", args=[org, e.public_id]))
    assert "You have voted" in detail.content.decode()


def test_reps_see_who_holds_each_office(tenant_a, client_for):
    today = timezone.localdate()
    OfficeHolding.objects.create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        holder=tenant_a["rep"],
        office="secretary",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=300),
    )
    OfficeHolding.objects.create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        holder=tenant_a["rep"],
        office="chair",
        starts_on=today - dt.timedelta(days=500),
        ends_on=today - dt.timedelta(days=100),
    )
    page = client_for(tenant_a["rep"]).get(
        reverse("office_list", args=[tenant_a.organisation.slug])
    )
    text = page.content.decode()
    assert "Secretary" in text and str(tenant_a["rep"]) in text
    assert "Chair" not in text.split("Who holds each office</h1>")[1], "an ended term is not shown"


def test_election_pages_keep_their_query_count_as_data_grows(tenant_a, client_for):
    e = election(tenant_a.council)
    nominate(e, tenant_a["rep"])
    client = client_for(tenant_a["coordinator"])
    org = tenant_a.organisation.slug

    def grow():
        for rep in _reps(tenant_a, 6)[1:]:
            nominate(e, rep)
            other = election(tenant_a.council, stage="nominations")
            nominate(other, rep)
            services.paper_count_enter(
                election=e, meeting="Hub", voters=[rep], votes={}, actor=tenant_a["coordinator"]
            )

    assert_flat_query_count(client, reverse("election_list", args=[org]), grow=grow, budget=20)
    assert_flat_query_count(
        client, reverse("election_detail", args=[org, e.public_id]), grow=grow, budget=20
    )


def test_a_coordinator_opens_an_election_and_paper_ballots_wait_for_a_second_person(
    tenant_a, client_for
):
    org = tenant_a.organisation.slug
    coordinator = client_for(tenant_a["coordinator"])
    soon = timezone.localdate() + dt.timedelta(days=7)
    response = coordinator.post(
        reverse("election_new", args=[org]),
        {
            "council": tenant_a.council.public_id,
            "kind": "seats",
            "office": "",
            "seats": "2",
            "tie_rule": "rerun",
            "term_months": "12",
            "opens_on": soon.isoformat(),
            "opens_at": "09:00",
            "closes_on": (soon + dt.timedelta(days=7)).isoformat(),
            "closes_at": "17:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    opened = Election.objects.get()
    assert (opened.kind, opened.seats, opened.tie_rule) == ("seats", 2, "rerun")

    e = election(tenant_a.council)
    ray, jo = _reps(tenant_a, 2)
    a = nominate(e, ray)
    page = coordinator.get(reverse("paper_count_new", args=[org, e.public_id]))
    assert page.status_code == 200
    coordinator.post(
        reverse("paper_count_new", args=[org, e.public_id]),
        {"meeting": "Hub meeting", "voters": [jo.public_id], f"votes_{a.public_id}": "1"},
    )
    count = PaperBallotCount.objects.get(election=e)
    detail = coordinator.get(reverse("election_detail", args=[org, e.public_id])).content.decode()
    assert "Waiting for a second person to confirm" in detail
    assert "Confirm these ballots" not in detail, "the person who entered them cannot confirm"
    confirm = reverse("paper_count_confirm", args=[org, e.public_id, count.public_id])
    coordinator.post(confirm)
    count.refresh_from_db()
    assert count.confirmed_at is None
    admin = client_for(tenant_a["admin"])
    assert (
        "Confirm these ballots"
        in admin.get(reverse("election_detail", args=[org, e.public_id])).content.decode()
    )
    admin.post(confirm)
    count.refresh_from_db()
    assert count.confirmed_by == tenant_a["admin"]


def test_the_reps_home_page_asks_them_to_vote_until_they_have(tenant_a, client_for):
    e = election(tenant_a.council)
    n = nominate(e, tenant_a["rep"])
    client = client_for(tenant_a["rep"])
    home = f"/{tenant_a.organisation.slug}/"
    assert f"Vote now: {e}" in client.get(home).content.decode()
    services.ballot_cast(election=e, nominations=[n], actor=tenant_a["rep"])
    assert "No election is waiting for your vote." in client.get(home).content.decode()
