"""A proposal's own pages: write, read, edit, add a co-author, withdraw,
comment and follow."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.models import Council
from councils.permissions import can_anywhere, council_ids_where, require_perm
from councils.tenancy import org_view

from .. import access, selectors, services
from ..forms import AddAuthorForm, CommentForm, CouncilChoiceForm, ProposalForm, WithdrawForm
from ..models import Proposal, ProposalStatus
from ..services.drafting import WITHDRAWABLE_STATUSES
from ..services.implementation import ASSIGNABLE_STATUSES
from .common import get_proposal, refusal_text, render_page, to_proposal
from .targets import implementation_plan

S = ProposalStatus


def _author_councils(request):
    ids = council_ids_where(request.user, request.organisation, "proposals.author_proposal")
    qs = Council.objects.filter(organisation=request.organisation, is_active=True)
    return qs if ids is None else qs.filter(id__in=ids)


def _selected_feedback(request, council: Council):
    from surgeries.selectors import selected_feedback_for

    return selected_feedback_for(request.user, council)


@org_view
@require_http_methods(["GET", "POST"])
def proposal_new(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.author_proposal"):
        raise PermissionDenied(_("Proposals are written by council reps. You can comment on them."))
    councils = _author_councils(request)
    council_key = request.GET.get("from_selection") or request.GET.get("council")
    from_selection = bool(request.GET.get("from_selection"))
    council = councils.filter(public_id=council_key).first() if council_key else None
    if council is None and councils.count() == 1:
        council = councils.first()
    if council is None:
        chooser = CouncilChoiceForm(request.GET or None, councils=councils)
        if request.GET and chooser.is_valid():
            council = chooser.cleaned_data["council"]
        else:
            return render_page(request, "proposals/proposal_choose_council.html", {"form": chooser})
    require_perm(request, "proposals.author_proposal", council)
    selected = list(_selected_feedback(request, council)) if from_selection else []
    evidence_qs = _selected_feedback(request, council) if from_selection else None
    initial = {}
    if selected:
        themes = [i.theme for i in selected]
        initial["theme"] = max(set(themes), key=themes.count).public_id
        initial["evidence"] = [i.public_id for i in selected]
        # Counts and approved quotes only: the raw words stay on the board.
        initial["problem"] = selectors.draft_problem_text(council, selected)
    form = ProposalForm(
        request.POST or None,
        organisation=org,
        evidence_items=evidence_qs,
        co_author_choices=selectors.reps_of_council(council).exclude(pk=request.user.pk),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                organisation=org,
                council=council,
                actor=request.user,
                data=form.proposal_data(),
                evidence=form.cleaned_data.get("evidence") or [],
                co_authors=form.cleaned_data.get("co_authors") or [],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if from_selection:
                from surgeries.services import feedback_selection_clear

                feedback_selection_clear(user=request.user, council=council)
            messages.success(request, _("Proposal saved as a draft."))
            return to_proposal(request, proposal)
    return render_page(
        request,
        "proposals/proposal_form.html",
        {"form": form, "council": council, "selected": selected, "creating": True},
    )


@org_view
def proposal_detail(request, proposal_id: str):
    org = request.organisation
    proposal = selectors.proposal_for_detail(org, proposal_id)
    if proposal is None:
        raise Http404("Not found.")
    require_perm(
        request, "proposals.view_proposal", proposal, _("Your role does not show proposals.")
    )
    user = request.user
    is_rep = access.may_follow(user, proposal)
    may_edit = access.may_edit_proposal(user, proposal)
    can_comment = access.may_comment(user, proposal)
    in_progress = proposal.status == S.IN_PROGRESS
    return render_page(
        request,
        "proposals/proposal_detail.html",
        {
            "proposal": proposal,
            "evidence": selectors.evidence_for(proposal),
            "timeline": list(selectors.timeline_for(proposal)),
            "updates": list(selectors.implementation_updates_for(proposal)),
            "decisions": list(selectors.decision_history_for(proposal)),
            "comments": list(selectors.comments_for(proposal)),
            "is_author": may_edit,
            "can_edit": may_edit and proposal.is_editable,
            "can_withdraw": may_edit and proposal.status in WITHDRAWABLE_STATUSES,
            "can_comment": can_comment,
            "comment_form": CommentForm() if can_comment else None,
            "can_follow": is_rep and not may_edit,
            "following": is_rep and proposal.followers.filter(pk=user.pk).exists(),
            "can_assign": access.may_assign_owner(user, proposal)
            and proposal.status in ASSIGNABLE_STATUSES,
            "is_owner": in_progress and access.is_implementation_owner(user, proposal),
            "plan": implementation_plan(
                user, proposal, is_owner=access.is_implementation_owner(user, proposal)
            ),
            # "Mark as done" can be taken back for a few minutes after.
            "undo_done_until": access.undo_done_until(proposal)
            if access.undo_done_open(proposal) and access.may_undo_done(user, proposal)
            else None,
            "is_done_by_me": proposal.owner_id == user.pk,
            # Whether its words may be printed (and who decides).
            "wording": selectors.wording_for(proposal)
            if proposal.status in selectors.WORDING_STATUSES
            else None,
            "can_approve_wording": access.may_approve_wording(user, proposal),
            **_draft_next_steps(proposal, is_rep=is_rep),
        },
    )


def _draft_next_steps(proposal: Proposal, *, is_rep: bool) -> dict:
    """A draft, seen by its council's reps: what happens next, with the
    council's next hub meeting (issue 15). One query, for drafts only."""
    if proposal.status != S.DRAFT or not is_rep:
        return {"next_steps": False}
    return {"next_steps": True, "next_hub": selectors.next_hub_meeting(proposal.council)}


