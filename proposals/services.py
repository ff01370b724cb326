"""Every write for proposals, meetings, decisions and implementation.

Each function is keyword-only, runs in one transaction, checks the rules of
DOMAIN.md, writes an audit event (and a timeline event for proposals), and
sends email only after the transaction commits.

Refusals: bad input raises ``ValidationError({field: "plain message"})``; a
person acting outside their role raises ``PermissionDenied("plain message")``.
Either way nothing is saved.

Several functions take ``at``: the moment the thing happened (default now).
The demo data uses it to tell a story across two quarters.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from councils.audit import audit_record, changes_between, model_values
from councils.models import Council, Organisation, Role
from surgeries.models import FeedbackItem, Theme

from . import selectors
from .models import (
    ActionPoint,
    ActionPointUpdate,
    AgendaItem,
    Attendance,
    Decision,
    ImplementationUpdate,
    Meeting,
    MinutePoint,
    Proposal,
    ProposalComment,
    ProposalEvent,
    ProposalStatus,
)

S = ProposalStatus
PROPOSAL_FIELDS = [
    "title",
    "problem",
    "solution",
    "business_case",
    "cost_band",
    "benefits",
    "evidence_note",
    "theme",
    "scope",
]
UPDATE_PERM = "proposals.update_implementation"


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _meeting_start(meeting: Meeting) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(meeting.date, meeting.starts_at))


def _event(
    proposal: Proposal,
    kind: str,
    *,
    actor,
    at: dt.datetime,
    from_status: str = "",
    to_status: str = "",
    meeting: Meeting | None = None,
    text: str = "",
) -> ProposalEvent:
    return ProposalEvent.objects.create(
        organisation_id=proposal.organisation_id,
        proposal=proposal,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=at,
        from_status=from_status,
        to_status=to_status,
        meeting=meeting,
        text=text,
    )


_paused = threading.local()


@contextmanager
def notifications_paused():
    """Record history without telling anyone today: for loading past records
    (the demo data). Nothing done inside the block queues an email."""
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = False


def _after_commit(task_name: str, **kwargs) -> None:
    """Queue a task from proposals.tasks once the transaction has committed."""
    if getattr(_paused, "on", False):
        return

    def enqueue() -> None:
        from . import tasks

        getattr(tasks, task_name).delay(**kwargs)

    transaction.on_commit(enqueue)


def _lock(proposal: Proposal) -> Proposal:
    """Re-read the proposal under a row lock: two people acting at once on the
    same proposal are served one after the other, each seeing the other's work."""
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _is_rep_of(user, council: Council) -> bool:
    return user.has_perm("proposals.author_proposal", council)


# ---------------------------------------------------------------------------
# Drafting


def _clean_proposal_data(*, organisation: Organisation, council: Council, data: dict) -> dict:
    errors = {}
    if not (data.get("title") or "").strip():
        errors["title"] = "Give the proposal a short title."
    if not (data.get("problem") or "").strip():
        errors["problem"] = "Say what the problem is, in the words of the people who raised it."
    theme = data.get("theme")
    if theme is not None and (
        not isinstance(theme, Theme) or theme.organisation_id != organisation.pk
    ):
        errors["theme"] = "Choose a theme from this organisation."
    if errors:
        raise ValidationError(errors)
    return {name: data[name] for name in PROPOSAL_FIELDS if name in data}


def _check_evidence(council: Council, items: Iterable[FeedbackItem]) -> list[FeedbackItem]:
    items = list(items)
    if any(i.council_id != council.pk for i in items):
        raise ValidationError(
            {"evidence": "Feedback can only come from this council's own feedback."}
        )
    return items


def _check_co_authors(council: Council, people: Iterable) -> list:
    people = list(people)
    reps = set(selectors.reps_of_council(council).values_list("pk", flat=True))
    if any(p.pk not in reps for p in people):
        raise ValidationError({"co_authors": "Co-authors must be reps of this council."})
    return people


@transaction.atomic
def proposal_create(
    *,
    organisation: Organisation,
    council: Council,
    actor,
    data: dict,
    evidence: Iterable[FeedbackItem] = (),
    co_authors: Iterable = (),
    at: dt.datetime | None = None,
) -> Proposal:
    """A rep drafts a proposal, from selected feedback or from scratch."""
    if council.organisation_id != organisation.pk:
        raise ValidationError({"council": "Choose a council from this organisation."})
    if not _is_rep_of(actor, council):
        raise PermissionDenied("Only reps of this council can write its proposals.")
    fields = _clean_proposal_data(organisation=organisation, council=council, data=data)
    items = _check_evidence(council, evidence)
    authors = _check_co_authors(council, co_authors)
    at = _now(at)
    proposal = Proposal.objects.create(
        organisation=organisation,
        council=council,
        created_by=actor,
        raised_at=at,
        status=S.DRAFT,
        **fields,
    )
    proposal.authors.add(actor, *authors)
    proposal.evidence.add(*items)
    _event(proposal, ProposalEvent.Kind.RAISED, actor=actor, at=at, to_status=S.DRAFT)
    audit_record(
        organisation=organisation,
        actor=actor,
        action="proposal.created",
        obj=proposal,
        changes={"council": council.name, "evidence_items": len(items)},
    )
    return proposal


def _require_author(proposal: Proposal, actor) -> None:
    if not _is_rep_of(actor, proposal.council) or not proposal.authors.filter(pk=actor.pk).exists():
        raise PermissionDenied("Only the reps who wrote this proposal can change it.")


@transaction.atomic
def proposal_update(
    *,
    proposal: Proposal,
    actor,
    data: dict,
    evidence: Iterable[FeedbackItem] | None = None,
    at: dt.datetime | None = None,
) -> Proposal:
    """Authors edit a draft (or a ready proposal before it is presented).
    Staff never rewrite a proposal: they comment."""
    proposal = _lock(proposal)
    _require_author(proposal, actor)
    if not proposal.is_editable:
        raise ValidationError(
            {"__all__": "This proposal has been presented, so it can no longer be changed."}
        )
    fields = _clean_proposal_data(
        organisation=proposal.organisation, council=proposal.council, data=data
    )
    before = model_values(proposal, PROPOSAL_FIELDS)
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.save(update_fields=[*fields, "updated_at"])
    changes = changes_between(before, model_values(proposal, PROPOSAL_FIELDS))
    if evidence is not None:
        items = _check_evidence(proposal.council, evidence)
        old = set(proposal.evidence.values_list("pk", flat=True))
        if old != {i.pk for i in items}:
            proposal.evidence.set(items)
            changes["evidence_items"] = [len(old), len(items)]
    if changes:
        _event(
            proposal,
            ProposalEvent.Kind.EDITED,
            actor=actor,
            at=_now(at),
            text="Changed: " + ", ".join(_field_label(n) for n in changes) + ".",
        )
        audit_record(
            organisation=proposal.organisation,
            actor=actor,
            action="proposal.updated",
            obj=proposal,
            changes=changes,
        )
    return proposal


