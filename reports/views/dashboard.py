"""Dashboards for a council, a region or a whole organisation, and the
quarterly report as a web page. Thin: who may, which place, then the
selectors the PDF uses."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from councils.addresses import id_url
from councils.freshness import remember_html
from councils.models import Council, Region
from councils.periods import parse_quarter_key, quarter_key
from councils.tenancy import get_for_org, org_view

from .. import access
from ..forms import scopes_where
from ..models import GeneratedReport
from ..renderers import QuarterlyReportRenderer
from ..selectors import ReportScope, quarterly_content
from ..selectors.dashboard import TABLE_COLUMNS, dashboard, headline_periods
from ..selectors.scope import report_period
from .documents import _report_or_404


def _place_urls(org_slug: str, place) -> dict[str, str]:
    if isinstance(place, Council):
        args = [org_slug, place.public_id]
        return {
            "dashboard": reverse("dashboard_council", args=args),
            "quarterly": reverse("quarterly_page_council", args=args),
        }
    if isinstance(place, Region):
        args = [org_slug, place.public_id]
        return {
            "dashboard": reverse("dashboard_region", args=args),
            "quarterly": reverse("quarterly_page_region", args=args),
        }
    return {
        "dashboard": reverse("dashboard", args=[org_slug]),
        "quarterly": reverse("quarterly_page", args=[org_slug]),
    }


def _scope_for(request, place) -> ReportScope:
    access.check_see_figures(request.user, place)
    org = request.organisation
    if isinstance(place, Council):
        return ReportScope(org, council=place)
    if isinstance(place, Region):
        return ReportScope(org, region=place)
    return ReportScope(org)


def _sort_links(base: str, sort: str, descending: bool, quarter: str) -> list[dict]:
    """A link per column heading: sorting works without JavaScript."""
    links = []
    for key, label in TABLE_COLUMNS:
        current = key == sort
        next_descending = not descending if current else key != "name"
        query = {"sort": key, "order": "desc" if next_descending else "asc", "quarter": quarter}
        links.append(
            {
                "key": key,
                "label": label,
                "url": f"{base}?{urlencode(query)}#places",
                "aria_sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    return links


def _request_url(request, place) -> str:
    """Ask for this place's quarterly report as a PDF, if the person may."""
    org = request.organisation
    council = place if isinstance(place, Council) else None
    region = place if isinstance(place, Region) else None
    if not access.may_request_report(request.user, org, council, region):
        return ""
    if council is not None:
        scope_value = f"council:{council.public_id}"
    elif region is not None:
        scope_value = f"region:{region.public_id}"
    else:
        scope_value = "org"
    query = urlencode({"kind": GeneratedReport.Kind.QUARTERLY, "scope": scope_value})
    return f"{reverse('report_new', args=[org.slug])}?{query}"


def _render_dashboard(request, place):
    scope = _scope_for(request, place)
    org = request.organisation
    sort = request.GET.get("sort", "name")
    if sort not in {key for key, _label in TABLE_COLUMNS}:
        sort = "name"
    descending = request.GET.get("order") == "desc"
    quarter = "now" if request.GET.get("quarter") == "now" else "last"
    urls = _place_urls(org.slug, place)
    # The figures and their tables are the same for everyone who may see
    # this place, until its data changes: worked out and drawn once.
    board_html = remember_html(
        org,
        "dashboard",
        (scope.key, quarter, sort, descending),
        lambda: _board_html(org, urls["dashboard"], scope, quarter, sort, descending),
    )
    now, last = headline_periods()
    return render(
        request,
        "reports/dashboard/dashboard.html",
        {
            "board_html": board_html,
            "last_period": last,
            "place": place,
            "place_label": scope.label,
            "quarterly_url": f"{urls['quarterly']}?quarter={last.key}",
            "quarterly_now_url": f"{urls['quarterly']}?quarter={quarter_key(now.start)}",
            "request_url": _request_url(request, place),
            "archive_url": reverse("report_list", args=[org.slug]),
            "other_places": _other_places(request, place),
        },
    )


def _board_html(org, base: str, scope, quarter: str, sort: str, descending: bool) -> str:
    board = dashboard(scope, table_quarter=quarter, sort=sort, descending=descending)
    return render_to_string(
        "reports/dashboard/_board.html",
        {
            "board": board,
            # The PDF's own key points, for the last full quarter.
            "headlines": QuarterlyReportRenderer(board.last).headlines(),
            "trend_charts": _trend_charts(board),
            "sort_links": _sort_links(base, sort, descending, quarter),
            "quarter": quarter,
            "quarter_links": {
                which: f"{base}?{urlencode({'quarter': which, 'sort': sort})}#places"
                for which in ("last", "now")
            },
            # Each row's address from one reversed address per kind of page.
            "row_urls": {
                name: id_url(name, org.slug)
                for name in (
                    "dashboard_council",
                    "dashboard_region",
                    "proposal_detail",
                    "meeting_detail",
                )
            },
        },
    )


