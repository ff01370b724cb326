"""Working days leave out weekends and the bank holidays of England and Wales,
so a claim is not overdue a day early around Christmas or Easter."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from expenses import selectors, services
from expenses.models import Claim
from expenses.workdays import (
    is_bank_holiday,
    is_working_day,
    working_days_before,
    working_days_between,
)
from tests.expenses.factories import submitted_claim


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 1, 1),  # New Year's Day
        dt.date(2026, 4, 3),  # Good Friday
        dt.date(2026, 4, 6),  # Easter Monday
        dt.date(2026, 5, 4),  # Early May bank holiday
        dt.date(2026, 5, 25),  # Spring bank holiday
        dt.date(2026, 8, 31),  # Summer bank holiday
        dt.date(2026, 12, 25),  # Christmas Day
        dt.date(2026, 12, 28),  # Boxing Day falls on a Saturday: the Monday instead
        dt.date(2023, 5, 8),  # the coronation: a one-off day
        dt.date(2022, 9, 19),  # the state funeral: a one-off day
    ],
)
def test_bank_holidays_of_england_and_wales(day):
    assert is_bank_holiday(day) and not is_working_day(day)


def test_scottish_holidays_and_ordinary_days_are_working_days():
    assert is_working_day(dt.date(2026, 1, 2))  # 2 January: Scotland only
    assert is_working_day(dt.date(2026, 8, 3))  # Scotland's August holiday
    assert is_working_day(dt.date(2026, 12, 1))
    assert not is_working_day(dt.date(2026, 12, 26))  # a Saturday


def test_working_days_leave_out_weekends_and_bank_holidays():
    friday, monday = dt.date(2026, 11, 27), dt.date(2026, 11, 30)
    assert working_days_between(friday, monday) == 1
    assert working_days_between(monday, monday + dt.timedelta(days=14)) == 10
    # Thursday 2 April to Thursday 9 April 2026: Good Friday and Easter Monday out.
    assert working_days_between(dt.date(2026, 4, 2), dt.date(2026, 4, 9)) == 3
    # Over Christmas 2026: 25 and 28 December and 1 January out (26 is a Saturday).
    assert working_days_between(dt.date(2026, 12, 24), dt.date(2027, 1, 4)) == 4
    assert working_days_between(monday, monday) == 0
    assert working_days_between(monday, friday) == 0


def test_overdue_cut_off_agrees_with_the_age_of_a_claim_on_every_day():
    for target in (1, 5, 10):
        for offset in range(0, 400, 3):
            end = dt.date(2026, 1, 1) + dt.timedelta(days=offset)
            cutoff = working_days_before(end, target)
            assert working_days_between(cutoff, end) > target
            assert working_days_between(cutoff + dt.timedelta(days=1), end) <= target


@pytest.mark.django_db
def test_a_claim_over_easter_is_not_overdue_early(tenant_a):
    # Sent on Thursday 26 March 2026. With Good Friday and Easter Monday out,
    # ten working days end on Monday 13 April: overdue from Tuesday 14 April
    # (counting weekdays only, it would have been from Friday 10 April).
    with time_machine.travel(dt.datetime(2026, 3, 26, 10, 0, tzinfo=dt.UTC)):
        claim = submitted_claim(tenant_a, date=dt.date(2026, 3, 25))
    for day, age in ((10, 9), (13, 10)):
        with time_machine.travel(dt.datetime(2026, 4, day, 12, 0, tzinfo=dt.UTC)):
            today = timezone.localdate()
            assert selectors.age_in_working_days(claim, today) == age
            assert claim.pk not in selectors.overdue_claim_ids(today=today)
            assert services.overdue_reminders_send() == 0
    with time_machine.travel(dt.datetime(2026, 4, 14, 12, 0, tzinfo=dt.UTC)):
        today = timezone.localdate()
        assert selectors.age_in_working_days(claim, today) == 11
        assert claim.pk in selectors.overdue_claim_ids(today=today)
        assert services.overdue_reminders_send() == 1
    assert Claim.objects.get(pk=claim.pk).reminded_at is not None
