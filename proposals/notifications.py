"""Emails about proposals: every one the app sends is here. Called only by
proposals.tasks, queued after a transaction has committed; each function
takes ids, loads what it needs, and sends plain-text email to the people who
have an address (many reps have none: for them the
news is on the proposal and on "Our proposals")."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from councils.email import email_people
from members.models import RepProfile

from . import selectors
from .models import Decision, ImplementationUpdate, Meeting, Proposal, ProposalStatus


def _link(name: str, organisation, *args) -> str:
    return settings.SITE_URL + reverse(name, args=[organisation.slug, *args])


def decisions_published(*, decision_ids: list[int]) -> int:
    """One email per person: every author of a decided proposal and every rep
    of the council. Each decision is claimed (``notified_at``) first, so a task
    that runs twice sends nothing the second time."""
    now = timezone.now()
    claimed = [
        pk
        for pk in decision_ids
        if Decision.objects.filter(
            pk=pk, notified_at__isnull=True, published_at__isnull=False
        ).update(notified_at=now)
    ]
    if not claimed:
        return 0
    decisions = list(
        Decision.objects.filter(pk__in=claimed)
        .select_related("proposal", "meeting", "meeting__council", "organisation")
        .prefetch_related("proposal__authors")
        .order_by("proposal__title")
    )
    meeting = decisions[0].meeting
    organisation = decisions[0].organisation
    from .services import decision_summary

    items = [
        {
            "title": d.proposal.title,
            "summary": decision_summary(d),
            "link": _link("proposal_detail", organisation, d.proposal.public_id),
        }
        for d in decisions
    ]
    people = [a for d in decisions for a in d.proposal.authors.all()]
    people += list(selectors.reps_of_council(meeting.council))
    return email_people(
        people=people,
        subject=_("Decisions from the %(council)s meeting") % {"council": meeting.council.name},
        template="proposals/email/decisions_published.txt",
        context={"meeting": meeting, "items": items, "organisation": organisation},
    )


def owner_assigned(*, proposal_id: int) -> int:
    proposal = Proposal.objects.select_related("owner", "organisation", "council").get(
        pk=proposal_id
    )
    if proposal.owner is None:
        return 0
    return email_people(
        people=[proposal.owner],
        subject=_("You own a proposal: %(title)s") % {"title": proposal.title},
        template="proposals/email/owner_assigned.txt",
        context={
            "proposal": proposal,
            "link": _link("proposal_detail", proposal.organisation, proposal.public_id),
        },
    )


def implementation_updated(*, update_id: int) -> int:
    update = ImplementationUpdate.objects.select_related(
        "proposal", "proposal__organisation", "author"
    ).get(pk=update_id)
    proposal = update.proposal
    return email_people(
        people=_people_to_tell(proposal),
        subject=_("Update on: %(title)s") % {"title": proposal.title},
        template="proposals/email/implementation_update.txt",
        context={
            "proposal": proposal,
            "update": update,
            "link": _link("proposal_detail", proposal.organisation, proposal.public_id),
        },
    )


def implementation_finished(*, proposal_id: int) -> int:
    proposal = Proposal.objects.select_related("organisation").get(pk=proposal_id)
    if proposal.status not in (ProposalStatus.IMPLEMENTED, ProposalStatus.NOT_IMPLEMENTED):
        return 0  # undone before the email went: nothing to tell
    return email_people(
        people=_people_to_tell(proposal),
        subject=(
            _("Done: %(title)s")
            if proposal.status == ProposalStatus.IMPLEMENTED
            else _("Could not be done: %(title)s")
        )
        % {"title": proposal.title},
        template="proposals/email/implementation_finished.txt",
        context={
            "proposal": proposal,
            "link": _link("proposal_detail", proposal.organisation, proposal.public_id),
        },
    )


def done_undone(*, proposal_id: int) -> int:
    """ "Mark as done" was taken back: the same people hear it is not done yet."""
    proposal = Proposal.objects.select_related("organisation").get(pk=proposal_id)
    if proposal.status != ProposalStatus.IN_PROGRESS:
        return 0
    return email_people(
        people=_people_to_tell(proposal),
        subject=_("Not done yet: %(title)s") % {"title": proposal.title},
        template="proposals/email/done_undone.txt",
        context={
            "proposal": proposal,
            "link": _link("proposal_detail", proposal.organisation, proposal.public_id),
        },
    )


def _people_to_tell(proposal: Proposal):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(Q(authored_proposals=proposal) | Q(followed_proposals=proposal))
        .distinct()
    )


def overdue_reminder(*, proposal_id: int) -> int:
    proposal = Proposal.objects.select_related("owner", "organisation", "council").get(
        pk=proposal_id
    )
    if proposal.owner is None:
        return 0
    # Which clock ran out, by the rule the pages use: an update is asked for
    # only when one is due; a past target date asks for something else.
    state = selectors.implementation_state(proposal)
    if state is None or not state.is_overdue:
        return 0
    subject = (
        _("An update is due: %(title)s")
        if state.update_overdue
        else _("Past its target date: %(title)s")
    )
    return email_people(
        people=[proposal.owner],
        subject=subject % {"title": proposal.title},
        template="proposals/email/overdue_reminder.txt",
        context={
            "proposal": proposal,
            "state": state,
            "link": _link("proposal_detail", proposal.organisation, proposal.public_id),
        },
    )


def _mark_paper_formats(people) -> None:
    """Each rep who asked for Easy Read or large-print papers is told, in
    their own email only, that their coordinator is preparing that version
    (the coordinator sees the same on the meeting page). One query."""
    wanted = dict(
        RepProfile.objects.filter(
            user_id__in={p.pk for p in people}, personal_data_deleted_at__isnull=True
        ).values_list("user_id", "access_needs")
    )
    for person in people:
        codes = wanted.get(person.pk) or []
        person.easy_read = RepProfile.AccessNeed.EASY_READ in codes
        person.large_print = RepProfile.AccessNeed.LARGE_PRINT in codes


def papers_due(*, meeting_id: int) -> int:
    meeting = Meeting.objects.select_related("organisation", "council", "chair").get(pk=meeting_id)
    people = list(meeting.invited.all()) + list(selectors.reps_of_council(meeting.council))
    if meeting.chair:
        people.append(meeting.chair)
    if meeting.kind == Meeting.Kind.COUNCIL:
        people += list(selectors.people_with_role_for_council(meeting.council, {"coordinator"}))
    _mark_paper_formats(people)
    return email_people(
        people=people,
        subject=_("Papers due %(day)s: %(meeting)s, %(council)s")
        % {
            "day": date_format(meeting.papers_due_on, "j F"),
            "meeting": meeting,
            "council": meeting.council.name,
        },
        template="proposals/email/papers_due.txt",
        context={
            "meeting": meeting,
            "link": _link("meeting_detail", meeting.organisation, meeting.public_id),
        },
    )


def meeting_cancelled(*, meeting_id: int) -> int:
    """One email to everyone invited and the chair (for a hub meeting with
    nobody named, the council's reps: they are its invited people). The
    meeting is claimed (``cancellation_notified_at``) first, so a task that
    runs twice sends nothing the second time."""
    claimed = Meeting.objects.filter(
        pk=meeting_id, cancelled_at__isnull=False, cancellation_notified_at__isnull=True
    ).update(cancellation_notified_at=timezone.now())
    if not claimed:
        return 0
    meeting = Meeting.objects.select_related("organisation", "council", "chair").get(pk=meeting_id)
    people = list(meeting.invited.all())
    if not people and meeting.kind == Meeting.Kind.HUB:
        people = list(selectors.reps_of_council(meeting.council))
    if meeting.chair:
        people.append(meeting.chair)
    return email_people(
        people=people,
        subject=_("Cancelled: %(meeting)s, %(council)s")
        % {"meeting": meeting, "council": meeting.council.name},
        template="proposals/email/meeting_cancelled.txt",
        context={
            "meeting": meeting,
            "link": _link("meeting_detail", meeting.organisation, meeting.public_id),
        },
    )


def target_date_asked(*, request_id: int) -> int:
    """The chairs of the council: the owner asks for a new target date.
    Claimed first (``asked_notified_at``), so a retried task sends nothing."""
    from .models import TargetDateRequest

    if not TargetDateRequest.objects.filter(pk=request_id, asked_notified_at__isnull=True).update(
        asked_notified_at=timezone.now()
    ):
        return 0
    request = TargetDateRequest.objects.select_related(
        "proposal", "proposal__organisation", "proposal__council", "asked_by"
    ).get(pk=request_id)
    proposal = request.proposal
    return email_people(
        people=list(selectors.chairs_for_council(proposal.council)),
        subject=_("A new target date is asked for: %(title)s") % {"title": proposal.title},
        template="proposals/email/target_date_asked.txt",
        context={
            "proposal": proposal,
            "request": request,
            "link": _link("target_date_answer", proposal.organisation, request.public_id),
        },
    )


def target_date_answered(*, request_id: int) -> int:
    """The lead who asked: the chair's answer and reason."""
    from .models import TargetDateRequest

    if not TargetDateRequest.objects.filter(
        pk=request_id, answer_notified_at__isnull=True, decided_at__isnull=False
    ).update(answer_notified_at=timezone.now()):
        return 0
    request = TargetDateRequest.objects.select_related(
        "proposal", "proposal__organisation", "asked_by"
    ).get(pk=request_id)
    proposal = request.proposal
    return email_people(
        people=[request.asked_by],
        subject=_("Your request for a new target date: %(title)s") % {"title": proposal.title},
        template="proposals/email/target_date_answered.txt",
        context={
            "proposal": proposal,
            "request": request,
            "link": _link("proposal_detail", proposal.organisation, proposal.public_id),
        },
    )


def milestone_done(*, milestone_id: int) -> int:
    """The reps who wrote or follow the proposal: a milestone is done."""
    from .models import Milestone

    if not Milestone.objects.filter(
        pk=milestone_id, done_at__isnull=False, done_notified_at__isnull=True
    ).update(done_notified_at=timezone.now()):
        return 0
    milestone = Milestone.objects.select_related("proposal", "proposal__organisation").get(
        pk=milestone_id
    )
    proposal = milestone.proposal
    return email_people(
        people=_people_to_tell(proposal),
        subject=_("A step done on: %(title)s") % {"title": proposal.title},
        template="proposals/email/milestone_done.txt",
        context={
            "proposal": proposal,
            "milestone": milestone,
            "link": _link("proposal_detail", proposal.organisation, proposal.public_id),
        },
    )
