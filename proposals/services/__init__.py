"""Every write for proposals, meetings, decisions and implementation.

Each function is keyword-only, runs in one transaction, checks the rules of
DOMAIN.md and who may (``proposals.access``), writes an audit event (and a
timeline event for proposals), and queues email only after the transaction
commits (``councils.after_commit``).

Refusals: bad input raises ``ValidationError({field: "plain message"})``; a
person acting outside their role raises ``PermissionDenied("plain message")``.
Either way nothing is saved.

Several functions take ``at``: the moment the thing happened (default now).
The demo data uses it to tell a story across two quarters.

One module per job; import from here.
"""

from .action_points import action_point_create, action_point_note
from .agenda import (
    agenda_build,
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
)
from .decisions import decision_record, decision_summary, decisions_publish
from .drafting import (
    proposal_add_author,
    proposal_comment,
    proposal_create,
    proposal_follow,
    proposal_mark_ready,
    proposal_update,
    proposal_withdraw,
)
from .implementation import (
    implementation_update_add,
    proposal_assign_owner,
    proposal_mark_implemented,
    proposal_mark_not_implemented,
    proposal_undo_done,
)
from .meetings import cancel_refusal, meeting_cancel, meeting_create, meeting_update
from .milestones import milestone_add, milestone_mark_done
from .minutes import attendance_record, meeting_complete_minutes, minute_add
from .reminders import overdue_reminders_send, papers_due_reminders_send
from .targets import target_date_request_create, target_date_request_decide
from .wording import fingerprint, wording_approve, wording_send_back

__all__ = [
    "action_point_create",
    "action_point_note",
    "agenda_build",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "agenda_item_update",
    "attendance_record",
    "cancel_refusal",
    "decision_record",
    "decision_summary",
    "decisions_publish",
    "fingerprint",
    "implementation_update_add",
    "meeting_cancel",
    "meeting_complete_minutes",
    "meeting_create",
    "meeting_update",
    "milestone_add",
    "milestone_mark_done",
    "minute_add",
    "overdue_reminders_send",
    "papers_due_reminders_send",
    "proposal_add_author",
    "proposal_assign_owner",
    "proposal_comment",
    "proposal_create",
    "proposal_follow",
    "proposal_mark_implemented",
    "proposal_mark_not_implemented",
    "proposal_undo_done",
    "proposal_mark_ready",
    "proposal_update",
    "proposal_withdraw",
    "target_date_request_create",
    "target_date_request_decide",
    "wording_approve",
    "wording_send_back",
]