def _field_label(name: str) -> str:
    if name == "evidence_items":
        return "linked feedback"
    field = Proposal._meta.get_field(name)
    return str(field.verbose_name)


@transaction.atomic
def proposal_add_author(*, proposal: Proposal, user, actor, at: dt.datetime | None = None) -> None:
    proposal = _lock(proposal)
    _require_author(proposal, actor)
    if not proposal.is_editable:
        raise ValidationError(
            {"user": "Authors can only be added before the proposal is presented."}
        )
    _check_co_authors(proposal.council, [user])
    if proposal.authors.filter(pk=user.pk).exists():
        raise ValidationError({"user": f"{user} is already an author."})
    proposal.authors.add(user)
    _event(proposal, ProposalEvent.Kind.AUTHOR_ADDED, actor=actor, at=_now(at), text=str(user))
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.author_added",
        obj=proposal,
        changes={"author": str(user)},
    )


@transaction.atomic
def proposal_withdraw(
    *, proposal: Proposal, actor, reason: str, at: dt.datetime | None = None
) -> Proposal:
    """The authors take a proposal back before the council decides on it."""
    proposal = _lock(proposal)
    _require_author(proposal, actor)
    if proposal.status not in {S.DRAFT, S.READY, S.DEFERRED}:
        raise ValidationError(
            {"__all__": "Only a draft, a ready or a deferred proposal can be withdrawn."}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why you are withdrawing it."})
    at = _now(at)
    old = proposal.status
    proposal.status = S.WITHDRAWN
    proposal.withdrawn_at = at
    proposal.save(update_fields=["status", "withdrawn_at", "updated_at"])
    # It no longer needs a place on any meeting that has not happened.
    AgendaItem.objects.filter(
        proposal=proposal, meeting__date__gte=timezone.localdate(at), kind=AgendaItem.Kind.PROPOSAL
    ).exclude(meeting__decisions__proposal=proposal).delete()
    _event(
        proposal,
        ProposalEvent.Kind.WITHDRAWN,
        actor=actor,
        at=at,
        from_status=old,
        to_status=S.WITHDRAWN,
        text=reason.strip(),
    )
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.withdrawn",
        obj=proposal,
        changes={"status": [old, S.WITHDRAWN], "reason": reason.strip()},
    )
    return proposal


@transaction.atomic
def proposal_comment(
    *, proposal: Proposal, actor, body: str, at: dt.datetime | None = None
) -> ProposalComment:
    """Reps of the council and staff who work with proposals may comment."""
    if not (
        actor.has_perm("proposals.comment_proposal", proposal)
        or _is_rep_of(actor, proposal.council)
    ):
        raise PermissionDenied("Your role does not let you comment on proposals.")
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write your comment."})
    at = _now(at)
    comment = ProposalComment.objects.create(
        organisation_id=proposal.organisation_id,
        proposal=proposal,
        author=actor,
        body=body,
        created_at=at,
    )
    _event(proposal, ProposalEvent.Kind.COMMENT, actor=actor, at=at, text=body)
    audit_record(
        organisation=proposal.organisation, actor=actor, action="proposal.commented", obj=proposal
    )
    return comment


@transaction.atomic
def proposal_follow(*, proposal: Proposal, actor, follow: bool) -> None:
    """Reps of the council can ask to be told of every implementation update."""
    if not _is_rep_of(actor, proposal.council):
        raise PermissionDenied("Only reps of this council can follow its proposals.")
    if follow:
        proposal.followers.add(actor)
    else:
        proposal.followers.remove(actor)


# ---------------------------------------------------------------------------
# Meetings and agendas


def _check_meeting_people(
    *, council: Council, kind: str, chair, invited: Iterable
) -> tuple[object, list]:
    invited = list(invited)
    allowed = set(selectors.people_for_council(council).values_list("pk", flat=True))
    if any(p.pk not in allowed for p in invited):
        raise ValidationError({"invited": "Invite people who work with this council."})
    if kind == Meeting.Kind.COUNCIL:
        if chair is None:
            raise ValidationError({"chair": "Choose who chairs the council meeting."})
        if not selectors.user_has_role_for_council(chair, council, Role.CHAIR):
            raise ValidationError({"chair": "The chair must be a senior chair for this council."})
    else:
        reps = set(selectors.reps_of_council(council).values_list("pk", flat=True))
        if chair is not None and chair.pk not in reps:
            raise ValidationError({"chair": "A hub meeting is for reps: choose a rep to chair it."})
        if any(p.pk not in reps for p in invited):
            raise ValidationError({"invited": "Hub meetings are for reps only."})
    return chair, invited


@transaction.atomic
def meeting_create(
    *,
    organisation: Organisation,
    council: Council,
    kind: str,
    date: dt.date,
    starts_at: dt.time,
    venue: str,
    chair,
    invited: Iterable = (),
    actor,
) -> Meeting:
    """A coordinator schedules a hub or council meeting; its agenda is assembled
    at once from what is waiting for it."""
    if council.organisation_id != organisation.pk:
        raise ValidationError({"council": "Choose a council from this organisation."})
    if not actor.has_perm("proposals.manage_meetings", council):
        raise PermissionDenied("Only coordinators can schedule meetings for this council.")
    if kind not in Meeting.Kind.values:
        raise ValidationError({"kind": "Choose a hub meeting or a council meeting."})
    if not venue.strip():
        raise ValidationError({"venue": "Say where the meeting is."})
    chair, invited = _check_meeting_people(council=council, kind=kind, chair=chair, invited=invited)
    meeting = Meeting.objects.create(
        organisation=organisation,
        council=council,
        kind=kind,
        date=date,
        starts_at=starts_at,
        venue=venue.strip(),
        chair=chair,
        created_by=actor,
    )
    meeting.invited.set(invited)
    audit_record(
        organisation=organisation,
        actor=actor,
        action="meeting.created",
        obj=meeting,
        changes={"council": council.name, "kind": kind, "date": date},
    )
    agenda_build(meeting=meeting, actor=actor)
    return meeting


MEETING_FIELDS = ["date", "starts_at", "venue", "chair"]


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    date: dt.date,
    starts_at: dt.time,
    venue: str,
    chair,
    invited: Iterable,
    actor,
) -> Meeting:
    if not actor.has_perm("proposals.manage_meetings", meeting.council):
        raise PermissionDenied("Only coordinators can change this meeting.")
    _require_not_cancelled(meeting)
    if not venue.strip():
        raise ValidationError({"venue": "Say where the meeting is."})
    if (
        meeting.chair_id
        and chair != meeting.chair
        and meeting.decisions.filter(published_at__isnull=True).exists()
    ):
        raise ValidationError(
            {"chair": "The chair has recorded decisions that are not published yet."}
        )
    chair, invited = _check_meeting_people(
        council=meeting.council, kind=meeting.kind, chair=chair, invited=invited
    )
    before = model_values(meeting, MEETING_FIELDS)
    meeting.date, meeting.starts_at, meeting.venue, meeting.chair = (
        date,
        starts_at,
        venue.strip(),
        chair,
    )
    if meeting.date != before["date"]:
        # A new date means a new papers deadline, so a new reminder.
        meeting.papers_reminder_sent_at = None
    meeting.save()
    meeting.invited.set(invited)
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="meeting.updated",
        obj=meeting,
        changes=changes_between(before, model_values(meeting, MEETING_FIELDS)),
    )
    return meeting


