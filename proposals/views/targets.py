"""A new target date (the owner asks, a chair answers) and milestones, and
what the proposal's page shows of them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.tenancy import get_for_org, org_view

from .. import access, services
from ..forms import MilestoneForm, TargetDateAnswerForm, TargetDateRequestForm
from ..models import Milestone, Proposal, ProposalStatus, TargetDateRequest
from .common import get_proposal, render_page, to_proposal


def implementation_plan(user, proposal: Proposal, *, is_owner: bool) -> dict:
    """For the proposal's page: its milestones, the requests for a new target
    date with their answers, and what this person may do with them."""
    if proposal.owner_id is None:
        return {"milestones": [], "target_requests": []}
    requests = list(
        proposal.target_date_requests.select_related("asked_by", "decided_by").order_by(
            "-asked_at", "-id"
        )
    )
    waiting = next((r for r in requests if r.is_waiting), None)
    in_progress = proposal.status == ProposalStatus.IN_PROGRESS
    return {
        "milestones": list(proposal.milestones.all()),
        "target_requests": requests,
        "waiting_request": waiting,
        "can_ask_target": is_owner and in_progress and waiting is None,
        "can_answer_target": waiting is not None and access.may_assign_owner(user, proposal),
        "can_add_milestone": is_owner and in_progress,
    }


def _require_owner(request, proposal: Proposal, message: str) -> None:
    access.refuse(access.is_implementation_owner(request.user, proposal), message)


@org_view
@require_http_methods(["GET", "POST"])
def target_date_ask(request, proposal_id: str):
    proposal = get_proposal(request, proposal_id)
    _require_owner(
        request,
        proposal,
        _("Only the person who owns this proposal can ask for a new target date."),
    )
    form = TargetDateRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_date_request_create(
                proposal=proposal, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Asked. The chair will agree or not, and say why."))
            return to_proposal(request, proposal)
    return render_page(
        request, "proposals/target_date_ask.html", {"form": form, "proposal": proposal}
    )


@org_view
@require_http_methods(["GET", "POST"])
def target_date_answer(request, target_request_id: str):
    target_request = get_for_org(
        TargetDateRequest.objects.select_related("proposal", "proposal__council", "asked_by"),
        request,
        public_id=target_request_id,
    )
    proposal = get_proposal(request, target_request.proposal.public_id)
    access.refuse(
        access.may_assign_owner(request.user, proposal),
        _("Only a chair of this council can answer a request for a new target date."),
    )
    form = TargetDateAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_date_request_decide(
                request=target_request,
                agree=form.cleaned_data["agree"] == "yes",
                answer=form.cleaned_data["answer"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Answered. The lead has been told."))
            return to_proposal(request, proposal)
    return render_page(
        request,
        "proposals/target_date_answer.html",
        {"form": form, "proposal": proposal, "target_request": target_request},
    )


@org_view
@require_http_methods(["GET", "POST"])
def milestone_new(request, proposal_id: str):
    proposal = get_proposal(request, proposal_id)
    _require_owner(
        request, proposal, _("Only the person who owns this proposal can record its milestones.")
    )
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_add(proposal=proposal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Milestone added. The reps can see it."))
            return to_proposal(request, proposal)
    return render_page(
        request, "proposals/milestone_form.html", {"form": form, "proposal": proposal}
    )


@org_view
@require_POST
def milestone_done(request, milestone_id: str):
    milestone = get_for_org(
        Milestone.objects.select_related("proposal"), request, public_id=milestone_id
    )
    proposal = get_proposal(request, milestone.proposal.public_id)
    _require_owner(
        request, proposal, _("Only the person who owns this proposal can record its milestones.")
    )
    services.milestone_mark_done(milestone=milestone, actor=request.user)
    messages.success(request, _("Milestone marked as done. The reps who follow it are told."))
    return to_proposal(request, proposal)
