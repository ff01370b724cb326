"""The implementation-state include prints words the tag made once a render
(``proposal_state.StateForPage``) instead of a ``{% translate %}`` or
``{% blocktranslate %}`` a row: they must be exactly what those tags print,
in both languages, with the date in local time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from proposals.models import Proposal
from proposals.templatetags.proposal_state import LABELS, implementation_state

LONDON_SUMMER_NIGHT = timezone.make_aware(dt.datetime(2026, 6, 30, 23, 30), dt.UTC)

AS_TAGS = {
    "update_overdue": '{% translate "Update overdue" %}',
    "update_due": '{% translate "Update due" %}',
    "past_target": '{% translate "Past target date" %}',
    "no_update_30_days": '{% translate "No update for more than 30 days." %}',
    "no_update_yet": '{% translate "No update yet." %}',
    "owner_reminded": '{% translate "The owner is reminded each week." %}',
    "owner_asked_chair": '{% translate "The owner has asked the chair for a new one." %}',
    "only_chair": '{% translate "Only a chair can set a new one." %}',
    "post_update": '{% translate "Post an update" %}',
    "on": '{% translate "on" %}',
}
DUE_BY = (
    '{% blocktranslate trimmed with day=state.update_due_by|date:"j F Y" %}'
    "The next update is due by {{ day }}.{% endblocktranslate %}"
)
PAST_TARGET = (
    '{% blocktranslate trimmed with day=p.target_date|date:"j F Y" '
    "count days=state.days_past_target %}"
    "The target date, {{ day }}, passed {{ days }} day ago.{% plural %}"
    "The target date, {{ day }}, passed {{ days }} days ago.{% endblocktranslate %}"
)


def as_tag(source: str, **context) -> str:
    return Template("{% load i18n %}" + source).render(Context(context))


def in_progress(*, target_date, last_update_at) -> Proposal:
    return Proposal(status="in_progress", target_date=target_date, last_update_at=last_update_at)


def test_every_label_is_there():
    assert set(LABELS) == set(AS_TAGS)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
@pytest.mark.parametrize("days_late", [1, 2, 1200])
def test_words_are_what_the_template_tags_print(language, days_late):
    today = timezone.localdate()
    # Due by a summer midnight in London: the date printed is the local one.
    last = LONDON_SUMMER_NIGHT - dt.timedelta(days=30)
    p = in_progress(target_date=today - dt.timedelta(days=days_late), last_update_at=last)
    with translation.override(language):
        state = implementation_state(Context(), p)
        assert state.past_target and state.days_past_target == days_late
        for key, source in AS_TAGS.items():
            assert state.labels[key] == as_tag(source), key
        assert state.due_by_sentence == as_tag(DUE_BY, state=state)
        assert "1 July 2026" in str(state.due_by_sentence) or language == "cy"
        assert state.past_target_sentence == as_tag(PAST_TARGET, state=state, p=p)


def test_no_state_unless_being_put_in_place():
    assert implementation_state(Context(), Proposal(status="implemented")) is None
