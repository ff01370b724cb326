"""During and after a meeting: attendance, minutes, action points,
completing the minutes, and (at a hub meeting) sending drafts forward."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.tenancy import get_for_org, org_view

from .. import access, selectors, services
from ..forms import ActionNoteForm, ActionPointForm, AttendanceForm, MinuteForm
from ..models import ActionPoint, Meeting
from .common import get_meeting, get_proposal, refusal_text, to_meeting


@org_view
@require_http_methods(["GET", "POST"])
def meeting_attendance(request, meeting_id: str):
    meeting = get_meeting(request, meeting_id)
    access.refuse(
        access.may_run_meeting(request.user, meeting),
        _("Only the coordinator or the meeting's chair records attendance."),
    )
    people = list(
        selectors.reps_of_council(meeting.council)
        if meeting.kind == Meeting.Kind.HUB
        else selectors.people_for_council(meeting.council)
    )
    for extra in [meeting.chair, *meeting.invited.all()]:
        if extra is not None and extra not in people:
            people.append(extra)
    current = dict(meeting.attendance.values_list("user_id", "status"))
    form = AttendanceForm(request.POST or None, people=people, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting, statuses=form.statuses(), actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance saved."))
            return to_meeting(request, meeting, "attendance")
    return render(request, "proposals/attendance_form.html", {"form": form, "meeting": meeting})


@org_view
@require_POST
def meeting_minute_add(request, meeting_id: str):
    meeting = get_meeting(request, meeting_id)
    form = MinuteForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _("Write the point before you add it."))
        return to_meeting(request, meeting, "minutes")
    try:
        services.minute_add(
            meeting=meeting,
            text=form.cleaned_data["text"],
            agenda_item=form.cleaned_data["agenda_item"],
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Point added to the minutes."))
    return to_meeting(request, meeting, "minutes")


@org_view
@require_http_methods(["GET", "POST"])
def action_point_new(request, meeting_id: str):
    meeting = get_meeting(request, meeting_id)
    access.refuse(
        access.may_take_minutes(request.user, meeting),
        _("Your role does not let you write minutes or action points."),
    )
    form = ActionPointForm(request.POST or None, council=meeting.council)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_point_create(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Action point added. It stays on every agenda until closed.")
            )
            return to_meeting(request, meeting, "action-points")
    return render(request, "proposals/action_point_form.html", {"form": form, "meeting": meeting})


@org_view
@require_http_methods(["GET", "POST"])
def action_point_note(request, meeting_id: str, action_id: str):
    meeting = get_meeting(request, meeting_id)
    point = get_for_org(
        ActionPoint.objects.select_related("owner", "meeting", "council"),
        request,
        public_id=action_id,
    )
    access.refuse(
        access.may_note_action_point(request.user, point, meeting),
        _("Only the action's owner or a minute taker can add its update."),
    )
    existing = point.updates.filter(meeting=meeting).first()
    form = ActionNoteForm(request.POST or None, initial={"note": existing.note if existing else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.action_point_note(
                action_point=point,
                meeting=meeting,
                note=form.cleaned_data["note"],
                close=form.cleaned_data["close"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Update saved."))
            return to_meeting(request, meeting, "agenda")
    history = list(point.updates.select_related("meeting", "author").order_by("created_at"))
    return render(
        request,
        "proposals/action_note_form.html",
        {"form": form, "meeting": meeting, "point": point, "history": history},
    )


@org_view
@require_POST
def meeting_complete(request, meeting_id: str):
    meeting = get_meeting(request, meeting_id)
    try:
        services.meeting_complete_minutes(meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Minutes complete."))
    return to_meeting(request, meeting)


@org_view
@require_POST
def meeting_mark_ready(request, meeting_id: str, proposal_id: str):
    meeting = get_meeting(request, meeting_id)
    proposal = get_proposal(request, proposal_id)
    try:
        services.proposal_mark_ready(proposal=proposal, meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, f"{proposal.title}: {refusal_text(error)}")
    else:
        messages.success(
            request,
            _("‘%(title)s’ is ready for the council meeting.") % {"title": proposal.title},
        )
    return to_meeting(request, meeting, "agenda")
