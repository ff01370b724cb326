"""The implementation-state tag writes its words and HTML directly (labels
translated once a render) instead of an included template with a
``{% translate %}`` or ``{% blocktranslate %}`` a row: they must be exactly
what that template printed, in both languages, with the date in local time."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from councils.models import Organisation
from proposals.models import Proposal
from proposals.templatetags.proposal_state import LABELS, state_for_page

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
        state = state_for_page(Context(), p)
        assert state.past_target and state.days_past_target == days_late
        for key, source in AS_TAGS.items():
            assert state.labels[key] == as_tag(source), key
        assert state.due_by_sentence == as_tag(DUE_BY, state=state)
        assert "1 July 2026" in str(state.due_by_sentence) or language == "cy"
        assert state.past_target_sentence == as_tag(PAST_TARGET, state=state, p=p)


def test_no_state_unless_being_put_in_place():
    assert state_for_page(Context(), Proposal(status="implemented")) is None


# The include the tag replaced (templates/proposals/includes/
# implementation_state.html, less its comment), kept as the oracle.
THE_INCLUDE = (Path(__file__).parent / "implementation_state_include.html").read_text()


def as_include(**context) -> str:
    return Template(THE_INCLUDE).render(Context(context))


def as_new_tag(p, **options) -> str:
    source = (
        "{% load proposal_state %}{% implementation_state p for_owner=for_owner "
        "waiting=waiting tags_only=tags_only %}"
    )
    return Template(source).render(Context({"p": p, **options}))


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_tag_writes_what_the_include_wrote(language):
    now = timezone.now()
    today = timezone.localdate()
    organisation = Organisation(slug="kestle")
    last_updates = [None, now - dt.timedelta(days=31), now - dt.timedelta(days=26), now]
    targets = [None, today - dt.timedelta(days=3), today + dt.timedelta(days=9)]
    seen = set()
    with translation.override(language):
        for status, last, target, for_owner, waiting, tags_only in itertools.product(
            ["in_progress", "implemented"],
            last_updates,
            targets,
            [False, True],
            [None, today + dt.timedelta(days=40)],
            [False, True],
        ):
            p = Proposal(
                status=status,
                title='Chairs & "tables" <now>',
                public_id="ab12-CD_3",
                target_date=target,
                last_update_at=last,
            )
            options = {"for_owner": for_owner, "waiting": waiting, "tags_only": tags_only}
            state = state_for_page(Context(), p)
            expected = as_include(p=p, state=state, organisation=organisation, **options)
            got = as_new_tag(p, organisation=organisation, **options)
            assert got == expected, (status, last, target, options)
            seen.add(expected)
    # Every branch was there to compare: tags, sentences, links, waiting.
    assert len(seen) > 20


# The rows of the overdue table as its template wrote them, kept as the oracle.
OVERDUE_ROWS_AS_TEMPLATE = (
    '{% load i18n proposal_state %}{% translate "Nobody yet" as t_nobody_yet %}'
    '{% translate "Never" as t_never %}{% for p in proposals %}\n'
    '  <tr class="govuk-table__row">\n'
    '    <td class="govuk-table__cell"><a class="govuk-link" href="{% url \'proposal_detail\' '
    'organisation.slug p.public_id %}">{{ p.title }}</a><br><span class="govuk-body-s">'
    "{{ p.council.name }}</span>{% implementation_state p %}</td>\n"
    '    <td class="govuk-table__cell">{% if p.owner %}{{ p.owner }}{% else %}{{ t_nobody_yet }}'
    "{% endif %}</td>\n"
    '    <td class="govuk-table__cell">{{ p.target_date|date:"j M Y"|default:"–" }}</td>\n'
    '    <td class="govuk-table__cell">{% if p.last_update_at %}{% blocktranslate trimmed with '
    "since=p.last_update_at|timesince %}{{ since }} ago{% endblocktranslate %}{% else %}"
    "{{ t_never }}{% endif %}</td>\n"
    "  </tr>\n"
    "  {% endfor %}"
)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_overdue_rows_are_what_the_template_wrote(language):
    from councils.models import Council
    from members.models import User

    now = timezone.now()
    today = timezone.localdate()
    council = Council(name="Kestle & Vale <3>")
    owner = User(username="lee", display_name="Lee O'Neil")
    rows = []
    for i, (target, last, who) in enumerate(
        [
            (today - dt.timedelta(days=40), None, None),
            (None, now - dt.timedelta(days=45), owner),
            (today - dt.timedelta(days=1), now - dt.timedelta(days=3), owner),
        ]
    ):
        p = Proposal(
            status="in_progress",
            title=f'Overdue "{i}" & more',
            public_id=f"ab12-{i}",
            target_date=target,
            last_update_at=last,
            council=council,
            owner=who,
        )
        rows.append(p)
    context = {"proposals": rows, "organisation": Organisation(slug="kestle")}
    with translation.override(language):
        expected = Template(OVERDUE_ROWS_AS_TEMPLATE).render(Context(context))
        got = Template("{% load proposal_state %}{% overdue_rows proposals %}").render(
            Context(context)
        )
    assert got == expected
