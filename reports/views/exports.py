"""Asking for an export. The file is made by the report task; its page is
the report's status page, and it stays in the archive."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from councils.forms import add_service_errors
from councils.tenancy import org_view

from ..exports.forms import ExportRequestForm
from ..exports.services import export_request
from ..forms import scopes_where


@org_view
@require_http_methods(["GET", "POST"])
def export_new(request):
    org = request.organisation
    scopes = scopes_where(request.user, org, "reports.view_report")
    if not scopes:
        raise PermissionDenied(_("Your role does not let you export figures."))
    initial = {"file_format": "xlsx"}
    if len(scopes) == 1:
        initial["scope"] = scopes[0][0]
    form = ExportRequestForm(request.POST or None, scopes=scopes, initial=initial)
    if not request.POST:
        form.initial.setdefault("period", form.fields["period"].choices[1][0])
    if request.method == "POST" and form.is_valid():
        council, region = form.fields["scope"].scope_objects(form.cleaned_data["scope"])
        period = form.cleaned_data["chosen_period"]
        try:
            report = export_request(
                organisation=org,
                export_kind=form.cleaned_data["export_kind"],
                file_format=form.cleaned_data["file_format"],
                council=council,
                region=region,
                period_start=period.start,
                period_end=period.end,
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The status page says how it is going (see report_new).
            return redirect("report_detail", org.slug, report.public_id)
    return render(request, "reports/export_new.html", {"form": form})
