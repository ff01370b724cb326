"""The demo data: believable figures, every state, and safe to load twice."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command

from councils.models import Organisation
from proposals.models import Decision, Meeting, Proposal
from proposals.selectors import proposal_figures

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_and_tells_a_believable_story(capsys):
    call_command("seed_demo")
    counts = (Proposal.objects.count(), Meeting.objects.count(), Decision.objects.count())
    call_command("seed_demo")
    assert (Proposal.objects.count(), Meeting.objects.count(), Decision.objects.count()) == counts
    # Loading history emails nobody.
    assert mail.outbox == []
    capsys.readouterr()

    northmoor = Organisation.objects.get(slug="northmoor")
    figures = proposal_figures(organisation=northmoor)
    assert figures.presented >= 10
    assert figures.accepted_of_presented.percent >= 60  # most accepted...
    assert figures.implemented_of_accepted.percent >= 60  # ...and most of those done
    assert figures.overdue >= 1
    statuses = set(Proposal.objects.values_list("status", flat=True))
    assert {
        "draft",
        "ready",
        "presented",
        "deferred",
        "not_accepted",
        "replaced",
        "withdrawn",
        "in_progress",
        "implemented",
        "not_implemented",
    } <= statuses
    for decision in Decision.objects.filter(outcome="not_accepted"):
        assert decision.reason and decision.reason_category
    assert not Proposal.objects.filter(status="implemented", we_did="").exists()