def _require_author_page(request, proposal: Proposal) -> None:
    access.refuse(
        access.may_edit_proposal(request.user, proposal),
        _("Only the reps who wrote this proposal can change it. You can comment on it."),
    )


@org_view
@require_http_methods(["GET", "POST"])
def proposal_edit(request, proposal_id: str):
    proposal = get_proposal(request, proposal_id)
    _require_author_page(request, proposal)
    if not proposal.is_editable:
        messages.error(
            request, _("This proposal has been presented, so it can no longer be changed.")
        )
        return to_proposal(request, proposal)
    initial = {
        "title": proposal.title,
        "problem": proposal.problem,
        "solution": proposal.solution,
        "business_case": proposal.business_case,
        "cost_band": proposal.cost_band,
        "benefits": proposal.benefits,
        "theme": proposal.theme.public_id if proposal.theme_id else "",
        "scope": proposal.scope,
        "evidence_note": proposal.evidence_note,
        "evidence": [i.public_id for i in proposal.evidence.all()],
    }
    current = proposal.evidence.select_related("theme")
    form = ProposalForm(
        request.POST or None,
        organisation=request.organisation,
        evidence_items=current if current.exists() else None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(
                proposal=proposal,
                actor=request.user,
                data=form.proposal_data(),
                evidence=form.cleaned_data["evidence"] if "evidence" in form.fields else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Proposal saved."))
            return to_proposal(request, proposal)
    authors_form = AddAuthorForm(
        people=selectors.reps_of_council(proposal.council).exclude(
            pk__in=proposal.authors.values("pk")
        )
    )
    return render_page(
        request,
        "proposals/proposal_form.html",
        {
            "form": form,
            "council": proposal.council,
            "proposal": proposal,
            "authors_form": authors_form,
            "authors": list(proposal.authors.all()),
        },
    )


@org_view
@require_POST
def proposal_add_author(request, proposal_id: str):
    proposal = get_proposal(request, proposal_id)
    _require_author_page(request, proposal)
    form = AddAuthorForm(request.POST, people=selectors.reps_of_council(proposal.council))
    if form.is_valid():
        person = form.cleaned_data["user"]
        try:
            services.proposal_add_author(proposal=proposal, user=person, actor=request.user)
        except ValidationError as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("%(person)s is now an author.") % {"person": person})
    else:
        messages.error(request, _("Choose a rep of this council."))
    return redirect("proposal_edit", request.organisation.slug, proposal.public_id)


@org_view
@require_http_methods(["GET", "POST"])
def proposal_withdraw(request, proposal_id: str):
    proposal = get_proposal(request, proposal_id)
    _require_author_page(request, proposal)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_withdraw(
                proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Proposal withdrawn."))
            return to_proposal(request, proposal)
    return render_page(
        request, "proposals/proposal_withdraw.html", {"form": form, "proposal": proposal}
    )


@org_view
@require_POST
def proposal_comment(request, proposal_id: str):
    proposal = get_proposal(request, proposal_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your comment before you send it."))
        return to_proposal(request, proposal)
    try:
        services.proposal_comment(
            proposal=proposal, actor=request.user, body=form.cleaned_data["body"]
        )
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Comment added."))
    return to_proposal(request, proposal)


@org_view
@require_POST
def proposal_follow(request, proposal_id: str):
    proposal = get_proposal(request, proposal_id)
    follow = request.POST.get("follow") == "1"
    services.proposal_follow(proposal=proposal, actor=request.user, follow=follow)
    messages.success(
        request,
        _("You will be told of every update.")
        if follow
        else _("You will no longer be told of updates."),
    )
    return to_proposal(request, proposal)
