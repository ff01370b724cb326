"""Finance's pages (approved claims to pay, batch payment, CSV for the
finance system), the managers' totals, and the admin's policy."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.models import Council
from councils.periods import parse_quarter_key, quarter_choices, this_quarter_so_far
from councils.permissions import council_ids_where
from councils.tenancy import org_view

from .. import access, selectors, services
from ..figures import expenses_figures, spending_against_budget
from ..forms import PayForm, PolicyForm
from ..money import pounds
from .common import claim_or_404, csv_download, deny_unless

POLICY_FORM_NAMES = {
    "second_approval_above_pence": "second_approval_above",
    "involvement_hourly_rate_pence": "involvement_hourly_rate",
}
CLAIMS_CSV_HEADER = [
    "claim",
    "rep",
    "council",
    "activity_date",
    "submitted_on",
    "claimed",
    "advanced",
    "to_pay",
    "status",
    "paid_on",
    "method",
]
NOT_PAYER = gettext_lazy("Only the finance officer (or the admin, if there is none) pays claims.")


def _require_payer(request) -> None:
    if not access.may_pay_anywhere(request.user, request.organisation):
        raise PermissionDenied(NOT_PAYER)


@org_view
def claims_to_pay(request):
    _require_payer(request)
    return _to_pay_page(request, None)


def _to_pay_page(request, form):
    org = request.organisation
    claims = selectors.claims_to_pay(org)
    target = selectors.target_days(org)
    rows = selectors.mark_ages(claims, target=target)
    form = form or PayForm(chosen=claims)
    total = sum(c.total_pence - c.advanced_pence for c in rows)
    return render(
        request,
        "expenses/claims_to_pay.html",
        {
            "claims": rows,
            "form": form,
            "total_owed_pence": total,
            "target": target,
            "paid_on": _date_param(request.GET.get("paid_on")),
        },
    )


@org_view
@require_POST
def claims_pay(request):
    _require_payer(request)
    org = request.organisation
    form = PayForm(request.POST, chosen=selectors.claims_to_pay(org))
    if form.is_valid():
        data = form.cleaned_data
        try:
            paid = services.claims_mark_paid(
                organisation=org,
                claims=list(data["claims"]),
                paid_on=data["paid_on"],
                method=data["method"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(count)s claims marked as paid.") % {"count": len(paid)}
                if len(paid) != 1
                else _("1 claim marked as paid."),
            )
            url = redirect("expenses_to_pay", org.slug).url
            return redirect(f"{url}?paid_on={data['paid_on'].isoformat()}")
    if request.POST.get("from_claim"):
        claim = claim_or_404(request, request.POST["from_claim"])
        from .approvals import claim_page

        return claim_page(request, claim, pay_form=form)
    return _to_pay_page(request, form)


@org_view
def claims_csv(request):
    """Approved claims to pay, or (``?paid_on=``) the claims paid that day: one
    row per claim, amounts in pounds computed from pence, and a total row."""
    _require_payer(request)
    org = request.organisation
    paid_on = _date_param(request.GET.get("paid_on"))
    claims = selectors.claims_paid_on(org, paid_on) if paid_on else selectors.claims_to_pay(org)
    name = f"expenses-paid-{paid_on.isoformat()}.csv" if paid_on else "expenses-to-pay.csv"
    rows, totals = [], [0, 0, 0]
    for claim in claims:
        owed = max(claim.total_pence - claim.advanced_pence, 0)
        if claim.amount_paid_pence is not None:
            owed = claim.amount_paid_pence
        totals = [totals[0] + claim.total_pence, totals[1] + claim.advanced_pence, totals[2] + owed]
        rows.append(
            [
                claim.public_id,
                str(claim.rep),
                claim.council.name,
                claim.activity_date.isoformat(),
                timezone.localtime(claim.submitted_at).date().isoformat(),
                pounds(claim.total_pence),
                pounds(claim.advanced_pence),
                pounds(owed),
                claim.status,
                claim.paid_on.isoformat() if claim.paid_on else "",
                claim.payment_method,
            ]
        )
    response = csv_download(
        name,
        CLAIMS_CSV_HEADER,
        rows,
        ["total", "", "", "", "", *(pounds(t) for t in totals), "", "", ""],
    )
    services.claims_exported(organisation=org, count=len(rows), actor=request.user)
    return response


def _date_param(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@org_view
def totals(request):
    """Managers see totals, not people."""
    org = request.organisation
    deny_unless(access.may_see_totals(request.user, org), _("Your role does not include expenses."))
    period = parse_quarter_key(request.GET.get("quarter", "")) or this_quarter_so_far()
    ids = council_ids_where(request.user, org, access.VIEW_TOTALS)
    councils = Council.objects.filter(organisation=org, is_active=True).order_by("name")
    if ids is not None:
        councils = councils.filter(pk__in=ids)
    councils = list(councils)
    figures = expenses_figures(org, None if ids is None else councils, period)
    year, spending = spending_against_budget(org, councils)
    return render(
        request,
        "expenses/totals.html",
        {
            "period": period,
            "figures": figures,
            "quarters": quarter_choices(),
            "year": year,
            "spending": spending,
            "may_set_budgets": access.may_set_budgets_somewhere(request.user, org),
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def policy_edit(request):
    org = request.organisation
    deny_unless(
        access.may_manage_policy(request.user, org),
        _("Only the organisation's admin can change the expenses policy."),
    )
    policy = services.policy_for(org)
    form = PolicyForm(
        request.POST or None,
        initial={
            "mileage_rate_pence": policy.mileage_rate_pence,
            "second_approval_above": pounds(policy.second_approval_above_pence),
            "payment_target_working_days": policy.payment_target_working_days,
            "involvement_payments_enabled": policy.involvement_payments_enabled,
            "involvement_hourly_rate": pounds(policy.involvement_hourly_rate_pence),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            "mileage_rate_pence": data["mileage_rate_pence"],
            "second_approval_above_pence": data["second_approval_above"],
            "payment_target_working_days": data["payment_target_working_days"],
            "involvement_payments_enabled": data["involvement_payments_enabled"],
        }
        # Left empty: the hourly rate stays as it is.
        if data["involvement_hourly_rate"] is not None:
            values["involvement_hourly_rate_pence"] = data["involvement_hourly_rate"]
        try:
            services.policy_update(organisation=org, actor=request.user, **values)
        except ValidationError as error:
            # The service names model fields; the form shows amounts in pounds.
            renamed = {
                POLICY_FORM_NAMES.get(name, name): messages_
                for name, messages_ in error.message_dict.items()
            }
            add_service_errors(form, ValidationError(renamed))
        else:
            messages.success(request, _("Expenses policy saved."))
            return redirect("expenses_policy", org.slug)
    return render(request, "expenses/policy.html", {"form": form, "policy": policy})
