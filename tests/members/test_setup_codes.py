import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from councils.models import AuditEvent, Role, RoleAssignment
from members import services
from members.models import RepProfile, RepSetupCode

pytestmark = pytest.mark.django_db


def make_rep(tenant):
    return services.rep_account_create(
        organisation=tenant.organisation,
        council=tenant.council,
        display_name="Kim Rowe",
        contact_preference="text",
        phone="07700 900123",
        actor=tenant["coordinator"],
    )


def test_rep_account_has_rep_role_profile_and_no_password(tenant_a):
    user, code = make_rep(tenant_a)
    assert not user.has_usable_password()
    assert RepProfile.objects.get(user=user).council == tenant_a.council
    role = RoleAssignment.objects.get(user=user)
    assert (role.role, role.council) == (Role.REP, tenant_a.council)
    assert len(code) == 9 and code[4] == "-"
    assert RepSetupCode.objects.get(user=user).code_hash != code
    assert AuditEvent.objects.filter(action="rep.account_created", object_id=str(user.public_id))


def test_code_sets_password_once(tenant_a):
    user, code = make_rep(tenant_a)
    services.rep_setup_code_redeem(username=user.username, code=code, password="a long phrase 42")
    user.refresh_from_db()
    assert user.check_password("a long phrase 42")
    with pytest.raises(ValidationError, match="do not match"):
        services.rep_setup_code_redeem(username=user.username, code=code, password="another one 43")


def test_code_is_forgiving_about_case_and_dashes(tenant_a):
    user, code = make_rep(tenant_a)
    messy = code.lower().replace("-", " ")
    services.rep_setup_code_redeem(
        username=user.username.upper(), code=messy, password="a long phrase 42"
    )


def test_wrong_code_is_refused(tenant_a):
    user, _ = make_rep(tenant_a)
    with pytest.raises(ValidationError):
        services.rep_setup_code_redeem(username=user.username, code="AAAA-BBBB", password="x" * 12)


def test_code_expires_after_7_days(tenant_a):
    user, code = make_rep(tenant_a)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=7, minutes=1)):
        with pytest.raises(ValidationError, match="expired"):
            services.rep_setup_code_redeem(username=user.username, code=code, password="x" * 12)


def test_new_code_replaces_the_old_one(tenant_a):
    user, old = make_rep(tenant_a)
    new = services.rep_setup_code_issue(
        organisation=tenant_a.organisation, user=user, actor=tenant_a["coordinator"]
    )
    with pytest.raises(ValidationError):
        services.rep_setup_code_redeem(username=user.username, code=old, password="x" * 12)
    services.rep_setup_code_redeem(username=user.username, code=new, password="a long phrase 42")


def test_rep_for_a_council_of_another_organisation_is_refused(tenant_a, tenant_b):
    with pytest.raises(ValidationError) as error:
        services.rep_account_create(
            organisation=tenant_a.organisation,
            council=tenant_b.council,
            display_name="Kim",
            contact_preference="post",
            actor=tenant_a["coordinator"],
        )
    assert "council" in error.value.message_dict
