"""Milestones on a long piece of work: the owner records them (title, due
date) and marks them done; the reps see them on the proposal's page, and
those who follow it are told when one is done."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record
from councils.periods import day_label

from .. import access, tasks
from ..models import Milestone, Proposal, ProposalEvent
from ..models import ProposalStatus as S
from .common import lock_proposal, moment, record_event


def _require_owner(proposal: Proposal, actor) -> None:
    access.refuse(
        access.is_implementation_owner(actor, proposal),
        _("Only the person who owns this proposal can record its milestones."),
    )


@transaction.atomic
def milestone_add(
    *,
    proposal: Proposal,
    title: str,
    due_on: dt.date | None,
    actor,
    at: dt.datetime | None = None,
) -> Milestone:
    at = moment(at)
    _require_owner(proposal, actor)
    proposal = lock_proposal(proposal)
    errors = {}
    if proposal.status != S.IN_PROGRESS:
        errors["__all__"] = _("This proposal is not being put in place.")
    if not (title or "").strip():
        errors["title"] = _("Say what the milestone is.")
    if due_on is None:
        errors["due_on"] = _("Enter the date it is due.")
    if errors:
        raise ValidationError(errors)
    milestone = Milestone.objects.create(
        organisation_id=proposal.organisation_id,
        proposal=proposal,
        title=title.strip(),
        due_on=due_on,
        created_by=actor,
        created_at=at,
    )
    record_event(
        proposal,
        ProposalEvent.Kind.MILESTONE,
        actor=actor,
        at=at,
        text=_("Milestone added: %(title)s, due %(day)s")
        % {"title": milestone.title, "day": day_label(due_on)},
    )
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.milestone_added",
        obj=proposal,
        changes={"milestone": milestone.title, "due_on": due_on},
    )
    return milestone


@transaction.atomic
def milestone_mark_done(*, milestone: Milestone, actor, at: dt.datetime | None = None) -> Milestone:
    """Done once: marking it again changes nothing and tells nobody twice."""
    at = moment(at)
    _require_owner(milestone.proposal, actor)
    proposal = lock_proposal(milestone.proposal)
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if locked.done_at is not None:
        return locked
    locked.done_at = at
    locked.save(update_fields=["done_at"])
    record_event(
        proposal,
        ProposalEvent.Kind.MILESTONE,
        actor=actor,
        at=at,
        text=_("Milestone done: %(title)s") % {"title": locked.title},
    )
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.milestone_done",
        obj=proposal,
        changes={"milestone": locked.title},
    )
    after_commit(tasks.notify_milestone_done, locked.pk)
    return locked
