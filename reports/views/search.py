"""Search across what the person may open: proposals, decisions, meetings,
action points, and feedback for those who read it."""

from __future__ import annotations

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from councils.freshness import remember
from councils.permissions import council_ids_where
from councils.tenancy import org_view
from proposals.selectors import meetings_visible_to, visible_council_ids

from ..selectors.search import (
    MAX_QUERY_LENGTH,
    action_points_found,
    clean_query,
    decisions_found,
    feedback_found,
    has_words,
    meetings_found,
    proposals_found,
)

SECTION_TITLES = {
    "proposals": _("Proposals"),
    "decisions": _("Decisions"),
    "meetings": _("Meetings and minutes"),
    "action_points": _("Action points"),
    "feedback": _("Feedback"),
}


@org_view
def search_page(request):
    query = clean_query(request.GET.get("q", ""))
    parts = _found(request.user, request.organisation, query) if has_words(query) else []
    return render(
        request,
        "reports/search.html",
        {
            "search_query": query,
            "max_length": MAX_QUERY_LENGTH,
            "sections": [mark_safe(html) for html, _count in parts],
            "found": sum(count for _html, count in parts),
        },
    )


def _found(user, organisation, query: str) -> list[tuple[str, int]]:
    """Each section of the results, rendered, with how many hits it shows.
    Proposals, decisions and feedback are the same for everyone with the same
    councils; the meetings a person may open also depend on who they are
    (the meetings they chair or are invited to), so those are theirs."""
    feedback_ids = council_ids_where(user, organisation, "surgeries.view_raw_feedback")
    shared = remember(
        organisation,
        "search",
        (query, visible_council_ids(user, organisation), feedback_ids),
        lambda: _rendered(
            [
                proposals_found(user, organisation, query),
                decisions_found(user, organisation, query),
                feedback_found(user, organisation, query),
            ]
        ),
    )

    def meetings_and_action_points():
        visible = meetings_visible_to(user, organisation)
        return _rendered(
            [
                meetings_found(user, organisation, query, visible=visible),
                action_points_found(user, organisation, query, visible=visible),
            ]
        )

    theirs = remember(organisation, "search_meetings", (query, user.pk), meetings_and_action_points)
    return [*shared[:2], *theirs, *shared[2:]]


def _rendered(sections) -> list[tuple[str, int]]:
    return [
        (
            render_to_string(
                "reports/_search_section.html",
                {"title": SECTION_TITLES[section.key], "section": section},
            ),
            len(section.hits),
        )
        for section in sections
        if section is not None
    ]
