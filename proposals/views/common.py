"""What the proposals pages share: finding the object, redirects, the
section's own links."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils.freshness import remember
from councils.permissions import can_anywhere, require_perm
from councils.tenancy import get_for_org

from .. import access
from ..models import Meeting, Proposal


def refusal_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def get_proposal(request, proposal_id: str) -> Proposal:
    proposal = get_for_org(
        Proposal.objects.select_related("council"), request, public_id=proposal_id
    )
    require_perm(
        request, "proposals.view_proposal", proposal, _("Your role does not show proposals.")
    )
    return proposal


def get_meeting(request, meeting_id: str) -> Meeting:
    meeting = get_for_org(
        Meeting.objects.select_related("council", "chair", "organisation", "cancelled_by"),
        request,
        public_id=meeting_id,
    )
    if not access.may_see_meeting(request.user, meeting):
        raise PermissionDenied(
            _("Hub meetings are for the council's reps.")
            if meeting.kind == Meeting.Kind.HUB
            else _("Your role does not show this council's meetings.")
        )
    return meeting


def to_proposal(request, proposal: Proposal):
    return redirect("proposal_detail", request.organisation.slug, proposal.public_id)


def to_meeting(request, meeting: Meeting, anchor: str = ""):
    response = redirect("meeting_detail", request.organisation.slug, meeting.public_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


SUB_NAV = [
    (gettext_lazy("All proposals"), "proposal_list", "proposals.view_proposal"),
    (gettext_lazy("Our proposals"), "proposal_ours", "proposals.author_proposal"),
    (gettext_lazy("Decisions awaiting me"), "proposal_decisions", "proposals.decide_proposal"),
    (gettext_lazy("Overdue"), "proposal_overdue", "proposals.view_oversight"),
    (gettext_lazy("Words waiting for approval"), "wording_waiting", "proposals.approve_wording"),
]


def sub_nav(request) -> list[dict]:
    """The proposals section's own links, for what the person may do."""
    org, user = request.organisation, request.user
    current = request.resolver_match.url_name
    out = [
        {"label": label, "name": name, "current": current == name}
        for label, name, perm in SUB_NAV
        if can_anywhere(user, org, perm)
    ]
    if access.works_as_lead(user, org) or remember(
        org, "owns_proposals", user.pk, lambda: access.may_see_my_actions(user, org)
    ):
        out.insert(
            1,
            {
                "label": _("My actions"),
                "name": "proposal_my_actions",
                "current": current == "proposal_my_actions",
            },
        )
    return out


def render_page(request, template: str, context: dict, status: int = 200):
    """Render a page of the proposals section, with its own links."""
    context.setdefault("sub_nav", sub_nav(request))
    return render(request, template, context, status=status)


# Where a remembered fragment's page links go: they repeat the address's
# other parameters (``components/pagination.html``), so they are written
# when the fragment is shown. (A NUL is never in text the database keeps.)
PAGES_HERE = mark_safe("\x00pages\x00")


def with_pages(request, html: str, page: Page) -> SafeString:
    """A remembered fragment with ``page``'s links where it marked them."""
    if PAGES_HERE not in html:
        return mark_safe(html)
    before, after = html.split(PAGES_HERE)
    links = render_to_string("components/pagination.html", {"page": page, "request": request})
    return mark_safe(before + links + after)
