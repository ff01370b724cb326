"""Reads for surgeries and feedback, always scoped to one organisation, one
module per job.

Raw feedback (the words people said) is read only for councils where the
person holds ``surgeries.view_raw_feedback``. Staff summaries read counts and
approved quotes only. Other apps import from here."""

from .board import (
    ThemeCount,
    board_items,
    feedback_board,
    picked_among,
    theme_counts,
    with_themes_and_places,
)
from .feedback import (
    feedback_item_for_page,
    feedback_items_by_public_id,
    open_follow_up_count,
    open_follow_ups,
    quotes_reviewed,
    quotes_to_review,
    recently_closed_follow_ups,
    selected_feedback_for,
    selection_count,
    with_selection_counts,
)
from .people import (
    coordinators_of_council,
    councils_where,
    reps_for_councils,
    reps_of_council,
    sites_for_org,
    themes_with_use,
)
from .summary import feedback_summary
from .surgeries import (
    feedback_at_surgery,
    surgeries_coming_up_for,
    surgeries_in_councils,
    surgeries_of_council_this_year,
    surgeries_planned_for,
    surgeries_today_for,
    surgery_for_page,
    tap_at_surgery,
    tap_by_token,
)

__all__ = [
    "ThemeCount",
    "board_items",
    "coordinators_of_council",
    "councils_where",
    "feedback_at_surgery",
    "feedback_board",
    "feedback_item_for_page",
    "feedback_items_by_public_id",
    "feedback_summary",
    "open_follow_up_count",
    "open_follow_ups",
    "picked_among",
    "quotes_reviewed",
    "quotes_to_review",
    "recently_closed_follow_ups",
    "reps_for_councils",
    "reps_of_council",
    "selected_feedback_for",
    "selection_count",
    "sites_for_org",
    "surgeries_coming_up_for",
    "surgeries_in_councils",
    "surgeries_of_council_this_year",
    "surgeries_planned_for",
    "surgeries_today_for",
    "surgery_for_page",
    "tap_at_surgery",
    "tap_by_token",
    "theme_counts",
    "themes_with_use",
    "with_selection_counts",
    "with_themes_and_places",
]
