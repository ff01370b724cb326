"""A decision says what was decided: changing the outcome clears the other
outcome's words, the database refuses mixed ones, and a reason is a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from proposals import services
from proposals.models import AgendaItem, Decision

from .factories import MeetingFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_agenda(tenant_a):
    meeting = MeetingFactory(council=tenant_a.council, date=timezone.localdate())
    proposal = ProposalFactory(council=tenant_a.council, status="ready")
    AgendaItem.objects.create(
        organisation=tenant_a.organisation,
        meeting=meeting,
        proposal=proposal,
        kind=AgendaItem.Kind.PROPOSAL,
        title=proposal.title,
    )
    return meeting, proposal


def record(tenant, meeting, proposal, **kwargs):
    return services.decision_record(
        meeting=meeting, proposal=proposal, actor=tenant["chair"], **kwargs
    )


def test_changing_the_outcome_clears_the_old_reason(tenant_a, on_agenda):
    meeting, proposal = on_agenda
    record(
        tenant_a,
        meeting,
        proposal,
        outcome="not_accepted",
        reason_category="cost",
        reason="There is no money for this until April.",
    )
    decision = record(
        tenant_a,
        meeting,
        proposal,
        outcome="accepted_with_changes",
        changes_required="Only on Tuesdays.",
        reason="There is no money for this until April.",
    )
    decision.refresh_from_db()
    assert (decision.reason, decision.reason_category) == ("", "")


def test_a_one_word_reason_is_refused_with_what_a_reason_is_for(tenant_a, on_agenda):
    meeting, proposal = on_agenda
    with pytest.raises(ValidationError) as refused:
        record(
            tenant_a, meeting, proposal, outcome="not_accepted", reason_category="cost", reason="No"
        )
    message = " ".join(refused.value.message_dict["reason"])
    assert "why the council decided" in message


def test_the_database_refuses_a_decision_with_another_outcomes_words(tenant_a, on_agenda):
    meeting, proposal = on_agenda
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            organisation=tenant_a.organisation,
            meeting=meeting,
            proposal=proposal,
            outcome="accepted",
            reason="No",
            decided_by=tenant_a["chair"],
            decided_at=timezone.make_aware(dt.datetime(2026, 1, 1, 10)),
        )
