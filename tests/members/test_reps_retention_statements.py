"""Retention reaches the words in a former rep's own voice: their involvement
statement goes, and each nomination they made keeps its votes and result but
loses its statement (and a coordinator's reason for withdrawing it). A note
of lots drawn names a former rep. The audit trail's events about those
statements lose the words too."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.audit import audit_record
from councils.models import AuditEvent, Role
from members import services
from members.models import Election, InvolvementStatement, Nomination, RepProfile, Vote
from members.tasks import delete_expired_personal_data
from tests.factories import user_with_role
from tests.members.factories import election, nominate

pytestmark = pytest.mark.django_db

NAME = "Jamie Leaver"
INVOLVEMENT = "Being a rep got me back on my feet after the hostel in Stowmarket."
STANDING = "I was at the Ipswich office every week; I want reception to be kinder."
STANDING_AGAIN = "I will stand up for people on licence like me at Westgate."
WITHDRAWN_BECAUSE = "Jamie is back in hospital for a while."
WORDS = [INVOLVEMENT, STANDING, STANDING_AGAIN, WITHDRAWN_BECAUSE, "Stowmarket", "Westgate"]


def _rep_with_words(tenant, *, left_days_ago: int):
    """A rep who wrote an involvement statement, stood in a counted election
    (won by lots), and was withdrawn from another by a coordinator; then
    left some days ago."""
    today = timezone.localdate()
    coordinator = tenant["coordinator"]
    person = user_with_role(
        tenant.organisation,
        Role.REP,
        council=tenant.council,
        display_name=NAME,
        first_name="Jamie",
        last_name="Leaver",
        username="jamie.leaver",
    )
    RepProfile.objects.filter(user=person).update(
        joined_on=today - dt.timedelta(days=left_days_ago + 400)
    )
    statement = services.involvement_statement_save(
        organisation=tenant.organisation, text=INVOLVEMENT, actor=person
    )
    # Events about the statement and the nominations that hold the words
    # (under their field's name, and in free text about the rep).
    audit_record(
        organisation=tenant.organisation,
        actor=person,
        action="involvement.statement_edited",
        obj=statement,
        changes={"text": [None, INVOLVEMENT]},
    )
    audit_record(
        organisation=tenant.organisation,
        actor=coordinator,
        action="rep.note",
        obj=person,
        changes={"said": f"They wrote: {INVOLVEMENT}"},
    )

    other = user_with_role(
        tenant.organisation, Role.REP, council=tenant.council, display_name="Robin Stays"
    )
    counted = election(tenant.council, stage="closed")
    mine = nominate(counted, person, statement=STANDING)
    theirs = nominate(counted, other, statement="I listen.")
    Vote.objects.bulk_create(
        [Vote(election=counted, nomination=mine), Vote(election=counted, nomination=theirs)]
    )
    Nomination.objects.filter(pk=mine.pk).update(online_votes=1, elected=True, won_by_lot=True)
    Nomination.objects.filter(pk=theirs.pk).update(online_votes=1)
    Election.objects.filter(pk=counted.pk).update(
        counted_at=timezone.now(),
        outcome=Election.Outcome.ELECTED,
        lots_note=f"Lots drawn between {NAME}, Robin Stays: {NAME}.",
    )
    audit_record(
        organisation=tenant.organisation,
        actor=person,
        action="election.statement_changed",
        obj=mine,
        changes={"statement": [STANDING_AGAIN, STANDING]},
    )

    later = election(tenant.council, stage="nominations", office="secretary")
    withdrawn = nominate(later, person, statement=STANDING_AGAIN)
    services.nomination_withdraw(nomination=withdrawn, actor=coordinator, reason=WITHDRAWN_BECAUSE)

    profile = RepProfile.objects.get(user=person)
    services.rep_status_change(
        profile=profile,
        status="stepped_down",
        changed_on=today - dt.timedelta(days=left_days_ago),
        actor=coordinator,
    )
    return person, counted, later


def _retention(tenant, days=365):
    tenant.organisation.retention_days = days
    tenant.organisation.save(update_fields=["retention_days"])


def _event_text(event: AuditEvent) -> str:
    return " ".join([event.object_repr, json.dumps(event.changes, ensure_ascii=False)]).lower()


def test_their_words_go_and_the_election_results_stay_true(tenant_a):
    _retention(tenant_a)
    person, counted, later = _rep_with_words(tenant_a, left_days_ago=366)
    votes_before = {
        n.pk: (n.online_votes, n.paper_votes, n.elected, n.won_by_lot)
        for n in Nomination.objects.all()
    }

    assert delete_expired_personal_data()["people"] == 1

    assert not InvolvementStatement.objects.filter(person=person).exists()
    # Every nomination stays, with its votes and result; only the words go.
    after = Nomination.objects.all()
    assert {
        n.pk: (n.online_votes, n.paper_votes, n.elected, n.won_by_lot) for n in after
    } == votes_before
    assert Vote.objects.filter(election=counted).count() == 2
    assert counted.nominations.count() == 2 and later.nominations.count() == 1
    for n in Nomination.objects.filter(candidate=person):
        assert (n.statement, n.withdrawal_reason) == ("", "")
        assert str(n) == "Former rep"
    assert Nomination.objects.get(election=counted, candidate__display_name="Robin Stays").statement
    counted.refresh_from_db()
    assert counted.lots_note == "Lots drawn between Former rep, Robin Stays: Former rep."
    # Nowhere in the rows of the rep: not in the nominations, not in the
    # elections, not in any event about them, their statement or nominations.
    rows = [
        *Nomination.objects.filter(candidate=person).values_list(
            "statement", "withdrawal_reason", "election__lots_note"
        )
    ]
    flat = " ".join(str(v) for row in rows for v in row).lower()
    for words in [*WORDS, NAME]:
        assert words.lower() not in flat
    about = AuditEvent.objects.exclude(action="election.nomination_withdrawn")
    for event in about:
        for words in [INVOLVEMENT, STANDING, STANDING_AGAIN, NAME]:
            assert words.lower() not in _event_text(event), (words, event.action)
    edited = AuditEvent.objects.get(action="involvement.statement_edited")
    assert edited.changes == {"text": [None, "[removed]"]}
    changed = AuditEvent.objects.get(action="election.statement_changed")
    assert changed.changes == {"statement": ["[removed]", "[removed]"]}
    assert AuditEvent.objects.get(action="rep.note").changes == {"said": "They wrote: Former rep"}
    assert AuditEvent.objects.filter(action="involvement.statement_saved").exists()


def test_a_rep_within_the_period_keeps_their_words(tenant_a):
    _retention(tenant_a)
    person, counted, _later = _rep_with_words(tenant_a, left_days_ago=100)
    assert delete_expired_personal_data()["people"] == 0
    assert InvolvementStatement.objects.get(person=person).text == INVOLVEMENT
    assert Nomination.objects.get(election=counted, candidate=person).statement == STANDING
    counted.refresh_from_db()
    assert NAME in counted.lots_note


def test_the_election_pages_show_a_former_rep_without_empty_words(tenant_a, client_for):
    _retention(tenant_a)
    person, counted, later = _rep_with_words(tenant_a, left_days_ago=366)
    delete_expired_personal_data()
    client = client_for(tenant_a["coordinator"])
    slug = tenant_a.organisation.slug
    page = client.get(reverse("election_detail", args=[slug, counted.public_id]))
    body = page.content.decode()
    assert "Former rep" in body and NAME not in body and STANDING not in body
    page = client.get(reverse("election_detail", args=[slug, later.public_id]))
    body = page.content.decode()
    assert "Former rep was withdrawn by" in body
    assert WITHDRAWN_BECAUSE not in body
    # The sentence ends without a reason, not with an empty one.
    assert ": </li>" not in body and ":</li>" not in body
