"""Report pages: ask for a report, the archive, a report's status and
download, retry and regenerate, sharing, and the public pages switch.
The public You Said, We Did pages (no sign-in) are at the end."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.freshness import page_number, page_of, remember
from councils.models import Council
from councils.periods import Period, parse_quarter_key
from councils.permissions import can_anywhere, council_ids_where
from councils.tenancy import get_for_org, org_view

from .. import access, selectors, services
from ..forms import ArchiveFilterForm, ReportRequestForm, ShareForm, scopes_where
from ..models import GeneratedReport

PAGE_SIZE = 25


def _report_or_404(request, report_id: str) -> GeneratedReport:
    report = selectors.report_for_page(request.organisation, report_id)
    if report is None:
        raise Http404(_("Not found."))
    if not access.may_read_report(request.user, report):
        raise PermissionDenied(_("Your role does not let you read this report."))
    return report


def _managed_report_or_404(request, report_id: str) -> GeneratedReport:
    """A report the person may try again, copy or share."""
    report = _report_or_404(request, report_id)
    if not access.may_manage_report(request.user, report):
        raise PermissionDenied(_("Your role does not let you change or share this report."))
    return report


def _readable_scopes(request) -> list:
    org = request.organisation
    scopes = scopes_where(request.user, org, "reports.view_report")
    seen = {value for value, _, _ in scopes}
    for scope in scopes_where(request.user, org, "reports.view_you_said_we_did"):
        if scope[0] not in seen:
            scopes.append(scope)
    return scopes


@org_view
def report_list(request):
    org, user = request.organisation, request.user
    if not access.may_open_archive(user, org):
        raise PermissionDenied(_("Your role does not let you read reports."))
    form = ArchiveFilterForm(request.GET or None, scopes=_readable_scopes(request))
    chosen = ("", "", "")
    if form.is_valid():
        chosen = tuple(form.cleaned_data[name] for name in ("scope", "kind", "period"))
    number = page_number(request)
    # Everyone who reads every report of the organisation sees the same rows;
    # anyone else sees their councils' and regions' reports and those shared
    # with them by name: theirs alone.
    whose = None if council_ids_where(user, org, "reports.view_report") is None else user.pk
    rows, count = remember(
        org,
        "report_list",
        (whose, *chosen, number),
        lambda: _report_rows(user, org, form, chosen, number),
    )
    return render(
        request,
        "reports/report_list.html",
        {
            "form": form,
            "rows": mark_safe(rows),
            "page": page_of(count, PAGE_SIZE, number),
            "can_generate": access.may_request_somewhere(user, org),
            "can_publish": access.may_publish_somewhere(user, org),
            "can_export": can_anywhere(user, org, "reports.view_report"),
        },
    )


def _report_rows(user, org, form, chosen: tuple[str, str, str], number: int) -> tuple[str, int]:
    """The archive's table for the filters chosen, and how many reports match."""
    scope_value, kind, period_value = chosen
    filters = {"kind": kind}
    scope = form.scope_objects.get(scope_value)
    if isinstance(scope, Council):
        filters["council"] = scope
    elif scope is not None and scope is not org:
        filters["region"] = scope
    elif scope is org:
        filters["whole_organisation"] = True
    reports = selectors.archive(user=user, organisation=org, **filters)
    period = parse_quarter_key(period_value or "")
    if period is not None:
        reports = reports.filter(period_start=period.start, period_end=period.end)
    page = Paginator(reports, PAGE_SIZE).get_page(number)
    rows = render_to_string("reports/_report_rows.html", {"organisation": org, "page": page})
    return rows, page.paginator.count


@org_view
@require_http_methods(["GET", "POST"])
def report_new(request):
    org = request.organisation
    if not access.may_request_somewhere(request.user, org):
        raise PermissionDenied(_("Your role does not let you ask for reports."))
    scopes = scopes_where(request.user, org, "reports.request_report")
    initial = {"kind": request.GET.get("kind", ""), "scope": request.GET.get("scope", "")}
    if not initial["scope"] and len(scopes) == 1:
        initial["scope"] = scopes[0][0]
    form = ReportRequestForm(request.POST or None, scopes=scopes, initial=initial)
    if not request.POST:
        form.initial.setdefault("period", form.fields["period"].choices[1][0])
    if request.method == "POST" and form.is_valid():
        council, region = form.fields["scope"].scope_objects(form.cleaned_data["scope"])
        period: Period = form.cleaned_data["chosen_period"]
        try:
            report = services.report_request(
                organisation=org,
                kind=form.cleaned_data["kind"],
                council=council,
                region=region,
                period_start=period.start,
                period_end=period.end,
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # No message: the status page itself says how it is going, in one
            # state (a "we are making it" message would sit beside "ready").
            return redirect("report_detail", org.slug, report.public_id)
    return render(request, "reports/report_new.html", {"form": form})


@org_view
def report_detail(request, report_id: str):
    report = _report_or_404(request, report_id)
    user = request.user
    can_generate = access.may_manage_report(user, report)
    shared_with = list(selectors.people_shared_with(report)) if can_generate else []
    share_form = None
    if can_generate:
        share_form = ShareForm(people=selectors.people_to_share_with(request.organisation))
    newer = selectors.newer_version(report)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "can_generate": can_generate,
            "can_publish": bool(
                report.council_id and access.may_publish_page(user, report.council)
            ),
            "is_stuck": services.is_stuck(report),
            "shared_with": shared_with,
            "share_form": share_form,
            "newer": newer if newer and access.may_read_report(user, newer) else None,
            "public_url": selectors.public_page_url(request.organisation, report.council)
            if report.is_you_said_we_did
            else "",
        },
    )


