"""Who may set up an organisation, read its audit log, and give or end roles.

Plain permissions live in the role map (``permissions.py``); the rules here
look at more than one permission or at the role being given. Services refuse
a caller who may not, whatever view called them; views ask the same
functions what to show.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from .models import Council, Organisation, Region, Role, RoleAssignment
from .permissions import active_assignments, can_anywhere


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def require(allowed: bool, message: str | None = None) -> None:
    """Refuse with a plain explanation (shown on the 403 page)."""
    if not allowed:
        raise PermissionDenied(message or gettext("Your role does not let you do this."))


def may_manage_structure(user, organisation: Organisation) -> bool:
    """Add and change regions, councils and sites."""
    return _signed_in(user) and user.has_perm("councils.manage_structure", organisation)


def may_view_audit(user, organisation: Organisation) -> bool:
    return _signed_in(user) and user.has_perm("councils.view_audit", organisation)


def may_manage_staff(user, organisation: Organisation) -> bool:
    """Invite staff, and give or end any role anywhere in the organisation."""
    return _signed_in(user) and user.has_perm("councils.manage_people", organisation)


def may_assign_role(
    user,
    *,
    organisation: Organisation,
    role: str,
    region: Region | None = None,
    council: Council | None = None,
) -> bool:
    """An organisation admin may give any role. A coordinator creating a
    rep's account may give the rep role, on a council they coordinate, and
    nothing else: no one gives themselves or others more power than they have."""
    if may_manage_staff(user, organisation):
        return True
    return (
        _signed_in(user)
        and role == Role.REP
        and region is None
        and council is not None
        and council.organisation_id == organisation.pk
        and user.has_perm("members.manage_reps", council)
    )


def may_end_role(user, assignment: RoleAssignment) -> bool:
    return may_manage_staff(user, assignment.organisation)


def may_report_problem(user, organisation: Organisation) -> bool:
    """Anyone with a current role in the organisation may tell it something
    did not work."""
    return _signed_in(user) and bool(active_assignments(user, organisation.pk))


def may_read_problem_reports(user, organisation: Organisation) -> bool:
    """Coordinators (of any council) and admins read what people reported."""
    return _signed_in(user) and can_anywhere(user, organisation, "councils.read_problem_reports")


def may_share_national_figures(user, organisation: Organisation) -> bool:
    """Agree (or stop agreeing) to share the organisation's figures with the
    national picture: the organisation's admin."""
    return _signed_in(user) and user.has_perm("councils.share_national_figures", organisation)


def is_national_viewer(user) -> bool:
    """Reads the national picture. Gives no access to any organisation."""
    from .models import NationalViewer

    if not _signed_in(user):
        return False
    cached = user.__dict__.get("_is_national_viewer")
    if cached is None:
        cached = NationalViewer.objects.active().filter(user=user).exists()
        user.__dict__["_is_national_viewer"] = cached
    return cached
