"""Pages for people: staff, reps, roles and setup codes.

One module per part; urls import from here.
"""

from .accounts import (
    account_settings,
    people_list,
    person_detail,
    rep_create,
    rep_new_code,
    rep_setup,
    role_assign_view,
    role_end_view,
    staff_invite,
)

__all__ = [
    "people_list",
    "person_detail",
    "staff_invite",
    "rep_create",
    "rep_new_code",
    "role_assign_view",
    "role_end_view",
    "rep_setup",
    "account_settings",
]
