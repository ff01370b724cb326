"""Reads: periods, counts by theme with the trend, suppression of small
numbers, and what the staff summary may contain."""

import datetime as dt

import pytest
from django.utils import timezone

from surgeries.selectors import (
    Period,
    custom_period,
    feedback_board,
    feedback_summary,
    period_named,
    suppress_small_counts,
)
from tests.surgeries.factories import item_for, surgery_for, theme_for

TODAY = dt.date(2026, 11, 20)


def test_periods_and_what_they_compare_with():
    quarter = period_named("last-quarter", TODAY)
    assert (quarter.start, quarter.end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    before = quarter.previous()
    assert (before.start, before.end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))

    so_far = period_named("this-quarter", TODAY)
    assert (so_far.start, so_far.end) == (dt.date(2026, 10, 1), TODAY)
    same_weeks = so_far.previous()
    assert (same_weeks.start, same_weeks.end) == (dt.date(2026, 7, 1), dt.date(2026, 8, 20))
    assert same_weeks.days == so_far.days

    weeks = period_named("last-4-weeks", TODAY)
    assert weeks.days == 28
    assert weeks.previous().end == weeks.start - dt.timedelta(days=1)
    assert weeks.previous().days == 28

    january = period_named("last-quarter", dt.date(2027, 1, 5))
    assert (january.start, january.end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))


def test_custom_period_label():
    period = custom_period(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert period.label == "1 January 2026 to 31 January 2026"
    assert isinstance(period.previous(), Period)


@pytest.mark.parametrize(
    "counts, shown",
    [
        # Nothing small: all shown.
        ([("A", 10), ("B", 7), ("C", 0)], ["10", "7", "0"]),
        # Two small ones: both hidden, the others shown.
        ([("A", 10), ("B", 3), ("C", 1)], ["10", "fewer than 5", "fewer than 5"]),
        # One small one: the next smallest is hidden too, so that it cannot
        # be worked out from the total.
        ([("A", 10), ("B", 7), ("C", 2)], ["10", "fewer than 5", "fewer than 5"]),
        ([("A", 4)], ["fewer than 5"]),
        ([("A", 5), ("B", 0)], ["5", "0"]),
    ],
)
def test_suppress_small_counts(counts, shown):
    assert [row["display"] for row in suppress_small_counts(counts)] == shown


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
    shown = {row["label"]: row["display"] for row in gender["rows"]}
    assert shown["Woman"] == "fewer than 5"
    assert shown["Man"] == "6"
    assert shown["Not recorded"] == "fewer than 5"  # the unchecked item: 1


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
def test_open_follow_ups_put_safeguarding_first(tenant_a):
    from surgeries.selectors import open_follow_ups

    signposted = item_for(tenant_a, follow_up="signposted")
    safeguarding = item_for(tenant_a, follow_up="safeguarding")
    item_for(tenant_a)  # no follow-up
    assert list(open_follow_ups(tenant_a.organisation, None)) == [safeguarding, signposted]
