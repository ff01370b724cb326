"""Who may do what with expenses, beyond a plain permission in the role map.

Services call these and refuse a caller who may not, whatever view called
them; views ask the same functions what to show. A ``*_refusal`` function
returns the plain reason a person may not (shown on a 403 page), or ``None``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from councils.models import Council, Organisation, RoleAssignment
from councils.permissions import can_anywhere, roles_granting

from .models import Claim, ClaimStatus, ExpensePolicy

CLAIM = "expenses.claim_expenses"
APPROVE = "expenses.approve_expenses"
PAY = "expenses.pay_expenses"
VIEW_TOTALS = "expenses.view_expenses"
MANAGE_POLICY = "expenses.manage_policy"

EDITABLE = {ClaimStatus.DRAFT, ClaimStatus.QUERIED}


# ---------------------------------------------------------------- claiming


def may_claim_for(user, *, rep, council: Council) -> bool:
    """A rep claims for themself; a coordinator may claim on a rep's behalf."""
    if not rep.has_perm(CLAIM, council):
        return False
    if user.pk == rep.pk:
        return True
    return user.has_perm(APPROVE, council)


def may_claim_anywhere(user, organisation: Organisation) -> bool:
    return can_anywhere(user, organisation, CLAIM) or can_anywhere(user, organisation, APPROVE)


def is_claimant(user, claim: Claim) -> bool:
    """The rep the claim is for, or the person who made it for them."""
    return user.pk in (claim.rep_id, claim.created_by_id)


def edit_refusal(user, claim: Claim) -> str | None:
    if not is_claimant(user, claim):
        return _("Only the rep, or the person who made the claim for them, can change it.")
    if claim.status not in EDITABLE:
        return _(
            "This claim has been sent. It can only be changed if the approver asks a question."
        )
    if not may_claim_for(user, rep=claim.rep, council=claim.council):
        return _("You can no longer claim for this council.")
    return None


# ---------------------------------------------------------------- approving


def may_approve_somewhere(user, organisation: Organisation) -> bool:
    return can_anywhere(user, organisation, APPROVE)


def decide_refusal(user, claim: Claim) -> str | None:
    """Separation of duties: an approver of the council, who is not the rep,
    did not make the claim, and (for a second approval) did not give the first."""
    if not user.has_perm(APPROVE, claim):
        return _("Only a coordinator of this council can approve, query or reject claims.")
    if user.pk == claim.rep_id:
        return _("Nobody can approve their own claim. Another coordinator must do it.")
    if user.pk == claim.created_by_id:
        return _("You made this claim for the rep, so another coordinator must approve it.")
    if claim.status != ClaimStatus.SUBMITTED:
        return _("This claim is not waiting for approval.")
    if claim.first_approved_by_id == user.pk:
        return _("You approved this claim already. A second, different approver is needed.")
    return None


# ---------------------------------------------------------------- paying


def organisation_has_payer(organisation: Organisation) -> bool:
    """Does anyone hold the permission to pay (a finance officer)?"""
    return (
        RoleAssignment.objects.active()
        .filter(organisation=organisation, role__in=roles_granting(PAY))
        .exists()
    )


def may_pay_anywhere(user, organisation: Organisation) -> bool:
    """Finance pays; where the organisation has no finance officer, its admin does."""
    if can_anywhere(user, organisation, PAY):
        return True
    return user.has_perm(MANAGE_POLICY, organisation) and not organisation_has_payer(organisation)


def pay_refusal(user, claim: Claim) -> str | None:
    if not (user.has_perm(PAY, claim) or may_pay_anywhere(user, claim.organisation)):
        return _("Only the finance officer (or the admin, if there is none) can pay claims.")
    if user.pk in (claim.rep_id, claim.created_by_id):
        return _("Nobody can pay their own claim.")
    if claim.status != ClaimStatus.APPROVED:
        return _("Only approved claims can be paid.")
    return None


# ---------------------------------------------------------------- reading


def may_view_claim(user, claim: Claim) -> bool:
    """The claimant; the council's approvers; payers once it is approved.
    Managers see totals, never a person's claim."""
    if is_claimant(user, claim) or user.has_perm(APPROVE, claim):
        return True
    if claim.status in (ClaimStatus.APPROVED, ClaimStatus.PAID):
        return user.has_perm(PAY, claim) or may_pay_anywhere(user, claim.organisation)
    return False


