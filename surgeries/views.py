"""Surgeries and feedback pages.

Raw feedback pages need ``surgeries.view_raw_feedback`` on the council (reps
and coordinators). Everyone else is refused with a plain 403 and pointed to
the summary, which shows counts and approved quotes only.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.models import Role, RoleAssignment
from councils.permissions import can_anywhere, council_ids_where, require_perm
from councils.tenancy import get_for_org, org_view

from . import selectors, services
from .forms import (
    BoardFilterForm,
    CountTapForm,
    FeedbackCorrectForm,
    FeedbackItemForm,
    FollowUpCloseForm,
    QuoteForm,
    SummaryFilterForm,
    SurgeryCountsForm,
    SurgeryForm,
    ThemeForm,
    new_token,
)
from .models import FeedbackItem, Surgery, Theme

User = get_user_model()

RAW_FEEDBACK_REFUSAL = (
    "What people on probation said is seen only by the council's reps and coordinators. "
    "You can see the feedback summary instead."
)


def _require_anywhere(request, perm: str, message: str) -> None:
    if not can_anywhere(request.user, request.organisation, perm):
        raise PermissionDenied(message)


def _surgery_or_404(request, surgery_id: str) -> Surgery:
    surgery = selectors.surgery_for_page(request.organisation, surgery_id)
    if surgery is None:
        raise Http404("Not found.")
    return surgery


def _item_or_404(request, feedback_id: str) -> FeedbackItem:
    item = selectors.feedback_item_for_page(request.organisation, feedback_id)
    if item is None:
        raise Http404("Not found.")
    return item


def _reps_for_councils(organisation, councils):
    """Reps who may be picked for a surgery of any of these councils."""
    council_ids = [c.pk for c in councils]
    region_ids = {c.region_id for c in councils}
    covering = (
        RoleAssignment.objects.active()
        .filter(organisation=organisation, role=Role.REP)
        .filter(
            Q(council_id__in=council_ids)
            | Q(council__isnull=True, region_id__in=region_ids)
            | Q(council__isnull=True, region__isnull=True)
        )
    )
    return (
        User.objects.filter(is_active=True, pk__in=covering.values("user_id"))
        .select_related("rep_profile__council")
        .order_by("display_name", "username")
    )


# ---------------------------------------------------------------- surgeries


@org_view
def surgery_list(request):
    org = request.organisation
    _require_anywhere(
        request, "surgeries.plan_surgery", "Surgeries are planned by reps and coordinators."
    )
    council_ids = council_ids_where(request.user, org, "surgeries.plan_surgery")
    mine = list(selectors.surgeries_planned_for(request.user, org))
    today = timezone.localdate()
    past = Paginator(
        selectors.surgeries_in_councils(org, council_ids, upcoming=False), 20
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "surgeries/surgery_list.html",
        {
            "today_surgeries": [s for s in mine if s.date == today],
            "my_upcoming": [s for s in mine if s.date > today],
            "upcoming": selectors.surgeries_in_councils(org, council_ids, upcoming=True)[:50],
            "page": past,
            "today": today,
        },
    )


@org_view
def surgery_today(request):
    """One tap from the home page: straight to today's surgery if there is one."""
    _require_anywhere(
        request, "surgeries.log_feedback", "Only reps and coordinators log surgery feedback."
    )
    surgeries = selectors.surgeries_today_for(request.user, request.organisation)
    if len(surgeries) == 1:
        return redirect("surgery_detail", request.organisation.slug, surgeries[0].public_id)
    return render(request, "surgeries/surgery_today.html", {"surgeries": surgeries})


def _surgery_form(request, *, surgery: Surgery | None):
    org = request.organisation
    councils = selectors.councils_where(request.user, org, "surgeries.plan_surgery")
    councils_list = list(councils.select_related("region"))
    initial = SurgeryForm.initial_for(
        surgery, default_council=councils_list[0] if len(councils_list) == 1 else None
    )
    if surgery is None and Role.REP in request.roles:
        initial["reps"] = [str(request.user.public_id)]
    return SurgeryForm(
        request.POST or None,
        initial=initial,
        councils=councils,
        sites=selectors.sites_for_org(org),
        reps=_reps_for_councils(org, councils_list),
    )


