"""The lead's page ("My actions"): what to do next, most overdue first,
finished work apart. Paged, so it stays small and quick however much the
person owns."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from councils.addresses import id_url
from councils.freshness import page_of, remember_parts
from councils.tenancy import org_view

from .. import access
from ..selectors.lead import lead_page
from .common import PAGES_HERE, render_page, with_pages


@org_view
def proposal_my_actions(request):
    org = request.organisation
    if not access.may_see_my_actions(request.user, org):
        raise PermissionDenied(_("This page is for probation leads."))
    all_done = request.GET.get("done") == "all"
    number = request.GET.get("page")

    def build() -> dict:
        data = lead_page(organisation=org, user=request.user, page=number, all_done=all_done)
        page = data.done_page if all_done else data.open_page
        context = {
            "lead": data,
            "all_done": all_done,
            "organisation": org,
            # The finished rows' links, reversed once a page.
            "proposal_url": id_url("proposal_detail", org.slug),
            "meeting_url": id_url("meeting_detail", org.slug),
            "pages_here": PAGES_HERE,
        }
        return {
            "count": page.paginator.count,
            "number": page.number,
            "per_page": page.paginator.per_page,
            "lists": render_to_string("proposals/includes/my_actions_lists.html", context),
        }

    # The person's own work, until the data under it changes.
    lead = remember_parts(org, "my_actions", (request.user.pk, all_done, number), build)
    page = page_of(lead["count"], lead["per_page"], lead["number"])
    return render_page(
        request,
        "proposals/my_actions.html",
        {"all_done": all_done, "lists": with_pages(request, lead["lists"], page)},
    )
