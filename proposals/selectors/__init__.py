"""Reads for proposals and meetings: querysets scoped to one organisation, the
lists people need, and the figures with explicit denominators. Selectors
never write. One module per subject; import from here.

``proposal_figures`` and ``ProposalFigures`` are shared with the reports app.
"""

from .evidence import Evidence, draft_problem_text, evidence_for
from .figures import ProposalFigures, proposal_figures
from .history import as_at_moment, overdue_at, status_at, status_since, with_status_at
from .meetings import (
    PAPERS_REMINDER_DAYS,
    meeting_for_page,
    meeting_list,
    meetings_due_papers_reminder,
    meetings_visible_to,
    next_meeting_like,
    upcoming_meetings,
    waiting_agenda_items,
)
from .people import (
    chairs_for_council,
    leads_for_council,
    people_for_council,
    people_with_role_for_council,
    reps_of_council,
    user_has_role_for_council,
)
from .proposals import (
    DECIDABLE_STATUSES,
    REMINDER_GAP,
    UPDATE_INTERVAL,
    ProposalFilters,
    comments_for,
    decision_history_for,
    decisions_awaiting,
    implementation_updates_for,
    my_actions,
    our_proposals,
    overdue_action_points,
    overdue_proposals,
    overdue_proposals_due_reminder,
    overdue_q,
    proposal_for_detail,
    proposal_list,
    proposals_for_org,
    timeline_for,
    visible_council_ids,
)

__all__ = [
    "DECIDABLE_STATUSES",
    "as_at_moment",
    "overdue_at",
    "status_at",
    "status_since",
    "with_status_at",
    "PAPERS_REMINDER_DAYS",
    "REMINDER_GAP",
    "UPDATE_INTERVAL",
    "Evidence",
    "ProposalFigures",
    "ProposalFilters",
    "chairs_for_council",
    "comments_for",
    "decision_history_for",
    "decisions_awaiting",
    "draft_problem_text",
    "evidence_for",
    "implementation_updates_for",
    "leads_for_council",
    "meeting_for_page",
    "meeting_list",
    "meetings_due_papers_reminder",
    "meetings_visible_to",
    "my_actions",
    "next_meeting_like",
    "our_proposals",
    "overdue_action_points",
    "overdue_proposals",
    "overdue_proposals_due_reminder",
    "overdue_q",
    "people_for_council",
    "people_with_role_for_council",
    "proposal_figures",
    "proposal_for_detail",
    "proposal_list",
    "proposals_for_org",
    "reps_of_council",
    "timeline_for",
    "upcoming_meetings",
    "user_has_role_for_council",
    "visible_council_ids",
    "waiting_agenda_items",
]
