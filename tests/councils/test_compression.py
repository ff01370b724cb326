"""Pages are compressed on the way out, except those holding a secret
(councils.middleware.CompressPagesMiddleware, and BREACH)."""

import gzip

import pytest

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


def test_a_page_is_sent_compressed_to_a_browser_that_takes_it(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    plain = client.get(url(tenant_a, ""))
    response = client.get(url(tenant_a, ""), **GZIP)
    assert "Content-Encoding" not in plain
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content)
    assert b"<!DOCTYPE html>" in html
    assert len(response.content) < len(plain.content) / 2


def test_the_sign_in_page_is_never_compressed(client):
    response = client.get("/accounts/login/", **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_a_printed_setup_code_is_never_compressed(tenant_a, client_for):
    response = client_for(tenant_a["coordinator"]).post(
        url(tenant_a, "people/new-rep/"),
        {
            "display_name": "Kim Rowe",
            "council": tenant_a.council.public_id,
            "contact_preference": "post",
        },
        **GZIP,
    )
    assert b"Welcome to Said and Done, Kim Rowe" in response.content
    assert "Content-Encoding" not in response
