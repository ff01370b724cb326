"""Putting an accepted proposal in place: the chair names the owner; the
owner posts updates and says how it ended."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from councils.forms import add_service_errors
from councils.tenancy import org_view

from .. import access, services
from ..forms import ImplementationUpdateForm, ImplementedForm, NotImplementedForm, OwnerForm
from .common import get_proposal, render_page, to_proposal


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
    return _owner_page(
        request,
        proposal_id,
        ImplementedForm,
        "proposals/implemented_form.html",
        services.proposal_mark_implemented,
        gettext_lazy("Marked as done. Thank you."),
    )


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
