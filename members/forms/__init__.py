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

__all__ = [
    "RepAccountForm",
    "RepSetupForm",
    "RoleAssignForm",
    "ScopeField",
    "SecondFactorCheckForm",
    "SecondFactorForm",
    "SignInForm",
    "StaffInviteForm",
]
