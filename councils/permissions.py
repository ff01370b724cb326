"""Roles and permissions: the one place that says which role may do what.

Checks go through Django: ``user.has_perm("proposals.decide_proposal", obj)``.
``RoleBackend`` answers from the user's role assignments, resolving ``obj`` to
its organisation, region and council; django-guardian's backend answers
per-object grants (for example the lead who owns one proposal).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext
from guardian.backends import ObjectPermissionBackend
from guardian.exceptions import WrongAppError

from .models import Council, Organisation, Region, Role, RoleAssignment
from .precompiled import PrecompiledQuery

# The role → permission map. Add a permission here and in nowhere else.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(
        {
            "members.manage_elections",
            "members.manage_training",
            "members.view_offices",
            "councils.manage_structure",
            "councils.manage_people",
            "councils.view_audit",
            "councils.read_problem_reports",
            "members.manage_reps",
            "members.view_rep_restricted",
            "surgeries.manage_themes",
            "surgeries.view_feedback_summary",
            "proposals.view_proposal",
            "proposals.manage_meetings",
            "expenses.view_expenses",
            "expenses.manage_policy",
            "reports.view_report",
            "reports.request_report",
            "reports.generate_report",
            "reports.publish_report",
            "councils.share_national_figures",
        }
    ),
    Role.COORDINATOR: frozenset(
        {
            "councils.read_problem_reports",
            "members.manage_elections",
            "members.manage_training",
            "members.view_offices",
            "members.manage_reps",
            "members.view_rep_restricted",
            "surgeries.plan_surgery",
            "surgeries.log_feedback",
            "surgeries.view_raw_feedback",
            "surgeries.moderate_quotes",
            "surgeries.close_followup",
            "surgeries.view_feedback_summary",
            "proposals.view_proposal",
            "proposals.comment_proposal",
            "proposals.manage_meetings",
            "proposals.take_minutes",
            "proposals.view_oversight",
            "proposals.approve_wording",
            "expenses.view_expenses",
            "expenses.approve_expenses",
            "reports.view_report",
            "reports.request_report",
            "reports.generate_report",
            "reports.publish_report",
        }
    ),
    Role.CHAIR: frozenset(
        {
            "members.view_offices",
            "surgeries.view_feedback_summary",
            "proposals.view_proposal",
            "proposals.comment_proposal",
            "proposals.take_minutes",
            "proposals.decide_proposal",
            "proposals.publish_decisions",
            "proposals.assign_owner",
            "proposals.view_oversight",
            "reports.view_report",
        }
    ),
    Role.LEAD: frozenset(
        {
            "members.view_offices",
            "surgeries.view_feedback_summary",
            "proposals.view_proposal",
            "proposals.comment_proposal",
            "proposals.track_implementation",
        }
    ),
    Role.MANAGER: frozenset(
        {
            "members.view_offices",
            "surgeries.view_feedback_summary",
            "proposals.view_proposal",
            "proposals.view_oversight",
            "expenses.view_expenses",
            "reports.view_report",
            # Asks for the reports of their own scope; making, sharing and
            # publishing stay with coordinators and admins.
            "reports.request_report",
        }
    ),
    # Pays approved claims; sees approved and paid claims, never raw feedback.
    Role.FINANCE: frozenset(
        {
            "expenses.pay_expenses",
        }
    ),
    Role.REP: frozenset(
        {
            "members.vote_in_elections",
            "members.view_own_record",
            "members.view_offices",
            "surgeries.plan_surgery",
            "surgeries.log_feedback",
            "surgeries.view_raw_feedback",
            "proposals.view_proposal",
            "proposals.author_proposal",
            "proposals.take_minutes",
            "expenses.claim_expenses",
            "reports.view_you_said_we_did",
        }
    ),
}

ALL_PERMISSIONS: frozenset[str] = frozenset().union(*ROLE_PERMISSIONS.values())


@dataclass(frozen=True)
class Scope:
    """Where an object sits in the tenancy."""

    organisation_id: int
    region_id: int | None = None
    council_id: int | None = None


def scope_of(obj: Any) -> Scope:
    """Resolve an object to its organisation, region and council.

    Objects with no council or region of their own (or with their own
    ``permission_scope``) are treated as organisation-wide.
    """
    if hasattr(obj, "permission_scope"):
        return obj.permission_scope()
    if isinstance(obj, Organisation):
        return Scope(obj.pk)
    if isinstance(obj, Region):
        return Scope(obj.organisation_id, obj.pk)
    if isinstance(obj, Council):
        return Scope(obj.organisation_id, obj.region_id, obj.pk)
    council = getattr(obj, "council", None)
    if council is not None:
        return Scope(obj.organisation_id, council.region_id, council.pk)
    region_id = getattr(obj, "region_id", None)
    return Scope(obj.organisation_id, region_id)


def is_tenant_object(obj: Any) -> bool:
    return (
        isinstance(obj, Organisation)
        or hasattr(obj, "permission_scope")
        or getattr(obj, "organisation_id", None) is not None
    )


def assignment_covers(assignment: RoleAssignment, scope: Scope) -> bool:
    if assignment.organisation_id != scope.organisation_id:
        return False
    if assignment.council_id:
        return assignment.council_id == scope.council_id
    if assignment.region_id:
        return assignment.region_id == scope.region_id
    return True


def _assignment_cache(user) -> dict:
    """The person's role assignments by organisation, for the rest of the
    request. Kept on the person themselves, not on ``request.user``'s lazy
    wrapper: Django hands the permission backends the person unwrapped, and
    a cache on the wrapper was missed there (a query more on every page that
    asks about an object)."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user.__dict__.setdefault("_role_assignment_cache", {})


