"""Writes for surgeries, feedback, follow-ups, quotes, themes and the
evidence selection, one module per job. Each service runs in a transaction,
checks who may (``surgeries.access``), validates, writes an audit event and
starts any email with ``after_commit``.

Other apps import from here; the names below are the public ones."""

from .counting import (
    count_errors,
    surgery_count_person,
    surgery_count_undo,
    surgery_record_counts,
)
from .feedback import TOKEN_USED, feedback_correct, feedback_log, logged_time
from .followups import followup_close
from .limits import (
    COUNT_MAX,
    LOG_BACK,
    NOTE_MAX,
    PLAN_AHEAD,
    QUOTE_MAX,
    REASON_MAX,
    SAID_MAX,
    SIGNPOSTED_OTHER_MAX,
    THEME_NAME_MAX,
)
from .planning import surgery_cancel, surgery_schedule, surgery_update
from .quotes import quote_approve, quote_reject
from .selection import feedback_selection_add, feedback_selection_clear, feedback_selection_remove
from .themes import theme_create, theme_rename, theme_set_active

__all__ = [
    "COUNT_MAX",
    "LOG_BACK",
    "NOTE_MAX",
    "PLAN_AHEAD",
    "QUOTE_MAX",
    "REASON_MAX",
    "SAID_MAX",
    "SIGNPOSTED_OTHER_MAX",
    "THEME_NAME_MAX",
    "TOKEN_USED",
    "count_errors",
    "feedback_correct",
    "feedback_log",
    "feedback_selection_add",
    "feedback_selection_clear",
    "feedback_selection_remove",
    "followup_close",
    "logged_time",
    "quote_approve",
    "quote_reject",
    "surgery_cancel",
    "surgery_count_person",
    "surgery_count_undo",
    "surgery_record_counts",
    "surgery_schedule",
    "surgery_update",
    "theme_create",
    "theme_rename",
    "theme_set_active",
]
