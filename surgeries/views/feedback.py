"""Feedback pages: logging from outside a surgery, one item, correcting it,
the board, the evidence for a proposal, and the staff summary."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from councils.addresses import id_url
from councils.forms import add_service_errors
from councils.freshness import page_of, remember, remember_html
from councils.permissions import can_anywhere, council_ids_where
from councils.tenancy import org_view

from .. import access, selectors, services
from ..forms import BoardFilterForm, FeedbackCorrectForm, FeedbackItemForm, SummaryFilterForm
from ..templatetags.feedback_items import board_item_html, words_once
from .common import (
    add_feedback_errors,
    feedback_saved_message,
    item_or_404,
    period_from,
    proposal_link,
    redirect_saved,
    require_anywhere,
    safe_next,
)

BOARD_PERIOD = "last-3-months"
SUMMARY_PERIOD = "last-quarter"


def _period_key(period) -> tuple:
    return (period.start, period.end, str(period.description))


@org_view
def feedback_home(request):
    """The "Feedback" link: the board for reps and coordinators, the summary
    for everyone else."""
    org = request.organisation
    if can_anywhere(request.user, org, "surgeries.view_raw_feedback"):
        return redirect("feedback_board", org.slug)
    if can_anywhere(request.user, org, "surgeries.view_feedback_summary"):
        return redirect("feedback_summary", org.slug)
    raise PermissionDenied(str(access.REFUSE_SUMMARY))


@org_view
@require_http_methods(["GET", "POST"])
def feedback_new(request):
    """Feedback from outside a surgery: hub, survey, suggestion box, phone..."""
    org = request.organisation
    require_anywhere(request, "surgeries.log_feedback", access.REFUSE_LOG_FEEDBACK)
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
        try:
            item, created = services.feedback_log(
                organisation=org,
                submission_token=form.cleaned_data["submission_token"],
                actor=request.user,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_feedback_errors(form, error)
        else:
            messages.success(request, feedback_saved_message(item, created))
            return redirect_saved("feedback_new", request, item)
    return render(request, "surgeries/feedback_new.html", {"form": form})


@org_view
def feedback_detail(request, feedback_id: str):
    item = item_or_404(request, feedback_id)
    access.require(access.may_see_raw_feedback(request.user, item), access.REFUSE_RAW_FEEDBACK)
    return render(
        request,
        "surgeries/feedback_detail.html",
        {
            "item": item,
            "can_correct": access.may_correct_feedback(request.user, item),
            "can_close": item.follow_up_is_open and access.may_close_followup(request.user, item),
            "can_moderate": item.consent_to_quote and access.may_review_quote(request.user, item),
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def feedback_edit(request, feedback_id: str):
    org = request.organisation
    item = item_or_404(request, feedback_id)
    access.require(access.may_correct_feedback(request.user, item), access.REFUSE_CORRECT_FEEDBACK)
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
            messages.success(request, _("Feedback corrected."))
            if item.surgery_id:
                return redirect("surgery_detail", org.slug, item.surgery.public_id)
            return redirect("feedback_detail", org.slug, item.public_id)
    return render(request, "surgeries/feedback_edit.html", {"form": form, "item": item})


def _board_filters(request, councils):
    """The filter form, and the council it is about (the first of the
    person's councils unless they chose another)."""
    org = request.organisation
    form = BoardFilterForm(
        request.GET or None,
        initial={"period": BOARD_PERIOD},
        councils=councils,
        organisation=org,
    )
    # The options of the filters are the organisation's themes and places and
    # the council's surgeries: the same for everyone until they change. (The
    # councils are the person's own, and read each time.)
    form.use_records(
        *remember(org, "board-filter-options", (), lambda: (form.themes(), form.sites()))
    )
    council = form.council_to_show(request.GET.get("council"))
    surgeries = selectors.surgeries_of_council_this_year(council)
    records = None
    if council is not None:
        records = remember(org, "board-surgery-options", council.pk, lambda: list(surgeries))
    form.offer_surgeries(surgeries, records)
    return form, council


@org_view
def feedback_board(request):
    org = request.organisation
    require_anywhere(request, "surgeries.view_raw_feedback", access.REFUSE_RAW_FEEDBACK)
    councils = selectors.with_selection_counts(
        selectors.councils_where(request.user, org, "surgeries.view_raw_feedback"), request.user
    )
    form, council = _board_filters(request, councils)
    if council is None:
        return render(request, "surgeries/feedback_board.html", {"form": form, "council": None})
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            k: form.cleaned_data.get(k) for k in ("site", "channel", "kind", "surgery", "theme")
        }
        council = form.cleaned_data.get("council") or council
    access.require(access.may_see_raw_feedback(request.user, council), access.REFUSE_RAW_FEEDBACK)
    period = period_from(form, BOARD_PERIOD)
    # The board's counts and rows are the same for everyone who may read
    # this council's feedback (the view has just checked that), for these
    # filters, period and page, until its data changes. Only the ticks of
    # what each person picked are theirs, put in below.
    scope = (council.pk, *_period_key(period), _filters_key(filters))
    board = remember(
        org,
        "feedback-board-counts",
        scope,
        lambda: _board_counts(request.user, council, period, filters, form.themes()),
    )
    # 50 a page: the board is read on phones, but each theme is a closed
    # section, so a page is a few screens long and a theme seldom splits.
    # The counts above say how many items there are: no COUNT query.
    page = page_of(board["item_count"], BOARD_PAGE_SIZE, request.GET.get("page"))
    pieces, rows = remember(
        org,
        "feedback-board-rows",
        (*scope, page.number),
        lambda: _board_rows(
            form, council, period, filters, page.number, board["in_period"], org.slug
        ),
    )
    picked = (
        selectors.picked_among(request.user, council, [pk for pk, _yes, _no in rows])
        if council.picked and rows
        else set()
    )
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
            "rows_html": mark_safe(_with_ticks(pieces, rows, picked)),
            # The filters as the address chose them, among the person's
            # councils: drawn once for each until the data changes.
            "filters_html": remember_html(
                org,
                "feedback-board-filters",
                # The councils offered: those where the person reads raw words.
                (
                    council_ids_where(request.user, org, "surgeries.view_raw_feedback"),
                    council.pk,
                    request.GET.urlencode(),
                ),
                lambda: render_to_string(
                    "surgeries/includes/board_filters.html",
                    {"form": form, "council": council, "organisation": org},
                ),
            ),
            "selected_count": council.picked,
            "proposal_link": proposal_link(request, council),
            "can_log": access.may_log_feedback(request.user, council),
            # A rep never sees a link that would answer 403.
            "can_see_summary": can_anywhere(request.user, org, "surgeries.view_feedback_summary"),
        },
    )


