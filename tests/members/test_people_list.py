"""The people list shows, for each person invited, their roles with the scope
of each, and whether they have signed in yet (issue 15)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def row_of(body: str, name: str) -> str:
    for row in re.findall(r'<tr class="govuk-table__row">.*?</tr>', body, re.S):
        if f">{name}</a>" in row:
            return " ".join(re.sub(r"<[^>]+>", " ", row).split())
    raise AssertionError(f"no row for {name}")


def test_an_invited_member_of_staff_shows_role_scope_and_not_signed_in(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    response = client.post(
        f"/{tenant_a.organisation.slug}/people/invite/",
        {
            "display_name": "Nina Shah",
            "email": "nina.shah@example.org",
            "role": "lead",
            "scope": f"council:{tenant_a.council.public_id}",
        },
    )
    assert response.status_code == 302
    body = client.get(f"/{tenant_a.organisation.slug}/people/").content.decode()
    nina = row_of(body, "Nina Shah")
    assert f"Probation lead – {tenant_a.council.name}" in nina
    assert "Not signed in yet" in nina
    admin = row_of(body, str(tenant_a["admin"]))
    assert "Organisation admin – Whole organisation" in admin
    assert "Not signed in yet" not in admin  # signed in to read this page
