"""Home page panels: what each role comes here to do about proposals. Each
context function costs a fixed, small number of queries."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Count, Q, Window
from django.template.loader import render_to_string
from django.utils import timezone

from councils.freshness import remember_html
from councils.models import Role
from councils.permissions import council_ids_where
from councils.precompiled import PrecompiledAggregate, PrecompiledQuery

from . import selectors
from .models import Meeting, Proposal, ProposalStatus
from .selectors.wording import WORDING_STATUSES, _part_waiting_conditions


def rep_panel(request) -> dict:
    org, user = request.organisation, request.user
    # The panel shows each proposal's title, status and "we did": not its
    # council, theme, decision or other texts.
    proposals = list(
        selectors.our_proposals(organisation=org, user=user)
        .select_related(None)
        .only("public_id", "title", "status", "we_did")[:5]
    )
    return {"proposals": proposals}


def rep_meetings_panel(request) -> dict | None:
    """The next hub and council meeting of each of the rep's councils."""
    org = request.organisation
    councils = {
        a.council_id: a.council
        for a in request.role_assignments
        if a.role == Role.REP and a.council_id
    }
    if not councils:
        return None
    return {
        "organisation": org,
        "today": timezone.localdate(),
        "councils": selectors.next_meetings_of_councils(
            organisation=org, councils=list(councils.values())
        ),
    }


CHAIR_WAITING_SHOWN = 5


def chair_panel(request) -> dict:
    org, user = request.organisation, request.user
    data = selectors.decisions_awaiting(organisation=org, user=user)
    ids = council_ids_where(user, org, "proposals.view_oversight")
    # The first few, linked, so the chair can go straight to one, each
    # carrying how many there are in all: one query, not a second to count.
    waiting_items = list(
        data["waiting"].annotate(waiting_total=Window(Count("id")))[:CHAIR_WAITING_SHOWN]
    )
    waiting = waiting_items[0].waiting_total if waiting_items else 0
    # The panel shows each meeting's council, not who chairs it.
    meetings = selectors.meetings_for_chair(organisation=org, user=user)
    meetings = meetings.select_related(None).select_related("council")
    return {
        "today": timezone.localdate(),
        "waiting_items": waiting_items,
        "meetings": list(meetings[:3]),
        "waiting": waiting,
        "unpublished": data["unpublished"].count(),
        "needs_owner": data["needs_owner"].count(),
        "overdue": selectors.overdue_proposals(organisation=org, council_ids=ids).count(),
    }


def lead_panel(request) -> dict:
    org, user = request.organisation, request.user
    counts = Proposal.objects.filter(organisation=org, owner=user).aggregate(
        in_progress=Count("id", filter=Q(status=ProposalStatus.IN_PROGRESS)),
        overdue=Count("id", filter=selectors.overdue_q()),
    )
    actions = selectors.my_actions(organisation=org, user=user)["actions"].count()
    return {**counts, "actions": actions}


def _next_meetings_query(key, organisation_id):
    """The coordinator's next three meetings: ``key`` is today and the
    councils they oversee (None: all of them)."""
    today, council_ids = key
    meetings = Meeting.objects.filter(
        organisation_id=organisation_id, date__gte=today, cancelled_at__isnull=True
    ).select_related("council")
    if council_ids is not None:
        meetings = meetings.filter(council_id__in=council_ids)
    return meetings.order_by("date", "starts_at")[:3]


def _overdue_actions_query(key, organisation_id):
    today, council_ids = key
    actions = selectors.overdue_action_points(
        organisation=organisation_id, council_ids=council_ids, today=today
    )
    return actions, {"count": Count("*")}


# Their SQL built once a day and scope: each cost more to build than to run.
_NEXT_MEETINGS = PrecompiledQuery(_next_meetings_query)
_OVERDUE_ACTIONS = PrecompiledAggregate(_overdue_actions_query)


