"""Expenses' tables: claims (with their lines, receipts, advances, policy and
budgets) in ``claims``, and involvement payments (payments for a rep's time,
kept apart from expenses everywhere) in ``involvement``."""

from .claims import (
    ActivityKind,
    Advance,
    AdvanceMethod,
    Claim,
    ClaimLine,
    ClaimStatus,
    ClaimStatusChange,
    CouncilBudget,
    ExpensePolicy,
    LineKind,
    PaymentMethod,
    Receipt,
)
from .involvement import (
    BenefitsAdvice,
    BenefitsChoice,
    InvolvementPayment,
    InvolvementPaymentStatus,
    InvolvementStatusChange,
)

__all__ = [
    "ActivityKind",
    "Advance",
    "AdvanceMethod",
    "BenefitsAdvice",
    "BenefitsChoice",
    "Claim",
    "ClaimLine",
    "ClaimStatus",
    "ClaimStatusChange",
    "CouncilBudget",
    "ExpensePolicy",
    "InvolvementPayment",
    "InvolvementPaymentStatus",
    "InvolvementStatusChange",
    "LineKind",
    "PaymentMethod",
    "Receipt",
]
