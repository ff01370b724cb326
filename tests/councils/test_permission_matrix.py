"""The role × permission matrix, written out as the product's rules.

This table is the specification: changing who may do what means changing it
here and in councils/permissions.py together."""

import pytest

from councils.models import Role
from councils.permissions import ALL_PERMISSIONS

A, CO, CH, L, M, F, R = "admin", "coordinator", "chair", "lead", "manager", "finance", "rep"

EXPECTED = {
    "councils.manage_structure": {A},
    "councils.manage_people": {A},
    "councils.view_audit": {A},
    # Read and deal with problems people report from any page.
    "councils.read_problem_reports": {A, CO},
    # Agree to share the organisation's figures (never words or people) nationally.
    "councils.share_national_figures": {A},
    "members.manage_reps": {A, CO},
    "members.view_rep_restricted": {A, CO},
    # Elections and training are run by coordinators; only reps vote, and
    # everyone but finance sees who holds each office.
    "members.manage_elections": {A, CO},
    "members.manage_training": {A, CO},
    "members.vote_in_elections": {R},
    "members.view_own_record": {R},
    "members.view_offices": {A, CO, CH, L, M, R},
    # Raw feedback stays with the council's reps and coordinators.
    "surgeries.view_raw_feedback": {CO, R},
    "surgeries.log_feedback": {CO, R},
    "surgeries.plan_surgery": {CO, R},
    "surgeries.moderate_quotes": {CO},
    "surgeries.close_followup": {CO},
    "surgeries.manage_themes": {A},
    "surgeries.view_feedback_summary": {A, CO, CH, L, M},
    # Staff must not write proposals.
    "proposals.author_proposal": {R},
    "proposals.comment_proposal": {CO, CH, L},
    "proposals.track_implementation": {L},
    "proposals.view_proposal": {A, CO, CH, L, M, R},
    "proposals.manage_meetings": {A, CO},
    "proposals.take_minutes": {CO, CH, R},
    "proposals.decide_proposal": {CH},
    "proposals.publish_decisions": {CH},
    "proposals.assign_owner": {CH},
    "proposals.view_oversight": {CO, CH, M},
    # A proposal's words are printed only once a coordinator approved them.
    "proposals.approve_wording": {CO},
    "expenses.claim_expenses": {R},
    "expenses.approve_expenses": {CO},
    "expenses.view_expenses": {A, CO, M},
    "expenses.manage_policy": {A},
    "expenses.pay_expenses": {F},
    "reports.view_report": {A, CO, CH, M},
    # Managers ask for the reports of their own scope; coordinators make them.
    "reports.request_report": {A, CO, M},
    "reports.generate_report": {A, CO},
    "reports.publish_report": {A, CO},
    "reports.view_you_said_we_did": {R},
}


def test_table_names_every_permission():
    assert set(EXPECTED) == set(ALL_PERMISSIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_role_permission_matrix(perm, tenant_a):
    council = tenant_a.council
    for role in Role.values:
        user = tenant_a[role]
        assert user.has_perm(perm, council) == (role in EXPECTED[perm]), (role, perm)


@pytest.mark.django_db
def test_council_scoped_role_covers_only_its_council(tenant_a):
    rep = tenant_a["rep"]  # scoped to tenant_a.council
    assert rep.has_perm("surgeries.log_feedback", tenant_a.council)
    assert not rep.has_perm("surgeries.log_feedback", tenant_a.other_council)
    assert not rep.has_perm("surgeries.log_feedback", tenant_a.organisation)


@pytest.mark.django_db
def test_region_scoped_role_covers_councils_in_region(tenant_a):
    from tests.factories import user_with_role

    chair = user_with_role(tenant_a.organisation, Role.CHAIR, region=tenant_a.region)
    assert chair.has_perm("proposals.decide_proposal", tenant_a.council)
    assert not chair.has_perm("proposals.decide_proposal", tenant_a.other_council)


@pytest.mark.django_db
def test_no_permission_in_another_organisation(tenant_a, tenant_b):
    admin_b = tenant_b["admin"]
    assert not admin_b.has_perm("councils.manage_structure", tenant_a.organisation)
    assert not admin_b.has_perm("councils.manage_structure", tenant_a.council)


@pytest.mark.django_db
def test_guardian_grants_one_object(tenant_a):
    from guardian.shortcuts import assign_perm

    from proposals.access import UPDATE_PERM
    from tests.proposals.factories import ProposalFactory

    person = tenant_a["rep"]
    mine = ProposalFactory(council=tenant_a.council)
    other = ProposalFactory(council=tenant_a.council)
    assert not person.has_perm(UPDATE_PERM, mine)
    assign_perm(UPDATE_PERM, person, mine)
    person = type(person).objects.get(pk=person.pk)
    assert person.has_perm(UPDATE_PERM, mine)
    assert not person.has_perm(UPDATE_PERM, other)


@pytest.mark.django_db
def test_only_the_permissions_given_per_object_are_asked_of_guardian(tenant_a):
    """Guardian answers only for what the product grants one object at a
    time; any other permission is for roles alone, asked with no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from guardian.shortcuts import assign_perm

    from councils.permissions import GRANTED_PER_OBJECT, ObjectGrantBackend
    from proposals.access import UPDATE_PERM

    assert UPDATE_PERM in GRANTED_PER_OBJECT
    assert "reports.view_report" in GRANTED_PER_OBJECT
    rep = tenant_a["rep"]
    assign_perm("councils.change_council", rep, tenant_a.council)
    with CaptureQueriesContext(connection) as ctx:
        granted = ObjectGrantBackend().has_perm(rep, "councils.change_council", tenant_a.council)
    assert granted is False
    assert ctx.captured_queries == []
