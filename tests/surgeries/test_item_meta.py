"""``{% item_meta %}`` writes what the included template it replaced wrote,
character for character, in English and Welsh, for every kind of item."""

import datetime as dt

import pytest
from django.template import engines
from django.utils import translation

from tests.factories import SiteFactory
from tests.surgeries.factories import item_for, surgery_for

pytestmark = pytest.mark.django_db

# The include it replaced (templates/surgeries/includes/item_meta.html).
THE_INCLUDE = (
    '{% load i18n %}{{ item.get_kind_display }} · {{ item.received_on|date:"j M Y" }} · '
    "{% if item.surgery_id %}{% blocktranslate trimmed with site=item.surgery.site.name %}"
    "Surgery at {{ site }}{% endblocktranslate %}{% else %}{{ item.get_channel_display }}"
    "{% if item.site_id %}, {{ item.site.name }}{% endif %}{% endif %}"
    '{% if item.follow_up == "safeguarding" %} · {% translate "Safeguarding" %}{% endif %}'
)


def render(source, items):
    template = engines["django"].from_string(
        "{% load feedback_items %}{% for item in items %}" + source + "|{% endfor %}"
    )
    return template.render({"items": items})


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_tag_writes_what_the_include_wrote(tenant_a, language):
    org = tenant_a.organisation
    odd_site = SiteFactory(organisation=org, region=tenant_a.region, name='Tom & "Jo\'s" <hub>')
    surgery = surgery_for(tenant_a, site=odd_site)
    items = [
        item_for(tenant_a, surgery=surgery, site=odd_site, channel="surgery"),
        item_for(tenant_a, channel="phone", kind="positive", follow_up="safeguarding"),
        item_for(tenant_a, channel="hub", site=odd_site, kind="idea"),
        item_for(tenant_a, channel="survey", received_on=dt.date(2026, 3, 1)),
        item_for(tenant_a, surgery=surgery, channel="surgery", follow_up="safeguarding"),
    ]
    with translation.override(language):
        expected = render(THE_INCLUDE, items)
        assert render("{% item_meta item %}", items) == expected
    assert "&amp;" in expected and "&lt;hub&gt;" in expected
