"""Coordinators approve, ask a question about, or reject a claim."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record

from .. import access, tasks
from ..models import Claim, ClaimStatus
from .common import (
    claim_total_pence,
    lock_claim,
    plain_reason,
    policy_for,
    refuse_unless,
    status_change,
)


@transaction.atomic
def claim_approve(*, claim: Claim, actor) -> Claim:
    """Approve a claim. Above the organisation's threshold the first approval
    is recorded and the claim waits for a second, different approver."""
    claim = lock_claim(claim)
    refuse_unless(access.decide_refusal(actor, claim))
    total = claim_total_pence(claim)
    threshold = policy_for(claim.organisation).second_approval_above_pence
    now = timezone.now()
    if total > threshold and claim.first_approved_by_id is None:
        claim.first_approved_by = actor
        claim.first_approved_at = now
        claim.save(update_fields=["first_approved_by", "first_approved_at"])
        audit_record(
            organisation=claim.organisation,
            actor=actor,
            action="expenses.claim_first_approved",
            obj=claim,
            changes={"total_pence": total, "threshold_pence": threshold},
        )
        return claim
    claim.approved_by = actor
    claim.approved_at = now
    status_change(
        claim=claim,
        to_status=ClaimStatus.APPROVED,
        actor=actor,
        action="expenses.claim_approved",
        changes={"total_pence": total, "second_approval": claim.first_approved_by_id is not None},
    )
    claim.save(update_fields=["status", "approved_by", "approved_at"])
    after_commit(tasks.notify_claim_decided, claim.pk)
    return claim


@transaction.atomic
def claim_query(*, claim: Claim, question: str, actor) -> Claim:
    """Send the claim back to the rep with a question."""
    claim = lock_claim(claim)
    refuse_unless(access.decide_refusal(actor, claim))
    question = plain_reason(
        question,
        field="question",
        empty=_("Write the question for the rep."),
        short=_("Write the question as a full sentence, so the rep knows what to do."),
    )
    claim.question = question
    status_change(
        claim=claim,
        to_status=ClaimStatus.QUERIED,
        actor=actor,
        note=question,
        action="expenses.claim_queried",
    )
    claim.save(update_fields=["status", "question"])
    after_commit(tasks.notify_claim_decided, claim.pk)
    return claim


@transaction.atomic
def claim_reject(*, claim: Claim, reason: str, actor) -> Claim:
    """Refuse a claim, saying why in words the rep will understand."""
    claim = lock_claim(claim)
    refuse_unless(access.decide_refusal(actor, claim))
    reason = plain_reason(
        reason,
        field="reason",
        empty=_("Say why the claim is not approved."),
        short=_("Explain the reason in a full sentence the rep will understand."),
    )
    claim.rejection_reason = reason
    status_change(
        claim=claim,
        to_status=ClaimStatus.REJECTED,
        actor=actor,
        note=reason,
        action="expenses.claim_rejected",
    )
    claim.save(update_fields=["status", "rejection_reason"])
    after_commit(tasks.notify_claim_decided, claim.pk)
    return claim
