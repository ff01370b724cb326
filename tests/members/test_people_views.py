import pytest
from django.core import mail

from councils.models import AuditEvent, Role, RoleAssignment
from members.models import RepSetupCode

pytestmark = pytest.mark.django_db


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


def test_coordinator_creates_rep_and_sees_code_once(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    response = client.post(
        url(tenant_a, "people/new-rep/"),
        {
            "display_name": "Kim Rowe",
            "council": tenant_a.council.public_id,
            "contact_preference": "post",
        },
    )
    assert response.status_code == 200
    assert b"Welcome to Said and Done, Kim Rowe" in response.content
    assert response["Cache-Control"] == "no-store"
    assert RepSetupCode.objects.filter(user__display_name="Kim Rowe").count() == 1


def test_rep_form_keeps_input_and_explains_errors(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    response = client.post(
        url(tenant_a, "people/new-rep/"),
        {"display_name": "Kim Rowe", "council": "", "contact_preference": "text"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Choose the rep&#x27;s council." in body
    assert "Enter a phone number, or choose another way to contact them." in body
    assert 'value="Kim Rowe"' in body


def test_rep_form_refuses_a_council_of_another_organisation(tenant_a, tenant_b, client_for):
    client = client_for(tenant_a["coordinator"])
    response = client.post(
        url(tenant_a, "people/new-rep/"),
        {
            "display_name": "Kim",
            "council": tenant_b.council.public_id,
            "contact_preference": "post",
        },
    )
    assert response.status_code == 200
    assert "Choose a council from this organisation." in response.content.decode()


def test_invite_staff_sends_email_after_commit(
    tenant_a, client_for, django_capture_on_commit_callbacks
):
    client = client_for(tenant_a["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(tenant_a, "people/invite/"),
            {
                "display_name": "Nina Shah",
                "email": "Nina.Shah@example.org",
                "role": "lead",
                "scope": f"council:{tenant_a.council.public_id}",
            },
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assignment = RoleAssignment.objects.get(user__email="nina.shah@example.org")
    assert (assignment.role, assignment.council) == (Role.LEAD, tenant_a.council)


def test_invite_to_an_address_in_use_is_refused(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    response = client.post(
        url(tenant_a, "people/invite/"),
        {
            "display_name": "Someone",
            "email": tenant_a["lead"].email.upper(),
            "role": "lead",
            "scope": "org",
        },
    )
    assert response.status_code == 200
    assert "Someone already uses this email address" in response.content.decode()


def test_role_scoped_to_another_organisations_council_is_refused(tenant_a, tenant_b, client_for):
    client = client_for(tenant_a["admin"])
    response = client.post(
        url(tenant_a, "people/roles/new/"),
        {
            "person": str(tenant_a["lead"].public_id),
            "role": "chair",
            "scope": f"council:{tenant_b.council.public_id}",
        },
    )
    assert response.status_code == 200
    assert "Choose where the role applies in this organisation." in response.content.decode()
    assert not RoleAssignment.objects.filter(user=tenant_a["lead"], role="chair").exists()


def test_assign_and_end_a_role(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    lead = tenant_a["lead"]
    response = client.post(
        url(tenant_a, "people/roles/new/"),
        {
            "person": str(lead.public_id),
            "role": "chair",
            "scope": f"region:{tenant_a.region.public_id}",
        },
    )
    assert response.status_code == 302
    chair_role = RoleAssignment.objects.get(user=lead, role="chair")
    assert lead.has_perm("proposals.decide_proposal", tenant_a.council)
    response = client.post(url(tenant_a, f"people/roles/{chair_role.public_id}/end/"))
    assert response.status_code == 302
    lead = type(lead).objects.get(pk=lead.pk)
    assert not lead.has_perm("proposals.decide_proposal", tenant_a.council)
    assert AuditEvent.objects.filter(action="role.ended", object_id=chair_role.public_id).exists()


def test_coordinator_cannot_manage_staff_roles(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    assert client.get(url(tenant_a, "people/invite/")).status_code == 403
    assert client.get(url(tenant_a, "people/roles/new/")).status_code == 403


def test_rep_setup_page_signs_the_rep_in(tenant_a, client):
    from members import services

    user, code = services.rep_account_create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        display_name="Kim Rowe",
        contact_preference="post",
        actor=tenant_a["coordinator"],
    )
    response = client.post(
        "/setup/",
        {
            "username": user.username,
            "code": code,
            "password1": "my own phrase 9",
            "password2": "my own phrase 9",
        },
    )
    assert response.status_code == 302
    assert client.get(f"/{tenant_a.organisation.slug}/").status_code == 200


def test_rep_setup_page_explains_a_bad_code_and_keeps_username(tenant_a, client):
    response = client.post(
        "/setup/",
        {
            "username": "kim.rowe",
            "code": "WXYZ-2345",
            "password1": "my own phrase 9",
            "password2": "my own phrase 9",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "ask them for a new code" in body
    assert 'value="kim.rowe"' in body


def test_forms_take_public_ids_and_refuse_primary_keys(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    response = client.post(
        url(tenant_a, "people/new-rep/"),
        {"display_name": "Kim", "council": tenant_a.council.pk, "contact_preference": "post"},
    )
    assert response.status_code == 200
    assert "Choose a council from this organisation." in response.content.decode()
    assert not RepSetupCode.objects.filter(user__display_name="Kim").exists()

    client = client_for(tenant_a["admin"])
    response = client.post(
        url(tenant_a, "people/roles/new/"),
        {"person": tenant_a["lead"].pk, "role": "chair", "scope": "org"},
    )
    assert response.status_code == 200
    assert "Choose a person from this organisation." in response.content.decode()
    assert not RoleAssignment.objects.filter(user=tenant_a["lead"], role="chair").exists()
    response = client.post(
        url(tenant_a, "people/roles/new/"),
        {
            "person": tenant_a["lead"].public_id,
            "role": "chair",
            "scope": f"council:{tenant_a.council.pk}",
        },
    )
    assert response.status_code == 200
    assert "Choose where the role applies in this organisation." in response.content.decode()


def test_person_of_another_organisation_cannot_be_given_a_role(tenant_a, tenant_b, client_for):
    client = client_for(tenant_a["admin"])
    response = client.post(
        url(tenant_a, "people/roles/new/"),
        {"person": tenant_b["lead"].public_id, "role": "chair", "scope": "org"},
    )
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(user=tenant_b["lead"], role="chair").exists()


def invite(tenant):
    from members import services

    return services.staff_invite(
        organisation=tenant.organisation,
        email="nina@example.org",
        display_name="Nina Shah",
        role=Role.LEAD,
        region=None,
        council=None,
        actor=tenant["admin"],
    )


def test_invitation_is_emailed_by_a_task_after_commit(tenant_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(tenant_a)
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert callbacks[0].func.__self__.name == "members.tasks.send_staff_invitation"
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["nina@example.org"]]
    assert "Organisation ALPHA" in mail.outbox[0].subject


def test_no_invitation_when_the_write_rolls_back(tenant_a, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            invite(tenant_a)
            raise RuntimeError("something after the invitation failed")
    assert callbacks == []
    assert mail.outbox == []


def test_demo_loading_pauses_invitations(tenant_a, django_capture_on_commit_callbacks):
    from councils.after_commit import notifications_paused

    with django_capture_on_commit_callbacks(execute=True) as callbacks, notifications_paused():
        invite(tenant_a)
    assert callbacks == []
    assert mail.outbox == []
