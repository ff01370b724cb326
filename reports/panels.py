"""The home page panel: the newest reports the person may read."""

from __future__ import annotations

from django.utils.translation import gettext as _

from councils.permissions import can_anywhere

from . import access, selectors
from .models import GeneratedReport


def latest_reports_panel(request) -> dict | None:
    org, user = request.organisation, request.user
    # What the panel shows of each: its kind, place and period.
    reports = list(
        selectors.reports_visible_to(user, org)
        .filter(status=GeneratedReport.Status.READY)
        .select_related("council", "region")
        .only(
            "public_id",
            "kind",
            "organisation",
            "council__name",
            "region__name",
            "period_start",
            "period_end",
        )
        .order_by("-created_at", "-id")[:3]
    )
    for report in reports:
        # A report of the whole organisation is named after it: this one.
        report.organisation = org
    can_generate = access.may_request_somewhere(user, org)
    if not reports and not can_generate:
        return None
    only_yswd = not can_anywhere(user, org, "reports.view_report")
    return {
        "organisation": org,
        "reports": reports,
        "can_generate": can_generate,
        "title": _("You Said, We Did") if only_yswd else _("Latest reports"),
    }


def dashboard_panel(request) -> dict | None:
    """A link to the dashboard of the person's widest place."""
    org, user = request.organisation, request.user
    if not access.may_see_figures_somewhere(user, org):
        return None
    return {
        "organisation": org,
        "can_request": access.may_request_somewhere(user, org),
    }
