"""The coordinator's agenda editor: order, edit, add, remove, and refresh."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.tenancy import get_for_org, org_view

from .. import access, selectors, services
from ..forms import AgendaItemAddForm, AgendaItemEditForm
from ..models import AgendaItem, Meeting
from .common import get_meeting, refusal_text


def _require_agenda_editor(request, meeting: Meeting) -> None:
    access.refuse(
        access.may_edit_agenda(request.user, meeting), _("Only coordinators edit the agenda.")
    )


def _to_agenda(request, meeting: Meeting):
    return redirect("meeting_agenda", request.organisation.slug, meeting.public_id)


@org_view
@require_http_methods(["GET", "POST"])
def meeting_agenda(request, meeting_id: str):
    meeting = get_meeting(request, meeting_id)
    _require_agenda_editor(request, meeting)
    form = AgendaItemAddForm(
        request.POST or None, addable=selectors.proposals_addable_to_agenda(meeting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(
                meeting=meeting,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                notes=form.cleaned_data["notes"],
                proposal=form.cleaned_data["proposal"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Item added to the agenda."))
            return _to_agenda(request, meeting)
    items = list(
        meeting.agenda_items.select_related("proposal", "action_point", "action_point__owner")
    )
    return render(
        request,
        "proposals/meeting_agenda.html",
        {"meeting": meeting, "items": items, "form": form},
    )


@org_view
@require_POST
def agenda_build(request, meeting_id: str):
    meeting = get_meeting(request, meeting_id)
    _require_agenda_editor(request, meeting)
    try:
        added = services.agenda_build(meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(
            request,
            ngettext("%(count)d item added.", "%(count)d items added.", added) % {"count": added}
            if added
            else _("Nothing new to add."),
        )
    return _to_agenda(request, meeting)


def _agenda_item(request, item_id: str) -> AgendaItem:
    item = get_for_org(
        AgendaItem.objects.select_related(
            "meeting", "meeting__council", "proposal", "action_point"
        ),
        request,
        public_id=item_id,
    )
    _require_agenda_editor(request, item.meeting)
    return item


@org_view
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, item_id: str):
    item = _agenda_item(request, item_id)
    meeting = item.meeting
    form = AgendaItemEditForm(
        request.POST or None, initial={"title": item.title, "notes": item.notes}
    )
    if request.method == "POST" and request.POST.get("remove") == "1":
        try:
            services.agenda_item_remove(item=item, actor=request.user)
        except ValidationError as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("Item removed from the agenda."))
            return _to_agenda(request, meeting)
    elif request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(
                item=item,
                title=form.cleaned_data["title"],
                notes=form.cleaned_data["notes"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Agenda item saved."))
            return _to_agenda(request, meeting)
    return render(request, "proposals/agenda_item_form.html", {"form": form, "item": item})


@org_view
@require_POST
def agenda_item_move(request, item_id: str):
    item = _agenda_item(request, item_id)
    services.agenda_item_move(
        item=item, direction=request.POST.get("direction", ""), actor=request.user
    )
    response = _to_agenda(request, item.meeting)
    response["Location"] += f"#item-{item.public_id}"
    return response
