"""Every write for expenses. Each service checks who may (expenses.access),
runs in a transaction, locks the claim it changes, writes an audit event and
a status history row, and sends email only through tasks after commit."""

from .advances import advance_give, advance_reconcile
from .claims import claim_create, claim_line_add, claim_line_remove, claim_submit
from .common import policy_for
from .decisions import claim_approve, claim_query, claim_reject
from .involvement import (
    advice_in_force,
    benefits_advice_record,
    involvement_exported,
    involvement_payment_add,
    involvement_payment_cancel,
    involvement_payment_correct,
    involvement_payment_reverse,
    involvement_payments_mark_paid,
    payment_refusal_for_advice,
)
from .payments import amount_owed_pence, claim_mark_paid, claims_exported, claims_mark_paid
from .policy import budget_set, policy_update
from .receipts import receipt_open
from .reminders import overdue_reminders_send

__all__ = [
    "advice_in_force",
    "benefits_advice_record",
    "involvement_exported",
    "involvement_payment_add",
    "involvement_payment_cancel",
    "involvement_payment_correct",
    "involvement_payment_reverse",
    "involvement_payments_mark_paid",
    "payment_refusal_for_advice",
    "advance_give",
    "advance_reconcile",
    "amount_owed_pence",
    "budget_set",
    "claim_approve",
    "claim_create",
    "claim_line_add",
    "claim_line_remove",
    "claim_mark_paid",
    "claim_query",
    "claim_reject",
    "claim_submit",
    "claims_exported",
    "claims_mark_paid",
    "overdue_reminders_send",
    "policy_for",
    "policy_update",
    "receipt_open",
]
