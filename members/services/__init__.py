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
from .elections import (
    add_months,
    ballot_cast,
    council_reps,
    election_count,
    election_open,
    election_rerun,
    nomination_add,
    paper_count_confirm,
    paper_count_discard,
    paper_count_enter,
    tied_nominations,
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
    restricted_records_listed,
    suitability_record,
    surgery_limit_warnings,
)
from .retention import personal_data_delete_expired
from .training import (
    course_create,
    involvement_statement_save,
    training_attendance_record,
    training_session_create,
)

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
    "restricted_records_listed",
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
    "add_months",
    "ballot_cast",
    "council_reps",
    "election_count",
    "election_open",
    "election_rerun",
    "nomination_add",
    "paper_count_confirm",
    "paper_count_discard",
    "paper_count_enter",
    "tied_nominations",
    "course_create",
    "involvement_statement_save",
    "training_attendance_record",
    "training_session_create",
]
