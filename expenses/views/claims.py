"""The rep's pages: My expenses, Claim expenses (activity, costs, check,
send, confirmation), and reading a receipt."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.freshness import remember_html
from councils.models import Council
from councils.permissions import council_ids_where
from councils.tenancy import org_view
from proposals.models import Meeting
from surgeries.models import Surgery

from .. import access, selectors, services
from ..forms import ClaimStartForm, LineForm, SubmitForm, new_token
from ..models import Receipt
from .common import claim_or_404, deny_unless

RECENT_DAYS = 92


@org_view
def my_expenses(request):
    org = request.organisation
    deny_unless(
        access.may_claim_anywhere(request.user, org),
        _("Expenses are claimed by reps, or by a coordinator for a rep."),
    )
    # The person's own: remembered for them until a claim or an advance
    # changes (and each day: the claims' ages).
    body = remember_html(
        org, "my_expenses", (request.user.pk,), lambda: _my_expenses_body(org, request.user)
    )
    return render(request, "expenses/my_expenses.html", {"body": body})


def _my_expenses_body(org, user) -> str:
    target = selectors.target_days(org)
    own, made_for_others = selectors.claims_of_rep_and_made_for_others(org, user)
    return render_to_string(
        "expenses/_my_expenses_body.html",
        {
            "organisation": org,
            "claims": selectors.mark_ages(own, target=target),
            "for_others": selectors.mark_ages(made_for_others, target=target),
            "advances": selectors.advances_of_rep(org, user).filter(claim__isnull=True),
            "target": target,
            "involvement_enabled": access.involvement_enabled(org),
        },
    )


def _start_form(request, data=None):
    org, user = request.organisation, request.user
    claim_ids = council_ids_where(user, org, access.CLAIM) or set()
    approve_ids = council_ids_where(user, org, access.APPROVE)
    councils = Council.objects.filter(organisation=org, is_active=True)
    if approve_ids is None:
        council_ids = None
    else:
        council_ids = claim_ids | approve_ids
        councils = councils.filter(pk__in=council_ids)
    reps = None
    if access.may_approve_somewhere(user, org):
        reps = selectors.reps_of_councils(org, approve_ids)
    since = timezone.localdate() - timezone.timedelta(days=RECENT_DAYS)
    today = timezone.localdate()
    surgeries = Surgery.objects.filter(
        organisation=org, date__range=(since, today), cancelled_at__isnull=True
    ).select_related("site")
    meetings = Meeting.objects.filter(organisation=org, date__range=(since, today))
    if reps is None:
        surgeries = surgeries.filter(reps=user)
    if council_ids is not None:
        surgeries = surgeries.filter(council_id__in=council_ids)
        meetings = meetings.filter(council_id__in=council_ids)
    initial = {"submission_token": new_token(), "activity_date": today.isoformat()}
    if councils.count() == 1:
        initial["council"] = councils.first().public_id
    return ClaimStartForm(
        data,
        initial=initial,
        councils=councils,
        reps=reps,
        surgeries=surgeries.order_by("-date"),
        meetings=meetings.order_by("-date"),
    )


@org_view
@require_http_methods(["GET", "POST"])
def claim_new(request):
    org = request.organisation
    deny_unless(
        access.may_claim_anywhere(request.user, org),
        _("Expenses are claimed by reps, or by a coordinator for a rep."),
    )
    form = _start_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim, _created = services.claim_create(
                organisation=org,
                council=data["council"],
                rep=data.get("rep") or request.user,
                activity_kind=data["activity_kind"],
                activity_date=data["activity_date"],
                activity_description=data["activity_description"],
                surgery=data.get("surgery"),
                meeting=data.get("meeting"),
                submission_token=data["submission_token"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("expenses_line_add", org.slug, claim.public_id)
    return render(request, "expenses/claim_new.html", {"form": form})


@org_view
def claim_detail(request, claim_id: str):
    from .approvals import claim_page

    return claim_page(request, claim_or_404(request, claim_id))


@org_view
@require_http_methods(["GET", "POST"])
def line_add(request, claim_id: str):
    org = request.organisation
    claim = claim_or_404(request, claim_id)
    deny_unless(
        access.edit_refusal(request.user, claim) is None,
        access.edit_refusal(request.user, claim) or "",
    )
    posted = request.method == "POST"
    form = LineForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"submission_token": new_token()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.claim_line_add(
                claim=claim,
                kind=data["kind"],
                amount_pence=data.get("amount"),
                miles=data.get("miles"),
                description=data["description"],
                receipt=data.get("receipt"),
                receipt_lost=data["receipt_lost"],
                submission_token=data["submission_token"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Cost added."))
            if "add_another" in request.POST:
                return redirect("expenses_line_add", org.slug, claim.public_id)
            return redirect("expenses_claim_check", org.slug, claim.public_id)
    policy = services.policy_for(org)
    return render(
        request,
        "expenses/line_add.html",
        {"claim": claim, "form": form, "rate": policy.mileage_rate_pence},
    )


@org_view
@require_POST
def line_remove(request, claim_id: str, line_id: str):
    claim = claim_or_404(request, claim_id)
    line = selectors.line_for_claim(claim, line_id)
    if line is None:
        raise Http404("No such cost.")
    services.claim_line_remove(line=line, actor=request.user)
    messages.success(request, _("Cost removed."))
    return redirect("expenses_claim_check", request.organisation.slug, claim.public_id)


@org_view
@require_http_methods(["GET", "POST"])
def claim_check(request, claim_id: str):
    """Check your answers, then send."""
    org = request.organisation
    claim = claim_or_404(request, claim_id)
    if claim.status not in access.EDITABLE and access.is_claimant(request.user, claim):
        return redirect("expenses_claim_sent", org.slug, claim.public_id)
    deny_unless(
        access.edit_refusal(request.user, claim) is None,
        access.edit_refusal(request.user, claim) or "",
    )
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_submit(
                claim=claim, answer=form.cleaned_data["answer"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("expenses_claim_sent", org.slug, claim.public_id)
    return render(
        request,
        "expenses/claim_check.html",
        {"claim": claim, "form": form, "lines": claim.lines.all(), "may_edit": True},
    )


@org_view
def claim_sent(request, claim_id: str):
    claim = claim_or_404(request, claim_id)
    return render(
        request,
        "expenses/claim_sent.html",
        {"claim": claim, "target": selectors.target_days(request.organisation)},
    )


@org_view
def receipt_view(request, receipt_id: str):
    """The only way to read a receipt: permission checked, every read audited."""
    receipt = (
        Receipt.objects.filter(organisation=request.organisation, public_id=receipt_id)
        .select_related("line__claim__council", "line__claim__organisation")
        .first()
    )
    if receipt is None:
        raise Http404("No such receipt.")
    claim_or_404(request, receipt.line.claim.public_id)
    response = FileResponse(
        services.receipt_open(receipt=receipt, actor=request.user),
        content_type=receipt.content_type,
        filename=receipt.download_name,
    )
    response["Cache-Control"] = "private, no-store"
    # Shown in the browser rather than saved to a shared phone's downloads.
    response["Content-Disposition"] = response["Content-Disposition"].replace(
        "attachment", "inline"
    )
    return response
