"""The lead's page ("My actions"): what to do next, most overdue first,
finished work apart. Paged, so it stays small and quick however much the
person owns."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from councils.addresses import id_url
from councils.tenancy import org_view

from .. import access
from ..selectors.lead import lead_page
from .common import render_page


@org_view
def proposal_my_actions(request):
    org = request.organisation
    if not access.may_see_my_actions(request.user, org):
        raise PermissionDenied(_("This page is for probation leads."))
    all_done = request.GET.get("done") == "all"
    data = lead_page(
        organisation=org,
        user=request.user,
        page=request.GET.get("page"),
        all_done=all_done,
    )
    return render_page(
        request,
        "proposals/my_actions.html",
        {
            "lead": data,
            "all_done": all_done,
            # The finished rows' links, reversed once a page.
            "proposal_url": id_url("proposal_detail", org.slug),
            "meeting_url": id_url("meeting_detail", org.slug),
        },
    )