def cancel_refusal(meeting: Meeting) -> str | None:
    """Why this meeting cannot be cancelled, in plain words, or None if it can.
    The confirmation page shows it instead of the form."""
    if meeting.cancelled_at:
        return "This meeting is already cancelled."
    if meeting.minutes_completed_at or meeting.decisions.exists():
        return (
            "This meeting has already happened: it has decisions or completed minutes. "
            "It cannot be cancelled."
        )
    return None


def _require_not_cancelled(meeting: Meeting, field: str = "__all__") -> None:
    if meeting.cancelled_at:
        raise ValidationError({field: "This meeting was cancelled."})


@transaction.atomic
def meeting_cancel(
    *, meeting: Meeting, reason: str, actor, at: dt.datetime | None = None
) -> Meeting:
    """A coordinator cancels a meeting that has not happened, saying why.

    The cancellation is claimed with ``UPDATE ... WHERE cancelled_at IS NULL``,
    so two coordinators pressing at once cancel (and email) once. Proposals on
    its agenda keep their status: ready ones stay ready and go onto the
    council's next meeting of the same kind (now, if one is scheduled; if not,
    the agenda builder picks them up when it is). After commit, everyone
    invited and the chair get one email with the reason."""
    if not actor.has_perm("proposals.manage_meetings", meeting.council):
        raise PermissionDenied("Only coordinators can cancel this meeting.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the meeting is cancelled."})
    at = _now(at)
    meeting = (
        Meeting.objects.select_for_update()
        .select_related("council", "organisation")
        .get(pk=meeting.pk)
    )
    refusal = cancel_refusal(meeting)
    if refusal:
        raise ValidationError({"__all__": refusal})
    claimed = Meeting.objects.filter(pk=meeting.pk, cancelled_at__isnull=True).update(
        cancelled_at=at, cancelled_reason=reason, cancelled_by=actor
    )
    if not claimed:
        raise ValidationError({"__all__": "This meeting is already cancelled."})
    meeting.cancelled_at, meeting.cancelled_reason, meeting.cancelled_by = at, reason, actor

    items = list(selectors.waiting_agenda_items(meeting))
    next_meeting = (
        selectors.next_meeting_like(meeting, today=timezone.localdate(at)) if items else None
    )
    said = reason if reason[-1] in ".!?" else f"{reason}."
    kind = "hub meeting" if meeting.kind == Meeting.Kind.HUB else "council meeting"
    if next_meeting is not None:
        where = f"It is on the agenda of the next {kind}, on {next_meeting.date:%-d %B %Y}."
    else:
        where = f"It goes to the next {kind} when one is scheduled."
    for item in items:
        if next_meeting is not None:
            _add_item(next_meeting, kind=AgendaItem.Kind.PROPOSAL, proposal=item.proposal)
        _event(
            item.proposal,
            ProposalEvent.Kind.MEETING_CANCELLED,
            actor=actor,
            at=at,
            meeting=meeting,
            text=f"Reason: {said} {where}",
        )
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="meeting.cancelled",
        obj=meeting,
        changes={
            "reason": reason,
            "proposals_waiting": [i.proposal.public_id for i in items],
            "moved_to": next_meeting.public_id if next_meeting else None,
        },
    )
    pk = meeting.pk
    _after_commit("notify_meeting_cancelled", meeting_id=pk)
    return meeting


def _require_agenda_editor(meeting: Meeting, actor) -> None:
    if not actor.has_perm("proposals.manage_meetings", meeting.council):
        raise PermissionDenied("Only coordinators can edit the agenda.")


def _next_order(meeting: Meeting) -> int:
    return (meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0) + 10


def _add_item(meeting: Meeting, **fields) -> AgendaItem | None:
    lookup = {k: v for k, v in fields.items() if k in {"proposal", "action_point", "kind"}}
    if AgendaItem.objects.filter(meeting=meeting, **lookup).exists():
        return None
    return AgendaItem.objects.create(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        order=_next_order(meeting),
        **fields,
    )


@transaction.atomic
def agenda_build(*, meeting: Meeting, actor) -> int:
    """Add whatever is waiting for this meeting and is not on its agenda yet:

    - hub meetings: the council's drafts, for the reps to choose which go forward;
    - council meetings: proposals marked ready, and deferred ones now due;
    - both: proposals awaiting an implementation update, and every open action
      point raised at an earlier meeting (carried forward until closed).

    Nothing is removed; the coordinator orders and edits. Returns how many
    items were added."""
    if actor is not None and not actor.has_perm("proposals.manage_meetings", meeting.council):
        raise PermissionDenied("Only coordinators can edit the agenda.")
    _require_not_cancelled(meeting)
    if meeting.minutes_completed_at:
        raise ValidationError({"__all__": "The minutes of this meeting are complete."})
    council = meeting.council
    added = 0
    proposals = Proposal.objects.filter(council=council)
    if meeting.kind == Meeting.Kind.HUB:
        ready = proposals.filter(status=S.DRAFT)
    else:
        ready = proposals.filter(
            Q(status=S.READY)
            | Q(
                status=S.DEFERRED,
                published_decision__deferred_to__lte=meeting.date,
            )
            | Q(status=S.DEFERRED, published_decision__deferred_to_meeting=meeting)
            # Deferred to a meeting that was then cancelled: due at the next one.
            | Q(
                status=S.DEFERRED,
                published_decision__deferred_to_meeting__cancelled_at__isnull=False,
            )
            | Q(
                status=S.DEFERRED,
                published_decision__deferred_to__isnull=True,
                published_decision__deferred_to_meeting__isnull=True,
            )
        )
    for proposal in ready.order_by("ready_at", "raised_at", "id"):
        added += _add_item(meeting, kind=AgendaItem.Kind.PROPOSAL, proposal=proposal) is not None
    for proposal in proposals.filter(status=S.IN_PROGRESS).order_by("target_date", "id"):
        item = _add_item(meeting, kind=AgendaItem.Kind.IMPLEMENTATION_UPDATE, proposal=proposal)
        added += item is not None
    for point in ActionPoint.objects.filter(
        council=council, status=ActionPoint.Status.OPEN, meeting__date__lt=meeting.date
    ).order_by("due_on", "id"):
        item = _add_item(meeting, kind=AgendaItem.Kind.ACTION_POINT, action_point=point)
        added += item is not None
    if added and actor is not None:
        audit_record(
            organisation=meeting.organisation,
            actor=actor,
            action="agenda.built",
            obj=meeting,
            changes={"items_added": added},
        )
    return added


