"""Who works with a council, in which role."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from councils.models import Council, Role, RoleAssignment

User = get_user_model()


def _covering(council: Council, roles: set[str]) -> QuerySet:
    """Current role assignments among ``roles`` whose scope covers ``council``."""
    return (
        RoleAssignment.objects.active()
        .filter(organisation_id=council.organisation_id, role__in=roles)
        .filter(
            Q(council=council)
            | Q(council__isnull=True, region_id=council.region_id)
            | Q(council__isnull=True, region__isnull=True)
        )
    )


def people_with_role_for_council(council: Council, roles: set[str]) -> QuerySet:
    """People with a current role among ``roles`` whose scope covers ``council``."""
    assignments = _covering(council, roles)
    return User.objects.filter(is_active=True, id__in=assignments.values("user_id")).order_by(
        "display_name", "username"
    )


def reps_of_council(council: Council) -> QuerySet:
    return people_with_role_for_council(council, {Role.REP})


def leads_for_council(council: Council) -> QuerySet:
    return people_with_role_for_council(council, {Role.LEAD})


def chairs_for_council(council: Council) -> QuerySet:
    return people_with_role_for_council(council, {Role.CHAIR})


def people_for_council(council: Council) -> QuerySet:
    """Everyone who could be invited to, or own an action from, a meeting."""
    return people_with_role_for_council(council, set(Role.values))


def people_for_council_with_roles(council: Council) -> QuerySet:
    """``people_for_council``, each with ``council_roles``: their roles that
    cover the council, with the scope of each (two queries in all)."""
    roles = _covering(council, set(Role.values)).select_related("region", "council")
    return people_for_council(council).prefetch_related(
        Prefetch("role_assignments", queryset=roles.order_by("role"), to_attr="council_roles")
    )


def user_has_role_for_council(user, council: Council, role: str) -> bool:
    return people_with_role_for_council(council, {role}).filter(pk=user.pk).exists()
