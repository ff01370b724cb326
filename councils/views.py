"""Home pages, organisation setup (regions, councils, sites) and the audit log."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import urlencode
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from . import access, selectors, services
from .audit import changes_shown
from .forms import (
    AuditFilterForm,
    CouncilForm,
    ProblemReportForm,
    RegionForm,
    SiteForm,
    add_service_errors,
)
from .freshness import remember_html
from .home import panels_for
from .models import Council, NationalSharing, ProblemReport, Region, Site
from .tenancy import get_for_org, org_view


def landing(request):
    """The site root: signed-in people go to their organisation."""
    if not request.user.is_authenticated:
        return render(request, "councils/landing.html")
    organisations = list(selectors.organisations_for_user(request.user))
    if len(organisations) == 1:
        return redirect("org_home", organisations[0].slug)
    if not organisations and access.is_national_viewer(request.user):
        return redirect("national")
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
    access.require(access.may_manage_structure(request.user, request.organisation))
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


def _edit_object(request, *, form_class, service, obj, kind: str, texts: dict[str, str]):
    """Shared create/edit flow for regions, councils and sites."""
    access.require(access.may_manage_structure(request.user, request.organisation))
    org = request.organisation
    extra = {} if form_class is RegionForm else {"organisation": org}
    form = form_class(request.POST or None, instance=obj, **extra)
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
            messages.success(request, texts["saved"] % {"name": saved})
            return redirect("setup_index", org.slug)
    return render(
        request,
        "councils/edit_object.html",
        {"form": form, "object": obj, "texts": texts, "kind": kind},
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
        texts={
            "add": gettext("Add a region"),
            "change": gettext("Change region"),
            "save": gettext("Save region"),
            "saved": gettext("Region ‘%(name)s’ saved."),
        },
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
        texts={
            "add": gettext("Add a council"),
            "change": gettext("Change council"),
            "save": gettext("Save council"),
            "saved": gettext("Council ‘%(name)s’ saved."),
        },
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
        texts={
            "add": gettext("Add a site"),
            "change": gettext("Change site"),
            "save": gettext("Save site"),
            "saved": gettext("Site ‘%(name)s’ saved."),
        },
    )


@org_view
def audit_log(request):
    access.require(access.may_view_audit(request.user, request.organisation))
    org = request.organisation
    form = AuditFilterForm(request.GET or None, organisation=org)
    actor = object_id = None
    if form.is_valid():
        actor = form.cleaned_data["person"]
        object_id = form.cleaned_data["object_id"].strip() or None
    # The page of events is drawn once for each new event (the log's own
    # number), change of data (a person's name) and address.
    events_html = remember_html(
        org,
        "audit-log",
        (org.audit_version, request.GET.urlencode()),
        lambda: _audit_events_html(request, org, actor, object_id),
    )
    # The filters offer everyone who holds a role here: drawn once for each
    # address until the organisation's data changes.
    filters_html = remember_html(
        org,
        "audit-log-filters",
        request.GET.urlencode(),
        lambda: render_to_string(
            "councils/_audit_filters.html", {"form": form, "organisation": org}
        ),
    )
    return render(
        request,
        "councils/audit_log.html",
        {"filters_html": filters_html, "events_html": events_html},
    )


def _audit_events_html(request, org, actor, object_id) -> str:
    events = selectors.audit_events_for_org(org, actor=actor, object_id=object_id)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    # Decoded one event at a time and dropped: a page view of the reps
    # page writes an event naming a hundred reps, and fifty of those decoded
    # and held at once (thousands of lists and dicts) set off the garbage
    # collector's full sweeps: every dozenth view of this page took 50 ms more.
    # A row's time, person and link worked out here once, not by a filter
    # or a lookup for each cell.
    system = gettext("System")
    for event in page.object_list:
        event.changes_shown = changes_shown(json.loads(event.changes_json))
        event.changes_json = None
        event.when = date_format(timezone.localtime(event.created_at), "j M Y H:i")
        event.who = str(event.actor) if event.actor else system
        event.object_query = urlencode(event.object_id)
    # The page links repeat the address's parameters: it is in the key.
    return render_to_string(
        "councils/_audit_events.html", {"page": page, "request": {"GET": request.GET}}
    )


def error_403(request, exception=None):
    message = (
        str(exception)
        if exception and str(exception)
        else gettext("Your role does not let you do this.")
    )
    return render(request, "errors/403.html", {"message": message}, status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    return render(request, "errors/500.html", status=500)


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@org_view
@require_http_methods(["GET", "POST"])
def problem_report_new(request):
    """Anyone in the organisation can tell the coordinators something did
    not work. The footer links here from every page."""
    organisation = request.organisation
    access.require(access.may_report_problem(request.user, organisation))
    initial = {"came_from": request.GET.get("from", "")}
    form = ProblemReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_report_send(
                organisation=organisation,
                reporter=request.user,
                page=form.cleaned_data["page"],
                what_happened=form.cleaned_data["what_happened"],
                path=form.cleaned_data["came_from"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "councils/problem_report_sent.html")
    return render(request, "councils/problem_report_form.html", {"form": form})


@org_view
def problem_reports(request):
    """What people reported, newest first; ones not yet dealt with on top."""
    organisation = request.organisation
    access.require(
        access.may_read_problem_reports(request.user, organisation),
        gettext("Only coordinators and admins read reported problems."),
    )
    reports = selectors.problem_reports_for_org(organisation)
    page = Paginator(reports, 25).get_page(request.GET.get("page"))
    return render(request, "councils/problem_reports.html", {"page": page})


@org_view
@require_POST
def problem_report_close(request, problem_id: str):
    report = get_for_org(ProblemReport, request, public_id=problem_id)
    services.problem_report_close(report=report, actor=request.user)
    messages.success(request, gettext("Marked as dealt with."))
    return redirect("problem_reports", request.organisation.slug)


def help_page(request):
    """How the council works and what each status means, for every role."""
    return render(request, "councils/help.html")


def accessibility_statement(request):
    return render(request, "councils/accessibility.html")


@org_view
@require_http_methods(["GET", "POST"])
def national_sharing(request):
    """The admin agrees (or stops agreeing) to share the organisation's
    figures with the national picture."""
    org = request.organisation
    access.require(
        access.may_share_national_figures(request.user, org),
        gettext("Only the organisation's admin can change what is shared nationally."),
    )
    if request.method == "POST":
        enabled = request.POST.get("enabled") == "1"
        services.national_sharing_set(organisation=org, enabled=enabled, actor=request.user)
        if enabled:
            messages.success(request, gettext("Your figures are now part of the national picture."))
        else:
            messages.success(
                request, gettext("Your figures are no longer part of the national picture.")
            )
        return redirect("national_sharing", org.slug)
    sharing = NationalSharing.objects.filter(organisation=org).select_related("changed_by").first()
    return render(request, "councils/national_sharing.html", {"sharing": sharing})
