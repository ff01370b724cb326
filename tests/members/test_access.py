"""Services refuse a caller who may not, whatever view (or none) called them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from councils import services as council_services
from councils.models import Role, RoleAssignment
from members import access, services
from members.models import RepProfile
from tests.factories import CouncilFactory, RegionFactory, user_with_role

pytestmark = pytest.mark.django_db


def make_rep(tenant, council=None):
    user, _code = services.rep_account_create(
        organisation=tenant.organisation,
        council=council or tenant.council,
        display_name="Kim Rowe",
        contact_preference="post",
        actor=tenant["coordinator"],
    )
    return user


@pytest.mark.parametrize("role", ["coordinator", "chair", "lead", "manager", "rep"])
def test_only_an_admin_may_invite_staff(tenant_a, role):
    with pytest.raises(PermissionDenied):
        services.staff_invite(
            organisation=tenant_a.organisation,
            email="new@example.org",
            display_name="New Person",
            role=Role.LEAD,
            region=None,
            council=None,
            actor=tenant_a[role],
        )
    services.staff_invite(
        organisation=tenant_a.organisation,
        email="new@example.org",
        display_name="New Person",
        role=Role.LEAD,
        region=None,
        council=None,
        actor=tenant_a["admin"],
    )


@pytest.mark.parametrize("role", ["chair", "lead", "manager", "rep"])
def test_only_coordinators_and_admins_create_reps(tenant_a, role):
    with pytest.raises(PermissionDenied, match="councils you coordinate"):
        services.rep_account_create(
            organisation=tenant_a.organisation,
            council=tenant_a.council,
            display_name="Kim",
            contact_preference="post",
            actor=tenant_a[role],
        )
    assert not RepProfile.objects.filter(user__display_name="Kim").exists()


def test_a_council_coordinator_cannot_create_reps_elsewhere(tenant_a):
    coordinator = user_with_role(tenant_a.organisation, Role.COORDINATOR, council=tenant_a.council)
    make_rep(tenant_a, council=tenant_a.council)
    with pytest.raises(PermissionDenied):
        services.rep_account_create(
            organisation=tenant_a.organisation,
            council=tenant_a.other_council,
            display_name="Kim",
            contact_preference="post",
            actor=coordinator,
        )


def test_setup_codes_only_from_a_coordinator_of_the_reps_council(tenant_a):
    rep = make_rep(tenant_a, council=tenant_a.other_council)
    elsewhere = user_with_role(tenant_a.organisation, Role.COORDINATOR, council=tenant_a.council)
    for actor in [elsewhere, tenant_a["chair"], tenant_a["lead"], tenant_a["rep"]]:
        with pytest.raises(PermissionDenied):
            services.rep_setup_code_issue(organisation=tenant_a.organisation, user=rep, actor=actor)
    assert services.rep_setup_code_issue(
        organisation=tenant_a.organisation, user=rep, actor=tenant_a["coordinator"]
    )


def test_a_setup_code_is_only_for_a_rep_of_this_organisation(tenant_a, tenant_b):
    with pytest.raises(ValidationError):
        services.rep_setup_code_issue(
            organisation=tenant_a.organisation, user=tenant_a["lead"], actor=tenant_a["admin"]
        )
    with pytest.raises(ValidationError):
        services.rep_setup_code_issue(
            organisation=tenant_a.organisation, user=tenant_b["rep"], actor=tenant_a["admin"]
        )


@pytest.mark.parametrize("role", ["coordinator", "chair", "lead", "manager", "rep"])
def test_only_an_admin_gives_staff_roles(tenant_a, role):
    with pytest.raises(PermissionDenied):
        council_services.role_assign(
            organisation=tenant_a.organisation,
            user=tenant_a["lead"],
            role=Role.CHAIR,
            council=tenant_a.council,
            actor=tenant_a[role],
        )
    assert not RoleAssignment.objects.filter(user=tenant_a["lead"], role=Role.CHAIR).exists()


def test_a_coordinator_gives_the_rep_role_only_on_their_councils(tenant_a):
    coordinator = user_with_role(tenant_a.organisation, Role.COORDINATOR, council=tenant_a.council)
    person = tenant_a["manager"]
    with pytest.raises(PermissionDenied):
        council_services.role_assign(
            organisation=tenant_a.organisation,
            user=person,
            role=Role.REP,
            council=tenant_a.other_council,
            actor=coordinator,
        )
    council_services.role_assign(
        organisation=tenant_a.organisation,
        user=person,
        role=Role.REP,
        council=tenant_a.council,
        actor=coordinator,
    )


def test_the_rep_role_needs_a_council(tenant_a):
    with pytest.raises(ValidationError) as error:
        council_services.role_assign(
            organisation=tenant_a.organisation,
            user=tenant_a["lead"],
            role=Role.REP,
            actor=tenant_a["admin"],
        )
    assert "scope" in error.value.message_dict


@pytest.mark.parametrize("role", ["coordinator", "chair", "lead", "manager", "rep"])
def test_only_an_admin_ends_roles(tenant_a, role):
    assignment = RoleAssignment.objects.get(user=tenant_a["lead"])
    with pytest.raises(PermissionDenied):
        council_services.role_end(assignment=assignment, actor=tenant_a[role])
    assignment.refresh_from_db()
    assert assignment.ends_on is None


def test_people_rules_answer_views_the_same_way(tenant_a):
    org = tenant_a.organisation
    region_coordinator = user_with_role(
        org, Role.COORDINATOR, region=RegionFactory(organisation=org)
    )
    CouncilFactory(organisation=org, region=region_coordinator.role_assignments.get().region)
    assert access.may_see_people(tenant_a["coordinator"], org)
    assert access.may_see_people(region_coordinator, org)
    assert access.may_see_people(tenant_a["admin"], org)
    assert not access.may_see_people(tenant_a["chair"], org)
    assert not access.may_invite_staff(tenant_a["coordinator"], org)
    assert access.may_create_rep_in(region_coordinator, tenant_a.council) is False