def coordinator_panel(request) -> dict:
    org, user = request.organisation, request.user
    ids = council_ids_where(user, org, "proposals.view_oversight")
    key = (timezone.localdate(), None if ids is None else tuple(sorted(ids)))
    next_meetings = _NEXT_MEETINGS.run(key=key, organisation_id=org.pk)
    for meeting in next_meetings:
        # "Papers due" reads the organisation's rule: it is this one.
        meeting.organisation = org
    return {
        "overdue_proposals": selectors.overdue_proposals(organisation=org, council_ids=ids).count(),
        "overdue_actions": _OVERDUE_ACTIONS.run(key=key, organisation_id=org.pk)["count"],
        "next_meetings": next_meetings,
    }


def _waiting_words_query(key, organisation_id):
    """``selectors.waiting_words_count`` as a precompiled aggregate: ``key``
    is the councils the person approves words for (None: all of them)."""
    proposals = Proposal.objects.filter(
        organisation_id=organisation_id, status__in=sorted(WORDING_STATUSES)
    )
    if key is not None:
        proposals = proposals.filter(council_id__in=key)
    return proposals, {
        part: Count("id", filter=waiting) for part, waiting in _part_waiting_conditions().items()
    }


# Its SQL built once a scope: a count of each part's unapproved words, each
# an EXISTS, cost twenty times more to build than to run.
_WAITING_WORDS = PrecompiledAggregate(_waiting_words_query)


def words_panel(request) -> dict:
    """Words waiting for a coordinator before they may be published."""
    org, user = request.organisation, request.user
    ids = council_ids_where(user, org, "proposals.approve_wording")
    key = None if ids is None else tuple(sorted(ids))
    counts = _WAITING_WORDS.run(key=key, organisation_id=org.pk)
    return {"waiting_words": sum(counts.values())}


# Each panel is remembered, rendered, until the data under it changes: the
# home page registers this template for it, which shows what was remembered.
REMEMBERED = "proposals/panels/remembered.html"


def remembered(name: str, template: str, context: Callable, key: Callable) -> Callable:
    """The panel ``template`` with ``context(request)``, remembered for
    everyone with the same ``key(request)`` (what the panel depends on
    besides the organisation and the day). Rendered without the request:
    a panel reads only the organisation and the person of the page."""

    def panel(request) -> dict | None:
        org = request.organisation

        def build() -> str:
            data = context(request)
            if data is None:
                return ""
            return render_to_string(template, {**data, "organisation": org, "user": request.user})

        html = remember_html(org, name, key(request), build)
        return {"panel": html} if html else None

    return panel


def _person(request) -> int:
    return request.user.pk


def _rep_key(request) -> tuple:
    org, user = request.organisation, request.user
    return (user.pk, council_ids_where(user, org, "proposals.author_proposal"))


def _rep_councils(request) -> tuple:
    return tuple(
        sorted(
            {a.council_id for a in request.role_assignments if a.role == Role.REP and a.council_id}
        )
    )


def _chair_key(request) -> tuple:
    org, user = request.organisation, request.user
    return (
        user.pk,
        selectors.decisions_scope(org, user),
        council_ids_where(user, org, "proposals.view_oversight"),
    )


def _oversight(request):
    return council_ids_where(request.user, request.organisation, "proposals.view_oversight")


def _words_scope(request):
    return council_ids_where(request.user, request.organisation, "proposals.approve_wording")


# name: (template, context, key)
PANELS = {
    "rep-proposals": ("proposals/panels/rep.html", rep_panel, _rep_key),
    "rep-meetings": ("proposals/panels/rep_meetings.html", rep_meetings_panel, _rep_councils),
    "chair-decisions": ("proposals/panels/chair.html", chair_panel, _chair_key),
    "lead-actions": ("proposals/panels/lead.html", lead_panel, _person),
    "coordinator-overdue": ("proposals/panels/coordinator.html", coordinator_panel, _oversight),
    "coordinator-words": ("proposals/panels/words.html", words_panel, _words_scope),
}


def registered(name: str) -> dict:
    """What ``councils.home.register_panel`` is given for the panel ``name``."""
    template, context, key = PANELS[name]
    return {"template": REMEMBERED, "context": remembered(f"panel-{name}", template, context, key)}
