"""Factories for the reports tests. They make rows directly (not through the
other apps' services) to set up published decisions, quotes and figures."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from members.models import RepProfile
from proposals.models import (
    ActionPoint,
    Attendance,
    Decision,
    Meeting,
    Proposal,
    ProposalStatus,
)
from reports.models import GeneratedReport
from surgeries.models import FeedbackItem, Surgery, Theme
from tests.factories import SiteFactory, UserFactory
from tests.proposals.factories import approve_words, write_history_from_timestamps


def aware(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("organisation", "name")

    name = factory.Sequence(lambda n: f"Theme {n}")


class SurgeryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Surgery
        skip_postgeneration_save = True

    organisation = factory.SelfAttribute("council.organisation")
    site = factory.LazyAttribute(
        lambda s: SiteFactory(organisation=s.council.organisation, region=s.council.region)
    )
    date = factory.LazyFunction(timezone.localdate)
    starts_at = dt.time(10, 0)
    ends_at = dt.time(12, 0)
    people_approached = 10
    people_engaged = 7
    people_declined = 3


class FeedbackItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackItem

    organisation = factory.SelfAttribute("council.organisation")
    theme = factory.LazyAttribute(lambda f: ThemeFactory(organisation=f.organisation))
    kind = FeedbackItem.Kind.PROBLEM
    said = "Reception staff were rude to me."
    received_on = factory.LazyFunction(timezone.localdate)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    organisation = factory.SelfAttribute("council.organisation")
    kind = Meeting.Kind.COUNCIL
    date = factory.LazyFunction(timezone.localdate)
    starts_at = dt.time(10, 0)
    venue = "Room 1"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    organisation = factory.SelfAttribute("meeting.organisation")
    user = factory.SubFactory(UserFactory)
    status = Attendance.Status.ATTENDED


class ActionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPoint

    organisation = factory.SelfAttribute("meeting.organisation")
    council = factory.SelfAttribute("meeting.council")
    description = "Ask reception for a notice board."
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    organisation = factory.SelfAttribute("council.organisation")
    title = factory.Sequence(lambda n: f"Proposal {n}")
    problem = "People said the waiting room has nothing to drink."
    solution = "A water cooler in reception."
    theme = factory.LazyAttribute(lambda p: ThemeFactory(organisation=p.organisation))
    raised_at = factory.LazyFunction(timezone.now)


def decided_proposal(
    *,
    council,
    status: str,
    decided_on: dt.date,
    chair,
    title: str = "",
    problem: str = "People said the waiting room has nothing to drink.",
    we_did: str = "",
    reason: str = "",
    published: bool = True,
    implemented_on: dt.date | None = None,
    not_implemented_reason: str = "",
    raised_on: dt.date | None = None,
    theme=None,
    target_date: dt.date | None = None,
    words_approved: bool = True,
) -> Proposal:
    """A proposal presented and decided at a council meeting. Unless
    ``published`` is False, the decision is published onto the proposal.
    Unless ``words_approved`` is False, a coordinator has approved its words
    for publication as they stand."""
    raised_on = raised_on or decided_on - dt.timedelta(days=30)
    meeting = MeetingFactory(council=council, date=decided_on)
    kwargs = dict(
        council=council,
        problem=problem,
        raised_at=aware(raised_on),
        presented_at=aware(decided_on, 10),
        status=status if published else ProposalStatus.PRESENTED,
        we_did=we_did,
        not_implemented_reason=not_implemented_reason,
        target_date=target_date,
    )
    if title:
        kwargs["title"] = title
    if theme is not None:
        kwargs["theme"] = theme
    if implemented_on:
        kwargs["implemented_at"] = aware(implemented_on)
    if status == ProposalStatus.NOT_IMPLEMENTED:
        kwargs["not_implemented_at"] = aware(implemented_on or decided_on)
    proposal = ProposalFactory(**kwargs)
    outcome = {
        ProposalStatus.NOT_ACCEPTED: Decision.Outcome.NOT_ACCEPTED,
        ProposalStatus.DEFERRED: Decision.Outcome.DEFERRED,
    }.get(status, Decision.Outcome.ACCEPTED)
    decision = Decision.objects.create(
        organisation=council.organisation,
        proposal=proposal,
        meeting=meeting,
        outcome=outcome,
        reason_category=Decision.ReasonCategory.COST
        if outcome == Decision.Outcome.NOT_ACCEPTED
        else "",
        reason=reason,
        decided_by=chair,
        decided_at=aware(decided_on, 11),
        published_at=aware(decided_on, 16) if published else None,
        published_by=chair if published else None,
    )
    if published:
        Proposal.objects.filter(pk=proposal.pk).update(
            published_decision=decision,
            decided_at=decision.decided_at,
            published_at=decision.published_at,
        )
        proposal.refresh_from_db()
    # The status history the services would have written, from its dates.
    write_history_from_timestamps(proposal)
    if words_approved:
        approve_words(proposal, by=chair)
    return proposal


def rep_profile(*, council, status=RepProfile.Status.ACTIVE, **kwargs) -> RepProfile:
    user = UserFactory()
    return RepProfile.objects.create(
        organisation=council.organisation, user=user, council=council, status=status, **kwargs
    )


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GeneratedReport

    organisation = factory.LazyAttribute(
        lambda r: (r.council or r.region).organisation if (r.council or r.region) else None
    )
    kind = GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET
    scope = factory.LazyAttribute(
        lambda r: "council" if r.council else ("region" if r.region else "organisation")
    )
    council = None
    region = None
    period_start = dt.date(2025, 4, 1)
    period_end = dt.date(2025, 6, 30)
    status = GeneratedReport.Status.QUEUED
    # What the database demands of each status (see the model's constraints).
    started_at = factory.LazyAttribute(
        lambda r: (
            timezone.now()
            if r.status in (GeneratedReport.Status.RENDERING, GeneratedReport.Status.READY)
            else None
        )
    )
    finished_at = factory.LazyAttribute(
        lambda r: (
            timezone.now()
            if r.status in (GeneratedReport.Status.READY, GeneratedReport.Status.FAILED)
            else None
        )
    )
    file = factory.LazyAttribute(
        lambda r: (
            f"reports/{r.organisation.pk}/made-by-a-factory.pdf"
            if r.status == GeneratedReport.Status.READY
            else ""
        )
    )
    error_message = factory.LazyAttribute(
        lambda r: (
            "The PDF layout could not be made (ValueError). Try again."
            if r.status == GeneratedReport.Status.FAILED
            else ""
        )
    )


def staff_with_role(organisation, role, **scope):
    """A member of staff with their authenticator set up, as staff must."""
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.conftest import TEST_TOTP_SECRET
    from tests.factories import user_with_role

    user = user_with_role(organisation, role, **scope)
    TOTP.activate(user, TEST_TOTP_SECRET)
    return user
