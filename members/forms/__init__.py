"""Forms for people: staff, reps, roles, setup codes and sign-in."""

from .accounts import (
    RepAccountForm,
    RepSetupForm,
    RoleAssignForm,
    ScopeField,
    SignInForm,
    StaffInviteForm,
)
from .reps import (
    BoundariesForm,
    CheckInForm,
    EligibilityDecisionForm,
    LicenceConditionForm,
    MyDetailsForm,
    OrderEndForm,
    ReferralForm,
    ReferralStatusForm,
    RepStatusForm,
    SuitabilityForm,
)

__all__ = [
    "BoundariesForm",
    "CheckInForm",
    "EligibilityDecisionForm",
    "LicenceConditionForm",
    "MyDetailsForm",
    "OrderEndForm",
    "ReferralForm",
    "ReferralStatusForm",
    "RepStatusForm",
    "SuitabilityForm",
    "RepAccountForm",
    "RepSetupForm",
    "RoleAssignForm",
    "ScopeField",
    "SignInForm",
    "StaffInviteForm",
]
