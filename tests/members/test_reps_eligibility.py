"""Eligibility rolls: the arithmetic around every boundary. Pure functions,
no database."""

import datetime as dt

import pytest

from members import eligibility
from members.eligibility import days_left, eligible_until, falls_out_soon, is_eligible

D = dt.date


@pytest.mark.parametrize(
    ("ends", "until"),
    [
        (D(2024, 3, 10), D(2026, 3, 10)),
        (D(2024, 2, 29), D(2026, 2, 28)),  # a leap day, into a year without one
        (D(2024, 2, 28), D(2026, 2, 28)),
        (D(2026, 2, 28), D(2028, 2, 28)),  # never the 29th: the end was the 28th
        (D(2026, 3, 1), D(2028, 3, 1)),
        (D(2025, 12, 31), D(2027, 12, 31)),
        (D(2026, 1, 1), D(2028, 1, 1)),
    ],
)
def test_last_eligible_day_is_two_years_after_the_end(ends, until):
    assert eligible_until(ends) == until


def test_no_end_date_recorded_is_unknown_not_ineligible():
    assert eligible_until(None) is None
    assert is_eligible(None, D(2026, 1, 1)) is None
    assert days_left(None, D(2026, 1, 1)) is None
    assert falls_out_soon(None, D(2026, 1, 1)) is False


@pytest.mark.parametrize(
    ("on", "eligible"),
    [
        (D(2023, 1, 1), True),  # still on the order
        (D(2024, 3, 10), True),  # the day it ends
        (D(2026, 3, 9), True),
        (D(2026, 3, 10), True),  # the last day
        (D(2026, 3, 11), False),  # the day after
        (D(2030, 1, 1), False),
    ],
)
def test_eligible_while_on_the_order_and_two_years_after(on, eligible):
    assert is_eligible(D(2024, 3, 10), on) is eligible


def test_leap_day_end_is_eligible_to_28_february_and_not_1_march():
    assert is_eligible(D(2024, 2, 29), D(2026, 2, 28)) is True
    assert is_eligible(D(2024, 2, 29), D(2026, 3, 1)) is False


def test_worked_out_each_day_as_the_days_pass():
    ends = D(2024, 6, 1)
    answers = [is_eligible(ends, D(2026, 5, 31) + dt.timedelta(days=n)) for n in range(4)]
    assert answers == [True, True, False, False]


@pytest.mark.parametrize(
    ("on", "left", "soon"),
    [
        (D(2026, 1, 9), 60, False),  # 60 days before: not yet in the warning window
        (D(2026, 1, 10), 59, True),  # the first day it shows
        (D(2026, 3, 10), 0, True),  # the last eligible day still shows
        (D(2026, 3, 11), -1, False),  # gone: no longer "about to fall out"
    ],
)
def test_about_to_fall_out_in_the_last_60_days(on, left, soon):
    ends = D(2024, 3, 10)
    assert days_left(ends, on) == left
    assert falls_out_soon(ends, on) is soon


def test_the_database_window_holds_everyone_who_falls_out_soon():
    for offset in range(0, 800, 7):
        on = D(2025, 1, 1) + dt.timedelta(days=offset)
        start, end = eligibility.order_end_window(on)
        for back in range(700, 760):
            ends = on - dt.timedelta(days=back)
            if falls_out_soon(ends, on):
                assert start <= ends <= end, (on, ends)
