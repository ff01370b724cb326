"""The lists of proposals: all, ours, decisions awaiting a chair, a lead's
actions, and what is overdue."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.addresses import id_url
from councils.freshness import page_of, remember, remember_html, remember_parts
from councils.models import Council
from councils.permissions import can_anywhere, council_ids_where, require_perm
from councils.tenancy import org_view

from .. import selectors
from ..forms import ProposalFilterForm
from ..models import ProposalStatus
from ..selectors.lead import target_requests_waiting
from ..templatetags.proposal_state import SINCE_LATER, fill_since
from .common import render_page


@org_view
def proposal_list(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.view_proposal"):
        require_perm(request, "proposals.view_proposal", org)
    council_ids = selectors.visible_council_ids(request.user, org)
    # A choice needs only its public id and name.
    councils = Council.objects.filter(organisation=org).only("public_id", "name")
    if council_ids is not None:
        councils = councils.filter(id__in=council_ids)
    form = ProposalFilterForm(request.GET or None, councils=councils, organisation=org)
    # The councils and themes to choose from, until the data changes.
    form.use_listed_choices(
        remember(org, "proposal_filter_choices", council_ids, form.listed_choices)
    )
    filters = selectors.ProposalFilters()
    if form.is_valid():
        period = form.chosen_period()
        filters = selectors.ProposalFilters(
            council=form.cleaned_data["council"],
            theme_id=form.cleaned_data["theme"].pk if form.cleaned_data["theme"] else None,
            status=form.cleaned_data["status"],
            start=period.start if period else None,
            end=period.end if period else None,
        )
    # The same for everyone who may see these councils, until the data
    # under them changes: the counts, the page of rows and the figures.
    scope = (
        council_ids,
        filters.council.pk if filters.council is not None else None,
        filters.theme_id,
        filters.status,
        filters.start,
        filters.end,
    )
    counts = remember(
        org,
        "proposal_list_counts",
        scope,
        lambda: selectors.proposal_list(organisation=org, user=request.user, filters=filters)[1],
    )
    rows = selectors.proposal_rows(organisation=org, user=request.user, filters=filters)
    paginator = Paginator(rows, 25)
    # How many match is already counted, by status: no COUNT query for it.
    paginator.count = counts.get(filters.status, 0) if filters.status else sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    proposal_url = id_url("proposal_detail", org.slug)
    table = remember_html(
        org,
        "proposal_list_rows",
        (*scope, page.number),
        lambda: render_to_string(
            "proposals/includes/proposal_table.html",
            {"page": page, "proposal_url": proposal_url, "organisation": org},
        ),
    )
    figure_councils = [filters.council.pk] if filters.council is not None else council_ids
    figures = remember_html(
        org,
        "proposal_figures",
        (figure_councils, filters.start, filters.end),
        lambda: render_to_string(
            "proposals/includes/figures.html",
            {
                "figures": selectors.proposal_figures(
                    organisation=org,
                    council_ids=figure_councils,
                    start=filters.start,
                    end=filters.end,
                )
            },
        ),
    )
    status_counts = [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in ProposalStatus.choices
        if counts.get(value)
    ]
    return render_page(
        request,
        "proposals/proposal_list.html",
        {
            "form": form,
            "page": page,
            "has_rows": paginator.count > 0,
            "table": table,
            "total": sum(counts.values()),
            "status_counts": status_counts,
            "figures": figures,
            "can_author": can_anywhere(request.user, org, "proposals.author_proposal"),
        },
    )


@org_view
def proposal_ours(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.author_proposal"):
        raise PermissionDenied(_("This page is for council reps."))
    number = request.GET.get("page")

    def build() -> dict:
        page = Paginator(selectors.our_proposals(organisation=org, user=request.user), 25).get_page(
            number
        )
        return {
            "count": page.paginator.count,
            "number": page.number,
            "has_rows": bool(page.object_list),
            "cards": render_to_string(
                "proposals/includes/our_proposal_cards.html", {"page": page, "organisation": org}
            ),
        }

    # The person's own first, so theirs alone, until the data changes.
    scope = council_ids_where(request.user, org, "proposals.author_proposal")
    ours = remember_parts(org, "our_proposals", (request.user.pk, scope, number), build)
    return render_page(
        request,
        "proposals/proposal_ours.html",
        {
            "page": page_of(ours["count"], 25, ours["number"]),
            "has_rows": ours["has_rows"],
            "cards": ours["cards"],
        },
    )


@org_view
def proposal_decisions(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.decide_proposal"):
        raise PermissionDenied(_("This page is for chairs."))
    ids = council_ids_where(request.user, org, "proposals.view_oversight")

    def build() -> str:
        data = selectors.decisions_awaiting_lists(organisation=org, user=request.user)
        context = {
            "waiting": data["waiting"],
            "unpublished": data["unpublished"],
            "needs_owner": data["needs_owner"],
            "target_requests": target_requests_waiting(organisation=org, user=request.user),
            "overdue": list(selectors.overdue_proposals(organisation=org, council_ids=ids)[:50]),
            "today": timezone.localdate(),
            "organisation": org,
            SINCE_LATER: True,
        }
        return render_to_string("proposals/includes/decisions_awaiting_lists.html", context)

    # The chair's own lists (the meetings they chair count too), until the
    # data under them changes; the time since each overdue update is
    # written as it is shown.
    lists = remember_html(
        org,
        "decisions_awaiting",
        (request.user.pk, selectors.decisions_scope(org, request.user), ids),
        build,
    )
    return render_page(request, "proposals/decisions_awaiting.html", {"lists": fill_since(lists)})


@org_view
def proposal_overdue(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.view_oversight"):
        raise PermissionDenied(_("This page is for coordinators, chairs and managers."))
    ids = council_ids_where(request.user, org, "proposals.view_oversight")
    # Paged, each list on its own: an organisation can have hundreds.
    number, actions_number = request.GET.get("page"), request.GET.get("actions_page")

    def overdue_proposals() -> dict:
        page = Paginator(
            selectors.overdue_proposals(organisation=org, council_ids=ids), 25
        ).get_page(number)
        context = {"proposals": page, "organisation": org, SINCE_LATER: True}
        return {
            "count": page.paginator.count,
            "number": page.number,
            "table": render_to_string("proposals/includes/overdue_table.html", context),
        }

    def overdue_actions() -> dict:
        page = Paginator(
            selectors.overdue_action_points(organisation=org, council_ids=ids), 25
        ).get_page(actions_number)
        return {
            "count": page.paginator.count,
            "number": page.number,
            "has_rows": bool(page),
            "table": render_to_string(
                "proposals/includes/overdue_actions_table.html", {"action_points": page}
            ),
        }

    # The same for everyone who oversees these councils, until the data
    # under them changes; the time since each update is written as shown.
    proposals = remember_parts(org, "overdue_proposals", (ids, number), overdue_proposals)
    actions = remember_parts(org, "overdue_actions", (ids, actions_number), overdue_actions)
    return render_page(
        request,
        "proposals/overdue.html",
        {
            "proposals": page_of(proposals["count"], 25, proposals["number"]),
            "overdue_table": fill_since(proposals["table"]),
            "action_points": page_of(actions["count"], 25, actions["number"]),
            "has_actions": actions["has_rows"],
            "actions_table": actions["table"],
        },
    )