def _add_to_upcoming(council: Council, *, after: dt.date, kinds: set[str], **fields) -> None:
    """Put something on the agenda of the council's meetings still to come."""
    for meeting in selectors.upcoming_meetings(council=council).filter(
        date__gt=after, kind__in=kinds
    ):
        _add_item(meeting, **fields)


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    kind: str,
    actor,
    title: str = "",
    notes: str = "",
    proposal: Proposal | None = None,
) -> AgendaItem:
    _require_agenda_editor(meeting, actor)
    _require_not_cancelled(meeting)
    if meeting.minutes_completed_at:
        raise ValidationError({"__all__": "The minutes of this meeting are complete."})
    if kind == AgendaItem.Kind.OTHER:
        if not title.strip():
            raise ValidationError({"title": "Give the item a title."})
        proposal = None
    elif kind in {AgendaItem.Kind.PROPOSAL, AgendaItem.Kind.IMPLEMENTATION_UPDATE}:
        if proposal is None:
            raise ValidationError({"proposal": "Choose a proposal."})
        if proposal.council_id != meeting.council_id:
            raise ValidationError(
                {
                    "proposal": (
                        f"This proposal belongs to {proposal.council.name}. "
                        "Put it on one of that council's meetings."
                    )
                }
            )
        if kind == AgendaItem.Kind.IMPLEMENTATION_UPDATE and proposal.status != S.IN_PROGRESS:
            raise ValidationError({"proposal": "This proposal is not being put in place."})
        if (
            kind == AgendaItem.Kind.PROPOSAL
            and meeting.is_council
            and proposal.status not in selectors.DECIDABLE_STATUSES
        ):
            raise ValidationError(
                {"proposal": "Only proposals marked ready (or deferred) go to a council meeting."}
            )
        if (
            kind == AgendaItem.Kind.PROPOSAL
            and not meeting.is_council
            and proposal.status != S.DRAFT
        ):
            raise ValidationError({"proposal": "Hub meetings look at draft proposals."})
    else:
        raise ValidationError({"kind": "Choose what kind of item this is."})
    try:
        with transaction.atomic():
            item = AgendaItem.objects.create(
                organisation_id=meeting.organisation_id,
                meeting=meeting,
                order=_next_order(meeting),
                kind=kind,
                title=title.strip(),
                notes=notes.strip(),
                proposal=proposal,
            )
    except IntegrityError as error:
        raise ValidationError({"proposal": "This proposal is already on the agenda."}) from error
    if proposal is not None:
        _event(
            proposal,
            ProposalEvent.Kind.ON_AGENDA,
            actor=actor,
            at=timezone.now(),
            meeting=meeting,
            text=str(meeting),
        )
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="agenda.item_added",
        obj=meeting,
        changes={"item": str(item)},
    )
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, title: str, notes: str, actor) -> AgendaItem:
    _require_agenda_editor(item.meeting, actor)
    if item.kind == AgendaItem.Kind.OTHER and not title.strip():
        raise ValidationError({"title": "Give the item a title."})
    before = model_values(item, ["title", "notes"])
    item.title, item.notes = title.strip(), notes.strip()
    item.save(update_fields=["title", "notes"])
    audit_record(
        organisation=item.meeting.organisation,
        actor=actor,
        action="agenda.item_updated",
        obj=item.meeting,
        changes=changes_between(before, model_values(item, ["title", "notes"])),
    )
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, actor) -> None:
    """Swap with the item above or below."""
    _require_agenda_editor(item.meeting, actor)
    items = list(AgendaItem.objects.select_for_update().filter(meeting=item.meeting))
    index = next(i for i, it in enumerate(items) if it.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in {"up", "down"} or not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, it in enumerate(items, start=1):
        if it.order != position * 10:
            it.order = position * 10
            it.save(update_fields=["order"])
    audit_record(
        organisation=item.meeting.organisation,
        actor=actor,
        action="agenda.item_moved",
        obj=item.meeting,
        changes={"item": str(item), "direction": direction},
    )


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, actor) -> None:
    _require_agenda_editor(item.meeting, actor)
    if item.action_point_id and item.action_point.status == ActionPoint.Status.OPEN:
        raise ValidationError(
            {"__all__": "Open action points stay on every agenda until they are closed."}
        )
    if (
        item.proposal_id
        and Decision.objects.filter(meeting=item.meeting, proposal_id=item.proposal_id).exists()
    ):
        raise ValidationError({"__all__": "A decision has been recorded for this item."})
    if item.proposal_id and item.kind == AgendaItem.Kind.IMPLEMENTATION_UPDATE:
        raise ValidationError(
            {"__all__": "Proposals being put in place stay on the agenda until they are done."}
        )
    audit_record(
        organisation=item.meeting.organisation,
        actor=actor,
        action="agenda.item_removed",
        obj=item.meeting,
        changes={"item": str(item)},
    )
    item.delete()


# ---------------------------------------------------------------------------
# Attendance, minutes and action points


def _require_meeting_editor(meeting: Meeting, actor) -> None:
    if not (
        actor.has_perm("proposals.manage_meetings", meeting.council)
        or (meeting.chair_id and meeting.chair_id == actor.pk)
    ):
        raise PermissionDenied("Only the coordinator or the meeting's chair can do this.")


@transaction.atomic
def attendance_record(*, meeting: Meeting, statuses: dict, actor) -> int:
    """``statuses`` maps person → attended / apologies / absent (or "" to clear)."""
    _require_meeting_editor(meeting, actor)
    _require_not_cancelled(meeting)
    allowed = set(selectors.people_for_council(meeting.council).values_list("pk", flat=True))
    changed = 0
    for person, status in statuses.items():
        if person.pk not in allowed:
            raise ValidationError({"__all__": f"{person} does not work with this council."})
        if not status:
            changed += Attendance.objects.filter(meeting=meeting, user=person).delete()[0]
            continue
        if status not in Attendance.Status.values:
            raise ValidationError({"__all__": "Choose attended, apologies or absent."})
        _, created = Attendance.objects.update_or_create(
            meeting=meeting,
            user=person,
            defaults={
                "status": status,
                "recorded_by": actor,
                "organisation_id": meeting.organisation_id,
            },
        )
        changed += 1
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="meeting.attendance_recorded",
        obj=meeting,
        changes={str(p): s for p, s in statuses.items()},
    )
    return changed


def _require_minute_taker(meeting: Meeting, actor) -> None:
    if meeting.kind == Meeting.Kind.HUB and not (
        _is_rep_of(actor, meeting.council)
        or actor.has_perm("proposals.manage_meetings", meeting.council)
    ):
        raise PermissionDenied("Hub meeting minutes are taken by reps or the coordinator.")
    if not actor.has_perm("proposals.take_minutes", meeting.council):
        raise PermissionDenied("Your role does not let you write minutes.")


