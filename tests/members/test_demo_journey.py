"""The demo's elections and training: an open election with nominations, an
office held, courses with attendance; loading twice adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from members.models import (
    Course,
    Election,
    Nomination,
    OfficeHolding,
    TrainingAttendance,
    Vote,
    VoterRoll,
)

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(
        m.objects.count()
        for m in (Election, Nomination, OfficeHolding, Course, TrainingAttendance, Vote, VoterRoll)
    )


def test_the_demo_has_an_open_election_an_office_held_and_training(capsys):
    call_command("seed_demo")
    counts = _counts()
    call_command("seed_demo")
    assert _counts() == counts
    capsys.readouterr()

    now = timezone.now()
    ashford = Election.objects.filter(council__slug="ashford-vale")
    open_now = [e for e in ashford if e.stage(now) == "voting"]
    assert len(open_now) == 1
    assert {n.candidate.username for n in open_now[0].nominations.all()} == {"nm-rep", "nm-rep2"}
    held = OfficeHolding.objects.get(council__slug="ashford-vale")
    assert held.holder.username == "nm-rep2" and held.ends_on > timezone.localdate()
    # The counted election's figures agree with its votes and roll.
    counted = held.election
    assert counted.votes.count() == counted.roll.count() == 2
    assert Course.objects.filter(organisation__slug="northmoor").count() == 4
    ray = TrainingAttendance.objects.filter(person__username="nm-rep")
    assert ray.count() == 4
    assert TrainingAttendance.objects.filter(person__username="sf-rep").exists()
    # The demo's elections are history: the schedule tells nobody about them.
    from members.services import election_notices_send

    assert election_notices_send() == 0