def may_see_totals(user, organisation: Organisation) -> bool:
    return can_anywhere(user, organisation, VIEW_TOTALS)


def may_manage_policy(user, organisation: Organisation) -> bool:
    return user.has_perm(MANAGE_POLICY, organisation)


def may_set_budget(user, council: Council) -> bool:
    """The organisation's admin, or a coordinator of the council."""
    return user.has_perm(MANAGE_POLICY, council.organisation) or user.has_perm(APPROVE, council)


def may_set_budgets_somewhere(user, organisation: Organisation) -> bool:
    return may_manage_policy(user, organisation) or may_approve_somewhere(user, organisation)


def may_give_advance(user, council: Council) -> bool:
    return user.has_perm(APPROVE, council)


# ---------------------------------------------------------------- involvement payments
# The same separation of duties as claims: a coordinator of the rep's council
# records the benefits advice and adds payments; finance (or the admin, where
# there is none) pays; nobody does either for themself.


def involvement_enabled(organisation: Organisation) -> bool:
    # Asked of the database, not a cached relation: the switch may have just changed.
    return ExpensePolicy.objects.filter(
        organisation_id=organisation.pk, involvement_payments_enabled=True
    ).exists()


def may_manage_involvement_somewhere(user, organisation: Organisation) -> bool:
    return involvement_enabled(organisation) and can_anywhere(user, organisation, APPROVE)


def involvement_add_refusal(user, *, rep, council: Council) -> str | None:
    """May this person record benefits advice for, or add a payment to, this rep?"""
    if not involvement_enabled(council.organisation):
        return _("This organisation does not offer involvement payments.")
    if not user.has_perm(APPROVE, council):
        return _("Only a coordinator of the rep's council can do this.")
    if user.pk == rep.pk:
        return _("Nobody can record this for themself. Another coordinator must do it.")
    if not rep.has_perm(CLAIM, council):
        return _("Choose a rep of this council.")
    return None


def involvement_pay_refusal(user, payment) -> str | None:
    if not (user.has_perm(PAY, payment) or may_pay_anywhere(user, payment.organisation)):
        return _("Only the finance officer (or the admin, if there is none) can pay.")
    if user.pk in (payment.rep_id, payment.created_by_id):
        return _("Nobody can pay a payment they added or one made to them.")
    if payment.status == "paid":
        return _("This payment has been paid already.")
    if payment.status != "waiting":
        return _("This payment was cancelled, so it cannot be paid.")
    return None


def may_see_involvement_payment(user, payment) -> bool:
    """A coordinator of the payment's council (where payments are offered),
    or whoever pays."""
    if user.pk == payment.rep_id:
        return False
    if involvement_enabled(payment.organisation) and user.has_perm(APPROVE, payment.council):
        return True
    return user.has_perm(PAY, payment) or may_pay_anywhere(user, payment.organisation)


def involvement_change_refusal(user, payment) -> str | None:
    """May this person correct or cancel a payment recorded wrongly? A
    coordinator of its council, while it waits. A paid one is never changed
    or cancelled: finance records that it was paid in error instead."""
    if not user.has_perm(APPROVE, payment.council):
        return _("Only a coordinator of the rep's council can correct or cancel a payment.")
    if user.pk == payment.rep_id:
        return _("Nobody can change a payment made to them.")
    if payment.status == "paid":
        return _(
            "This payment has been paid, so it cannot be changed or cancelled. "
            "Finance can record that it was paid in error."
        )
    if payment.status != "waiting":
        return _("This payment was cancelled or reversed already.")
    return None


def involvement_reverse_refusal(user, payment) -> str | None:
    """May this person record that a paid payment was paid in error?"""
    if not (user.has_perm(PAY, payment) or may_pay_anywhere(user, payment.organisation)):
        return _("Only the finance officer (or the admin, if there is none) can do this.")
    if user.pk == payment.rep_id:
        return _("Nobody can change a payment made to them.")
    if payment.status != "paid":
        return _("Only a paid payment can be recorded as paid in error.")
    return None