@transaction.atomic
def minute_add(
    *, meeting: Meeting, text: str, actor, agenda_item: AgendaItem | None = None
) -> MinutePoint:
    _require_minute_taker(meeting, actor)
    _require_not_cancelled(meeting, "text")
    if meeting.minutes_completed_at:
        raise ValidationError({"text": "The minutes of this meeting are complete."})
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write the point."})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Choose an item from this meeting's agenda."})
    point = MinutePoint.objects.create(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        agenda_item=agenda_item,
        text=text,
        author=actor,
    )
    audit_record(
        organisation=meeting.organisation, actor=actor, action="minutes.added", obj=meeting
    )
    return point


@transaction.atomic
def action_point_create(
    *,
    meeting: Meeting,
    description: str,
    owner,
    due_on: dt.date,
    actor,
    at: dt.datetime | None = None,
) -> ActionPoint:
    _require_minute_taker(meeting, actor)
    _require_not_cancelled(meeting, "description")
    if meeting.minutes_completed_at:
        raise ValidationError({"description": "The minutes of this meeting are complete."})
    errors = {}
    if not description.strip():
        errors["description"] = "Say what needs doing."
    if (
        owner is None
        or not selectors.people_for_council(meeting.council).filter(pk=owner.pk).exists()
    ):
        errors["owner"] = "Choose who will do it, from the people who work with this council."
    if due_on is None:
        errors["due_on"] = "Enter the date it is due."
    elif due_on < meeting.date:
        errors["due_on"] = "The due date cannot be before the meeting."
    if errors:
        raise ValidationError(errors)
    point = ActionPoint.objects.create(
        organisation_id=meeting.organisation_id,
        council=meeting.council,
        meeting=meeting,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
        created_by=actor,
    )
    if at is not None:
        # Raised in the past (loading history): keep when it really was.
        ActionPoint.objects.filter(pk=point.pk).update(created_at=at)
        point.created_at = at
    _add_to_upcoming(
        meeting.council,
        after=meeting.date,
        kinds=set(Meeting.Kind.values),
        kind=AgendaItem.Kind.ACTION_POINT,
        action_point=point,
    )
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="action_point.created",
        obj=point,
        changes={"owner": str(owner), "due_on": due_on},
    )
    return point


@transaction.atomic
def action_point_note(
    *,
    action_point: ActionPoint,
    meeting: Meeting,
    note: str,
    close: bool,
    actor,
    at: dt.datetime | None = None,
) -> ActionPointUpdate:
    """The update an open action point needs at each meeting it is carried to.
    "No progress, because ..." is a note; an empty note is not."""
    if not (action_point.owner_id == actor.pk):
        _require_minute_taker(meeting, actor)
    if action_point.council_id != meeting.council_id:
        raise ValidationError({"__all__": "This action point belongs to another council."})
    _require_not_cancelled(meeting, "note")
    action_point = ActionPoint.objects.select_for_update().get(pk=action_point.pk)
    if action_point.status != ActionPoint.Status.OPEN:
        raise ValidationError({"note": "This action point is already closed."})
    note = note.strip()
    if not note:
        raise ValidationError({"note": "Write an update. If nothing has happened, say so and why."})
    update, created = ActionPointUpdate.objects.update_or_create(
        action_point=action_point,
        meeting=meeting,
        defaults={"note": note, "author": actor, "organisation_id": meeting.organisation_id},
    )
    changes = {"note": note}
    if close:
        action_point.status = ActionPoint.Status.CLOSED
        action_point.closed_at = _now(at)
        action_point.closed_by = actor
        action_point.save(update_fields=["status", "closed_at", "closed_by"])
        # It no longer needs a place on meetings still to come.
        AgendaItem.objects.filter(
            action_point=action_point, meeting__date__gt=meeting.date
        ).delete()
        changes["status"] = ActionPoint.Status.CLOSED
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="action_point.noted",
        obj=action_point,
        changes=changes,
    )
    return update


@transaction.atomic
def meeting_complete_minutes(*, meeting: Meeting, actor, at: dt.datetime | None = None) -> Meeting:
    """Close the minutes. Refused while a carried-forward action point has no
    update note for this meeting: silence is not an update."""
    _require_meeting_editor(meeting, actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_not_cancelled(meeting)
    if meeting.minutes_completed_at:
        raise ValidationError({"__all__": "The minutes are already complete."})
    missing = (
        AgendaItem.objects.filter(
            meeting=meeting,
            kind=AgendaItem.Kind.ACTION_POINT,
            action_point__status=ActionPoint.Status.OPEN,
        )
        .exclude(action_point__meeting=meeting)
        .exclude(action_point__updates__meeting=meeting)
        .count()
    )
    if missing:
        raise ValidationError(
            {
                "__all__": (
                    f"{missing} action point{'s' if missing != 1 else ''} carried forward "
                    f"still {'need' if missing != 1 else 'needs'} an update. "
                    "If nothing has happened, say so and why."
                )
            }
        )
    if meeting.decisions.filter(published_at__isnull=True).exists():
        raise ValidationError({"__all__": "Publish this meeting's decisions first."})
    meeting.minutes_completed_at = _now(at)
    meeting.save(update_fields=["minutes_completed_at"])
    audit_record(
        organisation=meeting.organisation, actor=actor, action="minutes.completed", obj=meeting
    )
    return meeting


# ---------------------------------------------------------------------------
# Hub → ready


@transaction.atomic
def proposal_mark_ready(
    *, proposal: Proposal, meeting: Meeting, actor, at: dt.datetime | None = None
) -> Proposal:
    """At a hub meeting the reps choose which drafts go forward; each becomes
    ready for, and is put on the agenda of, the council's next council meeting."""
    at = _now(at)
    if meeting.kind != Meeting.Kind.HUB:
        raise ValidationError({"__all__": "Proposals are marked ready at a hub meeting."})
    if not _is_rep_of(actor, meeting.council):
        raise PermissionDenied("Only the council's reps decide which drafts go forward.")
    _require_not_cancelled(meeting)
    if proposal.council_id != meeting.council_id:
        raise ValidationError({"__all__": "This proposal belongs to another council."})
    if meeting.date > timezone.localdate(at):
        raise ValidationError(
            {"__all__": "Mark proposals ready on the day of the hub meeting, or after it."}
        )
    proposal = _lock(proposal)
    if proposal.status != S.DRAFT:
        raise ValidationError({"__all__": "Only a draft can be marked ready."})
    missing = [
        label
        for label, value in (
            ("the proposed solution", proposal.solution),
            ("the benefits", proposal.benefits),
            ("a theme", proposal.theme_id),
        )
        if not value
    ]
    if missing:
        raise ValidationError(
            {"__all__": "Before it goes to the council, add " + " and ".join(missing) + "."}
        )
    _add_item(meeting, kind=AgendaItem.Kind.PROPOSAL, proposal=proposal)
    proposal.status = S.READY
    proposal.ready_at = at
    proposal.save(update_fields=["status", "ready_at", "updated_at"])
    _event(
        proposal,
        ProposalEvent.Kind.READY,
        actor=actor,
        at=at,
        from_status=S.DRAFT,
        to_status=S.READY,
        meeting=meeting,
    )
    next_council = (
        selectors.upcoming_meetings(council=proposal.council, today=timezone.localdate(at))
        .filter(kind=Meeting.Kind.COUNCIL)
        .order_by("date", "starts_at")
        .first()
    )
    if next_council is not None:
        _add_item(next_council, kind=AgendaItem.Kind.PROPOSAL, proposal=proposal)
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.ready",
        obj=proposal,
        changes={"status": [S.DRAFT, S.READY], "hub_meeting": str(meeting)},
    )
    return proposal


