"""Members: people who sign in, council reps and their records.

One module per part of a member's record; import models from here.
"""

from .accounts import RepProfile, RepSetupCode, User
from .reps import (
    BoundariesAgreement,
    CheckIn,
    EligibilityDecision,
    Letter,
    LicenceCondition,
    Referral,
    RepStatusChange,
    SuitabilityDecision,
)

__all__ = [
    "BoundariesAgreement",
    "CheckIn",
    "EligibilityDecision",
    "Letter",
    "LicenceCondition",
    "Referral",
    "RepProfile",
    "RepSetupCode",
    "RepStatusChange",
    "SuitabilityDecision",
    "User",
]
