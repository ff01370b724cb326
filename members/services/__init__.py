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

__all__ = [
    "SETUP_CODE_MAX_TRIES",
    "SETUP_CODE_VALID_FOR",
    "rep_account_create",
    "rep_setup_code_issue",
    "rep_setup_code_redeem",
    "role_assign",
    "staff_invite",
    "unique_username",
]