# ---------------------------------------------------------------------------
# Decisions


def may_decide(user, meeting: Meeting) -> bool:
    """The meeting's chair, or a chair of that council."""
    if meeting.kind != Meeting.Kind.COUNCIL:
        return False
    return (meeting.chair_id is not None and meeting.chair_id == user.pk) or user.has_perm(
        "proposals.decide_proposal", meeting.council
    )


def may_publish(user, meeting: Meeting) -> bool:
    if meeting.kind != Meeting.Kind.COUNCIL:
        return False
    return (meeting.chair_id is not None and meeting.chair_id == user.pk) or user.has_perm(
        "proposals.publish_decisions", meeting.council
    )


def _clean_decision(
    *,
    meeting: Meeting,
    proposal: Proposal,
    outcome: str,
    changes_required: str,
    deferred_to: dt.date | None,
    deferred_to_meeting: Meeting | None,
    reason_category: str,
    reason: str,
    replaced_by: Proposal | None,
) -> dict:
    Out = Decision.Outcome
    errors: dict[str, str] = {}
    changes_required, reason = changes_required.strip(), reason.strip()
    if outcome not in Out.values:
        raise ValidationError({"outcome": "Choose the decision."})
    if outcome == Out.ACCEPTED_WITH_CHANGES and not changes_required:
        errors["changes_required"] = "Say what must change."
    if outcome == Out.DEFERRED:
        if deferred_to is None and deferred_to_meeting is None:
            errors["deferred_to"] = "Say when it will come back: a date or a meeting."
        if deferred_to is not None and deferred_to <= meeting.date:
            errors["deferred_to"] = "The date it comes back must be after this meeting."
        if deferred_to_meeting is not None and (
            deferred_to_meeting.council_id != meeting.council_id
            or deferred_to_meeting.kind != Meeting.Kind.COUNCIL
            or deferred_to_meeting.date <= meeting.date
        ):
            errors["deferred_to_meeting"] = "Choose a later council meeting of this council."
        if not reason:
            errors["reason"] = "Explain why it is deferred, in plain English."
    if outcome == Out.NOT_ACCEPTED:
        if reason_category not in {c for c in Decision.ReasonCategory.values if c}:
            errors["reason_category"] = (
                "Choose the kind of reason: cost, policy, practicality, already in place or other."
            )
        if not reason:
            errors["reason"] = "Explain why it is not accepted, in plain English."
    if outcome == Out.REPLACED and replaced_by is not None:
        if (
            replaced_by.pk == proposal.pk
            or replaced_by.council_id != meeting.council_id
            or replaced_by.status not in {S.DRAFT, S.READY}
        ):
            errors["replaced_by"] = "Choose another draft or ready proposal of this council."
    if outcome == Out.REPLACED:
        if not (reason or changes_required):
            errors["reason"] = "Explain what the new proposal should do differently."
    if errors:
        raise ValidationError(errors)
    return {
        "outcome": outcome,
        "changes_required": changes_required
        if outcome in {Out.ACCEPTED_WITH_CHANGES, Out.REPLACED}
        else "",
        "deferred_to": deferred_to if outcome == Out.DEFERRED else None,
        "deferred_to_meeting": deferred_to_meeting if outcome == Out.DEFERRED else None,
        "reason_category": reason_category if outcome == Out.NOT_ACCEPTED else "",
        "reason": reason,
        "replaced_by": replaced_by if outcome == Out.REPLACED else None,
    }


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    proposal: Proposal,
    outcome: str,
    actor,
    changes_required: str = "",
    deferred_to: dt.date | None = None,
    deferred_to_meeting: Meeting | None = None,
    reason_category: str = "",
    reason: str = "",
    replaced_by: Proposal | None = None,
    at: dt.datetime | None = None,
) -> Decision:
    """The chair records a decision during (or after) the council meeting. It is
    seen by nobody else until the meeting's decisions are published; until
    then the chair may change it."""
    at = _now(at)
    if meeting.kind != Meeting.Kind.COUNCIL:
        raise ValidationError({"__all__": "Decisions are made at council meetings."})
    if not may_decide(actor, meeting):
        raise PermissionDenied(
            "Only the meeting's chair, or a chair of this council, can record decisions."
        )
    if proposal.council_id != meeting.council_id:
        raise ValidationError({"__all__": "This proposal belongs to another council."})
    if meeting.cancelled_at:
        raise ValidationError({"__all__": "This meeting was cancelled."})
    if meeting.date > timezone.localdate(at):
        raise ValidationError({"__all__": "Decisions are recorded on the day of the meeting."})
    if not AgendaItem.objects.filter(
        meeting=meeting, proposal=proposal, kind=AgendaItem.Kind.PROPOSAL
    ).exists():
        raise ValidationError({"__all__": "This proposal is not on the meeting's agenda."})
    proposal = _lock(proposal)
    existing = (
        Decision.objects.select_for_update().filter(meeting=meeting, proposal=proposal).first()
    )
    if existing is not None and existing.published_at is not None:
        raise ValidationError({"__all__": "This decision has been published and cannot change."})
    if existing is None and proposal.status not in selectors.DECIDABLE_STATUSES:
        raise ValidationError(
            {"__all__": f"This proposal is {proposal.get_status_display().lower()}."}
        )
    fields = _clean_decision(
        meeting=meeting,
        proposal=proposal,
        outcome=outcome,
        changes_required=changes_required,
        deferred_to=deferred_to,
        deferred_to_meeting=deferred_to_meeting,
        reason_category=reason_category,
        reason=reason,
        replaced_by=replaced_by,
    )
    # Decided at the meeting (recorded during it, or typed up afterwards).
    decided_at = min(at, _meeting_start(meeting))
    if existing is None:
        decision = Decision.objects.create(
            organisation_id=meeting.organisation_id,
            meeting=meeting,
            proposal=proposal,
            decided_by=actor,
            decided_at=decided_at,
            **fields,
        )
    else:
        decision = existing
        for name, value in fields.items():
            setattr(decision, name, value)
        decision.decided_by = actor
        decision.save()
    if proposal.status != S.PRESENTED:
        old = proposal.status
        proposal.status = S.PRESENTED
        proposal.presented_at = proposal.presented_at or _meeting_start(meeting)
        proposal.save(update_fields=["status", "presented_at", "updated_at"])
        _event(
            proposal,
            ProposalEvent.Kind.PRESENTED,
            actor=actor,
            at=_meeting_start(meeting),
            from_status=old,
            to_status=S.PRESENTED,
            meeting=meeting,
        )
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="decision.recorded",
        obj=decision,
        changes={**fields, "proposal": proposal.public_id},
    )
    return decision


