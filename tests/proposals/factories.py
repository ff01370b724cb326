"""Factories for proposals and meetings. Objects made here skip the services
(for speed and for setting up states); tests of the rules go through services."""

from __future__ import annotations

import datetime as dt
import importlib

import factory
from django.utils import timezone

from proposals.models import ActionPoint, AgendaItem, Meeting, Proposal, ProposalEvent
from surgeries.models import FeedbackItem, Surgery, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("organisation", "name")

    name = factory.Sequence(lambda n: f"Theme {n}")


_backfill = importlib.import_module("proposals.migrations.0005_status_history_from_timestamps")


def write_history_from_timestamps(proposal) -> None:
    proposal.decision_outcome = (
        proposal.published_decision.outcome if proposal.published_decision_id else ""
    )
    previous = ""
    for at, status in _backfill.steps_from_timestamps(proposal):
        ProposalEvent.objects.create(
            organisation_id=proposal.organisation_id,
            proposal=proposal,
            kind=_backfill.KIND_FOR_STATUS.get(status, "decision"),
            at=at,
            from_status=previous,
            to_status=status,
        )
        previous = status


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    organisation = factory.SelfAttribute("council.organisation")
    title = factory.Sequence(lambda n: f"Proposal {n}")
    problem = "People said the waiting room has nothing to drink."
    solution = "A water cooler in reception."
    benefits = "People wait calmer."
    theme = factory.LazyAttribute(lambda p: ThemeFactory(organisation=p.organisation))
    raised_at = factory.LazyFunction(timezone.now)
    status = "draft"
    # The database insists a withdrawn proposal says when (proposal_withdrawn_says_when).
    withdrawn_at = factory.LazyAttribute(
        lambda p: timezone.now() if p.status == "withdrawn" else None
    )

    @factory.post_generation
    def authors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.authors.add(*extracted)

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        """A proposal made directly has the status history the data
        migration would give it from its dates (``history=False`` skips it)."""
        if create and extracted is not False:
            write_history_from_timestamps(obj)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    organisation = factory.SelfAttribute("council.organisation")
    kind = Meeting.Kind.COUNCIL
    date = factory.LazyFunction(timezone.localdate)
    starts_at = dt.time(10, 0)
    venue = "Room 1, Ashford Vale probation office"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    organisation = factory.SelfAttribute("meeting.organisation")
    kind = AgendaItem.Kind.OTHER
    title = "Any other business"
    order = factory.Sequence(lambda n: n * 10)


class ActionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPoint

    organisation = factory.SelfAttribute("meeting.organisation")
    council = factory.SelfAttribute("meeting.council")
    description = "Ask reception for a notice board."
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class SurgeryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Surgery

    organisation = factory.SelfAttribute("council.organisation")
    date = factory.LazyFunction(timezone.localdate)
    starts_at = dt.time(10, 0)
    ends_at = dt.time(12, 0)


class FeedbackItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackItem

    organisation = factory.SelfAttribute("council.organisation")
    theme = factory.LazyAttribute(lambda f: ThemeFactory(organisation=f.organisation))
    kind = FeedbackItem.Kind.PROBLEM
    said = "Reception staff were rude to me."
    received_on = factory.LazyFunction(timezone.localdate)


def approve_words(proposal: Proposal, *, by, parts=None) -> None:
    """Record that a coordinator approved the proposal's words for
    publication as they stand now (every part that has words, or ``parts``)."""
    from proposals.models import WordingApproval
    from proposals.selectors import proposal_for_wording, wording_for

    proposal = proposal_for_wording(proposal)
    for part in wording_for(proposal):
        if parts is not None and part.part not in parts:
            continue
        WordingApproval.objects.update_or_create(
            proposal=proposal,
            part=part.part,
            defaults={
                "organisation_id": proposal.organisation_id,
                "status": WordingApproval.Status.APPROVED,
                "source_text": part.text,
                "text": part.text,
                "note": "",
                "reviewed_by": by,
                "reviewed_at": timezone.now(),
            },
        )
