"""Pages for proposals, meetings, decisions and implementation. Thin: parse,
check the permission, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.models import Council
from councils.permissions import can_anywhere, council_ids_where, require_perm
from councils.tenancy import get_for_org, org_view

from . import selectors, services
from .forms import (
    ActionNoteForm,
    ActionPointForm,
    AddAuthorForm,
    AgendaItemAddForm,
    AgendaItemEditForm,
    AttendanceForm,
    CommentForm,
    CouncilChoiceForm,
    DecisionForm,
    ImplementationUpdateForm,
    ImplementedForm,
    MeetingCancelForm,
    MeetingForm,
    MeetingStartForm,
    MinuteForm,
    NotImplementedForm,
    OwnerForm,
    ProposalFilterForm,
    ProposalForm,
    WithdrawForm,
)
from .models import (
    ActionPoint,
    AgendaItem,
    Meeting,
    Proposal,
    ProposalStatus,
)

S = ProposalStatus


def _refuse(error: ValidationError) -> str:
    return " ".join(error.messages)


def _proposal(request, proposal_id: str) -> Proposal:
    proposal = get_for_org(
        Proposal.objects.select_related("council"), request, public_id=proposal_id
    )
    require_perm(request, "proposals.view_proposal", proposal, "Your role does not show proposals.")
    return proposal


def _to_proposal(request, proposal: Proposal):
    return redirect("proposal_detail", request.organisation.slug, proposal.public_id)


def _to_meeting(request, meeting: Meeting, anchor: str = ""):
    response = redirect("meeting_detail", request.organisation.slug, meeting.public_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _sub_nav(request) -> list[dict]:
    """The proposals section's own links, for the roles the person holds."""
    org, user = request.organisation, request.user
    links = [("All proposals", "proposal_list", "proposals.view_proposal")]
    links.append(("Our proposals", "proposal_ours", "proposals.author_proposal"))
    links.append(("Decisions awaiting me", "proposal_decisions", "proposals.decide_proposal"))
    links.append(("Overdue", "proposal_overdue", "proposals.view_oversight"))
    out = [
        {"label": label, "name": name, "current": request.resolver_match.url_name == name}
        for label, name, perm in links
        if can_anywhere(user, org, perm)
    ]
    if "lead" in request.roles:
        out.insert(
            1,
            {
                "label": "My actions",
                "name": "proposal_my_actions",
                "current": request.resolver_match.url_name == "proposal_my_actions",
            },
        )
    return out


def _render(request, template: str, context: dict, status: int = 200):
    context.setdefault("sub_nav", _sub_nav(request))
    return render(request, template, context, status=status)


# ---------------------------------------------------------------------------
# Lists


