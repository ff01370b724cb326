"""Every write for members: accounts, setup codes and rep records.

Keyword-only functions, each in one transaction, checking who may
(``members.access``), writing an audit event and scheduling side effects with
``councils.after_commit``. One module per job; import from here.
"""

from .accounts import (
    SETUP_CODE_MAX_TRIES,
    SETUP_CODE_VALID_FOR,
    rep_account_create,
    rep_setup_code_issue,
    rep_setup_code_redeem,
    role_assign,
    staff_invite,
    unique_username,
)
from .reps import (
    CHANGEABLE_STATUSES,
    boundaries_record,
    check_in_record,
    eligibility_decision_record,
    letter_instead_of_email,
    letter_mark_posted,
    licence_condition_add,
    my_details_update,
    referral_create,
    referral_set_status,
    rep_order_end_record,
    rep_status_change,
    restricted_record_read,
    suitability_record,
    surgery_limit_warnings,
)
from .retention import personal_data_delete_expired

__all__ = [
    "CHANGEABLE_STATUSES",
    "boundaries_record",
    "check_in_record",
    "eligibility_decision_record",
    "letter_instead_of_email",
    "letter_mark_posted",
    "licence_condition_add",
    "my_details_update",
    "personal_data_delete_expired",
    "referral_create",
    "referral_set_status",
    "rep_order_end_record",
    "rep_status_change",
    "restricted_record_read",
    "suitability_record",
    "surgery_limit_warnings",
    "SETUP_CODE_MAX_TRIES",
    "SETUP_CODE_VALID_FOR",
    "rep_account_create",
    "rep_setup_code_issue",
    "rep_setup_code_redeem",
    "role_assign",
    "staff_invite",
    "unique_username",
]
