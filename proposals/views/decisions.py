"""The chair's pages at a council meeting: record a decision, publish them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from councils.tenancy import org_view

from .. import access, selectors, services
from ..forms import DecisionForm
from ..models import AgendaItem
from .common import get_meeting, get_proposal, refusal_text, to_meeting


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
        request.POST or None,
        meeting=meeting,
        proposal=proposal,
        initial=DecisionForm.initial_from(existing),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                meeting=meeting, proposal=proposal, actor=request.user, **form.decision_kwargs()
            )
        except ValidationError as error:
            form.add_service_errors(error)
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


REFUSE_PUBLISH = gettext_lazy(
    "Only the meeting's chair, or a chair of this council, can publish its decisions."
)


@org_view
@require_GET
def decisions_publish_check(request, meeting_id: str):
    """Check before you publish: each decision as the reps will read it, the
    words documents will print, and who will be told. Writes nothing."""
    meeting = get_meeting(request, meeting_id)
    access.refuse(access.may_publish(request.user, meeting), REFUSE_PUBLISH)
    check = selectors.decisions_to_publish(meeting)
    if not check.decisions:
        messages.info(request, _("There are no decisions waiting to be published."))
        return to_meeting(request, meeting)
    return render(
        request,
        "proposals/decisions_publish_check.html",
        {"meeting": meeting, "check": check, "recipients": check.recipients},
    )


@org_view
@require_POST
def decisions_publish(request, meeting_id: str):
    """Publish, from the check page only: the form carries the fingerprint
    of what the chair read, and a POST without one goes to that page."""
    meeting = get_meeting(request, meeting_id)
    access.refuse(access.may_publish(request.user, meeting), REFUSE_PUBLISH)
    checked = request.POST.get("checked", "")
    if not checked:
        return redirect("decisions_publish_check", request.organisation.slug, meeting.public_id)
    try:
        published = services.decisions_publish(meeting=meeting, actor=request.user, checked=checked)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
        if "checked" in getattr(error, "error_dict", {}):
            return redirect("decisions_publish_check", request.organisation.slug, meeting.public_id)
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
