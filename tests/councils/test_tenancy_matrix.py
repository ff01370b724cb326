"""The URL × tenant matrix: every page under /<org>/ is a 404 for a person
with no role in that organisation, for GET and for POST. New views are
covered the day they are added; a parameter we cannot fill fails loudly."""

import pytest

from tests.url_params import URL_PARAM_FACTORIES
from tests.urlwalk import all_routes, org_routes

# Pages outside any organisation, and what they are.
PUBLIC_OR_ACCOUNT_PREFIXES = ("accounts/", "admin/", "public/", "account/", "setup/", "healthz", "")


def fill(route, tenant):
    missing = [p for p in route.params if p != "org_slug" and p not in URL_PARAM_FACTORIES]
    if missing:
        pytest.fail(
            f"{route.route}: add {missing} to tests/url_params.py so the tenancy matrix covers it"
        )
    values = {"org_slug": tenant.organisation.slug}
    values.update({p: URL_PARAM_FACTORIES[p](tenant) for p in route.params if p != "org_slug"})
    return route.fill(values)


def test_every_route_is_under_an_organisation_or_allow_listed():
    for route in all_routes():
        if route.route.startswith("<slug:org_slug>/"):
            continue
        assert route.route.startswith(PUBLIC_OR_ACCOUNT_PREFIXES), route.route


def test_there_are_org_routes_to_check():
    assert len(org_routes()) >= 10


@pytest.mark.django_db
def test_outsider_gets_404_everywhere(tenant_a, outsider, client_for):
    client = client_for(outsider)
    failures = []
    for route in org_routes():
        url = fill(route, tenant_a)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code != 404:
                failures.append(f"{method.upper()} {url} -> {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_owner_reaches_every_route(tenant_a, client_for):
    """The matrix is not vacuous: the same URLs work for the organisation's own
    admin (or say plainly that the role may not: 403; or wrong method: 405)."""
    client = client_for(tenant_a["admin"])
    for route in org_routes():
        url = fill(route, tenant_a)
        response = client.get(url)
        assert response.status_code in {200, 302, 403, 405}, f"GET {url} -> {response.status_code}"


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(tenant_a, client):
    for route in org_routes():
        url = fill(route, tenant_a)
        response = client.get(url)
        assert response.status_code in {302, 405}, url
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_unknown_organisation_is_404(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    assert client.get("/no-such-org/").status_code == 404


@pytest.mark.django_db
def test_ended_role_loses_access_at_once(tenant_a, client_for):
    from councils.services import role_end

    lead = tenant_a["lead"]
    client = client_for(lead)
    home = f"/{tenant_a.organisation.slug}/"
    assert client.get(home).status_code == 200
    for assignment in lead.role_assignments.all():
        role_end(assignment=assignment, actor=tenant_a["admin"])
    assert client.get(home).status_code == 404
