"""The database keeps the promises the models make about roles and people."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from councils.models import Role, RoleAssignment
from members.models import RepProfile, RepSetupCode

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 1, 10)


def refused(**values):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(**values)


def test_a_role_has_one_level_of_scope(tenant_a):
    refused(
        organisation=tenant_a.organisation,
        user=tenant_a["lead"],
        role=Role.CHAIR,
        region=tenant_a.region,
        council=tenant_a.council,
        starts_on=DAY,
    )


def test_a_role_is_one_the_product_knows(tenant_a):
    refused(organisation=tenant_a.organisation, user=tenant_a["lead"], role="boss", starts_on=DAY)


def test_a_rep_role_is_scoped_to_a_council(tenant_a):
    base = {"organisation": tenant_a.organisation, "user": tenant_a["lead"], "role": Role.REP}
    refused(**base, starts_on=DAY)
    refused(**base, region=tenant_a.region, starts_on=DAY)
    RoleAssignment.objects.create(**base, council=tenant_a.council, starts_on=DAY)


def test_a_role_does_not_end_before_it_starts(tenant_a):
    base = {"organisation": tenant_a.organisation, "user": tenant_a["lead"], "role": Role.CHAIR}
    refused(**base, starts_on=DAY, ends_on=DAY - dt.timedelta(days=1))
    RoleAssignment.objects.create(**base, starts_on=DAY, ends_on=DAY)


def code(tenant, **values):
    return RepSetupCode.objects.create(
        user=tenant["rep"], organisation=tenant.organisation, code_hash="x", **values
    )


def test_a_setup_code_expires_after_it_is_made(tenant_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        code(tenant_a, expires_at=timezone.now() - dt.timedelta(minutes=1))
    code(tenant_a, expires_at=timezone.now() + dt.timedelta(days=1))


def test_a_setup_code_is_used_or_revoked_not_both(tenant_a):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        code(tenant_a, expires_at=now + dt.timedelta(days=1), used_at=now, revoked_at=now)


def test_a_rep_leaves_on_or_after_joining(tenant_a):
    profile = RepProfile.objects.get(user=tenant_a["rep"])
    with pytest.raises(IntegrityError), transaction.atomic():
        RepProfile.objects.filter(pk=profile.pk).update(
            joined_on=DAY, left_on=DAY - dt.timedelta(days=1)
        )
    RepProfile.objects.filter(pk=profile.pk).update(joined_on=DAY, left_on=DAY)
