"""Who works with a council, in which role."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from councils.models import Council, Role, RoleAssignment

User = get_user_model()


def people_with_role_for_council(council: Council, roles: set[str]) -> QuerySet:
    """People with a current role among ``roles`` whose scope covers ``council``."""
    assignments = (
        RoleAssignment.objects.active()
        .filter(organisation_id=council.organisation_id, role__in=roles)
        .filter(
            Q(council=council)
            | Q(council__isnull=True, region_id=council.region_id)
            | Q(council__isnull=True, region__isnull=True)
        )
    )
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


def user_has_role_for_council(user, council: Council, role: str) -> bool:
    return people_with_role_for_council(council, {role}).filter(pk=user.pk).exists()