BOARD_PAGE_SIZE = 50


def _filters_key(filters: dict) -> tuple:
    """The board's chosen filters, for a remembered key: what each names."""
    return tuple(
        (name, getattr(filters.get(name), "pk", filters.get(name) or None))
        for name in ("site", "channel", "kind", "surgery", "theme")
    )


def _board_counts(user, council, period, filters, themes) -> dict:
    board = selectors.feedback_board(
        user=user, council=council, period=period, filters=filters, themes=themes
    )
    counts_html = ""
    if board["theme_counts"]:
        counts_html = render_to_string("surgeries/includes/board_counts.html", {"board": board})
    return {
        "total": board["total"],
        "previous_total": board["previous_total"],
        "item_count": board["item_count"],
        "in_period": {row.theme.pk: row.current for row in board["theme_counts"]},
        "counts_html": counts_html,
    }


# Where each item's row goes in the rendered groups: Postgres text never
# holds a NUL, so neither does anything people said.
_ROW = "\x00"


def _board_rows(form, council, period, filters, number, in_period, org_slug):
    """The board's themes and items on one page, rendered, with each item's
    row written both ways (picked or not): ``(pieces, rows)``, where the
    rendered groups are ``pieces`` split where each row goes, and ``rows``
    holds ``(item id, row if picked, row if not)`` in page order."""
    bottom = (number - 1) * BOARD_PAGE_SIZE
    items = selectors.board_items(council=council, period=period, filters=filters)
    items = selectors.with_themes_and_places(
        items[bottom : bottom + BOARD_PAGE_SIZE], form.themes(), form.sites()
    )
    item_url = id_url("feedback_detail", org_slug)
    words = words_once({})
    groups: list[dict] = []
    rows = []
    for item in items:
        if not groups or groups[-1]["theme"].pk != item.theme_id:
            groups.append(
                {"theme": item.theme, "count": in_period.get(item.theme_id, 0), "items": []}
            )
        groups[-1]["items"].append(item)
        item.is_selected = True
        picked = board_item_html(words, item, item_url)
        item.is_selected = False
        rows.append((item.pk, picked, board_item_html(words, item, item_url)))
        item.row_marker = mark_safe(_ROW)
    if not groups:
        return [], []
    html = render_to_string(
        "surgeries/includes/board_groups.html",
        {
            "groups": groups,
            # Each theme is a closed section, so that a phone is not a long
            # scroll; one theme alone (or chosen in the filters) is open.
            "open_groups": len(groups) == 1 or bool(filters.get("theme")),
        },
    )
    return html.split(_ROW), rows


