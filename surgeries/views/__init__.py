"""Surgeries and feedback pages, one module per job.

Raw feedback pages need ``surgeries.view_raw_feedback`` on the council (reps
and coordinators). Everyone else is refused with a plain 403 and pointed to
the summary, which shows counts and approved quotes only. Who may do what is
asked of ``surgeries.access``, the same rules the services enforce."""

from .coordination import (
    followup_close,
    followup_list,
    quote_list,
    quote_review,
    theme_edit,
    theme_list,
)
from .feedback import (
    feedback_board,
    feedback_detail,
    feedback_edit,
    feedback_home,
    feedback_new,
    feedback_selection,
    feedback_summary,
)
from .offline import surgery_offline, surgery_service_worker
from .surgeries import (
    surgery_cancel,
    surgery_count,
    surgery_count_undo,
    surgery_counts,
    surgery_detail,
    surgery_edit,
    surgery_letter,
    surgery_list,
    surgery_new,
    surgery_today,
)

__all__ = [
    "feedback_board",
    "feedback_detail",
    "feedback_edit",
    "feedback_home",
    "feedback_new",
    "feedback_selection",
    "feedback_summary",
    "followup_close",
    "followup_list",
    "quote_list",
    "quote_review",
    "surgery_cancel",
    "surgery_count",
    "surgery_count_undo",
    "surgery_counts",
    "surgery_detail",
    "surgery_edit",
    "surgery_letter",
    "surgery_list",
    "surgery_new",
    "surgery_offline",
    "surgery_service_worker",
    "surgery_today",
    "theme_edit",
    "theme_list",
]
