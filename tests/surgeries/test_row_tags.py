"""The tags that write a whole row of a list write what the template they
replaced wrote, character for character, in English and Welsh, for every
kind of row (picked or not, with a suggestion or not, odd characters)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils import timezone, translation

from councils.addresses import id_url
from surgeries.models import FeedbackItem
from surgeries.selectors import surgeries_in_councils
from tests.factories import SiteFactory, UserFactory
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


# The surgery page's template for one logged item, as it was.
LOGGED_ITEM = """
  <li class="app-feedback-list__item">
    <p class="govuk-body govuk-!-margin-bottom-1"><strong>{{ item.theme }}</strong> <strong class="govuk-tag govuk-tag--{% if item.kind == 'problem' %}orange{% elif item.kind == 'positive' %}green{% else %}blue{% endif %}">{{ item.get_kind_display }}</strong>{% if item.follow_up == 'safeguarding' %} <strong class="govuk-tag govuk-tag--red">{% translate "Safeguarding" %}</strong>{% elif item.follow_up == 'signposted' %} <strong class="govuk-tag govuk-tag--grey">{% translate "Signposted" %}</strong>{% endif %}</p>
    <p class="govuk-body govuk-!-margin-bottom-1">“{{ item.said|truncatechars:160 }}”</p>
    <p class="govuk-body-s govuk-!-margin-bottom-0">
      <a class="govuk-link" href="{% url 'feedback_detail' organisation.slug item.public_id %}">{% blocktranslate trimmed with theme=item.theme time=item.created_at|time:"H:i" %}View<span class="govuk-visually-hidden"> feedback about {{ theme }}, logged at {{ time }}</span>{% endblocktranslate %}</a>
      {% if item.can_correct %} · <a class="govuk-link" href="{% url 'feedback_edit' organisation.slug item.public_id %}">{% blocktranslate trimmed with theme=item.theme time=item.created_at|time:"H:i" %}Correct<span class="govuk-visually-hidden"> feedback about {{ theme }}, logged at {{ time }}</span>{% endblocktranslate %}</a>{% endif %}
    </p>
  </li>
"""  # noqa: E501
LOGGED_TAG = """
  <li class="app-feedback-list__item">{% logged_item item item_url edit_url %}</li>
"""


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_logged_item_writes_what_the_template_wrote(tenant_a, odd_items, language):
    kinds = ["problem", "positive", "idea", "problem", "positive"]
    follow_ups = ["", "safeguarding", "signposted", "", "signposted"]
    for i, item in enumerate(odd_items):
        item.kind, item.follow_up = kinds[i], follow_ups[i]
        item.can_correct = i % 2 == 1
    odd_items[0].said = "Long & <odd> " * 20
    slug = tenant_a.organisation.slug
    context = {
        "items": odd_items,
        "organisation": tenant_a.organisation,
        "item_url": id_url("feedback_detail", slug),
        "edit_url": id_url("feedback_edit", slug),
    }
    with translation.override(language):
        expected = render(LOGGED_ITEM, context)
        assert render(LOGGED_TAG, context) == expected
    assert "&lt;odd&gt;" in expected and "…" in expected and "/edit/" in expected


# The list of quotes to check, one quote, as it was.
QUOTE_ITEM = """
  <li class="app-feedback-list__item">
    <p class="govuk-body govuk-!-margin-bottom-1">“{{ item.said|truncatechars:240 }}”</p>
    <p class="govuk-body-s govuk-!-margin-bottom-1">{{ item.council.name }} · {{ item.theme }} · {% item_meta item %}</p>
    <p class="govuk-body govuk-!-margin-bottom-0"><a class="govuk-link" href="{{ quote_url.before }}{{ item.public_id }}{{ quote_url.after }}">{% blocktranslate trimmed with date=item.received_on|date:"j F Y" theme=item.theme %}Check<span class="govuk-visually-hidden"> the quote from {{ date }} about {{ theme }}</span>{% endblocktranslate %}</a></p>
  </li>
"""  # noqa: E501
QUOTE_TAG = """
  <li class="app-feedback-list__item">{% quote_item item quote_url %}</li>
"""


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_quote_item_writes_what_the_template_wrote(tenant_a, odd_items, language):
    odd_items[1].said = "Long & <odd> " * 30
    context = {
        "items": odd_items,
        "quote_url": id_url("quote_review", tenant_a.organisation.slug),
    }
    with translation.override(language):
        expected = render(QUOTE_ITEM, context)
        assert render(QUOTE_TAG, context) == expected
    assert "&lt;odd&gt;" in expected and "…" in expected


# The surgeries list, one surgery, as it was.
SURGERY_ROW = """
  <li class="app-feedback-list__item">
    <a class="govuk-link govuk-!-font-weight-bold" href="{{ surgery_url.before }}{{ s.public_id }}{{ surgery_url.after }}">{% blocktranslate trimmed with date=s.date|date:"D j M Y" starts=s.starts_at|time:"H:i" ends=s.ends_at|time:"H:i" site=s.site.name %}{{ date }}, {{ starts }} to {{ ends }}<span class="govuk-visually-hidden"> at {{ site }}</span>{% endblocktranslate %}</a>{% if s.is_cancelled %} <strong class="govuk-tag govuk-tag--grey">{% translate "Cancelled" %}</strong>{% endif %}<br>
    {{ s.site.name }}, {{ s.council.name }}<br>
    <span class="govuk-body-s">{{ reps_label }} {% for r in s.reps.all %}{{ r }}{% if not forloop.last %}, {% endif %}{% empty %}{{ no_reps }}{% endfor %}. {% blocktranslate trimmed count count=s.item_count %}{{ count }} feedback item{% plural %}{{ count }} feedback items{% endblocktranslate %}{% if s.people_approached %}, {% blocktranslate trimmed with count=s.people_approached %}{{ count }} approached{% endblocktranslate %}{% endif %}.</span>
  </li>