def _with_ticks(pieces: list[str], rows: list[tuple], picked: set[int]) -> str:
    out = [pieces[0]] if pieces else []
    for (pk, yes, no), piece in zip(rows, pieces[1:], strict=True):
        out += [yes if pk in picked else no, piece]
    return "".join(out)


@org_view
@require_http_methods(["GET", "POST"])
def feedback_selection(request):
    """The items picked as evidence for a proposal, for one council."""
    org = request.organisation
    require_anywhere(request, "surgeries.view_raw_feedback", access.REFUSE_RAW_FEEDBACK)
    councils = selectors.councils_where(request.user, org, "surgeries.view_raw_feedback")
    council_id = request.POST.get("council") or request.GET.get("council")
    council = councils.filter(public_id=council_id).first() if council_id else councils.first()
    if council is None:
        raise Http404("Not found.")
    access.require(access.may_pick_evidence(request.user, council), access.REFUSE_RAW_FEEDBACK)
    here = reverse("feedback_selection", args=[org.slug]) + f"?council={council.public_id}"
    if request.method == "POST":
        action = request.POST.get("action")
        items = selectors.feedback_items_by_public_id(council, request.POST.getlist("items"))
        if action == "add":
            added = services.feedback_selection_add(user=request.user, council=council, items=items)
            if added:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s added to your evidence.",
                        "%(count)s added to your evidence.",
                        added,
                    )
                    % {"count": added},
                )
            else:
                messages.info(
                    request, _("Tick the feedback you want to add, then press the button.")
                )
        elif action == "remove":
            removed = services.feedback_selection_remove(
                user=request.user, council=council, items=items
            )
            messages.success(
                request,
                ngettext(
                    "%(count)s removed from your evidence.",
                    "%(count)s removed from your evidence.",
                    removed,
                )
                % {"count": removed},
            )
        elif action == "clear":
            services.feedback_selection_clear(user=request.user, council=council)
            messages.success(request, _("Your evidence list is empty."))
        return redirect(safe_next(request, here))
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
            "proposal_link": proposal_link(request, council),
        },
    )


@org_view
def feedback_summary(request):
    """For everyone with a stake: counts and approved quotes, never raw words."""
    org = request.organisation
    require_anywhere(request, "surgeries.view_feedback_summary", access.REFUSE_SUMMARY)
    councils = selectors.councils_where(request.user, org, "surgeries.view_feedback_summary")
    form = SummaryFilterForm(
        request.GET or None, initial={"period": SUMMARY_PERIOD}, councils=councils
    )
    council_ids = council_ids_where(request.user, org, "surgeries.view_feedback_summary")
    council = None
    if form.is_bound and form.is_valid() and form.cleaned_data.get("council"):
        council = form.cleaned_data["council"]
        council_ids = {council.pk}
    period = period_from(form, SUMMARY_PERIOD)

    def figures() -> str:
        return render_to_string(
            "surgeries/includes/summary_figures.html",
            {
                "previous": period.previous(),
                "summary": selectors.feedback_summary(
                    organisation=org, council_ids=council_ids, period=period
                ),
            },
        )

    return render(
        request,
        "surgeries/feedback_summary.html",
        {
            "form": form,
            "council": council,
            "period": period,
            # Counts and approved quotes only: the same for everyone who may
            # see the summary of these councils, until their data changes.
            "figures": remember_html(
                org,
                "feedback-summary",
                (council_ids, *_period_key(period)),
                figures,
            ),
            "can_manage_themes": access.may_manage_themes(request.user, org),
            "can_see_raw": can_anywhere(request.user, org, "surgeries.view_raw_feedback"),
        },
    )
