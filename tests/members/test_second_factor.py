"""Staff always pass their second factor: the chain from issue 10, and each
link of it on its own."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from councils.models import Role
from councils.services import role_assign
from members import services
from members.models import RepSetupCode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The limits live in the cache, which outlives one test.
    cache.clear()


SECRET = "JBSWY3DPEHPK3PXP"


def audit_url(tenant):
    return f"/{tenant.organisation.slug}/audit/"


def test_coordinator_cannot_print_a_code_for_a_rep_who_is_also_an_admin(tenant_a):
    rep = tenant_a["rep"]
    role_assign(
        organisation=tenant_a.organisation, user=rep, role=Role.ADMIN, actor=tenant_a["admin"]
    )
    TOTP.activate(rep, SECRET)
    with pytest.raises(PermissionDenied):
        services.rep_setup_code_issue(
            organisation=tenant_a.organisation, user=rep, actor=tenant_a["coordinator"]
        )
    # Not even an admin: a code would skip the second factor.
    with pytest.raises(PermissionDenied):
        services.rep_setup_code_issue(
            organisation=tenant_a.organisation, user=rep, actor=tenant_a["admin"]
        )


def test_the_issue_chain_never_gives_an_admin_session_without_the_second_factor(tenant_a, client):
    """A code printed while the person was only a rep; then an admin gives
    them the admin role and they set up TOTP. The old code at /setup/ must
    not open the audit log."""
    rep = tenant_a["rep"]
    code = services.rep_setup_code_issue(
        organisation=tenant_a.organisation, user=rep, actor=tenant_a["coordinator"]
    )
    role_assign(
        organisation=tenant_a.organisation, user=rep, role=Role.ADMIN, actor=tenant_a["admin"]
    )
    TOTP.activate(rep, SECRET)
    client.post(
        "/setup/",
        {
            "username": rep.username,
            "code": code,
            "password1": "a long phrase 42",
            "password2": "a long phrase 42",
        },
    )
    for path in (audit_url(tenant_a), f"/{tenant_a.organisation.slug}/setup/"):
        assert client.get(path).status_code == 302
    assert RepSetupCode.objects.filter(user=rep, used_at__isnull=False).count() == 0


def test_a_staff_session_that_skipped_the_second_factor_is_sent_to_sign_in(tenant_a, client):
    admin = tenant_a["admin"]  # has an authenticator
    client.force_login(admin)  # a session with no record of the second factor
    response = client.get(audit_url(tenant_a))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # …and it is no longer signed in at all.
    assert "_auth_user_id" not in client.session


def test_a_session_that_passed_the_second_factor_works(tenant_a, client_for):
    assert client_for(tenant_a["admin"]).get(audit_url(tenant_a)).status_code == 200


def test_a_rep_given_a_staff_role_mid_session_must_pass_the_second_factor(tenant_a, client):
    rep = tenant_a["rep"]
    client.force_login(rep)
    assert client.get(f"/{tenant_a.organisation.slug}/").status_code == 200
    role_assign(
        organisation=tenant_a.organisation, user=rep, role=Role.ADMIN, actor=tenant_a["admin"]
    )
    response = client.get(audit_url(tenant_a))
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate" in response["Location"]


def test_a_setup_code_for_a_rep_with_a_device_asks_for_the_device(tenant_a, client):
    rep = tenant_a["rep"]
    code = services.rep_setup_code_issue(
        organisation=tenant_a.organisation, user=rep, actor=tenant_a["coordinator"]
    )
    TOTP.activate(rep, SECRET)
    response = client.post(
        "/setup/",
        {
            "username": rep.username,
            "code": code,
            "password1": "a long phrase 42",
            "password2": "a long phrase 42",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session


def test_a_setup_code_for_a_rep_without_a_device_signs_them_in(tenant_a, client):
    rep = tenant_a["rep"]
    code = services.rep_setup_code_issue(
        organisation=tenant_a.organisation, user=rep, actor=tenant_a["coordinator"]
    )
    response = client.post(
        "/setup/",
        {
            "username": rep.username,
            "code": code,
            "password1": "a long phrase 42",
            "password2": "a long phrase 42",
        },
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(rep.pk)


def test_activating_an_authenticator_counts_as_passing_it(tenant_a, client):
    from allauth.mfa.signals import authenticator_added
    from django.test import RequestFactory

    from councils.tenancy import session_passed_second_factor

    admin = tenant_a["admin"]
    client.force_login(admin)
    request = RequestFactory().get("/")
    request.user = admin
    request.session = client.session
    assert not session_passed_second_factor(request)
    authenticator_added.send(sender=None, request=request, user=admin, authenticator=None)
    assert session_passed_second_factor(request)


def test_the_admin_site_sign_in_goes_through_allauth(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
