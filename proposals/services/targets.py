"""A new target date: the owner asks the chair, with a reason; a chair of
the council agrees or not, with a reason. Both stay on the proposal's
timeline and in the audit log; an agreed date becomes the target."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record
from councils.periods import day_label

from .. import access, tasks
from ..models import Proposal, ProposalEvent, TargetDateRequest
from ..models import ProposalStatus as S
from .common import lock_proposal, moment, record_event

Status = TargetDateRequest.Status


def _lock_request(request: TargetDateRequest) -> TargetDateRequest:
    return (
        TargetDateRequest.objects.select_for_update(of=("self",))
        .select_related("proposal", "asked_by")
        .get(pk=request.pk)
    )


@transaction.atomic
def target_date_request_create(
    *,
    proposal: Proposal,
    new_target_date: dt.date | None,
    reason: str,
    actor,
    at: dt.datetime | None = None,
) -> TargetDateRequest:
    """The owner asks a chair of the council for a new target date."""
    at = moment(at)
    access.refuse(
        access.is_implementation_owner(actor, proposal),
        _("Only the person who owns this proposal can ask for a new target date."),
    )
    proposal = lock_proposal(proposal)
    if proposal.status != S.IN_PROGRESS:
        raise ValidationError({"__all__": _("This proposal is not being put in place.")})
    errors = {}
    today = timezone.localdate(at)
    if new_target_date is None:
        errors["new_target_date"] = _("Enter the new target date you are asking for.")
    elif new_target_date < today:
        errors["new_target_date"] = _("The new target date cannot be in the past.")
    elif new_target_date == proposal.target_date:
        errors["new_target_date"] = _("That is the target date already. Choose another date.")
    if not (reason or "").strip():
        errors["reason"] = _("Say why you need a new target date.")
    if TargetDateRequest.objects.filter(proposal=proposal, status=Status.WAITING).exists():
        errors["__all__"] = _("You have asked already. Wait for the chair's answer.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            request = TargetDateRequest.objects.create(
                organisation_id=proposal.organisation_id,
                proposal=proposal,
                asked_by=actor,
                asked_at=at,
                old_target_date=proposal.target_date,
                new_target_date=new_target_date,
                reason=reason.strip(),
            )
    except IntegrityError as error:  # another request was made a moment ago
        raise ValidationError(
            {"__all__": _("You have asked already. Wait for the chair's answer.")}
        ) from error
    record_event(
        proposal,
        ProposalEvent.Kind.TARGET_DATE_ASKED,
        actor=actor,
        at=at,
        text=_("Asked to move the target date to %(day)s: %(reason)s")
        % {"day": day_label(new_target_date), "reason": request.reason},
    )
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.target_date_asked",
        obj=proposal,
        changes={"target_date": [proposal.target_date, new_target_date]},
    )
    after_commit(tasks.notify_target_date_asked, request.pk)
    return request


@transaction.atomic
def target_date_request_decide(
    *,
    request: TargetDateRequest,
    agree: bool,
    answer: str,
    actor,
    at: dt.datetime | None = None,
) -> TargetDateRequest:
    """A chair of the council agrees (the target date moves) or not, and says why."""
    at = moment(at)
    access.refuse(
        access.may_assign_owner(actor, request.proposal),
        _("Only a chair of this council can answer a request for a new target date."),
    )
    proposal = lock_proposal(request.proposal)
    request = _lock_request(request)
    if request.status != Status.WAITING:
        raise ValidationError({"__all__": _("This request has been answered already.")})
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Say why, so the lead knows.")})
    request.status = Status.AGREED if agree else Status.REFUSED
    request.decided_by = actor
    request.decided_at = at
    request.answer = answer.strip()
    request.save(update_fields=["status", "decided_by", "decided_at", "answer"])
    old_target = proposal.target_date
    if agree and proposal.status == S.IN_PROGRESS:
        proposal.target_date = request.new_target_date
        proposal.save(update_fields=["target_date", "updated_at"])
    if agree:
        text = _("New target date agreed: %(day)s. %(answer)s")
    else:
        text = _("New target date (%(day)s) not agreed. %(answer)s")
    record_event(
        proposal,
        ProposalEvent.Kind.TARGET_DATE_ANSWERED,
        actor=actor,
        at=at,
        text=text % {"day": day_label(request.new_target_date), "answer": request.answer},
    )
    audit_record(
        organisation=proposal.organisation,
        actor=actor,
        action="proposal.target_date_agreed" if agree else "proposal.target_date_refused",
        obj=proposal,
        changes={"target_date": [old_target, proposal.target_date], "answer": request.answer},
    )
    after_commit(tasks.notify_target_date_answered, request.pk)
    return request
