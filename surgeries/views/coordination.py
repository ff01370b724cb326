"""What coordinators and admins look after: follow-ups, quotes and themes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from councils.addresses import id_url
from councils.forms import add_service_errors
from councils.freshness import page_of, remember, remember_html
from councils.periods import period_named
from councils.permissions import council_ids_where
from councils.tenancy import get_for_org, org_view

from .. import access, selectors, services
from ..forms import FollowUpCloseForm, QuoteFilterForm, QuoteForm, ThemeForm
from ..models import FeedbackItem, Theme
from .common import item_or_404, require_anywhere

FOLLOW_UP_KINDS = {FeedbackItem.FollowUp.SAFEGUARDING, FeedbackItem.FollowUp.SIGNPOSTED}


@org_view
def followup_list(request):
    org = request.organisation
    require_anywhere(request, "surgeries.close_followup", access.REFUSE_FOLLOWUP)
    council_ids = council_ids_where(request.user, org, "surgeries.close_followup")
    # ?kind=safeguarding: only the safeguarding concerns (the home page links here).
    kind = request.GET.get("kind", "")
    if kind not in FOLLOW_UP_KINDS:
        kind = ""
    # The follow-ups themselves are the same for everyone who closes them in
    # the same councils, until the data changes; how long ago each was
    # logged, and the links to reps' pages, are worked out on every view.
    open_items = remember(
        org,
        "follow-ups-open",
        (council_ids, kind),
        lambda: list(selectors.open_follow_ups(org, council_ids, kind=kind)[:100]),
    )
    # A way to reach the rep who logged each item: their rep page, for those
    # who may open it.
    rep_pages = access.rep_pages_for(request.user, org, open_items)
    for item in open_items:
        item.rep_page = rep_pages.get(item.pk)
    return render(
        request,
        "surgeries/followup_list.html",
        {
            "kind": kind,
            "open_items": open_items,
            "closed_items": remember(
                org,
                "follow-ups-closed",
                council_ids,
                lambda: list(selectors.recently_closed_follow_ups(org, council_ids)[:20]),
            ),
            "close_url": id_url("followup_close", org.slug),
            "rep_url": id_url("rep_record", org.slug),
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def followup_close(request, feedback_id: str):
    org = request.organisation
    item = item_or_404(request, feedback_id)
    access.require(access.may_close_followup(request.user, item), access.REFUSE_FOLLOWUP)
    form = FollowUpCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_close(item=item, note=form.cleaned_data["note"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Follow-up closed."))
            return redirect("followup_list", org.slug)
    return render(
        request,
        "surgeries/followup_close.html",
        {
            "form": form,
            "item": item,
            "rep_page": access.rep_pages_for(request.user, org, [item]).get(item.pk),
        },
    )


@org_view
def quote_list(request):
    org = request.organisation
    require_anywhere(request, "surgeries.moderate_quotes", access.REFUSE_QUOTE)
    council_ids = council_ids_where(request.user, org, "surgeries.moderate_quotes")
    councils = selectors.councils_where(request.user, org, "surgeries.moderate_quotes")
    form = QuoteFilterForm(request.GET or None, councils=councils, organisation=org)
    # The themes to choose from: the organisation's, the same for everyone.
    form.fields["theme"].use_records(
        remember(org, "theme-options", (), lambda: form.fields["theme"].records())
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    newest_first = data.get("order") != "oldest"
    period = period_named(data["period"]) if data.get("period") else None

    def waiting():
        return selectors.quotes_to_review(
            org,
            council_ids,
            council=data.get("council"),
            theme=data.get("theme"),
            period=period,
            newest_first=newest_first,
        )

    # The quotes waiting and those checked lately are the same for everyone
    # who checks quotes in the same councils, until the data changes.
    scope = council_ids
    chosen = (
        scope,
        getattr(data.get("council"), "pk", None),
        getattr(data.get("theme"), "pk", None),
        (period.start, period.end) if period else None,
        newest_first,
    )
    # Paged, newest first by default: every waiting quote can be reached,
    # and the page links keep the filters.
    count = remember(org, "quotes-waiting-count", chosen, lambda: waiting().count())
    page = page_of(count, QUOTE_PAGE_SIZE, request.GET.get("page"))
    quote_url = id_url("quote_review", org.slug)

    def waiting_html() -> str:
        quotes = Paginator(waiting(), QUOTE_PAGE_SIZE)
        quotes.count = count
        return render_to_string(
            "surgeries/includes/quotes_waiting.html",
            {
                "waiting": quotes.page(page.number),
                "newest_first": newest_first,
                "quote_url": quote_url,
            },
        )

    def reviewed_html() -> str:
        return render_to_string(
            "surgeries/includes/quotes_reviewed.html",
            {"reviewed": selectors.quotes_reviewed(org, council_ids)[:20], "quote_url": quote_url},
        )

    return render(
        request,
        "surgeries/quote_list.html",
        {
            "form": form,
            "filtered": any(data.get(k) for k in ("council", "theme", "period")),
            "waiting": page,
            "waiting_html": remember_html(
                org, "quotes-waiting", (*chosen, page.number), waiting_html
            )
            if count
            else "",
            "reviewed_html": remember_html(org, "quotes-reviewed", scope, reviewed_html),
        },
    )


QUOTE_PAGE_SIZE = 25


@org_view
@require_http_methods(["GET", "POST"])
def quote_review(request, feedback_id: str):
    org = request.organisation
    item = item_or_404(request, feedback_id)
    access.require(access.may_review_quote(request.user, item), access.REFUSE_QUOTE)
    form = QuoteForm(request.POST or None, initial={"text": item.approved_quote or item.said})
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.quote_approve(
                    item=item, text=form.cleaned_data["text"], actor=request.user
                )
                messages.success(request, _("Quote approved. Staff can now see these words."))
            else:
                services.quote_reject(item=item, actor=request.user)
                messages.success(request, _("Quote rejected. It will not be published."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("quote_list", org.slug)
    return render(request, "surgeries/quote_review.html", {"form": form, "item": item})


@org_view
@require_http_methods(["GET", "POST"])
def theme_list(request):
    org = request.organisation
    access.require(access.may_manage_themes(request.user, org), access.REFUSE_THEMES)
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_create(
                organisation=org, name=form.cleaned_data["name"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Theme ‘%(theme)s’ added.") % {"theme": theme})
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
    access.require(access.may_manage_themes(request.user, org), access.REFUSE_THEMES)
    theme = get_for_org(Theme, request, public_id=theme_id)
    form = ThemeForm(request.POST or None, initial={"name": theme.name})
    if request.method == "POST":
        action = request.POST.get("action", "rename")
        if action in {"retire", "restore"}:
            services.theme_set_active(
                theme=theme, is_active=action == "restore", actor=request.user
            )
            if action == "restore":
                messages.success(request, _("Theme ‘%(theme)s’ brought back.") % {"theme": theme})
            else:
                messages.success(request, _("Theme ‘%(theme)s’ retired.") % {"theme": theme})
            return redirect("theme_list", org.slug)
        if form.is_valid():
            try:
                services.theme_rename(
                    theme=theme, name=form.cleaned_data["name"], actor=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Theme renamed to ‘%(theme)s’.") % {"theme": theme})
                return redirect("theme_list", org.slug)
    return render(request, "surgeries/theme_edit.html", {"form": form, "theme": theme})
