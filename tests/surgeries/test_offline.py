"""The pieces that let the surgery page work with no signal: the service
worker, the offline page and the short answers the page's queue reads."""

import pytest

from surgeries.models import FeedbackItem
from tests.surgeries.factories import surgery_for, theme_for
from tests.surgeries.test_views import item_post, url

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def test_the_service_worker_is_served_for_the_organisation(tenant_a, client_for):
    response = client_for(tenant_a["rep"]).get(url(tenant_a, "surgeries/sw.js"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == f"/{tenant_a.organisation.slug}/"
    body = response.content.decode()
    assert f'"/{tenant_a.organisation.slug}/surgeries/offline/"' in body
    assert "__VERSION__" not in body


def test_the_service_worker_is_not_served_to_another_organisation(tenant_a, tenant_b, client_for):
    response = client_for(tenant_b["rep"]).get(url(tenant_a, "surgeries/sw.js"))
    assert response.status_code in (403, 404)


def test_the_offline_page_speaks_in_the_products_words(tenant_a, client_for):
    body = client_for(tenant_a["rep"]).get(url(tenant_a, "surgeries/offline/")).content.decode()
    assert "No signal" in body


def test_a_queued_tap_gets_a_short_answer_with_the_numbers(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    client = client_for(tenant_a["rep"])
    path = url(tenant_a, f"surgeries/{surgery.public_id}/count/")
    first = client.post(path, {"outcome": "engaged", "token": "q1"}, **JSON).json()
    again = client.post(path, {"outcome": "engaged", "token": "q1"}, **JSON).json()
    assert first["counted"] and first["counts"] == {
        "approached": 1,
        "engaged": 1,
        "declined": 0,
        "interested": 0,
    }
    assert not again["counted"] and again["message"] == "That tap was counted already."


def test_a_queued_item_refused_gets_the_reasons(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    theme = theme_for(tenant_a)
    client = client_for(tenant_a["rep"])
    path = url(tenant_a, f"surgeries/{surgery.public_id}/")
    saved = client.post(path, item_post(theme), **JSON)
    assert saved.json()["created"] is True
    refused = client.post(path, item_post(theme, said=""), **JSON)
    assert refused.status_code == 400
    assert "Write what the person said." in refused.json()["errors"]
    assert FeedbackItem.objects.count() == 1
