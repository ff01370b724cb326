"""Members: people who sign in, council reps and their records.

One module per part of a member's record; import models from here.
"""

from .accounts import RepProfile, RepSetupCode, User
from .elections import (
    Election,
    Nomination,
    Office,
    OfficeHolding,
    PaperBallotCount,
    PaperCountLine,
    Vote,
    VoterRoll,
)
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
from .training import Course, InvolvementStatement, TrainingAttendance, TrainingSession

__all__ = [
    "Course",
    "Election",
    "InvolvementStatement",
    "Nomination",
    "Office",
    "OfficeHolding",
    "PaperBallotCount",
    "PaperCountLine",
    "RepProfile",
    "RepSetupCode",
    "TrainingAttendance",
    "TrainingSession",
    "User",
    "Vote",
    "VoterRoll",
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
