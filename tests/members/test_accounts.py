import pytest
from django.core import mail
from django.test import RequestFactory

from councils.views import error_500

pytestmark = pytest.mark.django_db


def test_password_reset_by_email(tenant_a, client):
    lead = tenant_a["lead"]
    response = client.post("/accounts/password/reset/", {"email": lead.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [lead.email]


def test_change_password_page_is_styled(tenant_a, client_for):
    response = client_for(tenant_a["rep"]).get("/accounts/password/change/")
    assert response.status_code == 200
    assert b"govuk-input" in response.content


def test_signup_is_closed(client):
    response = client.get("/accounts/signup/")
    assert b"Sign up" not in response.content or response.status_code != 200


def test_error_pages_are_plain_english(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    response = error_500(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


def test_account_page(tenant_a, client_for):
    response = client_for(tenant_a["chair"]).get("/account/")
    assert response.status_code == 200
    assert b"Authenticator app" in response.content
