"""The tags that write a whole row of a list write what the template they
replaced wrote, character for character, in English and Welsh, for every
kind of row (picked or not, with a suggestion or not, odd characters)."""

import datetime as dt

import pytest
from django.template import engines
from django.utils import translation

from councils.addresses import id_url
from surgeries.models import FeedbackItem
from tests.factories import SiteFactory
from tests.surgeries.factories import item_for, surgery_for, theme_for

pytestmark = pytest.mark.django_db

# The feedback board's template for one item, as it was.
BOARD_ITEM = """
    <li class="app-feedback-list__item">
      {% if item.is_selected %}
      <p class="govuk-body govuk-!-margin-bottom-1"><strong class="govuk-tag govuk-tag--green">{{ in_evidence }}</strong></p>
      <p class="govuk-body govuk-!-margin-bottom-1">“{{ item.said }}”</p>
      {% else %}
      <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        <div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id="pick-{{ item.public_id }}" name="items" type="checkbox" value="{{ item.public_id }}" aria-describedby="pick-{{ item.public_id }}-hint">
          <label class="govuk-label govuk-checkboxes__label" for="pick-{{ item.public_id }}">“{{ item.said }}”</label>
          <div id="pick-{{ item.public_id }}-hint" class="govuk-hint govuk-checkboxes__hint">{% item_meta item %}</div>
        </div>
      </div>
      {% endif %}
      {% if item.is_selected %}<p class="govuk-body-s govuk-!-margin-bottom-1">{% item_meta item %}</p>{% endif %}
      {% if item.suggestion %}<p class="govuk-body-s govuk-!-margin-bottom-1">{% blocktranslate trimmed with suggestion=item.suggestion %}Suggests: {{ suggestion }}{% endblocktranslate %}</p>{% endif %}
      <p class="govuk-body-s govuk-!-margin-bottom-0"><a class="govuk-link" href="{{ item_url.before }}{{ item.public_id }}{{ item_url.after }}">{% blocktranslate trimmed with date=item.received_on|date:"j F Y" theme=item.theme %}Open<span class="govuk-visually-hidden"> feedback from {{ date }} about {{ theme }}</span>{% endblocktranslate %}</a></p>
    </li>
"""  # noqa: E501
BOARD_TAG = """
    <li class="app-feedback-list__item">{% board_item item item_url %}</li>
"""


def render(source, context):
    template = engines["django"].from_string(
        "{% load i18n feedback_items %}{% translate 'In your evidence' as in_evidence %}"
        "{% for item in items %}" + source + "{% endfor %}"
    )
    return template.render(context)


@pytest.fixture
def odd_items(tenant_a):
    org = tenant_a.organisation
    odd = 'Tom & "Jo\'s" <hub>'
    site = SiteFactory(organisation=org, region=tenant_a.region, name=odd)
    surgery = surgery_for(tenant_a, site=site)
    theme = theme_for(tenant_a, name=odd)
    items = [
        item_for(tenant_a, surgery=surgery, site=site, channel="surgery", said=odd),
        item_for(tenant_a, channel="phone", kind="positive", follow_up="safeguarding"),
        item_for(tenant_a, channel="hub", site=site, theme=theme, suggestion=odd),
        item_for(tenant_a, channel="survey", received_on=dt.date(2026, 3, 1), suggestion="More"),
        item_for(tenant_a, surgery=surgery, channel="surgery", follow_up="safeguarding"),
    ]
    return list(
        FeedbackItem.objects.filter(pk__in=[i.pk for i in items])
        .select_related("theme", "site", "surgery", "surgery__site")
        .order_by("pk")
    )


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_board_item_writes_what_the_template_wrote(tenant_a, odd_items, language):
    for i, item in enumerate(odd_items):
        item.is_selected = i % 2 == 0
    context = {
        "items": odd_items,
        "item_url": id_url("feedback_detail", tenant_a.organisation.slug),
    }
    with translation.override(language):
        expected = render(BOARD_ITEM, context)
        assert render(BOARD_TAG, context) == expected
    assert "&amp;" in expected and "&lt;hub&gt;" in expected
    assert "pick-" in expected and "govuk-tag--green" in expected
