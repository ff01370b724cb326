"""Reads: counts by theme with the trend, the small-number rule on the
summary, and what the staff summary may contain. (Periods and the rule
itself are tested in tests/councils/test_shared_rules.py.)"""

import datetime as dt

import pytest
from django.utils import timezone

from councils.periods import custom_period
from surgeries.selectors import feedback_board, feedback_summary
from tests.surgeries.factories import item_for, surgery_for, theme_for


@pytest.mark.django_db
def test_board_counts_by_theme_with_the_trend(tenant_a):
    today = timezone.localdate()
    housing, reception, unused = (theme_for(tenant_a) for _ in range(3))
    period = custom_period(today - dt.timedelta(days=9), today)
    for _ in range(3):
        item_for(tenant_a, theme=housing, received_on=today)
    item_for(tenant_a, theme=housing, received_on=today - dt.timedelta(days=15))
    item_for(tenant_a, theme=reception, received_on=today - dt.timedelta(days=12))
    item_for(tenant_a, theme=reception, received_on=today - dt.timedelta(days=40))  # too old
    item_for(tenant_a, theme=housing, council=tenant_a.other_council)  # another council
    board = feedback_board(
        user=tenant_a["rep"], council=tenant_a.council, period=period, filters={}
    )
    rows = {row.theme: row for row in board["theme_counts"]}
    assert set(rows) == {housing, reception}
    assert (rows[housing].current, rows[housing].previous, rows[housing].trend) == (3, 1, "up")
    assert (rows[reception].current, rows[reception].previous) == (0, 1)
    assert rows[reception].trend == "down"
    assert board["total"] == 3
    assert board["items"].count() == 3


@pytest.mark.django_db
def test_board_filters(tenant_a):
    today = timezone.localdate()
    surgery = surgery_for(tenant_a)
    at_surgery = item_for(tenant_a, surgery=surgery, channel="surgery", site=tenant_a.site)
    idea = item_for(tenant_a, kind="idea", channel="survey")
    period = custom_period(today - dt.timedelta(days=5), today)

    def items(**filters):
        board = feedback_board(
            user=tenant_a["rep"], council=tenant_a.council, period=period, filters=filters
        )
        return list(board["items"])

    assert items(surgery=surgery) == [at_surgery]
    assert items(site=tenant_a.site) == [at_surgery]
    assert items(kind="idea") == [idea]
    assert items(channel="survey") == [idea]
    assert items(theme=idea.theme) == [idea]


@pytest.mark.django_db
def test_summary_has_counts_and_approved_quotes_only(tenant_a):
    today = timezone.localdate()
    period = custom_period(today - dt.timedelta(days=30), today)
    surgery = surgery_for(tenant_a, people_approached=12, people_engaged=8, people_declined=3)
    item_for(
        tenant_a,
        surgery=surgery,
        channel="surgery",
        consent_to_quote=True,
        quote_status="approved",
        approved_quote="They listened to me.",
        gender="woman",
    )
    item_for(tenant_a, consent_to_quote=True, said="Not checked yet")
    for _ in range(6):
        item_for(tenant_a, gender="man")
    summary = feedback_summary(organisation=tenant_a.organisation, council_ids=None, period=period)
    assert summary["reach"] == {"surgeries": 1, "approached": 12, "engaged": 8, "declined": 3}
    assert summary["kinds"]["total"] == 8
    assert [q.approved_quote for q in summary["quotes"]] == ["They listened to me."]
    gender = next(t for t in summary["demographics"] if t["field"] == "gender")
    shown = {label: cell.text for label, cell in gender["rows"]}
    assert shown["Woman"] == "fewer than 5"
    assert shown["Man"] == "6"
    assert shown["Not recorded"] == "fewer than 5"  # the unchecked item: 1
    assert shown["In another way"] == "0"  # zero points at nobody


@pytest.mark.django_db
def test_summary_hides_a_second_count_that_would_give_a_small_one_away(tenant_a):
    today = timezone.localdate()
    period = custom_period(today - dt.timedelta(days=30), today)
    for _ in range(7):
        item_for(tenant_a, gender="man")
    for _ in range(6):
        item_for(tenant_a, gender="woman")
    item_for(tenant_a, gender="other")
    summary = feedback_summary(organisation=tenant_a.organisation, council_ids=None, period=period)
    gender = dict(next(t for t in summary["demographics"] if t["field"] == "gender")["rows"])
    assert gender["In another way"].text == "fewer than 5"
    # Women (6) is the smallest shown count: hidden too, saying why.
    assert gender["Woman"].suppressed and gender["Woman"].shown is None
    assert gender["Woman"].text == "not shown, to protect a small number"
    assert gender["Man"].shown == 7


@pytest.mark.django_db
def test_summary_is_limited_to_the_councils_given(tenant_a):
    today = timezone.localdate()
    period = custom_period(today - dt.timedelta(days=30), today)
    item_for(tenant_a)
    item_for(tenant_a, council=tenant_a.other_council)
    summary = feedback_summary(
        organisation=tenant_a.organisation, council_ids={tenant_a.council.pk}, period=period
    )
    assert summary["kinds"]["total"] == 1


@pytest.mark.django_db
def test_summary_adds_up_places_channels_and_kinds_counted_together(tenant_a):
    # Counted for each place and channel in one query, then added up.
    today = timezone.localdate()
    period = custom_period(today - dt.timedelta(days=30), today)
    surgery = surgery_for(tenant_a)
    for kind in ("problem", "idea", "problem"):
        item_for(tenant_a, surgery=surgery, channel="surgery", site=tenant_a.site, kind=kind)
    item_for(tenant_a, channel="survey", kind="positive", site=tenant_a.site)
    item_for(tenant_a, channel="survey", kind="problem", follow_up="signposted")
    item_for(tenant_a, channel="survey", kind="idea")
    summary = feedback_summary(organisation=tenant_a.organisation, council_ids=None, period=period)
    assert summary["kinds"] == {"total": 6, "problems": 3, "positives": 1, "ideas": 2}
    assert [(row["site__name"], row["count"]) for row in summary["by_site"]] == [
        (tenant_a.site.name, 4),
        (None, 2),
    ]
    assert [row["count"] for row in summary["by_channel"]] == [3, 3]
    assert summary["signposted"]["total"].value == 1


@pytest.mark.django_db
def test_open_follow_ups_put_safeguarding_first(tenant_a):
    from surgeries.selectors import open_follow_ups

    signposted = item_for(tenant_a, follow_up="signposted")
    safeguarding = item_for(tenant_a, follow_up="safeguarding")
    item_for(tenant_a)  # no follow-up
    assert list(open_follow_ups(tenant_a.organisation, None)) == [safeguarding, signposted]