@org_view
def proposal_list(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.view_proposal"):
        require_perm(request, "proposals.view_proposal", org)
    council_ids = selectors.visible_council_ids(request.user, org)
    councils = Council.objects.filter(organisation=org)
    if council_ids is not None:
        councils = councils.filter(id__in=council_ids)
    form = ProposalFilterForm(request.GET or None, councils=councils, organisation=org)
    filters = selectors.ProposalFilters()
    if form.is_valid():
        start, end = form.period_dates()
        filters = selectors.ProposalFilters(
            council=form.cleaned_data["council"],
            theme_id=form.cleaned_data["theme"].pk if form.cleaned_data["theme"] else None,
            status=form.cleaned_data["status"],
            start=start,
            end=end,
        )
    proposals, counts = selectors.proposal_list(
        organisation=org, user=request.user, filters=filters
    )
    page = Paginator(proposals, 25).get_page(request.GET.get("page"))
    figure_councils = [filters.council.pk] if filters.council is not None else council_ids
    figures = selectors.proposal_figures(
        organisation=org, council_ids=figure_councils, start=filters.start, end=filters.end
    )
    status_counts = [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in ProposalStatus.choices
        if counts.get(value)
    ]
    return _render(
        request,
        "proposals/proposal_list.html",
        {
            "form": form,
            "page": page,
            "total": sum(counts.values()),
            "status_counts": status_counts,
            "figures": figures,
            "can_author": can_anywhere(request.user, org, "proposals.author_proposal"),
        },
    )


@org_view
def proposal_ours(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.author_proposal"):
        raise PermissionDenied("This page is for council reps.")
    page = Paginator(selectors.our_proposals(organisation=org, user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return _render(request, "proposals/proposal_ours.html", {"page": page})


@org_view
def proposal_decisions(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.decide_proposal"):
        raise PermissionDenied("This page is for chairs.")
    data = selectors.decisions_awaiting(organisation=org, user=request.user)
    ids = council_ids_where(request.user, org, "proposals.view_oversight")
    return _render(
        request,
        "proposals/decisions_awaiting.html",
        {
            "waiting": list(data["waiting"]),
            "unpublished": list(data["unpublished"]),
            "needs_owner": list(data["needs_owner"]),
            "overdue": list(selectors.overdue_proposals(organisation=org, council_ids=ids)[:50]),
            "today": timezone.localdate(),
        },
    )


@org_view
def proposal_my_actions(request):
    org = request.organisation
    data = selectors.my_actions(organisation=org, user=request.user)
    if "lead" not in request.roles and not data["owned"].exists():
        raise PermissionDenied("This page is for probation leads.")
    return _render(
        request,
        "proposals/my_actions.html",
        {"owned": list(data["owned"]), "actions": list(data["actions"])},
    )


@org_view
def proposal_overdue(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.view_oversight"):
        raise PermissionDenied("This page is for coordinators, chairs and managers.")
    ids = council_ids_where(request.user, org, "proposals.view_oversight")
    return _render(
        request,
        "proposals/overdue.html",
        {
            "proposals": list(selectors.overdue_proposals(organisation=org, council_ids=ids)),
            "action_points": list(
                selectors.overdue_action_points(organisation=org, council_ids=ids)
            ),
        },
    )


# ---------------------------------------------------------------------------
# Drafting


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
        raise PermissionDenied("Proposals are written by council reps. You can comment on them.")
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
            return _render(request, "proposals/proposal_choose_council.html", {"form": chooser})
    require_perm(request, "proposals.author_proposal", council)
    selected = list(_selected_feedback(request, council)) if from_selection else []
    evidence_qs = _selected_feedback(request, council) if from_selection else None
    initial = {}
    if selected:
        themes = [i.theme for i in selected]
        initial["theme"] = max(set(themes), key=themes.count).public_id
        initial["evidence"] = [i.public_id for i in selected]
        initial["problem"] = "\n".join(f"“{i.said}”" for i in selected[:5])
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
            messages.success(request, "Proposal saved as a draft.")
            return _to_proposal(request, proposal)
    return _render(
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
    require_perm(request, "proposals.view_proposal", proposal, "Your role does not show proposals.")
    user = request.user
    is_rep = user.has_perm("proposals.author_proposal", proposal)
    is_author = is_rep and any(a.pk == user.pk for a in proposal.authors.all())
    is_owner = user.has_perm("proposals.update_implementation", proposal)
    can_comment = is_rep or user.has_perm("proposals.comment_proposal", proposal)
    return _render(
        request,
        "proposals/proposal_detail.html",
        {
            "proposal": proposal,
            "evidence": selectors.evidence_for(proposal),
            "timeline": list(selectors.timeline_for(proposal)),
            "updates": list(selectors.implementation_updates_for(proposal)),
            "decisions": list(selectors.decision_history_for(proposal)),
            "comments": list(selectors.comments_for(proposal)),
            "is_author": is_author,
            "can_edit": is_author and proposal.is_editable,
            "can_withdraw": is_author and proposal.status in {S.DRAFT, S.READY, S.DEFERRED},
            "can_comment": can_comment,
            "comment_form": CommentForm() if can_comment else None,
            "can_follow": is_rep and not is_author,
            "following": is_rep and proposal.followers.filter(pk=user.pk).exists(),
            "can_assign": user.has_perm("proposals.assign_owner", proposal)
            and proposal.status in {S.ACCEPTED, S.ACCEPTED_WITH_CHANGES, S.IN_PROGRESS},
            "is_owner": is_owner and proposal.status == S.IN_PROGRESS,
            "is_overdue": Proposal.objects.filter(selectors.overdue_q(), pk=proposal.pk).exists()
            if proposal.status == S.IN_PROGRESS
            else False,
        },
    )


def _require_author_page(request, proposal: Proposal) -> None:
    if not (
        request.user.has_perm("proposals.author_proposal", proposal)
        and proposal.authors.filter(pk=request.user.pk).exists()
    ):
        raise PermissionDenied(
            "Only the reps who wrote this proposal can change it. You can comment on it."
        )


@org_view
@require_http_methods(["GET", "POST"])
def proposal_edit(request, proposal_id: str):
    proposal = _proposal(request, proposal_id)
    _require_author_page(request, proposal)
    if not proposal.is_editable:
        messages.error(request, "This proposal has been presented, so it can no longer be changed.")
        return _to_proposal(request, proposal)
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
            messages.success(request, "Proposal saved.")
            return _to_proposal(request, proposal)
    authors_form = AddAuthorForm(
        people=selectors.reps_of_council(proposal.council).exclude(
            pk__in=proposal.authors.values("pk")
        )
    )
    return _render(
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
    proposal = _proposal(request, proposal_id)
    _require_author_page(request, proposal)
    form = AddAuthorForm(request.POST, people=selectors.reps_of_council(proposal.council))
    if form.is_valid():
        try:
            services.proposal_add_author(
                proposal=proposal, user=form.cleaned_data["user"], actor=request.user
            )
        except ValidationError as error:
            messages.error(request, _refuse(error))
        else:
            messages.success(request, f"{form.cleaned_data['user']} is now an author.")
    else:
        messages.error(request, "Choose a rep of this council.")
    return redirect("proposal_edit", request.organisation.slug, proposal.public_id)


@org_view
@require_http_methods(["GET", "POST"])
def proposal_withdraw(request, proposal_id: str):
    proposal = _proposal(request, proposal_id)
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
            messages.success(request, "Proposal withdrawn.")
            return _to_proposal(request, proposal)
    return _render(
        request, "proposals/proposal_withdraw.html", {"form": form, "proposal": proposal}
    )


@org_view
@require_POST
def proposal_comment(request, proposal_id: str):
    proposal = _proposal(request, proposal_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write your comment before you send it.")
        return _to_proposal(request, proposal)
    try:
        services.proposal_comment(
            proposal=proposal, actor=request.user, body=form.cleaned_data["body"]
        )
    except ValidationError as error:
        messages.error(request, _refuse(error))
    else:
        messages.success(request, "Comment added.")
    return _to_proposal(request, proposal)


@org_view
@require_POST
def proposal_follow(request, proposal_id: str):
    proposal = _proposal(request, proposal_id)
    follow = request.POST.get("follow") == "1"
    services.proposal_follow(proposal=proposal, actor=request.user, follow=follow)
    messages.success(
        request,
        "You will be told of every update." if follow else "You will no longer be told of updates.",
    )
    return _to_proposal(request, proposal)


# ---------------------------------------------------------------------------
# Implementation


@org_view
@require_http_methods(["GET", "POST"])
def proposal_assign_owner(request, proposal_id: str):
    proposal = _proposal(request, proposal_id)
    require_perm(
        request,
        "proposals.assign_owner",
        proposal,
        "Only a chair of this council can choose who puts a proposal in place.",
    )
    initial = {}
    if proposal.owner_id:
        initial = {"owner": proposal.owner.public_id, "target_date": proposal.target_date}
    form = OwnerForm(request.POST or None, council=proposal.council, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_assign_owner(
                proposal=proposal,
                owner=form.cleaned_data["owner"],
                target_date=form.cleaned_data["target_date"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['owner']} now owns this proposal.")
            return _to_proposal(request, proposal)
    return _render(request, "proposals/owner_form.html", {"form": form, "proposal": proposal})


def _owner_page(request, proposal_id: str, form_class, template: str, service, success: str):
    proposal = _proposal(request, proposal_id)
    require_perm(
        request,
        "proposals.update_implementation",
        proposal,
        "Only the person who owns this proposal can post updates.",
    )
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(proposal=proposal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return _to_proposal(request, proposal)
    return _render(request, template, {"form": form, "proposal": proposal})


@org_view
@require_http_methods(["GET", "POST"])
def proposal_update_add(request, proposal_id: str):
    return _owner_page(
        request,
        proposal_id,
        ImplementationUpdateForm,
        "proposals/update_form.html",
        services.implementation_update_add,
        "Update posted. The council's reps can see it.",
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
        "Marked as done. Thank you.",
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
        "Marked as could not be done. The reps will see your reason.",
    )


# ---------------------------------------------------------------------------
# Meetings


def can_view_meeting(user, meeting: Meeting) -> bool:
    if meeting.chair_id == user.pk:
        return True
    if user.has_perm("proposals.manage_meetings", meeting.council):
        return True
    if meeting.kind == Meeting.Kind.HUB:
        return user.has_perm("proposals.author_proposal", meeting.council)
    return user.has_perm("proposals.view_proposal", meeting.council) or (
        meeting.invited.filter(pk=user.pk).exists()
    )


def _meeting(request, meeting_id: str) -> Meeting:
    meeting = get_for_org(
        Meeting.objects.select_related("council", "chair", "organisation", "cancelled_by"),
        request,
        public_id=meeting_id,
    )
    if not can_view_meeting(request.user, meeting):
        raise PermissionDenied(
            "Hub meetings are for the council's reps."
            if meeting.kind == Meeting.Kind.HUB
            else "Your role does not show this council's meetings."
        )
    return meeting


@org_view
def meeting_list(request):
    org = request.organisation
    if not can_anywhere(request.user, org, "proposals.view_proposal"):
        raise PermissionDenied("Your role does not show meetings.")
    today = timezone.localdate()
    meetings = selectors.meeting_list(organisation=org, user=request.user)
    upcoming = meetings.filter(date__gte=today).order_by("date", "starts_at")
    past = Paginator(meetings.filter(date__lt=today).order_by("-date", "-starts_at"), 20).get_page(
        request.GET.get("page")
    )
    return _render(
        request,
        "proposals/meeting_list.html",
        {
            "upcoming": list(upcoming[:50]),
            "page": past,
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
        raise PermissionDenied("Only coordinators schedule meetings.")
    start = MeetingStartForm(request.GET or None, councils=_manage_councils(request))
    if not (request.GET and start.is_valid()):
        return render(request, "proposals/meeting_start.html", {"form": start})
    council, kind = start.cleaned_data["council"], start.cleaned_data["kind"]
    require_perm(request, "proposals.manage_meetings", council)
    form = MeetingForm(request.POST or None, council=council, kind=kind)
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
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Meeting scheduled. Papers are due on {meeting.papers_due_on:%-d %B %Y}.",
            )
            return _to_meeting(request, meeting)
    return render(
        request,
        "proposals/meeting_form.html",
        {"form": form, "council": council, "kind": kind, "kind_label": Meeting.Kind(kind).label},
    )


@org_view
@require_http_methods(["GET", "POST"])
def meeting_edit(request, meeting_id: str):
    meeting = _meeting(request, meeting_id)
    require_perm(
        request, "proposals.manage_meetings", meeting.council, "Only coordinators change meetings."
    )
    initial = {
        "date": meeting.date,
        "starts_at": meeting.starts_at,
        "venue": meeting.venue,
        "chair": meeting.chair.public_id if meeting.chair_id else "",
        "invited": [p.public_id for p in meeting.invited.all()],
    }
    form = MeetingForm(
        request.POST or None, council=meeting.council, kind=meeting.kind, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Meeting saved.")
            return _to_meeting(request, meeting)
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
        told = ["the council’s reps"]
    if meeting.chair_id and meeting.chair not in invited:
        told.append(f"the chair ({meeting.chair})")
    if len(told) > 1:
        return ", ".join(told[:-1]) + " and " + told[-1]
    return "".join(told)


@org_view
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, meeting_id: str):
    """Confirm, with a reason, that a meeting will not take place."""
    meeting = _meeting(request, meeting_id)
    require_perm(
        request, "proposals.manage_meetings", meeting.council, "Only coordinators cancel meetings."
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
            messages.success(request, "Meeting cancelled. Everyone invited will get an email.")
            return _to_meeting(request, meeting)
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


@org_view
def meeting_detail(request, meeting_id: str):
    meeting = _meeting(request, meeting_id)
    user = request.user
    page = selectors.meeting_for_page(meeting)
    active = meeting.cancelled_at is None
    can_minute = (
        active
        and meeting.minutes_completed_at is None
        and _can(services._require_minute_taker, meeting, user)
    )
    manage = user.has_perm("proposals.manage_meetings", meeting.council)
    return render(
        request,
        "proposals/meeting_detail.html",
        {
            "meeting": meeting,
            **page,
            "can_manage": manage and active,
            "can_edit_meeting": active and (manage or meeting.chair_id == user.pk),
            "can_cancel": manage
            and active
            and not meeting.minutes_completed_at
            and not page["decision_count"],
            "can_minute": can_minute,
            "minute_form": MinuteForm(meeting=meeting, items=page["items"]) if can_minute else None,
            "can_decide": services.may_decide(user, meeting),
            "today": timezone.localdate(),
            "can_publish": services.may_publish(user, meeting) and page["unpublished_count"],
            "can_mark_ready": active
            and meeting.kind == Meeting.Kind.HUB
            and user.has_perm("proposals.author_proposal", meeting.council),
        },
    )


def _can(check, meeting, user) -> bool:
    try:
        check(meeting, user)
    except PermissionDenied:
        return False
    return True


@org_view
@require_http_methods(["GET", "POST"])
def meeting_agenda(request, meeting_id: str):
    """The coordinator's agenda editor: order, edit, add, and refresh."""
    meeting = _meeting(request, meeting_id)
    require_perm(
        request, "proposals.manage_meetings", meeting.council, "Only coordinators edit the agenda."
    )
    form = AgendaItemAddForm(request.POST or None, organisation=request.organisation)
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
            messages.success(request, "Item added to the agenda.")
            return redirect("meeting_agenda", request.organisation.slug, meeting.public_id)
    form.fields["proposal"].queryset = form.fields["proposal"].queryset.filter(
        council=meeting.council
    )
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
    meeting = _meeting(request, meeting_id)
    require_perm(
        request, "proposals.manage_meetings", meeting.council, "Only coordinators edit the agenda."
    )
    try:
        added = services.agenda_build(meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, _refuse(error))
    else:
        messages.success(
            request,
            f"{added} item{'s' if added != 1 else ''} added." if added else "Nothing new to add.",
        )
    return redirect("meeting_agenda", request.organisation.slug, meeting.public_id)


def _agenda_item(request, item_id: str) -> AgendaItem:
    item = get_for_org(
        AgendaItem.objects.select_related(
            "meeting", "meeting__council", "proposal", "action_point"
        ),
        request,
        public_id=item_id,
    )
    require_perm(
        request,
        "proposals.manage_meetings",
        item.meeting.council,
        "Only coordinators edit the agenda.",
    )
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
            messages.error(request, _refuse(error))
        else:
            messages.success(request, "Item removed from the agenda.")
            return redirect("meeting_agenda", request.organisation.slug, meeting.public_id)
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
            messages.success(request, "Agenda item saved.")
            return redirect("meeting_agenda", request.organisation.slug, meeting.public_id)
    return render(request, "proposals/agenda_item_form.html", {"form": form, "item": item})


@org_view
@require_POST
def agenda_item_move(request, item_id: str):
    item = _agenda_item(request, item_id)
    services.agenda_item_move(
        item=item, direction=request.POST.get("direction", ""), actor=request.user
    )
    response = redirect("meeting_agenda", request.organisation.slug, item.meeting.public_id)
    response["Location"] += f"#item-{item.public_id}"
    return response


@org_view
@require_http_methods(["GET", "POST"])
def meeting_attendance(request, meeting_id: str):
    meeting = _meeting(request, meeting_id)
    if not (
        request.user.has_perm("proposals.manage_meetings", meeting.council)
        or meeting.chair_id == request.user.pk
    ):
        raise PermissionDenied("Only the coordinator or the meeting's chair records attendance.")
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
            messages.success(request, "Attendance saved.")
            return _to_meeting(request, meeting, "attendance")
    return render(request, "proposals/attendance_form.html", {"form": form, "meeting": meeting})


@org_view
@require_POST
def meeting_minute_add(request, meeting_id: str):
    meeting = _meeting(request, meeting_id)
    form = MinuteForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, "Write the point before you add it.")
        return _to_meeting(request, meeting, "minutes")
    try:
        services.minute_add(
            meeting=meeting,
            text=form.cleaned_data["text"],
            agenda_item=form.cleaned_data["agenda_item"],
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, _refuse(error))
    else:
        messages.success(request, "Point added to the minutes.")
    return _to_meeting(request, meeting, "minutes")


@org_view
@require_http_methods(["GET", "POST"])
def action_point_new(request, meeting_id: str):
    meeting = _meeting(request, meeting_id)
    if not _can(services._require_minute_taker, meeting, request.user):
        raise PermissionDenied("Your role does not let you write minutes or action points.")
    form = ActionPointForm(request.POST or None, council=meeting.council)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_point_create(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Action point added. It stays on every agenda until closed.")
            return _to_meeting(request, meeting, "action-points")
    return render(request, "proposals/action_point_form.html", {"form": form, "meeting": meeting})


@org_view
@require_http_methods(["GET", "POST"])
def action_point_note(request, meeting_id: str, action_id: str):
    meeting = _meeting(request, meeting_id)
    point = get_for_org(
        ActionPoint.objects.select_related("owner", "meeting", "council"),
        request,
        public_id=action_id,
    )
    if point.owner_id != request.user.pk and not _can(
        services._require_minute_taker, meeting, request.user
    ):
        raise PermissionDenied("Only the action's owner or a minute taker can add its update.")
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
            messages.success(request, "Update saved.")
            return _to_meeting(request, meeting, "agenda")
    history = list(point.updates.select_related("meeting", "author").order_by("created_at"))
    return render(
        request,
        "proposals/action_note_form.html",
        {"form": form, "meeting": meeting, "point": point, "history": history},
    )


@org_view
@require_POST
def meeting_complete(request, meeting_id: str):
    meeting = _meeting(request, meeting_id)
    try:
        services.meeting_complete_minutes(meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, _refuse(error))
    else:
        messages.success(request, "Minutes complete.")
    return _to_meeting(request, meeting)


@org_view
@require_POST
def meeting_mark_ready(request, meeting_id: str, proposal_id: str):
    meeting = _meeting(request, meeting_id)
    proposal = _proposal(request, proposal_id)
    try:
        services.proposal_mark_ready(proposal=proposal, meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, f"{proposal.title}: {_refuse(error)}")
    else:
        messages.success(request, f"‘{proposal.title}’ is ready for the council meeting.")
    return _to_meeting(request, meeting, "agenda")


@org_view
@require_http_methods(["GET", "POST"])
def decision_record(request, meeting_id: str, proposal_id: str):
    meeting = _meeting(request, meeting_id)
    proposal = _proposal(request, proposal_id)
    if not services.may_decide(request.user, meeting):
        raise PermissionDenied(
            "Only the meeting's chair, or a chair of this council, can record decisions."
        )
    if not meeting.agenda_items.filter(proposal=proposal, kind=AgendaItem.Kind.PROPOSAL).exists():
        messages.error(request, "This proposal is not on this meeting's agenda.")
        return _to_meeting(request, meeting, "agenda")
    existing = meeting.decisions.filter(proposal=proposal).first()
    initial = {}
    if existing is not None:
        initial = {
            "outcome": existing.outcome,
            "changes_required": existing.changes_required,
            "deferred_to": existing.deferred_to,
            "deferred_to_meeting": existing.deferred_to_meeting.public_id
            if existing.deferred_to_meeting_id
            else "",
            "reason_category": existing.reason_category,
            "reason": existing.reason,
            "replaced_by": existing.replaced_by.public_id if existing.replaced_by_id else "",
        }
    form = DecisionForm(request.POST or None, meeting=meeting, proposal=proposal, initial=initial)
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
                f"Decision on ‘{proposal.title}’ recorded. Publish the meeting's decisions "
                "when you are ready: until then only chairs can see it.",
            )
            return _to_meeting(request, meeting, "agenda")
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
    meeting = _meeting(request, meeting_id)
    try:
        published = services.decisions_publish(meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, _refuse(error))
    else:
        n = len(published)
        messages.success(
            request,
            f"{n} decision{'s' if n != 1 else ''} published. Every author and rep of the "
            "council is being told.",
        )
    return _to_meeting(request, meeting)
