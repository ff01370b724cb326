"""Home pages, organisation setup (regions, councils, sites) and the audit log."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import AuditFilterForm, CouncilForm, RegionForm, SiteForm, add_service_errors
from .home import panels_for
from .models import Council, Region, Site
from .permissions import require_perm
from .tenancy import get_for_org, org_view


def landing(request):
    """The site root: signed-in people go to their organisation."""
    if not request.user.is_authenticated:
        return render(request, "councils/landing.html")
    organisations = list(selectors.organisations_for_user(request.user))
    if len(organisations) == 1:
        return redirect("org_home", organisations[0].slug)
    return render(request, "councils/choose_organisation.html", {"organisations": organisations})


@org_view
def org_home(request):
    return render(
        request,
        "councils/home.html",
        {"panels": panels_for(request), "assignments": request.role_assignments},
    )


@org_view
def setup_index(request):
    require_perm(request, "councils.manage_structure", request.organisation)
    org = request.organisation
    return render(
        request,
        "councils/setup.html",
        {
            "regions": selectors.regions_for_org(org),
            "councils": selectors.councils_for_org(org),
            "sites": selectors.sites_for_org(org),
        },
    )


def _edit_object(request, *, form_class, service, obj, kind: str, label: str):
    """Shared create/edit flow for regions, councils and sites."""
    require_perm(request, "councils.manage_structure", request.organisation)
    org = request.organisation
    extra = {} if form_class is RegionForm else {"organisation": org}
    # The form gets a copy: ModelForm validation writes onto its instance, and
    # the service must see the object as it was to record what changed.
    form = form_class(request.POST or None, instance=copy.copy(obj), **extra)
    if request.method == "POST" and form.is_valid():
        try:
            saved = service(
                organisation=org,
                **{kind: obj},
                data=form.cleaned_data,
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{label} ‘{saved}’ saved.")
            return redirect("setup_index", org.slug)
    return render(
        request,
        "councils/edit_object.html",
        {"form": form, "object": obj, "label": label, "kind": kind},
    )


@org_view
@require_http_methods(["GET", "POST"])
def region_edit(request, region_id: str | None = None):
    region = get_for_org(Region, request, public_id=region_id) if region_id else None
    return _edit_object(
        request,
        form_class=RegionForm,
        service=services.region_save,
        obj=region,
        kind="region",
        label="Region",
    )


@org_view
@require_http_methods(["GET", "POST"])
def council_edit(request, council_id: str | None = None):
    council = get_for_org(Council, request, public_id=council_id) if council_id else None
    return _edit_object(
        request,
        form_class=CouncilForm,
        service=services.council_save,
        obj=council,
        kind="council",
        label="Council",
    )


@org_view
@require_http_methods(["GET", "POST"])
def site_edit(request, site_id: str | None = None):
    site = get_for_org(Site, request, public_id=site_id) if site_id else None
    return _edit_object(
        request,
        form_class=SiteForm,
        service=services.site_save,
        obj=site,
        kind="site",
        label="Site",
    )


@org_view
def audit_log(request):
    require_perm(request, "councils.view_audit", request.organisation)
    org = request.organisation
    people = selectors.role_assignments_for_org(org).order_by("user__display_name").distinct()
    people = list({a.user_id: a.user for a in people}.values())
    form = AuditFilterForm(request.GET or None, people=people)
    actor_id = object_id = None
    if form.is_valid():
        actor_id = form.cleaned_data["person"] or None
        object_id = form.cleaned_data["object_id"].strip() or None
    events = selectors.audit_events_for_org(org, actor_id=actor_id, object_id=object_id)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "councils/audit_log.html", {"form": form, "page": page})


def error_403(request, exception=None):
    message = (
        str(exception) if exception and str(exception) else "Your role does not let you do this."
    )
    return render(request, "errors/403.html", {"message": message}, status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    return render(request, "errors/500.html", status=500)


def healthz(request):
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")
