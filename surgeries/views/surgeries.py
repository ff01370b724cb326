"""Surgery pages: the list, planning, the visit letter, and the surgery day
page where reps count people and log what they say."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from councils.addresses import id_url
from councils.forms import add_service_errors
from councils.freshness import page_of, remember, remember_html
from councils.permissions import council_ids_where
from councils.tenancy import org_view

from .. import access, selectors, services
from ..forms import CountTapForm, FeedbackItemForm, SurgeryCountsForm, SurgeryForm, new_token
from ..models import CountTap, FeedbackItem, Surgery
from ..templatetags.feedback_items import logged_item_html, words_once
from .common import (
    add_feedback_errors,
    feedback_saved_message,
    redirect_saved,
    require_anywhere,
    surgery_or_404,
)
from .offline import json_refused, json_saved, wants_json


@org_view
def surgery_list(request):
    org = request.organisation
    require_anywhere(request, "surgeries.plan_surgery", access.REFUSE_PLAN_SURGERY)
    council_ids = council_ids_where(request.user, org, "surgeries.plan_surgery")
    mine = list(selectors.surgeries_planned_for(request.user, org))
    today = timezone.localdate()
    surgery_url = id_url("surgery_detail", org.slug)
    # The councils' surgeries are the same for everyone who plans surgeries
    # in the same councils, until their data changes (or the day does).
    scope = council_ids
    upcoming_html, past_count = remember(
        org,
        "surgery-list-upcoming",
        scope,
        lambda: (
            _surgery_table(
                selectors.surgeries_in_councils(org, council_ids, upcoming=True)[:50],
                _("Coming up in your councils"),
                surgery_url,
            ),
            selectors.surgeries_in_councils(org, council_ids, upcoming=False).count(),
        ),
    )
    past = page_of(past_count, SURGERY_PAGE_SIZE, request.GET.get("page"))

    def past_html() -> str:
        bottom = (past.number - 1) * SURGERY_PAGE_SIZE
        surgeries = selectors.surgeries_in_councils(org, council_ids, upcoming=False)
        return _surgery_table(
            surgeries[bottom : bottom + SURGERY_PAGE_SIZE], _("Past surgeries"), surgery_url
        )

    return render(
        request,
        "surgeries/surgery_list.html",
        {
            "today_surgeries": [s for s in mine if s.date == today],
            "my_upcoming": [s for s in mine if s.date > today],
            "upcoming_html": mark_safe(upcoming_html),
            "past_html": remember_html(org, "surgery-list-past", (scope, past.number), past_html)
            if past_count
            else "",
            "page": past,
            "today": today,
            "surgery_url": surgery_url,
        },
    )


SURGERY_PAGE_SIZE = 20


def _surgery_table(surgeries, caption: str, surgery_url) -> str:
    """A list of surgeries with its heading; empty if there are none."""
    surgeries = list(surgeries)
    if not surgeries:
        return ""
    return render_to_string(
        "surgeries/includes/surgery_table.html",
        {"surgeries": surgeries, "caption": caption, "surgery_url": surgery_url},
    )


@org_view
def surgery_today(request):
    """One tap from the home page: straight to today's surgery if there is one."""
    require_anywhere(request, "surgeries.log_feedback", access.REFUSE_LOG_FEEDBACK)
    surgeries = selectors.surgeries_today_for(request.user, request.organisation)
    if len(surgeries) == 1:
        return redirect("surgery_detail", request.organisation.slug, surgeries[0].public_id)
    return render(request, "surgeries/surgery_today.html", {"surgeries": surgeries})


def _surgery_form(request, *, surgery: Surgery | None):
    org = request.organisation
    councils = selectors.councils_where(request.user, org, "surgeries.plan_surgery")
    councils_list = list(councils.select_related("region"))
    reps = selectors.reps_for_councils(org, councils_list)
    initial = SurgeryForm.initial_for(
        surgery, default_council=councils_list[0] if len(councils_list) == 1 else None
    )
    # A rep planning a surgery is usually going to it.
    if surgery is None and access.may_go_as_rep(request.user, reps):
        initial["reps"] = [str(request.user.public_id)]
    return SurgeryForm(
        request.POST or None,
        initial=initial,
        councils=councils,
        sites=selectors.sites_for_org(org),
        reps=reps,
    )


def _limit_warnings(request, *, council, site, reps, on) -> list[str]:
    """Reps going whose recorded licence conditions rule out this site or
    council (only shown to a planner who may see restricted records)."""
    from members.services import surgery_limit_warnings

    return surgery_limit_warnings(council=council, site=site, reps=reps, on=on, actor=request.user)


