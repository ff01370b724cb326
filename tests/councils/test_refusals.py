"""Quiet, useful logs and complete headers (issue 10): a refusal is one log
line with who, what and why, and an audit event; pages send a
Permissions-Policy."""

import logging

import pytest

from councils.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_refusal_is_one_line_with_who_what_and_why_and_no_traceback(tenant_a, client_for, caplog):
    coordinator = tenant_a["coordinator"]
    client = client_for(coordinator)
    path = f"/{tenant_a.organisation.slug}/audit/"
    with caplog.at_level(logging.INFO):
        response = client.get(path)
    assert response.status_code == 403
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1, [r.getMessage() for r in records]
    line = records[0].getMessage()
    assert f"user={coordinator.pk}" in line
    assert "org=alpha" in line and "roles=coordinator" in line
    assert f"GET {path}" in line
    assert records[0].exc_info is None


def test_a_refusal_writes_an_audit_event(tenant_a, client_for):
    coordinator = tenant_a["coordinator"]
    client_for(coordinator).get(f"/{tenant_a.organisation.slug}/audit/")
    event = AuditEvent.objects.get(action="access.refused")
    assert event.actor == coordinator
    assert event.organisation == tenant_a.organisation
    assert event.object_repr == f"GET /{tenant_a.organisation.slug}/audit/"
    assert event.changes["roles"] == ["coordinator"]


def test_a_refused_write_is_audited_even_though_the_write_was_undone(tenant_a, client_for):
    chair = tenant_a["chair"]
    response = client_for(chair).post(
        f"/{tenant_a.organisation.slug}/setup/regions/new/", {"name": "North"}
    )
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="access.refused", actor=chair).count() == 1


def test_pages_send_a_permissions_policy(client):
    policy = client.get("/accounts/login/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
