"""The public You Said, We Did page reads in Welsh for a visitor who asks for it."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.utils import translation

from tests.reports import story as s

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A Welsh request leaves Welsh active in this thread; later tests expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def public_page(tenant, client, **headers):
    council = tenant.council
    type(council).objects.filter(pk=council.pk).update(public_page_enabled=True)
    # The story's decisions fall in the 12 months before July 2025.
    with time_machine.travel(dt.datetime(2025, 7, 15, 12, tzinfo=dt.UTC), tick=False):
        response = client.get(f"/public/{tenant.organisation.slug}/{council.slug}/", **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("how", ["header", "cookie"])
def test_public_page_in_welsh(tenant_a, client, how):
    s.build(tenant_a)
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
        page = public_page(tenant_a, client)
    else:
        page = public_page(tenant_a, client, HTTP_ACCEPT_LANGUAGE="cy")
    assert '<html lang="cy"' in page
    for welsh in (
        "Dywedoch chi, gwnaethom ni",
        "Beth ddywedoch chi wrthon ni",
        "Beth wnaethom ni",
        "Gwnaethom ni:",
        "Dweud eich dweud",
        "Mae'r hyn rydych chi'n ei ddweud wrthon ni yn helpu i newid pethau i bawb ar brawf.",
    ):
        assert welsh in page, welsh
    for english in ("You said, we did", "What you told us", "Have your say", "We did:"):
        assert english not in page, english
    # Words people wrote stay as they were written.
    assert "Customer service training for reception staff" in page
    assert s.APPROVED_QUOTE in page


def test_public_page_stays_in_english_by_default(tenant_a, client):
    s.build(tenant_a)
    page = public_page(tenant_a, client)
    assert '<html lang="en-gb"' in page
    assert "You said, we did" in page and "Dywedoch chi" not in page
