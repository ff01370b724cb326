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
from .elections import (
    ballot,
    election_count,
    election_detail,
    election_list,
    election_new,
    election_rerun,
    nomination_new,
    office_list,
    paper_count_confirm,
    paper_count_discard,
    paper_count_new,
)
from .training import (
    course_detail,
    course_new,
    my_record,
    training_list,
    training_session_detail,
)

__all__ = [
    "ballot",
    "election_count",
    "election_detail",
    "election_list",
    "election_new",
    "election_rerun",
    "nomination_new",
    "office_list",
    "paper_count_confirm",
    "paper_count_discard",
    "paper_count_new",
    "course_detail",
    "course_new",
    "my_record",
    "training_list",
    "training_session_detail",
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
