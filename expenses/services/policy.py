"""The organisation's expenses policy and each council's budget."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.audit import audit_record, changes_between, model_values
from councils.models import Council, Organisation

from .. import access
from ..models import CouncilBudget, ExpensePolicy
from ..money import BUDGET_MAX_PENCE, NATIONAL_LIVING_WAGE_PENCE, money
from .common import policy_for

YEAR_MIN, YEAR_MAX = 2000, 2100

POLICY_FIELDS = [
    "mileage_rate_pence",
    "second_approval_above_pence",
    "payment_target_working_days",
    "involvement_payments_enabled",
    "involvement_hourly_rate_pence",
]


@transaction.atomic
def policy_update(*, organisation: Organisation, actor, **values) -> ExpensePolicy:
    if not access.may_manage_policy(actor, organisation):
        raise PermissionDenied(_("Only the organisation's admin can change the expenses policy."))
    unknown = set(values) - set(POLICY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown policy fields: {sorted(unknown)}")
    errors: dict[str, str] = {}
    rate = values.get("mileage_rate_pence")
    if rate is not None and not 0 <= rate <= 500:
        errors["mileage_rate_pence"] = _("Enter a rate between 0 and 500 pence a mile.")
    target = values.get("payment_target_working_days")
    if target is not None and not 1 <= target <= 60:
        errors["payment_target_working_days"] = _("Enter between 1 and 60 working days.")
    threshold = values.get("second_approval_above_pence")
    if threshold is not None and threshold < 0:
        errors["second_approval_above_pence"] = _("The amount cannot be less than 0.")
    hourly = values.get("involvement_hourly_rate_pence")
    if hourly is not None and hourly < NATIONAL_LIVING_WAGE_PENCE:
        errors["involvement_hourly_rate_pence"] = _(
            "The hourly rate cannot be less than the National Living Wage, %(floor)s an hour."
        ) % {"floor": money(NATIONAL_LIVING_WAGE_PENCE)}
    if errors:
        raise ValidationError(errors)
    policy_for(organisation)
    policy = ExpensePolicy.objects.select_for_update().get(organisation=organisation)
    before = model_values(policy, list(values))
    for name, value in values.items():
        setattr(policy, name, value)
    changes = changes_between(before, values)
    if changes:
        policy.save(update_fields=[*changes, "updated_at"])
        audit_record(
            organisation=organisation,
            actor=actor,
            action="expenses.policy_changed",
            obj=policy,
            changes=changes,
        )
    return policy


@transaction.atomic
def budget_set(*, council: Council, year_starting: int, amount_pence: int, actor) -> CouncilBudget:
    """A council's budget for the financial year starting in April of ``year_starting``."""
    if not access.may_set_budget(actor, council):
        raise PermissionDenied(
            _("Only the organisation's admin or a coordinator of the council can set its budget.")
        )
    errors: dict[str, str] = {}
    if amount_pence < 0:
        errors["amount"] = _("The amount cannot be less than 0.")
    elif amount_pence > BUDGET_MAX_PENCE:
        errors["amount"] = _("The amount is too large. Check you have typed it correctly.")
    if not YEAR_MIN <= year_starting <= YEAR_MAX:
        errors["year"] = _("Choose a financial year.")
    if errors:
        raise ValidationError(errors)
    budget, created = CouncilBudget.objects.select_for_update().get_or_create(
        organisation_id=council.organisation_id,
        council=council,
        year_starting=year_starting,
        defaults={"amount_pence": amount_pence},
    )
    before = None if created else budget.amount_pence
    if not created and budget.amount_pence != amount_pence:
        budget.amount_pence = amount_pence
        budget.save(update_fields=["amount_pence", "updated_at"])
    audit_record(
        organisation=council.organisation,
        actor=actor,
        action="expenses.budget_set",
        obj=budget,
        changes={"amount_pence": [before, amount_pence], "year": year_starting},
    )
    return budget
