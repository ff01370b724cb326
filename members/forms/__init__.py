"""Forms for people: staff, reps, roles, setup codes and sign-in."""

from .accounts import (
    RepAccountForm,
    RepSetupForm,
    RoleAssignForm,
    ScopeField,
    SecondFactorCheckForm,
    SecondFactorForm,
    SignInForm,
    StaffInviteForm,
)
from .elections import (
    BallotForm,
    ElectionOpenForm,
    NominationForm,
    PaperCountForm,
    RerunForm,
    WithdrawalForm,
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
from .training import AttendanceForm, CourseForm, InvolvementStatementForm, TrainingSessionForm

__all__ = [
    "AttendanceForm",
    "BallotForm",
    "CourseForm",
    "ElectionOpenForm",
    "InvolvementStatementForm",
    "NominationForm",
    "PaperCountForm",
    "RerunForm",
    "TrainingSessionForm",
    "WithdrawalForm",
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
    "SecondFactorCheckForm",
    "SecondFactorForm",
    "SignInForm",
    "StaffInviteForm",
]
