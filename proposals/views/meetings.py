"""Meeting pages: the list, scheduling, changing and cancelling a meeting,
and the meeting page itself."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from councils.addresses import id_url
from councils.forms import add_service_errors
from councils.freshness import page_of, remember_parts
from councils.models import Council
from councils.periods import day_label
from councils.permissions import can_anywhere, council_ids_where
from councils.tenancy import org_view
from members.access import may_see_access_needs_in
from members.needs import needs_of_people, needs_summary

from .. import access, selectors, services
from ..forms import MeetingCancelForm, MeetingForm, MeetingStartForm, MinuteForm
from ..models import Meeting
from .common import get_meeting, to_meeting


@org_view
def meeting_list(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.view_proposal"):
        raise PermissionDenied(_("Your role does not show meetings."))
    number = request.GET.get("page")

    def build() -> dict:
        today = timezone.localdate()
        meetings = selectors.meeting_list(organisation=org, user=request.user)
        # Meetings at the same time are in the order they were made, so that
        # each is on exactly one page of the past ones.
        upcoming = meetings.filter(date__gte=today).order_by("date", "starts_at", "id")
        past = Paginator(
            meetings.filter(date__lt=today).order_by("-date", "-starts_at", "id"), 20
        ).get_page(number)
        context = {
            "upcoming": list(upcoming[:50]),
            "page": past,
            "meeting_url": id_url("meeting_detail", org.slug),
        }
        return {
            "count": past.paginator.count,
            "number": past.number,
            "tables": render_to_string("proposals/includes/meeting_tables.html", context),
        }

    # The meetings they chair or are invited to count too: their own, until
    # the data changes.
    listed = remember_parts(
        org,
        "meeting_list",
        (request.user.pk, selectors.meetings_scope(request.user, org), number),
        build,
    )
    return render(
        request,
        "proposals/meeting_list.html",
        {
            "tables": listed["tables"],
            "page": page_of(listed["count"], 20, listed["number"]),
            "can_schedule": can_anywhere(request.user, org, "proposals.manage_meetings"),
        },
    )


def _manage_councils(request):
    ids = council_ids_where(request.user, request.organisation, "proposals.manage_meetings")
    qs = Council.objects.filter(organisation=request.organisation, is_active=True)
    return qs if ids is None else qs.filter(id__in=ids)


@org_view
@require_http_methods(["GET", "POST"])
def meeting_new(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.manage_meetings"):
        raise PermissionDenied(_("Only coordinators schedule meetings."))
    start = MeetingStartForm(request.GET or None, councils=_manage_councils(request))
    if not (request.GET and start.is_valid()):
        return render(request, "proposals/meeting_start.html", {"form": start})
    council, kind = start.cleaned_data["council"], start.cleaned_data["kind"]
    access.refuse(
        access.may_schedule_meetings(request.user, council),
        _("Only coordinators schedule meetings."),
    )
    form = MeetingForm(request.POST or None, council=council, kind=kind, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                organisation=org,
                council=council,
                kind=kind,
                date=form.cleaned_data["date"],
                starts_at=form.cleaned_data["starts_at"],
                venue=form.cleaned_data["venue"],
                chair=form.cleaned_data["chair"],
                invited=form.cleaned_data["invited"],
                papers_due=form.cleaned_data["papers_due"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Meeting scheduled. Papers are due on %(day)s.")
                % {"day": day_label(meeting.papers_due_on)},
            )
            return to_meeting(request, meeting)
    return render(
        request,
        "proposals/meeting_form.html",
        {"form": form, "council": council, "kind": kind, "kind_label": Meeting.Kind(kind).label},
    )


@org_view
@require_http_methods(["GET", "POST"])
def meeting_edit(request, meeting_id: str):
    meeting = get_meeting(request, meeting_id)
    access.refuse(
        access.may_change_meeting(request.user, meeting), _("Only coordinators change meetings.")
    )
    initial = {
        "date": meeting.date,
        "starts_at": meeting.starts_at,
        "venue": meeting.venue,
        "chair": meeting.chair.public_id if meeting.chair_id else "",
        "invited": [p.public_id for p in meeting.invited.all()],
        "papers_due": meeting.papers_due,
    }
    form = MeetingForm(
        request.POST or None,
        council=meeting.council,
        kind=meeting.kind,
        initial=initial,
        viewer=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Meeting saved."))
            return to_meeting(request, meeting)
    return render(
        request,
        "proposals/meeting_form.html",
        {
            "form": form,
            "council": meeting.council,
            "kind": meeting.kind,
            "kind_label": meeting.get_kind_display(),
            "meeting": meeting,
        },
    )


def _told_of_cancellation(meeting: Meeting) -> str:
    """Who the cancellation email goes to, as the confirmation page says it
    (the same people as proposals.notifications.meeting_cancelled)."""
    invited = list(meeting.invited.all())
    told = [str(p) for p in invited]
    if not told and meeting.kind == Meeting.Kind.HUB:
        told = [_("the council’s reps")]
    if meeting.chair_id and meeting.chair not in invited:
        told.append(_("the chair (%(person)s)") % {"person": meeting.chair})
    if len(told) > 1:
        return _("%(people)s and %(last)s") % {"people": ", ".join(told[:-1]), "last": told[-1]}
    return "".join(told)


@org_view
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, meeting_id: str):
    """Confirm, with a reason, that a meeting will not take place."""
    meeting = get_meeting(request, meeting_id)
    access.refuse(
        access.may_change_meeting(request.user, meeting), _("Only coordinators cancel meetings.")
    )
    form = MeetingCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Meeting cancelled. Everyone invited will get an email."))
            return to_meeting(request, meeting)
    proposals = [item.proposal for item in selectors.waiting_agenda_items(meeting)]
    next_meeting = selectors.next_meeting_like(meeting) if proposals else None
    return render(
        request,
        "proposals/meeting_cancel.html",
        {
            "form": form,
            "meeting": meeting,
            "refusal": services.cancel_refusal(meeting),
            "proposals": proposals,
            "next_meeting": next_meeting,
            "told": _told_of_cancellation(meeting),
        },
    )


def _needs_at_meeting(request, meeting: Meeting, invited: list) -> list:
    """Who coming to the meeting needs what (BSL, Easy Read, large print...),
    for the coordinator planning it; nobody else sees it. Each invited
    person's tags are set on them for the "Invited" row. At a hub meeting
    with nobody named, the council's reps are the people coming."""
    if not may_see_access_needs_in(request.user, meeting.council):
        return []
    people = list(invited)
    if not people and meeting.kind == Meeting.Kind.HUB:
        people = list(selectors.reps_of_council(meeting.council))
    if meeting.chair_id and meeting.chair not in people:
        people.append(meeting.chair)
    needs = needs_of_people(
        viewer=request.user,
        organisation=request.organisation,
        user_ids=[p.pk for p in people],
    )
    for person in invited:
        person.need_tags = needs[person.pk].tags if person.pk in needs else []
    return needs_summary(people, needs)


