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
from .reps import (
    letter_posted,
    letters_list,
    my_details,
    my_details_change,
    referral_detail,
    referral_list,
    referral_new,
    rep_boundaries,
    rep_check_in_new,
    rep_condition_new,
    rep_eligibility_decision,
    rep_order_end,
    rep_record,
    rep_restricted,
    rep_status,
    rep_suitability,
    reps_home,
)

__all__ = [
    "letter_posted",
    "letters_list",
    "my_details",
    "my_details_change",
    "referral_detail",
    "referral_list",
    "referral_new",
    "rep_boundaries",
    "rep_check_in_new",
    "rep_condition_new",
    "rep_eligibility_decision",
    "rep_order_end",
    "rep_record",
    "rep_restricted",
    "rep_status",
    "rep_suitability",
    "reps_home",
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
