"""Who and where: councils, reps, coordinators, sites and themes of an
organisation."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from councils.models import Council, Organisation, Role, RoleAssignment, Site
from councils.permissions import council_ids_where

from ..models import Theme

User = get_user_model()


def councils_where(user, organisation: Organisation, perm: str) -> QuerySet[Council]:
    """The active councils of the organisation where the user holds ``perm``."""
    ids = council_ids_where(user, organisation, perm)
    councils = Council.objects.filter(organisation=organisation, is_active=True)
    return councils if ids is None else councils.filter(id__in=ids)


def _role_holders(council: Council, role: str) -> QuerySet:
    """People holding ``role`` over this council: on the council itself, its
    region, or the whole organisation."""
    today = timezone.localdate()
    covering = (
        RoleAssignment.objects.active(today)
        .filter(organisation_id=council.organisation_id, role=role)
        .filter(
            Q(council_id=council.pk)
            | Q(council__isnull=True, region_id=council.region_id)
            | Q(council__isnull=True, region__isnull=True)
        )
    )
    return User.objects.filter(is_active=True, pk__in=covering.values("user_id")).order_by(
        "display_name", "username"
    )


def reps_of_council(council: Council) -> QuerySet:
    return _role_holders(council, Role.REP)


def coordinators_of_council(council: Council) -> QuerySet:
    return _role_holders(council, Role.COORDINATOR)


def reps_for_councils(organisation: Organisation, councils) -> QuerySet:
    """Reps who may be picked for a surgery of any of these councils."""
    council_ids = [c.pk for c in councils]
    region_ids = {c.region_id for c in councils}
    covering = (
        RoleAssignment.objects.active()
        .filter(organisation=organisation, role=Role.REP)
        .filter(
            Q(council_id__in=council_ids)
            | Q(council__isnull=True, region_id__in=region_ids)
            | Q(council__isnull=True, region__isnull=True)
        )
    )
    return (
        User.objects.filter(is_active=True, pk__in=covering.values("user_id"))
        .select_related("rep_profile__council")
        .order_by("display_name", "username")
    )


def sites_for_org(organisation: Organisation) -> QuerySet[Site]:
    return Site.objects.filter(organisation=organisation, is_active=True).order_by("name")


def themes_with_use(organisation: Organisation) -> QuerySet[Theme]:
    """Every theme, retired ones too, with how many items use it."""
    return Theme.objects.filter(organisation=organisation).annotate(
        item_count=Count("feedback_items")
    )