@org_view
def meeting_detail(request, meeting_id: str):
    meeting = get_meeting(request, meeting_id)
    user = request.user
    page = selectors.meeting_for_page(meeting)
    active = meeting.cancelled_at is None
    can_minute = (
        active and meeting.minutes_completed_at is None and access.may_take_minutes(user, meeting)
    )
    change = access.may_change_meeting(user, meeting)
    needs_lines = _needs_at_meeting(request, meeting, page["invited"])
    return render(
        request,
        "proposals/meeting_detail.html",
        {
            "meeting": meeting,
            **page,
            "needs_lines": needs_lines if active and not meeting.minutes_completed_at else [],
            "can_manage": access.may_edit_agenda(user, meeting) and active,
            "can_edit_meeting": active and access.may_run_meeting(user, meeting),
            "can_cancel": change
            and active
            and not meeting.minutes_completed_at
            and not page["decision_count"],
            "can_minute": can_minute,
            "minute_form": MinuteForm(meeting=meeting, items=page["items"]) if can_minute else None,
            "can_decide": access.may_decide(user, meeting),
            "today": timezone.localdate(),
            "can_publish": access.may_publish(user, meeting) and page["unpublished_count"],
            "can_mark_ready": active and access.may_mark_ready(user, meeting),
        },
    )
