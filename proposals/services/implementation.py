"""Putting an accepted proposal in place: an owner and a target date,
updates, and how it ended ("we did", or why it could not be done)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from councils.after_commit import after_commit
from councils.audit import audit_record, changes_between, model_values
from councils.models import Role
from councils.periods import day_label

from .. import access, selectors, tasks
from ..models import AgendaItem, ImplementationUpdate, Meeting, Proposal, ProposalEvent
from ..models import ProposalStatus as S
from .common import add_to_upcoming, lock_proposal, moment, record_event

ASSIGNABLE_STATUSES = frozenset({S.ACCEPTED, S.ACCEPTED_WITH_CHANGES, S.IN_PROGRESS})
OWNER_FIELDS = ["owner", "target_date", "status"]


def _decision_day(proposal: Proposal) -> dt.date | None:
    return timezone.localdate(proposal.decided_at) if proposal.decided_at else None


def _check_owner(proposal: Proposal, owner, target_date: dt.date | None) -> None:
    errors = {}
    if owner is None or not selectors.user_has_role_for_council(owner, proposal.council, Role.LEAD):
        errors["owner"] = _("Choose a probation lead who works with this council.")
    decided_on = _decision_day(proposal)
    if target_date is None:
        errors["target_date"] = _("Enter a target date.")
    elif decided_on and target_date < decided_on:
        errors["target_date"] = _("The target date cannot be before the decision (%(day)s).") % {
            "day": day_label(decided_on)
        }
    if errors:
        raise ValidationError(errors)


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
    at = moment(at)
    access.refuse(
        access.may_assign_owner(actor, proposal),
        _("Only a chair of this council can choose who puts it in place."),
    )
    proposal = lock_proposal(proposal)
    if proposal.status not in ASSIGNABLE_STATUSES:
        raise ValidationError({"__all__": _("Only an accepted proposal can be given an owner.")})
    _check_owner(proposal, owner, target_date)
    old_owner = proposal.owner
    old_status = proposal.status
    if old_owner is not None and old_owner != owner:
        remove_perm(access.UPDATE_PERM, old_owner, proposal)
    assign_perm(access.UPDATE_PERM, owner, proposal)
    before = model_values(proposal, OWNER_FIELDS)
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
    started = old_status != S.IN_PROGRESS
    record_event(
        proposal,
        ProposalEvent.Kind.OWNER_ASSIGNED,
        actor=actor,
        at=at,
        from_status=old_status if started else "",
        to_status=S.IN_PROGRESS if started else "",
        text=_("%(owner)s will put it in place by %(day)s.")
        % {"owner": owner, "day": day_label(target_date)},
    )
    add_to_upcoming(
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
        changes=changes_between(before, model_values(proposal, OWNER_FIELDS)),
    )
    if old_owner != owner:
        after_commit(tasks.notify_owner_assigned, proposal.pk)
    return proposal


def _require_owner(proposal: Proposal, actor) -> None:
    access.refuse(
        access.is_implementation_owner(actor, proposal),
        _("Only the person who owns this proposal can post updates."),
    )


def _require_in_progress(proposal: Proposal) -> None:
    if proposal.status != S.IN_PROGRESS:
        raise ValidationError({"__all__": _("This proposal is not being put in place.")})


@transaction.atomic
def implementation_update_add(
    *, proposal: Proposal, status: str, note: str, actor, at: dt.datetime | None = None
) -> ImplementationUpdate:
    at = moment(at)
    _require_owner(proposal, actor)
    proposal = lock_proposal(proposal)
    _require_in_progress(proposal)
    errors = {}
    if status not in ImplementationUpdate.Status.values:
        errors["status"] = _("Choose not started, in progress or blocked.")
    if not note.strip():
        errors["note"] = _("Say what has happened. If nothing has, say so and why.")
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
    record_event(
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
    after_commit(tasks.notify_implementation_update, update.pk)
    return update


@transaction.atomic
def proposal_mark_implemented(
    *, proposal: Proposal, we_did: str, actor, at: dt.datetime | None = None
) -> Proposal:
    """Done: the owner says what was done, in plain language ("we did")."""
    at = moment(at)
    _require_owner(proposal, actor)
    proposal = lock_proposal(proposal)
    _require_in_progress(proposal)
    if not we_did.strip():
        raise ValidationError(
            {"we_did": _("Say in plain words what was done, for the 'You said, we did' poster.")}
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
def proposal_undo_done(*, proposal: Proposal, actor, at: dt.datetime | None = None) -> Proposal:
    """Take back "Mark as done" in the minutes after (``access.UNDO_DONE_WINDOW``),
    by whoever marked it or a coordinator: the proposal is back to being put
    in place exactly as before (no "we did", the update clock as it was, the
    updates asked for at meetings still to come).

    The history keeps both rows: "done" at the time it was marked, and this
    return to being put in place. Figures are read as at a moment from that
    history, so a report for a period that ended in between says what was
    true then, and says it whenever it is made; nothing is rewritten."""
    at = moment(at)
    access.refuse(
        access.may_undo_done(actor, proposal),
        _("Only the person who marked it as done, or a coordinator, can undo it."),
    )
    proposal = lock_proposal(proposal)
    # Only "Mark as done" makes a proposal done, and nothing moves it on
    # from there: a done proposal's last change is the one being undone.
    if not access.undo_done_open(proposal, now=at):
        raise ValidationError(
            {
                "__all__": _(
                    "It is too late to undo this: it can be undone for %(minutes)s minutes "
                    "after it is marked as done. Ask a chair if it needs to change."
                )
                % {"minutes": int(access.UNDO_DONE_WINDOW.total_seconds() // 60)}
            }
        )
    we_did = proposal.we_did
    # The update clock as it was before "done": the owner's last update, or
    # when they were given the work (the only other times it is set).
    last_update = proposal.implementation_updates.aggregate(last=Max("created_at"))["last"]
    before = [t for t in (last_update, proposal.owner_assigned_at) if t is not None]
    proposal.status = S.IN_PROGRESS
    proposal.implemented_at = None
    proposal.we_did = ""
    proposal.last_update_at = max(before) if before else None
    proposal.save(
        update_fields=["status", "implemented_at", "we_did", "last_update_at", "updated_at"]
    )
    record_event(
        proposal,
        ProposalEvent.Kind.DONE_UNDONE,
        actor=actor,
        at=at,
        from_status=S.IMPLEMENTED,
        to_status=S.IN_PROGRESS,
        text=_("Not done after all: it is still being put in place."),
    )
    # Updates are asked for again at the meetings still to come.
    add_to_upcoming(
        proposal.council,
        after=timezone.localdate(at),
        kinds=set(Meeting.Kind.values),
        kind=AgendaItem.Kind.IMPLEMENTATION_UPDATE,
        proposal=proposal,
    )
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.done_undone",
        obj=proposal,
        changes={"status": [S.IMPLEMENTED, S.IN_PROGRESS], "statement": [we_did, ""]},
    )
    after_commit(tasks.notify_done_undone, proposal.pk)
    return proposal


@transaction.atomic
def proposal_mark_not_implemented(
    *, proposal: Proposal, reason: str, actor, at: dt.datetime | None = None
) -> Proposal:
    at = moment(at)
    _require_owner(proposal, actor)
    proposal = lock_proposal(proposal)
    _require_in_progress(proposal)
    if not reason.strip():
        raise ValidationError({"reason": _("Explain why it could not be done, in plain English.")})
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
    record_event(
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
    after_commit(tasks.notify_implementation_finished, proposal.pk)
