"""Who may do what with reports, beyond a plain permission in the role map
(councils/permissions.py).

Services call these and refuse with ``PermissionDenied`` whatever view
called them; views ask the same functions to decide what to show. Each
``may_*`` answers yes or no; each ``check_*`` refuses with a plain message.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from councils.models import Council, Organisation, Region, RoleAssignment
from councils.permissions import can_anywhere

from .models import GeneratedReport
from .selectors import shared_report_ids


def may_read_report(user, report: GeneratedReport) -> bool:
    """By role over the report's place, or because it was shared with them by
    name; reps read only You Said We Did documents of their own council."""
    if user.has_perm("reports.view_report", report):
        return True
    return report.is_you_said_we_did and user.has_perm("reports.view_you_said_we_did", report)


def may_open_archive(user, organisation: Organisation) -> bool:
    """Anyone who may read some report here, by role or by a report shared
    with them by name."""
    if can_anywhere(user, organisation, "reports.view_report"):
        return True
    if can_anywhere(user, organisation, "reports.view_you_said_we_did"):
        return True
    return user.is_authenticated and shared_report_ids(user).exists()


def may_make_reports_somewhere(user, organisation: Organisation) -> bool:
    return can_anywhere(user, organisation, "reports.generate_report")


def may_request_somewhere(user, organisation: Organisation) -> bool:
    """Ask for a report of some place (managers: of their own scope)."""
    return can_anywhere(user, organisation, "reports.request_report")


def may_request_report(
    user, organisation: Organisation, council: Council | None, region: Region | None
) -> bool:
    """Reports are asked for only for places the person's role covers."""
    return user.has_perm("reports.request_report", council or region or organisation)


def may_manage_report(user, report: GeneratedReport) -> bool:
    """Try again, make a new copy, share and stop sharing."""
    return user.has_perm("reports.generate_report", report)


def may_receive_share(person, organisation: Organisation) -> bool:
    """A report is shared only with someone who has a current role in its
    organisation: never with a stranger, nor across organisations."""
    return (
        person.is_active
        and RoleAssignment.objects.active().filter(user=person, organisation=organisation).exists()
    )


def may_publish_page(user, council: Council) -> bool:
    """Switch a council's public You Said, We Did page on or off."""
    return user.has_perm("reports.publish_report", council)


def may_publish_somewhere(user, organisation: Organisation) -> bool:
    return can_anywhere(user, organisation, "reports.publish_report")


def check_request_report(
    user, organisation: Organisation, council: Council | None, region: Region | None
) -> None:
    if not may_request_report(user, organisation, council, region):
        raise PermissionDenied(_("You can only ask for reports for the places your role covers."))


def check_manage_report(user, report: GeneratedReport) -> None:
    if not may_manage_report(user, report):
        raise PermissionDenied(_("Your role does not let you change or share this report."))


def check_publish_page(user, council: Council) -> None:
    if not may_publish_page(user, council):
        raise PermissionDenied(_("Your role does not let you publish this council's page."))


def may_see_figures(user, place) -> bool:
    """The dashboard and the quarterly report page of a council, region or
    organisation: whoever may read that place's quarterly report."""
    return user.has_perm("reports.view_report", place)


def may_see_figures_somewhere(user, organisation: Organisation) -> bool:
    return can_anywhere(user, organisation, "reports.view_report")


def check_see_figures(user, place) -> None:
    if not may_see_figures(user, place):
        raise PermissionDenied(_("Your role does not let you see the figures for this place."))
