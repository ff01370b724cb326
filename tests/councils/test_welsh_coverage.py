"""Every word a rep reads on a surgery day, and every word of the public
You Said, We Did page, has a Welsh translation.

The pages are rendered in Welsh while every translation lookup is recorded;
each string looked up must be in the Welsh catalogue. A new string on one of
these pages fails here until it is translated, so the Welsh pages never drift
back into English a bit at a time.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

from tests.reports import story as s
from tests.surgeries.factories import item_for, surgery_for, theme_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A Welsh request leaves Welsh active in this thread; later tests expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def looked_up(monkeypatch):
    """The message ids looked up while the test runs, as catalogue keys."""
    keys: set = set()
    real = {name: getattr(trans_real, name) for name in ("gettext", "ngettext", "pgettext")}

    def gettext(message):
        keys.add(str(message))
        return real["gettext"](message)

    def ngettext(singular, plural, number):
        keys.add((str(singular), 0))
        return real["ngettext"](singular, plural, number)

    def pgettext(context, message):
        keys.add(f"{context}\x04{message}")
        return real["pgettext"](context, message)

    for name, function in (("gettext", gettext), ("ngettext", ngettext), ("pgettext", pgettext)):
        monkeypatch.setattr(translation._trans, name, function, raising=False)
    return keys


# Django's own strings, translated (or not) in Django's catalogue.
DJANGOS_OWN = {"String to return when truncating text\x04%(truncated_text)s…"}


def missing_in_welsh(keys) -> list:
    catalogue = trans_real.translation("cy")._catalog
    return sorted(
        (key for key in keys if key and key not in DJANGOS_OWN and not catalogue.get(key)),
        key=str,
    )


def rep_in_welsh(tenant, client_for):
    client = client_for(tenant["rep"])
    client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    return client


def test_a_reps_surgery_day_is_all_in_welsh(tenant_a, client_for, looked_up):
    client = rep_in_welsh(tenant_a, client_for)
    theme = theme_for(tenant_a)
    surgery = surgery_for(tenant_a)
    item_for(tenant_a, theme=theme, surgery=surgery, channel="surgery")
    slug = tenant_a.organisation.slug
    looked_up.clear()
    for path in (
        f"/{slug}/",
        f"/{slug}/surgeries/today/",
        f"/{slug}/surgeries/{surgery.public_id}/",
        f"/{slug}/surgeries/offline/",
        f"/{slug}/feedback/new/",
    ):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert '<html lang="cy"' in response.content.decode(), path
    # The errors a rep can meet when saving feedback.
    client.post(f"/{slug}/feedback/new/", {"said": ""})
    client.post(f"/{slug}/surgeries/{surgery.public_id}/", {"said": ""})
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_the_public_you_said_we_did_page_is_all_in_welsh(tenant_a, client, looked_up):
    s.build(tenant_a)
    council = tenant_a.council
    type(council).objects.filter(pk=council.pk).update(public_page_enabled=True)
    looked_up.clear()
    with time_machine.travel(dt.datetime(2025, 7, 15, 12, tzinfo=dt.UTC), tick=False):
        response = client.get(
            f"/public/{tenant_a.organisation.slug}/{council.slug}/", HTTP_ACCEPT_LANGUAGE="cy"
        )
    assert response.status_code == 200
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))