"""  # noqa: E501
SURGERY_TAG = """
  <li class="app-feedback-list__item">{% surgery_row s surgery_url %}</li>
"""


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_surgery_row_writes_what_the_template_wrote(tenant_a, language):
    org = tenant_a.organisation
    site = SiteFactory(organisation=org, region=tenant_a.region, name='Tom & "Jo\'s" <hub>')
    odd_rep = UserFactory(display_name="Ann <B> & Co")
    day = timezone.localdate() - dt.timedelta(days=3)
    two = surgery_for(tenant_a, site=site, date=day, reps=[tenant_a["rep"], odd_rep])
    item_for(tenant_a, surgery=two, channel="surgery")
    item_for(tenant_a, surgery=two, channel="surgery")
    one = surgery_for(tenant_a, date=day - dt.timedelta(days=1), people_approached=1234)
    item_for(tenant_a, surgery=one, channel="surgery")
    surgery_for(tenant_a, date=day - dt.timedelta(days=2), reps=[], cancelled_at=timezone.now())
    surgeries = list(surgeries_in_councils(org, None, upcoming=False))
    assert len(surgeries) == 3
    source = (
        "{% load i18n surgery_rows %}{% translate 'Reps:' as reps_label %}"
        "{% translate 'none chosen yet' as no_reps %}{% for s in surgeries %}"
    )
    context = {"surgeries": surgeries, "surgery_url": id_url("surgery_detail", org.slug)}
    with translation.override(language):
        expected = engines["django"].from_string(source + SURGERY_ROW + "{% endfor %}")
        expected = expected.render(context)
        got = engines["django"].from_string(source + SURGERY_TAG + "{% endfor %}")
        assert got.render(context) == expected
    assert "&lt;hub&gt;" in expected and "Ann &lt;B&gt; &amp; Co" in expected
    assert "govuk-tag--grey" in expected


# The list of open follow-ups, one follow-up, as it was.
FOLLOWUP_ITEM = """
  <li class="app-feedback-list__item">
    <p class="govuk-body govuk-!-margin-bottom-1">{% if item.follow_up == "safeguarding" %}<strong class="govuk-tag govuk-tag--red">{{ safeguarding }}</strong>{% else %}<strong class="govuk-tag govuk-tag--grey">{{ signposted }}</strong>{% endif %} <strong>{{ item.council.name }}</strong>{% if item.signposted_to_label %}<br><span class="govuk-body-s">{% blocktranslate trimmed with where=item.signposted_to_label %}Signposted to: {{ where }}{% endblocktranslate %}</span>{% endif %}</p>
    <p class="govuk-body govuk-!-margin-bottom-1">“{{ item.said }}”</p>
    <p class="govuk-body-s govuk-!-margin-bottom-1">{{ item.theme }} · {% item_meta item %} · {% if item.rep_page %}{% url 'rep_record' organisation.slug item.rep_page.public_id as rep_url %}{% blocktranslate trimmed with person=item.logged_by since=item.created_at|timesince %}logged by <a class="govuk-link" href="{{ rep_url }}">{{ person }}<span class="govuk-visually-hidden">, their rep page</span></a> {{ since }} ago{% endblocktranslate %}{% elif item.logged_by %}{% blocktranslate trimmed with person=item.logged_by since=item.created_at|timesince %}logged by {{ person }} {{ since }} ago{% endblocktranslate %}{% else %}{% blocktranslate trimmed with since=item.created_at|timesince %}logged {{ since }} ago{% endblocktranslate %}{% endif %}</p>
    <p class="govuk-body govuk-!-margin-bottom-0"><a class="govuk-link" href="{{ close_url.before }}{{ item.public_id }}{{ close_url.after }}">{% if item.follow_up == "safeguarding" %}{% blocktranslate trimmed with logged=item.created_at|date:"j F, H:i" %}Close<span class="govuk-visually-hidden"> the safeguarding concern logged {{ logged }}</span> with a note{% endblocktranslate %}{% else %}{% blocktranslate trimmed with logged=item.created_at|date:"j F, H:i" %}Close<span class="govuk-visually-hidden"> the signposting follow-up logged {{ logged }}</span> with a note{% endblocktranslate %}{% endif %}</a></p>
  </li>
"""  # noqa: E501
FOLLOWUP_TAG = """
  <li class="app-feedback-list__item">{% followup_item item close_url rep_url %}</li>
"""


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_followup_item_writes_what_the_template_wrote(tenant_a, odd_items, language):
    for i, item in enumerate(odd_items):
        item.follow_up = ["safeguarding", "signposted"][i % 2]
        item.signposted_to = "other" if i == 1 else ""
        item.signposted_to_other = 'Tom & "Jo" <hub>' if i == 1 else ""
        # Their rep page, their name only, or nobody logged it.
        item.rep_page = SimpleNamespace(public_id=f"rep{i}") if i % 3 == 0 else None
        if i % 3 == 2:
            item.logged_by = None
    slug = tenant_a.organisation.slug
    context = {
        "items": odd_items,
        "organisation": tenant_a.organisation,
        "close_url": id_url("followup_close", slug),
        "rep_url": id_url("rep_record", slug),
    }
    source = (
        "{% translate 'Safeguarding' as safeguarding %}{% translate 'Signposted' as signposted %}"
    )
    with translation.override(language):
        expected = render(source + FOLLOWUP_ITEM, context)
        assert render(source + FOLLOWUP_TAG, context) == expected
    assert "/reps/rep0/" in expected and "&lt;hub&gt;" in expected
