import pytest

from councils.audit import audit_record
from councils.models import Role
from tests.factories import CouncilFactory, SiteFactory, user_with_role
from tests.querycount import assert_flat_query_count

pytestmark = pytest.mark.django_db


# Each role's home page: three queries every signed-in page makes, then its
# panels' (the coordinator's and admin's reps panels share one count query).
HOME_BUDGETS = {
    Role.ADMIN: 10,
    Role.COORDINATOR: 13,
    Role.CHAIR: 9,
    Role.LEAD: 5,
    Role.MANAGER: 4,
    Role.FINANCE: 3,
    Role.REP: 8,
}


@pytest.mark.parametrize("role", Role.values)
def test_home_page(role, tenant_a, client_for):
    client = client_for(tenant_a[role])

    def grow():
        for _ in range(10):
            CouncilFactory(organisation=tenant_a.organisation, region=tenant_a.region)

    assert_flat_query_count(
        client, f"/{tenant_a.organisation.slug}/", grow=grow, budget=HOME_BUDGETS[role]
    )


def test_setup_page(tenant_a, client_for):
    def grow():
        for _ in range(10):
            CouncilFactory(organisation=tenant_a.organisation, region=tenant_a.region)
            SiteFactory(organisation=tenant_a.organisation, region=tenant_a.region)

    client = client_for(tenant_a["admin"])
    assert_flat_query_count(client, f"/{tenant_a.organisation.slug}/setup/", grow=grow, budget=12)


def test_people_page(tenant_a, client_for):
    def grow():
        for role in Role.values * 3:
            user_with_role(tenant_a.organisation, role, council=tenant_a.council)

    client = client_for(tenant_a["admin"])
    assert_flat_query_count(client, f"/{tenant_a.organisation.slug}/people/", grow=grow, budget=7)


def test_person_page(tenant_a, client_for):
    rep = tenant_a["rep"]

    def grow():
        from councils.services import role_assign

        for council in [
            CouncilFactory(organisation=tenant_a.organisation, region=tenant_a.region)
            for _ in range(5)
        ]:
            role_assign(
                organisation=tenant_a.organisation,
                user=rep,
                role="rep",
                council=council,
                actor=tenant_a["admin"],
            )

    client = client_for(tenant_a["admin"])
    url = f"/{tenant_a.organisation.slug}/people/{rep.public_id}/"
    assert_flat_query_count(client, url, grow=grow, budget=12)


def test_audit_page(tenant_a, client_for, settings):
    # Counted as the page is built afresh: new events leave its remembered
    # filters as they were, so a warm view would ask one query less.
    settings.FRESH_SECONDS = 0

    def grow(times=30):
        for _ in range(times):
            audit_record(
                organisation=tenant_a.organisation,
                actor=tenant_a["admin"],
                action="test.event",
                obj=tenant_a.council,
            )

    grow(2)
    client = client_for(tenant_a["admin"])
    assert_flat_query_count(client, f"/{tenant_a.organisation.slug}/audit/", grow=grow, budget=7)


def test_the_fixed_cost_of_a_signed_in_page(tenant_a, client_for):
    """Every page under /<org>/ pays for the session, the person (with the
    two facts the second-factor check needs: "staff?" and "authenticator?")
    and the organisation with the person's roles: three queries, before the
    page's own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(tenant_a["coordinator"])
    path = f"/{tenant_a.organisation.slug}/elections/"
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    second_factor = [s for s in sqls if "mfa_authenticator" in s]
    assert len(second_factor) == 1
    assert 'FROM "members_user"' in second_factor[0], "asked with the person, not on its own"
    assert "councils_roleassignment" in second_factor[0]
    organisation = [s for s in sqls if 'FROM "councils_organisation"' in s]
    assert organisation == [], "the organisation is read with the roles, not on its own"
    with_roles = [s for s in sqls if 'INNER JOIN "councils_organisation"' in s]
    assert len(with_roles) == 1
    fixed = [s for s in sqls if "members_election" not in s]
    assert len(fixed) == 3, fixed