@org_view
def report_download(request, report_id: str):
    report = _report_or_404(request, report_id)
    if report.status != GeneratedReport.Status.READY or not report.file:
        messages.error(request, _("This report is not ready yet."))
        return redirect("report_detail", request.organisation.slug, report.public_id)
    try:
        handle = report.file.open("rb")
    except FileNotFoundError:
        messages.error(
            request, _("The file for this report is missing. Make it again to get a new copy.")
        )
        return redirect("report_detail", request.organisation.slug, report.public_id)
    if report.is_export:
        from ..exports import EXPORT_FORMATS

        content_type, as_attachment = EXPORT_FORMATS[report.file_format][0], True
    else:
        content_type, as_attachment = "application/pdf", False
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=as_attachment,
        filename=report.download_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@org_view
@require_POST
def report_retry(request, report_id: str):
    report = _managed_report_or_404(request, report_id)
    try:
        services.report_retry(report=report, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("report_detail", request.organisation.slug, report.public_id)


@org_view
@require_POST
def report_regenerate(request, report_id: str):
    report = _managed_report_or_404(request, report_id)
    new = services.report_regenerate(report=report, actor=request.user)
    return redirect("report_detail", request.organisation.slug, new.public_id)


@org_view
@require_POST
def report_share(request, report_id: str):
    report = _managed_report_or_404(request, report_id)
    form = ShareForm(request.POST, people=selectors.people_to_share_with(request.organisation))
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            services.report_share(report=report, person=person, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(person)s can now read this report.") % {"person": person}
            )
    else:
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
    return redirect("report_detail", request.organisation.slug, report.public_id)


@org_view
@require_POST
def report_unshare(request, report_id: str, person_id: str):
    report = _managed_report_or_404(request, report_id)
    person = selectors.people_shared_with(report).filter(public_id=_uuid_or_404(person_id)).first()
    if person is None:
        raise Http404(_("Not found."))
    services.report_unshare(report=report, person=person, actor=request.user)
    messages.success(request, _("%(person)s can no longer read this report.") % {"person": person})
    return redirect("report_detail", request.organisation.slug, report.public_id)


def _uuid_or_404(value: str) -> str:
    import uuid

    try:
        return str(uuid.UUID(str(value)))
    except ValueError as error:
        raise Http404(_("Not found.")) from error


@org_view
def public_pages(request):
    org = request.organisation
    if not access.may_publish_somewhere(request.user, org):
        raise PermissionDenied(_("Your role does not let you publish public pages."))
    scopes = scopes_where(request.user, org, "reports.publish_report")
    council_ids = {obj.pk for _, _, obj in scopes if isinstance(obj, Council)}
    whole = any(obj is org for _, _, obj in scopes)
    councils = selectors.councils_for_public_pages(org, None if whole else council_ids)
    return render(
        request,
        "reports/public_pages.html",
        {
            "councils": [
                (council, selectors.public_page_url(org, council)) for council in councils
            ],
            "index_url": selectors.public_page_url(org, None),
        },
    )


@org_view
@require_POST
def public_page_switch(request, council_id: str):
    council = get_for_org(Council, request, public_id=council_id)
    if not access.may_publish_page(request.user, council):
        raise PermissionDenied(_("Your role does not let you publish this council's page."))
    enabled = request.POST.get("enabled") == "1"
    services.public_page_set(council=council, enabled=enabled, actor=request.user)
    if enabled:
        message = _("The public page for %(council)s is published.")
    else:
        message = _("The public page for %(council)s is taken down.")
    messages.success(request, message % {"council": council})
    return redirect("report_public_pages", request.organisation.slug)


# ---------------------------------------------------------------------------
# Public pages: no sign-in. Only published decisions and approved quotes.

PUBLIC_WINDOW_DAYS = 365


def public_index(request, org_slug: str):
    organisation, councils = selectors.public_councils(org_slug)
    councils = list(councils)
    if organisation is None or not councils:
        raise Http404(_("No such page."))
    return render(
        request,
        "reports/public/index.html",
        {"public_org": organisation, "councils": councils},
    )


def public_you_said_we_did(request, org_slug: str, council_slug: str):
    council = selectors.public_council(org_slug, council_slug)
    if council is None:
        raise Http404(_("No such page."))
    today = timezone.localdate()
    period = Period(today - dt.timedelta(days=PUBLIC_WINDOW_DAYS - 1), today)
    content = selectors.you_said_we_did_content(
        selectors.ReportScope(council.organisation, council=council), period
    )
    booklet = selectors.latest_ready(council=council)
    response = render(
        request,
        "reports/public/you_said_we_did.html",
        {
            "public_org": council.organisation,
            "council": council,
            "c": content,
            "booklet": booklet,
        },
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def public_booklet(request, org_slug: str, council_slug: str):
    council = selectors.public_council(org_slug, council_slug)
    booklet = selectors.latest_ready(council=council) if council else None
    if booklet is None or not booklet.file:
        raise Http404(_("No such file."))
    try:
        handle = booklet.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("No such file.")) from error
    return FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"you-said-we-did-{council.slug}.pdf",
    )