def active_assignments(user, organisation_id: int) -> list[RoleAssignment]:
    """The user's current role assignments in one organisation, cached on the
    user object for the rest of the request."""
    cache = _assignment_cache(user)
    if organisation_id not in cache:
        cache[organisation_id] = list(
            RoleAssignment.objects.active()
            .filter(user=user, organisation_id=organisation_id)
            .select_related("region", "council")
        )
    return cache[organisation_id]


# Its SQL is built once a day per process: every page under /<org>/ runs it.
_ASSIGNMENTS_BY_SLUG = PrecompiledQuery(
    lambda today, user_id, org_slug: (
        RoleAssignment.objects.active(on=today)
        .filter(user_id=user_id, organisation__slug=org_slug, organisation__is_active=True)
        .select_related("organisation", "region", "council")
    )
)


def assignments_by_slug(user, org_slug: str) -> list[RoleAssignment]:
    """The user's current role assignments in the active organisation with
    this slug, with the organisation, in one query (the organisation and the
    roles were two, on every page). Empty for no such organisation, an
    inactive one, or no current role in it. Fills the cache that
    ``active_assignments`` reads, so later checks in the request need no
    query."""
    assignments = _ASSIGNMENTS_BY_SLUG.run(
        key=timezone.localdate(), user_id=user.pk, org_slug=org_slug
    )
    if assignments:
        # One organisation object for the whole request.
        organisation = assignments[0].organisation
        for assignment in assignments:
            assignment.organisation = organisation
        _assignment_cache(user)[organisation.pk] = assignments
    return assignments


def roles_granting(perm: str) -> set[str]:
    return {role for role, perms in ROLE_PERMISSIONS.items() if perm in perms}


def has_role_permission(user, perm: str, obj: Any) -> bool:
    if not user.is_active or not is_tenant_object(obj):
        return False
    scope = scope_of(obj)
    granting = roles_granting(perm)
    return any(
        a.role in granting and assignment_covers(a, scope)
        for a in active_assignments(user, scope.organisation_id)
    )


def can_anywhere(user, organisation: Organisation, perm: str) -> bool:
    """May the user do this somewhere in the organisation (in any scope)?
    Used for navigation and for lists that are then filtered by scope."""
    if not user.is_authenticated:
        return False
    granting = roles_granting(perm)
    return any(a.role in granting for a in active_assignments(user, organisation.pk))


def council_ids_where(user, organisation: Organisation, perm: str) -> set[int] | None:
    """The councils where the user holds ``perm``: ``None`` means all of them
    (an organisation-wide role); an empty set means none."""
    granting = roles_granting(perm)
    ids: set[int] = set()
    region_ids: set[int] = set()
    for a in active_assignments(user, organisation.pk):
        if a.role not in granting:
            continue
        if a.council_id:
            ids.add(a.council_id)
        elif a.region_id:
            region_ids.add(a.region_id)
        else:
            return None
    if region_ids:
        ids |= set(
            Council.objects.filter(organisation=organisation, region_id__in=region_ids).values_list(
                "id", flat=True
            )
        )
    return ids


def require_perm(request, perm: str, obj: Any, message: str | None = None) -> None:
    """Raise 403 with a plain explanation unless the user has ``perm`` on ``obj``."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message or gettext("Your role does not let you do this."))


class RoleBackend:
    """Answers ``has_perm`` from role assignments. Authenticates nobody."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm: str, obj: Any = None) -> bool:
        if obj is None or not user_obj.is_authenticated:
            return False
        return has_role_permission(user_obj, perm, obj)

    def get_user(self, user_id):
        return None


# The only permissions the product grants one object at a time (django-
# guardian): updating the implementation of a proposal one owns
# (proposals.access.UPDATE_PERM), and reading one report given to a person
# (reports.services). Any other permission comes from roles alone, so asking
# guardian about it would be two queries that always answer no.
GRANTED_PER_OBJECT = frozenset({"proposals.update_implementation", "reports.view_report"})


class ObjectGrantBackend(ObjectPermissionBackend):
    """django-guardian's per-object grants, for ``GRANTED_PER_OBJECT``. A
    permission of one app asked about an object of another (e.g.
    ``reports.view_report`` on a council) is simply not granted, rather than
    an error."""

    def has_perm(self, user_obj, perm: str, obj: Any = None) -> bool:
        if perm not in GRANTED_PER_OBJECT:
            return False
        try:
            return super().has_perm(user_obj, perm, obj)
        except WrongAppError:
            return False


class SignInBackend(AuthenticationBackend):
    """allauth's sign-in (username or email, and password), loading the
    signed-in person on each request together with whether they hold a
    staff role and an authenticator: the second-factor check asks both on
    every page, and this saves it a query of its own."""

    def get_user(self, user_id):
        from .selectors import signed_in_user

        user = signed_in_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
