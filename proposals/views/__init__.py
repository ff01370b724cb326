"""Pages for proposals, meetings, decisions and implementation. Thin: parse,
check who may (``proposals.access``), call a service or selector, render.
One module per part of the work; ``urls.py`` imports from here."""

from .agenda import agenda_build, agenda_item_edit, agenda_item_move, meeting_agenda
from .decisions import decision_record, decisions_publish, decisions_publish_check
from .implementation import (
    proposal_assign_owner,
    proposal_implemented,
    proposal_not_implemented,
    proposal_undo_done,
    proposal_update_add,
)
from .lead import proposal_my_actions
from .lists import (
    proposal_decisions,
    proposal_list,
    proposal_ours,
    proposal_overdue,
)
from .meetings import meeting_cancel, meeting_detail, meeting_edit, meeting_list, meeting_new
from .minutes import (
    action_point_new,
    action_point_note,
    meeting_attendance,
    meeting_complete,
    meeting_mark_ready,
    meeting_minute_add,
)
from .proposals import (
    proposal_add_author,
    proposal_comment,
    proposal_detail,
    proposal_edit,
    proposal_follow,
    proposal_new,
    proposal_withdraw,
)
from .targets import milestone_done, milestone_new, target_date_answer, target_date_ask
from .wording import wording_review, wording_waiting

__all__ = [
    "milestone_done",
    "milestone_new",
    "target_date_answer",
    "target_date_ask",
    "action_point_new",
    "action_point_note",
    "agenda_build",
    "agenda_item_edit",
    "agenda_item_move",
    "decision_record",
    "decisions_publish",
    "decisions_publish_check",
    "meeting_agenda",
    "meeting_attendance",
    "meeting_cancel",
    "meeting_complete",
    "meeting_detail",
    "meeting_edit",
    "meeting_list",
    "meeting_mark_ready",
    "meeting_minute_add",
    "meeting_new",
    "proposal_add_author",
    "proposal_assign_owner",
    "proposal_comment",
    "proposal_decisions",
    "proposal_detail",
    "proposal_edit",
    "proposal_follow",
    "proposal_implemented",
    "proposal_undo_done",
    "proposal_list",
    "proposal_my_actions",
    "proposal_new",
    "proposal_not_implemented",
    "proposal_ours",
    "proposal_overdue",
    "proposal_update_add",
    "proposal_withdraw",
    "wording_review",
    "wording_waiting",
]