@transaction.atomic
def decisions_publish(*, meeting: Meeting, actor, at: dt.datetime | None = None) -> list[Decision]:
    """Publish the meeting's recorded decisions together. Each decision is
    claimed with ``UPDATE ... WHERE published_at IS NULL``, so two people
    pressing the button at once publish (and notify) once. After commit, every
    author and every rep of the council gets one email."""
    at = _now(at)
    if not may_publish(actor, meeting):
        raise PermissionDenied(
            "Only the meeting's chair, or a chair of this council, can publish its decisions."
        )
    pending = list(
        Decision.objects.filter(meeting=meeting, published_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    if not pending:
        raise ValidationError({"__all__": "There are no decisions waiting to be published."})
    claimed = []
    for pk in pending:
        won = Decision.objects.filter(pk=pk, published_at__isnull=True).update(
            published_at=at, published_by=actor
        )
        if won:
            claimed.append(pk)
    if not claimed:
        raise ValidationError(
            {"__all__": "Someone else has just published these decisions. Nothing was changed."}
        )
    decisions = list(
        Decision.objects.filter(pk__in=claimed).select_related("proposal", "replaced_by")
    )
    for decision in decisions:
        _apply_decision(decision, actor=actor, at=at)
    audit_record(
        organisation=meeting.organisation,
        actor=actor,
        action="decisions.published",
        obj=meeting,
        changes={"decisions": [d.proposal.public_id for d in decisions]},
    )
    ids = [d.pk for d in decisions]
    _after_commit("notify_decisions_published", decision_ids=ids)
    return decisions


def _apply_decision(decision: Decision, *, actor, at: dt.datetime) -> None:
    proposal = _lock(decision.proposal)
    old = proposal.status
    proposal.status = decision.outcome
    proposal.decided_at = decision.decided_at
    proposal.published_at = at
    proposal.published_decision = decision
    update_fields = ["status", "decided_at", "published_at", "published_decision", "updated_at"]
    if decision.outcome == Decision.Outcome.WITHDRAWN:
        proposal.withdrawn_at = at
        update_fields.append("withdrawn_at")
    proposal.save(update_fields=update_fields)
    if decision.outcome == Decision.Outcome.REPLACED and decision.replaced_by is None:
        # The proposal morphs: its reps get a new draft to rework, linked to it.
        new = Proposal.objects.create(
            organisation_id=proposal.organisation_id,
            council=proposal.council,
            scope=proposal.scope,
            title=f"{proposal.title} (new version)"[:200],
            problem=proposal.problem,
            solution=proposal.solution,
            business_case=proposal.business_case,
            cost_band=proposal.cost_band,
            benefits=proposal.benefits,
            evidence_note=proposal.evidence_note,
            theme=proposal.theme,
            created_by=actor,
            raised_at=at,
        )
        new.authors.set(proposal.authors.all())
        new.evidence.set(proposal.evidence.all())
        _event(
            new,
            ProposalEvent.Kind.RAISED,
            actor=actor,
            at=at,
            to_status=S.DRAFT,
            text=f"A new version of “{proposal.title}”, as the council asked.",
        )
        decision.replaced_by = new
        decision.save(update_fields=["replaced_by"])
    _event(
        proposal,
        ProposalEvent.Kind.DECISION,
        actor=decision.decided_by,
        at=at,
        from_status=old,
        to_status=decision.outcome,
        meeting=decision.meeting,
        text=decision_summary(decision),
    )


def decision_summary(decision: Decision) -> str:
    """The decision and its reason in one plain paragraph (timeline, emails)."""
    Out = Decision.Outcome
    parts = [decision.get_outcome_display() + "."]
    if decision.outcome == Out.ACCEPTED_WITH_CHANGES:
        parts.append(f"What must change: {decision.changes_required}")
    if decision.outcome == Out.DEFERRED:
        if decision.deferred_to_meeting_id:
            parts.append(f"It comes back at the {decision.deferred_to_meeting}.")
        elif decision.deferred_to:
            parts.append(f"It comes back by {decision.deferred_to:%-d %B %Y}.")
    if decision.outcome == Out.NOT_ACCEPTED:
        parts.append(f"Reason: {decision.get_reason_category_display()}.")
    if decision.outcome == Out.REPLACED and decision.changes_required:
        parts.append(f"What the new proposal should do: {decision.changes_required}")
    if decision.reason:
        parts.append(decision.reason)
    return " ".join(parts)


# ---------------------------------------------------------------------------
# Implementation


def _decision_day(proposal: Proposal) -> dt.date | None:
    return timezone.localdate(proposal.decided_at) if proposal.decided_at else None


@transaction.atomic
def proposal_assign_owner(
    *,
    proposal: Proposal,
    owner,
    target_date: dt.date | None,
    actor,
    at: dt.datetime | None = None,
) -> Proposal:
    """A chair gives an accepted proposal an owner (a lead, granted
    ``proposals.update_implementation`` on this proposal through
    django-guardian) and a target date. Giving it to someone else moves the grant."""
    at = _now(at)
    if not actor.has_perm("proposals.assign_owner", proposal):
        raise PermissionDenied("Only a chair of this council can choose who puts it in place.")
    proposal = _lock(proposal)
    if proposal.status not in {S.ACCEPTED, S.ACCEPTED_WITH_CHANGES, S.IN_PROGRESS}:
        raise ValidationError({"__all__": "Only an accepted proposal can be given an owner."})
    errors = {}
    if owner is None or not selectors.user_has_role_for_council(owner, proposal.council, Role.LEAD):
        errors["owner"] = "Choose a probation lead who works with this council."
    decided_on = _decision_day(proposal)
    if target_date is None:
        errors["target_date"] = "Enter a target date."
    elif decided_on and target_date < decided_on:
        errors["target_date"] = (
            f"The target date cannot be before the decision ({decided_on:%-d %B %Y})."
        )
    if errors:
        raise ValidationError(errors)
    old_owner = proposal.owner
    old_status = proposal.status
    if old_owner is not None and old_owner != owner:
        remove_perm(UPDATE_PERM, old_owner, proposal)
    assign_perm(UPDATE_PERM, owner, proposal)
    before = model_values(proposal, ["owner", "target_date", "status"])
    proposal.owner = owner
    proposal.target_date = target_date
    if old_owner != owner:
        proposal.owner_assigned_at = at
        # The 30-day clock for updates starts when someone owns the work.
        proposal.last_update_at = at
    proposal.status = S.IN_PROGRESS
    proposal.save(
        update_fields=[
            "owner",
            "target_date",
            "owner_assigned_at",
            "last_update_at",
            "status",
            "updated_at",
        ]
    )
    _event(
        proposal,
        ProposalEvent.Kind.OWNER_ASSIGNED,
        actor=actor,
        at=at,
        from_status=old_status if old_status != S.IN_PROGRESS else "",
        to_status=S.IN_PROGRESS if old_status != S.IN_PROGRESS else "",
        text=f"{owner} will put it in place by {target_date:%-d %B %Y}.",
    )
    _add_to_upcoming(
        proposal.council,
        after=timezone.localdate(at) - dt.timedelta(days=1),
        kinds=set(Meeting.Kind.values),
        kind=AgendaItem.Kind.IMPLEMENTATION_UPDATE,
        proposal=proposal,
    )
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.owner_assigned",
        obj=proposal,
        changes=changes_between(before, model_values(proposal, ["owner", "target_date", "status"])),
    )
    if old_owner != owner:
        pk = proposal.pk
        _after_commit("notify_owner_assigned", proposal_id=pk)
    return proposal


def _require_owner(proposal: Proposal, actor) -> None:
    if not actor.has_perm(UPDATE_PERM, proposal):
        raise PermissionDenied("Only the person who owns this proposal can post updates.")


def _require_in_progress(proposal: Proposal) -> None:
    if proposal.status != S.IN_PROGRESS:
        raise ValidationError({"__all__": "This proposal is not being put in place."})


@transaction.atomic
def implementation_update_add(
    *, proposal: Proposal, status: str, note: str, actor, at: dt.datetime | None = None
) -> ImplementationUpdate:
    at = _now(at)
    _require_owner(proposal, actor)
    proposal = _lock(proposal)
    _require_in_progress(proposal)
    errors = {}
    if status not in ImplementationUpdate.Status.values:
        errors["status"] = "Choose not started, in progress or blocked."
    if not note.strip():
        errors["note"] = "Say what has happened. If nothing has, say so and why."
    if errors:
        raise ValidationError(errors)
    update = ImplementationUpdate.objects.create(
        organisation_id=proposal.organisation_id,
        proposal=proposal,
        author=actor,
        status=status,
        note=note.strip(),
        created_at=at,
    )
    proposal.last_update_at = at
    proposal.save(update_fields=["last_update_at", "updated_at"])
    _event(
        proposal,
        ProposalEvent.Kind.UPDATE,
        actor=actor,
        at=at,
        text=f"{update.get_status_display()}: {update.note}",
    )
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="implementation.updated",
        obj=proposal,
        changes={"status": status},
    )
    pk = update.pk
    _after_commit("notify_implementation_update", update_id=pk)
    return update