@org_view
@require_http_methods(["GET", "POST"])
def surgery_new(request):
    org = request.organisation
    _require_anywhere(
        request, "surgeries.plan_surgery", "Surgeries are planned by reps and coordinators."
    )
    form = _surgery_form(request, surgery=None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require_perm(request, "surgeries.plan_surgery", data["council"])
        try:
            surgery = services.surgery_schedule(
                organisation=org,
                council=data["council"],
                site=data["site"],
                date=data["date"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                reps=list(data["reps"]),
                notes=data["notes"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Surgery planned: {surgery}.")
            return redirect("surgery_detail", org.slug, surgery.public_id)
    return render(request, "surgeries/surgery_form.html", {"form": form, "surgery": None})


@org_view
@require_http_methods(["GET", "POST"])
def surgery_edit(request, surgery_id: str):
    org = request.organisation
    surgery = _surgery_or_404(request, surgery_id)
    require_perm(request, "surgeries.plan_surgery", surgery)
    form = _surgery_form(request, surgery=surgery)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require_perm(request, "surgeries.plan_surgery", data["council"])
        try:
            services.surgery_update(
                surgery=surgery,
                council=data["council"],
                site=data["site"],
                date=data["date"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                reps=list(data["reps"]),
                notes=data["notes"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Surgery details saved.")
            return redirect("surgery_detail", org.slug, surgery.public_id)
    return render(request, "surgeries/surgery_form.html", {"form": form, "surgery": surgery})


@org_view
@require_POST
def surgery_cancel(request, surgery_id: str):
    surgery = _surgery_or_404(request, surgery_id)
    require_perm(request, "surgeries.plan_surgery", surgery)
    try:
        services.surgery_cancel(surgery=surgery, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("surgery_edit", request.organisation.slug, surgery.public_id)
    messages.success(request, f"Surgery cancelled: {surgery}.")
    return redirect("surgery_list", request.organisation.slug)


@org_view
def surgery_letter(request, surgery_id: str):
    surgery = _surgery_or_404(request, surgery_id)
    require_perm(request, "surgeries.plan_surgery", surgery)
    contacts = [c for c in selectors.coordinators_of_council(surgery.council) if c.email][:2]
    return render(
        request, "surgeries/surgery_letter.html", {"surgery": surgery, "contacts": contacts}
    )


def _surgery_page(
    request, surgery: Surgery, *, feedback_form=None, counts_form=None, tap_form=None
):
    org = request.organisation
    can_log = request.user.has_perm("surgeries.log_feedback", surgery)
    if feedback_form is None:
        feedback_form = FeedbackItemForm(
            initial=FeedbackItemForm.initial_for_new(), organisation=org
        )
    if counts_form is None:
        counts_form = SurgeryCountsForm(
            initial={
                "people_approached": surgery.people_approached,
                "people_engaged": surgery.people_engaged,
                "people_declined": surgery.people_declined,
                "notes": surgery.notes,
            }
        )
    if tap_form is None:
        tap_form = CountTapForm()
    items = list(selectors.feedback_at_surgery(surgery))
    for item in items:
        item.can_correct = item.can_be_corrected_by(request.user)
    has_errors = bool(feedback_form.errors or counts_form.errors or tap_form.errors)
    today = timezone.localdate()
    return render(
        request,
        "surgeries/surgery_detail.html",
        {
            "surgery": surgery,
            "can_log": can_log,
            "can_plan": request.user.has_perm("surgeries.plan_surgery", surgery),
            "is_open": not surgery.is_cancelled and surgery.date <= today,
            "is_today": surgery.date == today,
            "feedback_form": feedback_form,
            "counts_form": counts_form,
            "tap_form": tap_form,
            "tap_token": new_token(),
            "items": items,
            "has_errors": has_errors,
            "not_engaged": surgery.people_approached
            - surgery.people_engaged
            - surgery.people_declined,
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def surgery_detail(request, surgery_id: str):
    """Today's surgery: count people, log what they say, see what is logged."""
    org = request.organisation
    surgery = _surgery_or_404(request, surgery_id)
    require_perm(request, "surgeries.view_raw_feedback", surgery, RAW_FEEDBACK_REFUSAL)
    if request.method != "POST":
        return _surgery_page(request, surgery)
    require_perm(request, "surgeries.log_feedback", surgery)
    form = FeedbackItemForm(request.POST, organisation=org)
    if form.is_valid():
        try:
            item, created = services.feedback_log(
                organisation=org,
                council=surgery.council,
                surgery=surgery,
                channel=FeedbackItem.Channel.SURGERY,
                submission_token=form.cleaned_data["submission_token"],
                actor=request.user,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _feedback_saved_message(request, item, created)
            return _redirect_saved("surgery_detail", request, item, surgery.public_id)
    return _surgery_page(request, surgery, feedback_form=form)


def _redirect_saved(url_name: str, request, item: FeedbackItem, *args):
    """Back to a fresh form. ``saved`` tells the page's script that the draft
    it kept for this token is safely stored and can be forgotten."""
    url = reverse(url_name, args=[request.organisation.slug, *args])
    if item.submission_token:
        url += "?" + urlencode({"saved": item.submission_token})
    return redirect(url)


def _feedback_saved_message(request, item: FeedbackItem, created: bool) -> None:
    if not created:
        messages.success(request, "This feedback was saved already. It has not been added twice.")
    elif item.follow_up == FeedbackItem.FollowUp.SAFEGUARDING:
        messages.success(
            request,
            "Feedback saved. The coordinators have been told about the safeguarding concern.",
        )
    else:
        messages.success(request, "Feedback saved. Thank you.")


@org_view
@require_POST
def surgery_count(request, surgery_id: str):
    """One tap: add one person who talked, said no, or was only approached."""
    surgery = _surgery_or_404(request, surgery_id)
    require_perm(request, "surgeries.log_feedback", surgery)
    form = CountTapForm(request.POST)
    if form.is_valid():
        try:
            counted = services.surgery_count_person(
                surgery=surgery,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                token=form.cleaned_data["token"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not counted:
                messages.info(request, "That tap was counted already.")
            else:
                outcome = form.cleaned_data["outcome"]
                label = {
                    "engaged": "1 person who talked",
                    "declined": "1 person who said no",
                    "approached": "1 person approached",
                }[outcome]
                messages.success(request, f"Counted {label}.")
            return redirect(
                reverse("surgery_detail", args=[request.organisation.slug, surgery.public_id])
                + "#counts"
            )
    return _surgery_page(request, surgery, tap_form=form)


@org_view
@require_POST
def surgery_counts(request, surgery_id: str):
    """Correct the numbers, or enter them after the surgery."""
    surgery = _surgery_or_404(request, surgery_id)
    require_perm(request, "surgeries.log_feedback", surgery)
    form = SurgeryCountsForm(request.POST)
    if form.is_valid():
        try:
            services.surgery_record_counts(surgery=surgery, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Numbers saved.")
            return redirect(
                reverse("surgery_detail", args=[request.organisation.slug, surgery.public_id])
                + "#counts"
            )
    return _surgery_page(request, surgery, counts_form=form)


# ---------------------------------------------------------------- feedback


@org_view
def feedback_home(request):
    """The "Feedback" link: the board for reps and coordinators, the summary
    for everyone else."""
    org = request.organisation
    if can_anywhere(request.user, org, "surgeries.view_raw_feedback"):
        return redirect("feedback_board", org.slug)
    if can_anywhere(request.user, org, "surgeries.view_feedback_summary"):
        return redirect("feedback_summary", org.slug)
    raise PermissionDenied("Your role does not include feedback.")


@org_view
@require_http_methods(["GET", "POST"])
def feedback_new(request):
    """Feedback from outside a surgery: hub, survey, suggestion box, phone..."""
    org = request.organisation
    _require_anywhere(request, "surgeries.log_feedback", "Only reps and coordinators log feedback.")
    councils = selectors.councils_where(request.user, org, "surgeries.log_feedback")
    initial = FeedbackItemForm.initial_for_new()
    if councils.count() == 1:
        initial["council"] = councils.first().public_id
    form = FeedbackItemForm(
        request.POST or None,
        initial=initial,
        organisation=org,
        other_channel=True,
        councils=councils,
    )
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        require_perm(request, "surgeries.log_feedback", kwargs["council"])
        try:
            item, created = services.feedback_log(
                organisation=org,
                submission_token=form.cleaned_data["submission_token"],
                actor=request.user,
                **kwargs,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _feedback_saved_message(request, item, created)
            return _redirect_saved("feedback_new", request, item)
    return render(request, "surgeries/feedback_new.html", {"form": form})


@org_view
def feedback_detail(request, feedback_id: str):
    item = _item_or_404(request, feedback_id)
    require_perm(request, "surgeries.view_raw_feedback", item, RAW_FEEDBACK_REFUSAL)
    return render(
        request,
        "surgeries/feedback_detail.html",
        {
            "item": item,
            "can_correct": item.can_be_corrected_by(request.user),
            "can_close": item.follow_up_is_open
            and request.user.has_perm("surgeries.close_followup", item),
            "can_moderate": item.consent_to_quote
            and request.user.has_perm("surgeries.moderate_quotes", item),
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def feedback_edit(request, feedback_id: str):
    org = request.organisation
    item = _item_or_404(request, feedback_id)
    require_perm(request, "surgeries.log_feedback", item)
    if not item.can_be_corrected_by(request.user):
        raise PermissionDenied(
            "Feedback can be corrected only by the person who logged it, for 24 hours."
        )
    form = FeedbackCorrectForm(
        request.POST or None,
        initial=FeedbackItemForm.initial_for_item(item),
        organisation=org,
        item=item,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_correct(item=item, actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Feedback corrected.")
            if item.surgery_id:
                return redirect("surgery_detail", org.slug, item.surgery.public_id)
            return redirect("feedback_detail", org.slug, item.public_id)
    return render(request, "surgeries/feedback_edit.html", {"form": form, "item": item})


def _proposal_link(request, council) -> str | None:
    """The proposals app adds "Draft a proposal from these"; until it exists
    there is no link."""
    try:
        url = reverse("proposal_new", args=[request.organisation.slug])
    except NoReverseMatch:
        return None
    return f"{url}?from_selection={council.public_id}"


def _board_filters(request, councils):
    """The filter form, and the council it is about (the first of the
    person's councils unless they chose another)."""
    council = councils.first()
    requested = request.GET.get("council")
    if requested:
        council = councils.filter(public_id=requested).first() or council
    year_ago = timezone.localdate() - dt.timedelta(days=366)
    surgeries = Surgery.objects.filter(
        organisation=request.organisation, council=council, date__gte=year_ago
    ).select_related("site")
    form = BoardFilterForm(
        request.GET or None,
        initial={"period": BOARD_PERIOD},
        councils=councils,
        organisation=request.organisation,
        surgeries=surgeries.order_by("-date"),
    )
    return form, council


def _period_from(form, default: str) -> selectors.Period:
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if data.get("date_from") and data.get("date_to"):
        return selectors.custom_period(data["date_from"], data["date_to"])
    return selectors.period_named(data.get("period") or default)


BOARD_PERIOD = "last-3-months"
SUMMARY_PERIOD = "last-quarter"


@org_view
def feedback_board(request):
    org = request.organisation
    _require_anywhere(request, "surgeries.view_raw_feedback", RAW_FEEDBACK_REFUSAL)
    councils = selectors.councils_where(request.user, org, "surgeries.view_raw_feedback")
    form, council = _board_filters(request, councils)
    if council is None:
        return render(request, "surgeries/feedback_board.html", {"form": form, "council": None})
    require_perm(request, "surgeries.view_raw_feedback", council, RAW_FEEDBACK_REFUSAL)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            k: form.cleaned_data.get(k) for k in ("site", "channel", "kind", "surgery", "theme")
        }
        council = form.cleaned_data.get("council") or council
    period = _period_from(form, BOARD_PERIOD)
    board = selectors.feedback_board(
        user=request.user, council=council, period=period, filters=filters
    )
    page = Paginator(board["items"], 50).get_page(request.GET.get("page"))
    in_period = {row.theme.pk: row.current for row in board["theme_counts"]}
    groups: list[dict] = []
    for item in page.object_list:
        if not groups or groups[-1]["theme"].pk != item.theme_id:
            groups.append(
                {"theme": item.theme, "count": in_period.get(item.theme_id, 0), "items": []}
            )
        groups[-1]["items"].append(item)
    return render(
        request,
        "surgeries/feedback_board.html",
        {
            "form": form,
            "council": council,
            "period": period,
            "previous": period.previous(),
            "board": board,
            "page": page,
            "groups": groups,
            "selected_count": selectors.selection_count(request.user, council),
            "proposal_link": _proposal_link(request, council),
            "can_log": request.user.has_perm("surgeries.log_feedback", council),
        },
    )


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@org_view
@require_http_methods(["GET", "POST"])
def feedback_selection(request):
    """The items picked as evidence for a proposal, for one council."""
    org = request.organisation
    _require_anywhere(request, "surgeries.view_raw_feedback", RAW_FEEDBACK_REFUSAL)
    councils = selectors.councils_where(request.user, org, "surgeries.view_raw_feedback")
    council_id = request.POST.get("council") or request.GET.get("council")
    council = councils.filter(public_id=council_id).first() if council_id else councils.first()
    if council is None:
        raise Http404("Not found.")
    require_perm(request, "surgeries.view_raw_feedback", council, RAW_FEEDBACK_REFUSAL)
    here = reverse("feedback_selection", args=[org.slug]) + f"?council={council.public_id}"
    if request.method == "POST":
        action = request.POST.get("action")
        items = FeedbackItem.objects.filter(
            organisation=org, council=council, public_id__in=request.POST.getlist("items")
        )
        if action == "add":
            added = services.feedback_selection_add(user=request.user, council=council, items=items)
            if added:
                messages.success(request, f"{added} added to your evidence.")
            else:
                messages.info(request, "Tick the feedback you want to add, then press the button.")
        elif action == "remove":
            removed = services.feedback_selection_remove(
                user=request.user, council=council, items=items
            )
            messages.success(request, f"{removed} removed from your evidence.")
        elif action == "clear":
            services.feedback_selection_clear(user=request.user, council=council)
            messages.success(request, "Your evidence list is empty.")
        return redirect(_safe_next(request, here))
    items = list(selectors.selected_feedback_for(request.user, council))
    return render(
        request,
        "surgeries/feedback_selection.html",
        {
            "council": council,
            "councils": councils,
            "items": items,
            "surgery_count": len({i.surgery_id for i in items if i.surgery_id}),
            "first_date": min((i.received_on for i in items), default=None),
            "last_date": max((i.received_on for i in items), default=None),
            "proposal_link": _proposal_link(request, council),
        },
    )


# ---------------------------------------------------------------- follow-ups


@org_view
def followup_list(request):
    org = request.organisation
    _require_anywhere(
        request, "surgeries.close_followup", "Follow-ups are handled by the council's coordinators."
    )
    council_ids = council_ids_where(request.user, org, "surgeries.close_followup")
    return render(
        request,
        "surgeries/followup_list.html",
        {
            "open_items": selectors.open_follow_ups(org, council_ids)[:100],
            "closed_items": selectors.recently_closed_follow_ups(org, council_ids)[:20],
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def followup_close(request, feedback_id: str):
    org = request.organisation
    item = _item_or_404(request, feedback_id)
    require_perm(
        request,
        "surgeries.close_followup",
        item,
        "Follow-ups are closed by the council's coordinators.",
    )
    form = FollowUpCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_close(item=item, note=form.cleaned_data["note"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Follow-up closed.")
            return redirect("followup_list", org.slug)
    return render(request, "surgeries/followup_close.html", {"form": form, "item": item})


# ---------------------------------------------------------------- quotes


@org_view
def quote_list(request):
    org = request.organisation
    _require_anywhere(
        request, "surgeries.moderate_quotes", "Quotes are checked by the council's coordinators."
    )
    council_ids = council_ids_where(request.user, org, "surgeries.moderate_quotes")
    reviewed = (
        FeedbackItem.objects.filter(organisation=org, quote_reviewed_at__isnull=False)
        .select_related("council", "theme", "quote_reviewed_by")
        .order_by("-quote_reviewed_at")
    )
    if council_ids is not None:
        reviewed = reviewed.filter(council_id__in=council_ids)
    return render(
        request,
        "surgeries/quote_list.html",
        {
            "waiting": selectors.quotes_to_review(org, council_ids)[:100],
            "reviewed": reviewed[:20],
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def quote_review(request, feedback_id: str):
    org = request.organisation
    item = _item_or_404(request, feedback_id)
    require_perm(
        request,
        "surgeries.moderate_quotes",
        item,
        "Quotes are checked by the council's coordinators.",
    )
    initial = {"text": item.approved_quote or item.said}
    form = QuoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.quote_approve(
                    item=item, text=form.cleaned_data["text"], actor=request.user
                )
                messages.success(request, "Quote approved. Staff can now see these words.")
            else:
                services.quote_reject(item=item, actor=request.user)
                messages.success(request, "Quote rejected. It will not be published.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("quote_list", org.slug)
    return render(request, "surgeries/quote_review.html", {"form": form, "item": item})


# ---------------------------------------------------------------- summary


@org_view
def feedback_summary(request):
    """For everyone with a stake: counts and approved quotes, never raw words."""
    org = request.organisation
    _require_anywhere(
        request, "surgeries.view_feedback_summary", "Your role does not include feedback."
    )
    councils = selectors.councils_where(request.user, org, "surgeries.view_feedback_summary")
    form = SummaryFilterForm(
        request.GET or None, initial={"period": SUMMARY_PERIOD}, councils=councils
    )
    council_ids = council_ids_where(request.user, org, "surgeries.view_feedback_summary")
    council = None
    if form.is_bound and form.is_valid() and form.cleaned_data.get("council"):
        council = form.cleaned_data["council"]
        council_ids = {council.pk}
    period = _period_from(form, SUMMARY_PERIOD)
    return render(
        request,
        "surgeries/feedback_summary.html",
        {
            "form": form,
            "council": council,
            "period": period,
            "previous": period.previous(),
            "summary": selectors.feedback_summary(
                organisation=org, council_ids=council_ids, period=period
            ),
            "can_manage_themes": request.user.has_perm("surgeries.manage_themes", org),
            "can_see_raw": can_anywhere(request.user, org, "surgeries.view_raw_feedback"),
        },
    )


# ---------------------------------------------------------------- themes


@org_view
@require_http_methods(["GET", "POST"])
def theme_list(request):
    org = request.organisation
    require_perm(
        request, "surgeries.manage_themes", org, "Themes are set up by the organisation's admins."
    )
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_create(
                organisation=org, name=form.cleaned_data["name"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Theme ‘{theme}’ added.")
            return redirect("theme_list", org.slug)
    return render(
        request,
        "surgeries/theme_list.html",
        {"form": form, "themes": selectors.themes_with_use(org)},
    )


@org_view
@require_http_methods(["GET", "POST"])
def theme_edit(request, theme_id: str):
    org = request.organisation
    require_perm(
        request, "surgeries.manage_themes", org, "Themes are set up by the organisation's admins."
    )
    theme = get_for_org(Theme, request, public_id=theme_id)
    form = ThemeForm(request.POST or None, initial={"name": theme.name})
    if request.method == "POST":
        action = request.POST.get("action", "rename")
        if action in {"retire", "restore"}:
            services.theme_set_active(
                theme=theme, is_active=action == "restore", actor=request.user
            )
            word = "brought back" if action == "restore" else "retired"
            messages.success(request, f"Theme ‘{theme}’ {word}.")
            return redirect("theme_list", org.slug)
        if form.is_valid():
            try:
                services.theme_rename(
                    theme=theme, name=form.cleaned_data["name"], actor=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Theme renamed to ‘{theme}’.")
                return redirect("theme_list", org.slug)
    return render(request, "surgeries/theme_edit.html", {"form": form, "theme": theme})
