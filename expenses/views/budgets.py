"""Each council's expenses budget for a financial year (April to March), set
by the organisation's admin or the council's coordinators, shown beside what
has been approved or paid."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from councils.forms import add_service_errors
from councils.models import Council
from councils.tenancy import org_view

from .. import access, services
from ..figures import financial_year_spending
from ..forms import BudgetForm, financial_year_label, financial_year_of
from .common import deny_unless


def _years() -> list[int]:
    this_year = financial_year_of(timezone.localdate())
    return [this_year - 1, this_year, this_year + 1]


@org_view
@require_http_methods(["GET", "POST"])
def budgets(request):
    org, user = request.organisation, request.user
    deny_unless(
        access.may_set_budgets_somewhere(user, org),
        _("Only the organisation's admin or a council's coordinators set budgets."),
    )
    councils = [
        c
        for c in Council.objects.filter(organisation=org, is_active=True)
        .select_related("organisation")
        .order_by("name")
        if access.may_set_budget(user, c)
    ]
    years = _years()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[1]
    if year not in years:
        year = years[1]
    form = BudgetForm(
        request.POST or None,
        councils=Council.objects.filter(pk__in=[c.pk for c in councils]),
        years=years,
        initial={"year": year},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.budget_set(
                council=data["council"],
                year_starting=data["year"],
                amount_pence=data["amount"],
                actor=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Budget saved."))
            return redirect(f"{redirect('expenses_budgets', org.slug).url}?year={data['year']}")
    _year, spending = financial_year_spending(org, councils, year)
    return render(
        request,
        "expenses/budgets.html",
        {
            "form": form,
            "spending": spending,
            "year": year,
            "year_label": financial_year_label(year),
            "years": [(y, financial_year_label(y)) for y in years],
        },
    )
