"""What every expenses service shares: the policy, status history, locking."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import audit_record
from councils.models import Organisation

from ..models import Claim, ClaimStatusChange, ExpensePolicy

TEXT_MAX = 2000
# A reason a person can understand is a sentence, not "no" or "duplicate".
REASON_MIN_WORDS = 4


def plain_reason(text: str, *, field: str, empty: str, short: str) -> str:
    """A question or reason written as a sentence, within the length limit."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: empty})
    if len(text.split()) < REASON_MIN_WORDS:
        raise ValidationError({field: short})
    if len(text) > TEXT_MAX:
        raise ValidationError({field: _("Use 2,000 characters or fewer.")})
    return text


def policy_for(organisation: Organisation) -> ExpensePolicy:
    """The organisation's policy, made with its defaults the first time."""
    policy, _ = ExpensePolicy.objects.get_or_create(organisation=organisation)
    return policy


def refuse_unless(refusal: str | None) -> None:
    if refusal:
        raise PermissionDenied(refusal)


def lock_claim(claim: Claim) -> Claim:
    """The claim as it is now, locked until the transaction ends: two
    coordinators deciding at once cannot both win."""
    return (
        Claim.objects.select_for_update().select_related("organisation", "council").get(pk=claim.pk)
    )


def status_change(
    *, claim: Claim, to_status: str, actor, note: str = "", action: str, changes=None
) -> None:
    """Record a change of status: a history row and an audit event. The caller
    has set ``claim.status`` and saves the fields it changed."""
    from_status = claim.status
    claim.status = to_status
    ClaimStatusChange.objects.create(
        organisation_id=claim.organisation_id,
        claim=claim,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        note=note,
        at=timezone.now(),
    )
    audit_record(
        organisation=claim.organisation,
        actor=actor,
        action=action,
        obj=claim,
        changes={"status": [from_status, to_status], **(changes or {})},
    )


def claim_total_pence(claim: Claim) -> int:
    return sum(claim.lines.values_list("amount_pence", flat=True))