def _surgery_fields(data) -> dict:
    return {
        "council": data["council"],
        "site": data["site"],
        "date": data["date"],
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "reps": list(data["reps"]),
        "notes": data["notes"],
    }


@org_view
@require_http_methods(["GET", "POST"])
def surgery_new(request):
    org = request.organisation
    require_anywhere(request, "surgeries.plan_surgery", access.REFUSE_PLAN_SURGERY)
    form = _surgery_form(request, surgery=None)
    if request.method == "POST" and form.is_valid():
        try:
            surgery = services.surgery_schedule(
                organisation=org, actor=request.user, **_surgery_fields(form.cleaned_data)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Surgery planned: %(surgery)s.") % {"surgery": surgery})
            for warning in _limit_warnings(
                request,
                council=surgery.council,
                site=surgery.site,
                reps=list(surgery.reps.all()),
                on=surgery.date,
            ):
                messages.warning(request, warning)
            return redirect("surgery_detail", org.slug, surgery.public_id)
    return render(request, "surgeries/surgery_form.html", {"form": form, "surgery": None})


@org_view
@require_http_methods(["GET", "POST"])
def surgery_edit(request, surgery_id: str):
    org = request.organisation
    surgery = surgery_or_404(request, surgery_id)
    access.require(access.may_change_surgery(request.user, surgery), access.REFUSE_PLAN_SURGERY)
    form = _surgery_form(request, surgery=surgery)
    if request.method == "POST" and form.is_valid():
        try:
            services.surgery_update(
                surgery=surgery, actor=request.user, **_surgery_fields(form.cleaned_data)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Surgery details saved."))
            for warning in _limit_warnings(
                request,
                council=surgery.council,
                site=surgery.site,
                reps=list(surgery.reps.all()),
                on=surgery.date,
            ):
                messages.warning(request, warning)
            return redirect("surgery_detail", org.slug, surgery.public_id)
    warnings = []
    if request.method == "GET":
        warnings = _limit_warnings(
            request,
            council=surgery.council,
            site=surgery.site,
            reps=list(surgery.reps.all()),
            on=surgery.date,
        )
    return render(
        request,
        "surgeries/surgery_form.html",
        {"form": form, "surgery": surgery, "limit_warnings": warnings},
    )


@org_view
@require_POST
def surgery_cancel(request, surgery_id: str):
    surgery = surgery_or_404(request, surgery_id)
    access.require(access.may_change_surgery(request.user, surgery), access.REFUSE_PLAN_SURGERY)
    try:
        services.surgery_cancel(surgery=surgery, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("surgery_edit", request.organisation.slug, surgery.public_id)
    messages.success(request, _("Surgery cancelled: %(surgery)s.") % {"surgery": surgery})
    return redirect("surgery_list", request.organisation.slug)


@org_view
def surgery_letter(request, surgery_id: str):
    surgery = surgery_or_404(request, surgery_id)
    access.require(access.may_change_surgery(request.user, surgery), access.REFUSE_PLAN_SURGERY)
    contacts = [c for c in selectors.coordinators_of_council(surgery.council) if c.email][:2]
    return render(
        request, "surgeries/surgery_letter.html", {"surgery": surgery, "contacts": contacts}
    )


@dataclass
class LoggedItem:
    """What the surgery page needs of an item besides its row: who may
    correct it, and the tokens of what this person has saved."""

    pk: int
    logged_by_id: int | None
    editable_until: dt.datetime
    submission_token: str


# Where each item's row goes in the rendered list: Postgres text never holds
# a NUL, so neither does anything people said.
_ROW = "\x00"


def _logged_rows(surgery: Surgery, item_url, edit_url) -> tuple[list[str], list[tuple]]:
    """The list of what was logged at the surgery, split where each row
    goes, and each row as ``(pk, logged_by_id, editable_until,
    submission_token, row with "Correct", row without)``."""
    items = list(selectors.feedback_at_surgery(surgery))
    words = words_once({})
    rows = []
    for item in items:
        item.can_correct = True
        with_correct = logged_item_html(words, item, item_url, edit_url)
        item.can_correct = False
        without = logged_item_html(words, item, item_url, edit_url)
        rows.append(
            (
                item.pk,
                item.logged_by_id,
                item.editable_until,
                item.submission_token,
                with_correct,
                without,
            )
        )
        item.row_marker = mark_safe(_ROW)
    html = render_to_string("surgeries/includes/surgery_logged.html", {"items": items})
    return html.split(_ROW), rows


def _surgery_page(
    request, surgery: Surgery, *, feedback_form=None, counts_form=None, tap_form=None
):
    org = request.organisation
    today = timezone.localdate()
    is_open = not surgery.is_cancelled and surgery.date <= today
    can_log = access.may_log_at_surgery(request.user, surgery)
    # The forms are shown only to someone who may count and log here now
    # (a form sent back with errors is passed in, and named in the summary).
    shows_forms = can_log and is_open
    if feedback_form is None and shows_forms:
        feedback_form = FeedbackItemForm(
            initial=FeedbackItemForm.initial_for_new(), organisation=org
        )
    if counts_form is None and shows_forms:
        counts_form = SurgeryCountsForm(
            initial={
                "people_approached": surgery.people_approached,
                "people_engaged": surgery.people_engaged,
                "people_declined": surgery.people_declined,
                "people_interested": surgery.people_interested,
                "counts_note": surgery.counts_note,
            }
        )
    if tap_form is None and shows_forms:
        tap_form = CountTapForm()
    tap_done = _tap_done(request, surgery)
    # What was logged here, rendered once for everyone who may read the
    # surgery's page until the next write (a rep logging an item raises the
    # version, so it is never hidden). Each row is kept both ways, with and
    # without "Correct"; who may correct which is worked out afresh below.
    item_url, edit_url = id_url("feedback_detail", org.slug), id_url("feedback_edit", org.slug)
    pieces, rows = remember(
        org,
        "surgery-logged",
        surgery.pk,
        lambda: _logged_rows(surgery, item_url, edit_url),
    )
    items = [LoggedItem(*row[:4]) for row in rows]
    correctable = access.feedback_correctable_by(request.user, items, surgery.council)
    logged_html = [pieces[0]]
    for row, piece in zip(rows, pieces[1:], strict=True):
        logged_html += [row[4] if row[0] in correctable else row[5], piece]
    has_errors = any(
        form is not None and form.errors for form in (feedback_form, counts_form, tap_form)
    )
    return render(
        request,
        "surgeries/surgery_detail.html",
        {
            "surgery": surgery,
            "can_log": can_log,
            "can_plan": access.may_change_surgery(request.user, surgery),
            "is_open": is_open,
            "is_today": surgery.date == today,
            "feedback_form": feedback_form,
            "counts_form": counts_form,
            "tap_form": tap_form,
            **tap_done,
            # Each button is its own form with its own token: two people
            # counted in quick succession are two taps; one tap sent twice
            # counts once. (So the buttons have no guard against double
            # clicks: with JavaScript every tap counts and shows at once.)
            "tap_tokens": {
                outcome: new_token()
                for outcome in ("engaged", "approached", "declined", "interested")
            }
            if shows_forms
            else {},
            "logged_html": mark_safe("".join(logged_html)),
            "saved_tokens": " ".join(
                item.submission_token
                for item in items
                if item.submission_token and item.logged_by_id == request.user.pk
            ),
            "has_errors": has_errors,
            "service_worker_url": reverse("surgery_service_worker", args=[org.slug]),
            "scope": reverse("org_home", args=[org.slug]),
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def surgery_detail(request, surgery_id: str):
    """Today's surgery: count people, log what they say, see what is logged."""
    org = request.organisation
    surgery = surgery_or_404(request, surgery_id)
    access.require(access.may_see_raw_feedback(request.user, surgery), access.REFUSE_RAW_FEEDBACK)
    if request.method != "POST":
        return _surgery_page(request, surgery)
    access.require(access.may_log_at_surgery(request.user, surgery), access.REFUSE_LOG_AT_SURGERY)
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
            add_feedback_errors(form, error)
        else:
            if wants_json(request):
                return json_saved(
                    message=feedback_saved_message(item, created),
                    created=created,
                    theme=str(item.theme),
                    said=item.said,
                )
            messages.success(request, feedback_saved_message(item, created))
            return redirect_saved("surgery_detail", request, item, surgery.public_id)
    if wants_json(request):
        return json_refused(form)
    return _surgery_page(request, surgery, feedback_form=form)


def _back_to_counts(request, surgery: Surgery, *, tap: CountTap | None = None):
    """Back to the numbers; after a tap, with the tap named, so the page says
    what was counted and offers to take it back."""
    url = reverse("surgery_detail", args=[request.organisation.slug, surgery.public_id])
    if tap is not None:
        url += "?" + urlencode({"tap": tap.public_id})
    return redirect(url + "#counts")


def _counted_message(outcome: str) -> str:
    return {
        "engaged": _("Counted 1 person who talked."),
        "declined": _("Counted 1 person who said no."),
        "approached": _("Counted 1 person approached."),
        "interested": _("Counted 1 person who wants to get involved."),
    }[outcome]


def _undo_seconds(tap: CountTap) -> int:
    """How long the tap can still be taken back (0: no longer)."""
    if tap.undone_at is not None:
        return 0
    return max(0, int((tap.undo_until - timezone.now()).total_seconds()))


def _tap_done(request, surgery: Surgery) -> dict:
    """The tap named in the address (just counted, or just taken back), for
    the line beside the numbers and its Undo button."""
    # Only ever rendered for someone who may read this surgery's page.
    tap = selectors.tap_at_surgery(surgery, request.GET.get("tap", ""))
    if tap is None:
        return {"tap_done": None}
    if tap.undone_at is not None:
        message = _("Taken back: %(who)s.") % {"who": tap}
    else:
        message = _counted_message(tap.outcome)
    can_undo = (
        tap.undone_at is None and _undo_seconds(tap) > 0 and access.may_undo_tap(request.user, tap)
    )
    return {"tap_done": tap, "tap_message": message, "can_undo": can_undo}


def _undo_offer(request, surgery: Surgery, tap: CountTap) -> dict:
    """What the page's script needs to offer "Undo" after a tap it sent."""
    return {
        "url": reverse(
            "surgery_count_undo",
            args=[request.organisation.slug, surgery.public_id, tap.public_id],
        ),
        "button": _("Undo"),
        "hidden": _("counting %(who)s") % {"who": tap},
        "hint": _("You can take this back for a minute."),
        "seconds": _undo_seconds(tap),
    }


@org_view
@require_POST
def surgery_count(request, surgery_id: str):
    """One tap: add one person who talked, said no, or was only approached."""
    surgery = surgery_or_404(request, surgery_id)
    access.require(access.may_log_at_surgery(request.user, surgery), access.REFUSE_LOG_AT_SURGERY)
    form = CountTapForm(request.POST)
    if form.is_valid():
        outcome = form.cleaned_data["outcome"]
        try:
            tap = services.surgery_count_person(
                surgery=surgery,
                outcome=outcome,
                reason=form.cleaned_data["reason"],
                token=form.cleaned_data["token"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            counted = tap is not None
            message = _counted_message(outcome) if counted else _("That tap was counted already.")
            if not counted:
                # A retry whose first answer was lost: the tap it repeats can
                # still be taken back by whoever made it.
                tap = selectors.tap_by_token(surgery, form.cleaned_data["token"], outcome)
                if tap is not None and tap.counted_by_id != request.user.pk:
                    tap = None
            if wants_json(request):
                extra = {"undo": _undo_offer(request, surgery, tap)} if tap is not None else {}
                return json_saved(
                    message=message,
                    counted=counted,
                    counts={
                        "approached": surgery.people_approached,
                        "engaged": surgery.people_engaged,
                        "declined": surgery.people_declined,
                        "interested": surgery.people_interested,
                    },
                    **extra,
                )
            if not counted:
                messages.info(request, message)
            # The page says what was counted beside the numbers, with Undo.
            return _back_to_counts(request, surgery, tap=tap)
    if wants_json(request):
        return json_refused(form)
    return _surgery_page(request, surgery, tap_form=form)


@org_view
@require_POST
def surgery_count_undo(request, surgery_id: str, tap_id: str):
    """Take back one tap, within a minute: "Undo" beside what was counted."""
    surgery = surgery_or_404(request, surgery_id)
    tap = selectors.tap_at_surgery(surgery, tap_id)
    if tap is None:
        raise Http404("Not found.")
    access.require(access.may_undo_tap(request.user, tap), access.REFUSE_UNDO_TAP)
    try:
        services.surgery_count_undo(tap=tap, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back_to_counts(request, surgery, tap=tap)


@org_view
@require_POST
def surgery_counts(request, surgery_id: str):
    """Correct the numbers, or enter them after the surgery."""
    surgery = surgery_or_404(request, surgery_id)
    access.require(access.may_log_at_surgery(request.user, surgery), access.REFUSE_LOG_AT_SURGERY)
    form = SurgeryCountsForm(request.POST)
    if form.is_valid():
        try:
            services.surgery_record_counts(surgery=surgery, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Numbers saved."))
            return _back_to_counts(request, surgery)
    return _surgery_page(request, surgery, counts_form=form)


__all__ = [
    "surgery_cancel",
    "surgery_count",
    "surgery_count_undo",
    "surgery_counts",
    "surgery_detail",
    "surgery_edit",
    "surgery_letter",
    "surgery_list",
    "surgery_new",
    "surgery_today",
]