def _other_places(request, place) -> list[dict]:
    """Up to 30 other places the person may see, each with its dashboard's
    address (one reversed address for each kind of place)."""
    org = request.organisation
    council_url = id_url("dashboard_council", org.slug)
    region_url = id_url("dashboard_region", org.slug)
    places = []
    for _value, label, obj in scopes_where(request.user, org, "reports.view_report"):
        if obj == place:
            continue
        if isinstance(obj, Council):
            url = council_url(obj.public_id)
        elif isinstance(obj, Region):
            url = region_url(obj.public_id)
        else:
            url = reverse("dashboard", args=[org.slug])
        places.append({"label": label, "url": url})
    return places[:30]


def _trend_charts(board) -> dict:
    from .. import charts

    return {
        "proposals": charts.paired_bar_chart(
            _("Proposals presented and accepted, quarter by quarter"),
            [
                (row.period.dates_label, row.presented, row.accepted_rate.numerator)
                for row in board.trend
            ],
            now_label=_("Presented"),
            before_label=_("Accepted"),
        ),
        "people": charts.bar_chart(
            _("People engaged at surgeries, quarter by quarter"),
            [(row.period.dates_label, row.people_engaged) for row in board.trend],
        ),
    }


@org_view
def dashboard_home(request):
    """The whole organisation, for someone who may see it; otherwise the
    first place they may see."""
    org = request.organisation
    if access.may_see_figures(request.user, org):
        return _render_dashboard(request, org)
    scopes = scopes_where(request.user, org, "reports.view_report")
    if not scopes:
        raise PermissionDenied(_("Your role does not let you see the figures for this place."))
    return redirect(_place_urls(org.slug, scopes[0][2])["dashboard"])


@org_view
def dashboard_region(request, region_id: str):
    return _render_dashboard(request, get_for_org(Region, request, public_id=region_id))


@org_view
def dashboard_council(request, council_id: str):
    return _render_dashboard(request, get_for_org(Council, request, public_id=council_id))


# ---------------------------------------------------------------------------
# The quarterly report as a web page: the PDF's content and figures, with
# headings and captioned tables for screen readers and phones.


def _render_quarterly(request, scope, period, *, back_url: str, back_label: str):
    # The report itself is the same for everyone who may see this place and
    # quarter, until its data changes: worked out and drawn once.
    body_html = remember_html(
        request.organisation,
        "quarterly",
        (scope.key, period.start, period.end),
        lambda: render_to_string(
            "reports/dashboard/_quarterly.html",
            QuarterlyReportRenderer(quarterly_content(scope, period)).get_context(),
        ),
    )
    return render(
        request,
        "reports/dashboard/quarterly.html",
        {
            "scope_label": scope.label,
            "period_label": period.label,
            "body_html": body_html,
            "back_url": back_url,
            "back_label": back_label,
        },
    )


def _quarterly_for_place(request, place):
    scope = _scope_for(request, place)
    period = parse_quarter_key(request.GET.get("quarter", ""))
    if period is None:
        period = headline_periods()[1]
    urls = _place_urls(request.organisation.slug, place)
    return _render_quarterly(
        request,
        scope,
        report_period(period.start, period.end),
        back_url=urls["dashboard"],
        back_label=_("Back to the dashboard"),
    )


@org_view
def quarterly_page(request):
    return _quarterly_for_place(request, request.organisation)


@org_view
def quarterly_page_region(request, region_id: str):
    return _quarterly_for_place(request, get_for_org(Region, request, public_id=region_id))


@org_view
def quarterly_page_council(request, council_id: str):
    return _quarterly_for_place(request, get_for_org(Council, request, public_id=council_id))


@org_view
def report_page(request, report_id: str):
    """A quarterly report of the archive, as a web page. Other kinds of
    report are documents for print: their page is the report's own."""
    report = _report_or_404(request, report_id)
    if report.kind != GeneratedReport.Kind.QUARTERLY:
        return redirect("report_detail", request.organisation.slug, report.public_id)
    return _render_quarterly(
        request,
        ReportScope.of(report),
        report_period(report.period_start, report.period_end),
        back_url=reverse("report_detail", args=[request.organisation.slug, report.public_id]),
        back_label=_("Back to the report"),
    )
