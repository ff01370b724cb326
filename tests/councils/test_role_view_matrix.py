"""Every role × every page of its own organisation: never a server error, and
a refusal is a 403 with a plain explanation, not a 404 or a crash."""

import pytest

from councils.models import Role
from tests.url_params import fill
from tests.urlwalk import org_routes


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_role_gets_page_or_plain_refusal(role, tenant_a, client_for):
    client = client_for(tenant_a[role])
    for route in org_routes():
        url = fill(route, tenant_a)
        response = client.get(url)
        assert response.status_code in {200, 302, 403, 405}, f"{role} GET {url}"
        if response.status_code == 403:
            assert b"You cannot do this" in response.content
