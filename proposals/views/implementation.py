"""Putting an accepted proposal in place: the chair names the owner; the
owner posts updates and says how it ended."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.tenancy import org_view

from .. import access, services
from ..forms import ImplementationUpdateForm, ImplementedForm, NotImplementedForm, OwnerForm
from .common import get_proposal, refusal_text, render_page, to_proposal


@org_view
@require_http_methods(["GET", "POST"])
def proposal_assign_owner(request, proposal_id: str):
    proposal = get_proposal(request, proposal_id)
    access.refuse(
        access.may_assign_owner(request.user, proposal),
        _("Only a chair of this council can choose who puts a proposal in place."),
    )
    initial = {}
    if proposal.owner_id:
        initial = {"owner": proposal.owner.public_id, "target_date": proposal.target_date}
    form = OwnerForm(request.POST or None, council=proposal.council, initial=initial)
    if request.method == "POST" and form.is_valid():
        owner = form.cleaned_data["owner"]
        try:
            services.proposal_assign_owner(
                proposal=proposal,
                owner=owner,
                target_date=form.cleaned_data["target_date"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(owner)s now owns this proposal.") % {"owner": owner})
            return to_proposal(request, proposal)
    return render_page(request, "proposals/owner_form.html", {"form": form, "proposal": proposal})


def _owner_page(request, proposal_id: str, form_class, template: str, service, success):
    proposal = get_proposal(request, proposal_id)
    access.refuse(
        access.is_implementation_owner(request.user, proposal),
        _("Only the person who owns this proposal can post updates."),
    )
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(proposal=proposal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, str(success))
            return to_proposal(request, proposal)
    return render_page(request, template, {"form": form, "proposal": proposal})


@org_view
@require_http_methods(["GET", "POST"])
def proposal_update_add(request, proposal_id: str):
    return _owner_page(
        request,
        proposal_id,
        ImplementationUpdateForm,
        "proposals/update_form.html",
        services.implementation_update_add,
        gettext_lazy("Update posted. The council's reps can see it."),
    )


@org_view
@require_http_methods(["GET", "POST"])
def proposal_implemented(request, proposal_id: str):
    """Mark as done in two steps: say what was done, then check it and
    confirm (the words go on the poster and the reps are told). The words
    travel in the form, so it works without JavaScript or a session. Once
    done, the proposal's page offers "Undo" for a few minutes."""
    proposal = get_proposal(request, proposal_id)
    access.refuse(
        access.is_implementation_owner(request.user, proposal),
        _("Only the person who owns this proposal can mark it as done."),
    )
    form = ImplementedForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and "change" not in request.POST:
        if request.POST.get("confirm") != "yes":
            return render_page(
                request,
                "proposals/implemented_check.html",
                {
                    "form": form,
                    "proposal": proposal,
                    "undo_minutes": int(access.UNDO_DONE_WINDOW.total_seconds() // 60),
                },
            )
        try:
            services.proposal_mark_implemented(
                proposal=proposal, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The proposal's page says so, with "Undo", while it can be undone.
            return to_proposal(request, proposal)
    return render_page(
        request, "proposals/implemented_form.html", {"form": form, "proposal": proposal}
    )


@org_view
@require_POST
def proposal_undo_done(request, proposal_id: str):
    proposal = get_proposal(request, proposal_id)
    access.refuse(
        access.may_undo_done(request.user, proposal),
        _("Only the person who marked it as done, or a coordinator, can undo it."),
    )
    try:
        services.proposal_undo_done(proposal=proposal, actor=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(
            request, _("Undone. It is back to being put in place, and the reps have been told.")
        )
    return to_proposal(request, proposal)


@org_view
@require_http_methods(["GET", "POST"])
def proposal_not_implemented(request, proposal_id: str):
    return _owner_page(
        request,
        proposal_id,
        NotImplementedForm,
        "proposals/not_implemented_form.html",
        services.proposal_mark_not_implemented,
        gettext_lazy("Marked as could not be done. The reps will see your reason."),
    )
