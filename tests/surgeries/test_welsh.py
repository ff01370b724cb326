"""A rep who chose Welsh runs a surgery day in Welsh: today's surgery, the
counting buttons, the feedback form and its error messages."""

import pytest
from django.conf import settings
from django.utils import translation

from tests.surgeries.factories import surgery_for, theme_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A Welsh request leaves Welsh active in this thread; later tests expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def welsh_rep(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    response = client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    return client


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


def test_todays_surgery_is_in_welsh(tenant_a, welsh_rep):
    surgery = surgery_for(tenant_a)
    theme_for(tenant_a)
    page = welsh_rep.get(url(tenant_a, "surgeries/today/"), follow=True)
    assert page.redirect_chain[-1][0] == url(tenant_a, f"surgeries/{surgery.public_id}/")
    body = page.content.decode()
    assert '<html lang="cy"' in body
    for welsh in (
        "Ychwanegu beth ddywedodd rhywun",  # the form's heading
        "Ychwanegu 1 a siaradodd",  # the counting buttons
        "Ychwanegu 1 a ddywedodd na",
        "Cadw'r adborth",
        "Ai problem, rhywbeth da, neu syniad yw e?",
        "Peidiwch ag ysgrifennu enwau, rhifau ffôn, cyfeiriadau na dyddiadau geni.",
        "Am y person (dewisol)",
        "Wedi'u cofnodi hyd yma (0)",
    ):
        assert welsh in body, welsh
    for english in (
        "Add what someone said",
        "Add 1 who talked",
        "Save feedback",
        "Is it a problem, something good, or an idea?",
        "About the person (optional)",
        "Logged so far",
    ):
        assert english not in body, english


def test_no_surgery_today_is_in_welsh(tenant_a, welsh_rep):
    body = welsh_rep.get(url(tenant_a, "surgeries/today/")).content.decode()
    assert '<html lang="cy"' in body
    assert "Cymorthfeydd heddiw" in body
    assert "Does gennych chi ddim cymhorthfa heddiw." in body
    assert "You have no surgery today." not in body


def test_feedback_form_errors_are_in_welsh(tenant_a, welsh_rep):
    theme_for(tenant_a)
    page = welsh_rep.get(url(tenant_a, "feedback/new/")).content.decode()
    assert '<html lang="cy"' in page
    assert "Cofnodi adborth o rywle arall" in page
    assert "O ble daeth yr adborth?" in page
    assert "Log feedback from somewhere else" not in page
    response = welsh_rep.post(url(tenant_a, "feedback/new/"), {"said": ""})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ysgrifennwch beth ddywedodd y person." in body
    assert "Dewiswch o ble daeth yr adborth." in body
    assert "Write what the person said." not in body
