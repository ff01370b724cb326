"""The chair's pages at a council meeting: record a decision, publish them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.tenancy import org_view

from .. import access, selectors, services
from ..forms import DecisionForm
from ..models import AgendaItem
from .common import get_meeting, get_proposal, refusal_text, to_meeting


def _initial(decision) -> dict:
    if decision is None:
        return {}
    return {
        "outcome": decision.outcome,
        "changes_required": decision.changes_required,
        "deferred_to": decision.deferred_to,
        "deferred_to_meeting": decision.deferred_to_meeting.public_id
        if decision.deferred_to_meeting_id
        else "",
        "reason_category": decision.reason_category,
        "reason": decision.reason,
        "replaced_by": decision.replaced_by.public_id if decision.replaced_by_id else "",
    }


@org_view
@require_http_methods(["GET", "POST"])
def decision_record(request, meeting_id: str, proposal_id: str):
    meeting = get_meeting(request, meeting_id)
    proposal = get_proposal(request, proposal_id)
    access.refuse(
        access.may_decide(request.user, meeting),
        _("Only the meeting's chair, or a chair of this council, can record decisions."),
    )
    if not meeting.agenda_items.filter(proposal=proposal, kind=AgendaItem.Kind.PROPOSAL).exists():
        messages.error(request, _("This proposal is not on this meeting's agenda."))
        return to_meeting(request, meeting, "agenda")
    existing = meeting.decisions.filter(proposal=proposal).first()
    form = DecisionForm(
        request.POST or None, meeting=meeting, proposal=proposal, initial=_initial(existing)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                meeting=meeting, proposal=proposal, actor=request.user, **form.decision_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Decision on ‘%(title)s’ recorded. Publish the meeting's decisions "
                    "when you are ready: until then only chairs can see it."
                )
                % {"title": proposal.title},
            )
            return to_meeting(request, meeting, "agenda")
    return render(
        request,
        "proposals/decision_form.html",
        {
            "form": form,
            "meeting": meeting,
            "proposal": proposal,
            "existing": existing,
            "evidence": selectors.evidence_for(proposal),
        },
    )


@org_view
@require_POST
def decisions_publish(request, meeting_id: str):
    meeting = get_meeting(request, meeting_id)
    try:
        published = services.decisions_publish(meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        n = len(published)
        messages.success(
            request,
            ngettext(
                "%(count)d decision published. Every author and rep of the council is being told.",
                "%(count)d decisions published. Every author and rep of the council is being told.",
                n,
            )
            % {"count": n},
        )
    return to_meeting(request, meeting)
