"""Search across what the person may open: proposals, decisions, meetings,
action points, and feedback for those who read it."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from councils.tenancy import org_view

from ..selectors.search import MAX_QUERY_LENGTH, clean_query, search

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
    sections = search(user=request.user, organisation=request.organisation, query=query)
    return render(
        request,
        "reports/search.html",
        {
            "search_query": query,
            "max_length": MAX_QUERY_LENGTH,
            "sections": [(SECTION_TITLES[s.key], s) for s in sections],
            "found": sum(len(s.hits) for s in sections),
        },
    )
