"""The shared rules of the base app: periods, disclosure, rates, public-id
fields and the after-commit helper."""

import datetime as dt

import pytest
from celery import shared_task
from django.db import transaction

from councils import periods
from councils.after_commit import after_commit, notifications_paused
from councils.disclosure import Hidden, people_count, people_counts
from councils.fields import PublicIdChoiceField, PublicIdMultipleChoiceField
from councils.models import Council
from councils.rates import Rate

D = dt.date


# ---------------------------------------------------------------- periods


def test_quarter_containing_each_quarter():
    assert periods.quarter_containing(D(2026, 2, 14)) == periods.Period(
        D(2026, 1, 1), D(2026, 3, 31)
    )
    assert periods.quarter_containing(D(2026, 11, 30)) == periods.Period(
        D(2026, 10, 1), D(2026, 12, 31)
    )
    assert periods.quarter_containing(D(2026, 9, 30)).end == D(2026, 9, 30)


def test_last_quarter_and_so_far():
    today = D(2026, 12, 1)
    assert periods.last_quarter(today).key == "2026-Q3"
    so_far = periods.this_quarter_so_far(today)
    assert (so_far.start, so_far.end) == (D(2026, 10, 1), today)
    assert "so far" in so_far.label
    assert not so_far.is_quarter


def test_previous_period_kinds():
    q3 = periods.quarter_containing(D(2026, 8, 1))
    assert q3.previous().key == "2026-Q2"
    so_far = periods.this_quarter_so_far(D(2026, 10, 20))
    before = so_far.previous()
    assert (before.start, before.end) == (D(2026, 7, 1), D(2026, 7, 20))
    assert "same weeks" in before.label
    weeks = periods.period_named("last-4-weeks", D(2026, 12, 1))
    assert weeks.previous().end == weeks.start - dt.timedelta(days=1)
    assert weeks.previous().days == weeks.days == 28


def test_quarter_keys_round_trip_in_any_case():
    for quarter in periods.recent_quarters(9, D(2026, 12, 1)):
        assert periods.parse_quarter_key(quarter.key) == quarter
        assert periods.parse_quarter_key(quarter.key.lower()) == quarter
    assert periods.parse_quarter_key("2026-Q5") is None
    assert periods.parse_quarter_key("nonsense") is None
    assert periods.parse_quarter_key("1900-Q1") is None


def test_labels():
    assert periods.period_label(D(2026, 4, 1), D(2026, 6, 30)) == "April to June 2026"
    assert periods.period_label(D(2026, 3, 3), D(2026, 4, 9)) == "3 March 2026 to 9 April 2026"
    assert periods.period_label(D(2026, 3, 3), D(2026, 3, 3)) == "3 March 2026"


def test_named_periods_read_well_after_in():
    """Pages say "in {{ period }}": "in last quarter" read badly (issue 15)."""
    today = D(2026, 12, 1)
    for name, _label in periods.PERIOD_CHOICES:
        label = periods.period_named(name, today).label
        assert label.startswith(("the ", "this ")), f"in {label}"
    assert periods.period_named("last-quarter", today).label == (
        "the last quarter (July to September 2026)"
    )


def test_period_named_rejects_unknown_names():
    with pytest.raises(ValueError):
        periods.period_named("next-year")


# ---------------------------------------------------------------- disclosure


def test_one_count_of_people():
    assert str(people_count(0)) == "0"
    assert str(people_count(3)) == "fewer than 5"
    assert people_count(3).shown is None
    assert str(people_count(5)) == "5"
    assert str(people_count(1234)) == "1,234"


def test_a_single_small_cell_hides_the_next_smallest_in_its_own_words():
    cells = dict(people_counts([("a", 2), ("b", 7), ("c", 6), ("d", 0)]))
    assert cells["a"].hidden == Hidden.SMALL
    assert cells["c"].hidden == Hidden.PROTECTS_SMALL
    assert str(cells["c"]) != "fewer than 5"
    assert str(cells["b"]) == "7"
    assert str(cells["d"]) == "0"


def test_two_small_cells_hide_nothing_else():
    cells = dict(people_counts([("a", 2), ("b", 1), ("c", 6)]))
    assert [cells[k].suppressed for k in "abc"] == [True, True, False]


def test_order_is_kept():
    assert [label for label, _cell in people_counts([("z", 9), ("a", 1), ("m", 8)])] == [
        "z",
        "a",
        "m",
    ]


# ---------------------------------------------------------------- rates


def test_rate_keeps_both_numbers():
    rate = Rate(23, 25, "accepted", "presented")
    assert rate.percent == 92
    assert str(rate) == "92% (23 of 25)"
    assert rate.explained == "23 accepted out of 25 presented"
    empty = Rate(0, 0)
    assert empty.percent is None
    assert empty.percent_text == "no figure yet"


# ---------------------------------------------------------------- public ids


@pytest.mark.django_db
def test_public_id_fields_take_public_ids_not_primary_keys(tenant_a):
    councils = Council.objects.filter(organisation=tenant_a.organisation)
    one = PublicIdChoiceField(councils)
    assert one.clean(tenant_a.council.public_id) == tenant_a.council
    with pytest.raises(Exception) as refused:
        one.clean(str(tenant_a.council.pk))
    assert "Choose one of the options shown" in str(refused.value)
    many = PublicIdMultipleChoiceField(councils)
    assert list(many.clean([tenant_a.council.public_id])) == [tenant_a.council]


# ---------------------------------------------------------------- after commit

RAN: list = []


@shared_task(name="tests.shared_rules.plain")
def plain_task(value):
    RAN.append(("plain", value))


@shared_task(name="tests.shared_rules.email", sends_email=True)
def email_task(value):
    RAN.append(("email", value))


@pytest.mark.django_db(transaction=True)
def test_after_commit_waits_for_the_commit_and_skips_rolled_back_work():
    RAN.clear()
    with transaction.atomic():
        after_commit(plain_task, 1)
        assert RAN == []
    assert RAN == [("plain", 1)]
    with pytest.raises(RuntimeError), transaction.atomic():
        after_commit(plain_task, 2)
        raise RuntimeError("the write failed")
    assert RAN == [("plain", 1)]


@pytest.mark.django_db(transaction=True)
def test_paused_notifications_skip_email_tasks_only():
    RAN.clear()
    with notifications_paused(), transaction.atomic():
        after_commit(email_task, 1)
        after_commit(plain_task, 2)
    after_commit(email_task, 3)
    assert RAN == [("plain", 2), ("email", 3)]
