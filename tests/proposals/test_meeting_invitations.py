"""Who is invited to a council meeting: each person is listed with their
roles for the council and the scope of each, so the coordinator knows who
is who (issue 15: "roles shown in the invitations list")."""

from __future__ import annotations

import re

import pytest

from councils.models import Role
from tests.factories import RoleAssignmentFactory, user_with_role
from tests.querycount import assert_flat_query_count

pytestmark = pytest.mark.django_db


def form_url(tenant, kind="council") -> str:
    return (
        f"/{tenant.organisation.slug}/meetings/new/?council={tenant.council.public_id}&kind={kind}"
    )


def invited_labels(body: str) -> list[str]:
    fieldset = re.search(r"<legend[^>]*>Who is invited</legend>.*?</fieldset>", body, re.S).group(0)
    return [" ".join(m.split()) for m in re.findall(r"<label[^>]*>(.*?)</label>", fieldset, re.S)]


def test_each_person_invited_shows_their_roles_and_scope(tenant_a, client_for):
    tenant_a.council.name = "Ashford Vale"
    tenant_a.council.save(update_fields=["name"])
    lead = tenant_a["lead"]
    both = user_with_role(tenant_a.organisation, Role.LEAD, council=tenant_a.council)
    RoleAssignmentFactory(
        user=both, organisation=tenant_a.organisation, role=Role.MANAGER, region=tenant_a.region
    )
    elsewhere = RoleAssignmentFactory(
        user=both,
        organisation=tenant_a.organisation,
        role=Role.CHAIR,
        council=tenant_a.other_council,
    )
    body = client_for(tenant_a["coordinator"]).get(form_url(tenant_a)).content.decode()
    labels = invited_labels(body)
    assert f"{lead} (Probation lead – Whole organisation)" in labels
    assert f"{tenant_a['rep']} (Council rep – Ashford Vale)" in labels
    label = next(label for label in labels if label.startswith(f"{both} ("))
    assert (
        "Probation lead – Ashford Vale" in label
        and f"Senior manager – {tenant_a.region.name}" in label
    )
    # A role elsewhere is not this council's business.
    assert elsewhere.council.name not in label


def test_the_invitation_list_costs_the_same_with_more_people(tenant_a, client_for):
    def grow():
        for role in (Role.REP, Role.LEAD, Role.CHAIR, Role.MANAGER) * 2:
            user_with_role(tenant_a.organisation, role, council=tenant_a.council)

    assert_flat_query_count(
        client_for(tenant_a["coordinator"]), form_url(tenant_a), grow=grow, budget=20
    )