@transaction.atomic
def proposal_mark_implemented(
    *, proposal: Proposal, we_did: str, actor, at: dt.datetime | None = None
) -> Proposal:
    """Done: the owner says what was done, in plain language ("we did")."""
    at = _now(at)
    _require_owner(proposal, actor)
    proposal = _lock(proposal)
    _require_in_progress(proposal)
    if not we_did.strip():
        raise ValidationError(
            {"we_did": "Say in plain words what was done, for the 'You said, we did' poster."}
        )
    proposal.status = S.IMPLEMENTED
    proposal.implemented_at = at
    proposal.we_did = we_did.strip()
    proposal.last_update_at = at
    proposal.save(
        update_fields=["status", "implemented_at", "we_did", "last_update_at", "updated_at"]
    )
    _finish(proposal, actor=actor, at=at, kind=ProposalEvent.Kind.IMPLEMENTED, text=proposal.we_did)
    return proposal


@transaction.atomic
def proposal_mark_not_implemented(
    *, proposal: Proposal, reason: str, actor, at: dt.datetime | None = None
) -> Proposal:
    at = _now(at)
    _require_owner(proposal, actor)
    proposal = _lock(proposal)
    _require_in_progress(proposal)
    if not reason.strip():
        raise ValidationError({"reason": "Explain why it could not be done, in plain English."})
    proposal.status = S.NOT_IMPLEMENTED
    proposal.not_implemented_at = at
    proposal.not_implemented_reason = reason.strip()
    proposal.last_update_at = at
    proposal.save(
        update_fields=[
            "status",
            "not_implemented_at",
            "not_implemented_reason",
            "last_update_at",
            "updated_at",
        ]
    )
    _finish(
        proposal,
        actor=actor,
        at=at,
        kind=ProposalEvent.Kind.NOT_IMPLEMENTED,
        text=proposal.not_implemented_reason,
    )
    return proposal


def _finish(proposal: Proposal, *, actor, at: dt.datetime, kind: str, text: str) -> None:
    _event(
        proposal,
        kind,
        actor=actor,
        at=at,
        from_status=S.IN_PROGRESS,
        to_status=proposal.status,
        text=text,
    )
    # No more updates are needed on meetings still to come.
    AgendaItem.objects.filter(
        proposal=proposal,
        kind=AgendaItem.Kind.IMPLEMENTATION_UPDATE,
        meeting__date__gt=timezone.localdate(at),
    ).delete()
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action=f"proposal.{proposal.status}",
        obj=proposal,
        changes={"status": [S.IN_PROGRESS, proposal.status], "statement": text},
    )
    pk = proposal.pk
    _after_commit("notify_implementation_finished", proposal_id=pk)


# ---------------------------------------------------------------------------
# Reminders (run by the scheduled tasks; safe to run twice)


def overdue_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind the owner of every overdue proposal, at most once a week. Each
    reminder is claimed with a conditional update before it is sent."""
    now = _now(now)
    sent = 0
    for proposal in selectors.overdue_proposals_due_reminder(now=now):
        with transaction.atomic():
            claimed = (
                Proposal.objects.filter(pk=proposal.pk)
                .filter(
                    Q(last_reminded_at__isnull=True)
                    | Q(last_reminded_at__lt=now - selectors.REMINDER_GAP)
                )
                .update(last_reminded_at=now)
            )
            if claimed:
                pk = proposal.pk
                _after_commit("send_overdue_reminder", proposal_id=pk)
                sent += 1
    return sent


def papers_due_reminders_send(*, today: dt.date | None = None) -> int:
    """Tell the people of each meeting when its papers are due (once)."""
    today = today or timezone.localdate()
    sent = 0
    for meeting in selectors.meetings_due_papers_reminder(today=today):
        with transaction.atomic():
            claimed = Meeting.objects.filter(
                pk=meeting.pk, papers_reminder_sent_at__isnull=True
            ).update(papers_reminder_sent_at=timezone.now())
            if claimed:
                pk = meeting.pk
                _after_commit("send_papers_due_reminder", meeting_id=pk)
                sent += 1
    return sent
