"""Figures as at the end of their period, from each proposal's status history."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from proposals.models import ProposalEvent
from proposals.selectors import proposal_figures

from .factories import ProposalFactory

pytestmark = pytest.mark.django_db

Q3 = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))


def at(y, m, d, h=12):
    return timezone.make_aware(dt.datetime(y, m, d, h, 0))


def figures(tenant, start, end):
    return proposal_figures(organisation=tenant.organisation, start=start, end=end)


@pytest.fixture
def done_in_october(tenant_a):
    """Presented and accepted in August, owned in August with a target of
    1 September, done in October: on 30 September it was being put in place
    and overdue, not done."""
    return ProposalFactory(
        council=tenant_a.council,
        raised_at=at(2026, 7, 2),
        presented_at=at(2026, 8, 3),
        decided_at=at(2026, 8, 3),
        published_at=at(2026, 8, 4),
        owner=tenant_a["lead"],
        owner_assigned_at=at(2026, 8, 5),
        last_update_at=at(2026, 8, 5),
        target_date=dt.date(2026, 9, 1),
        implemented_at=at(2026, 10, 20),
        status="implemented",
        we_did="Done.",
    )


def test_a_past_quarter_counts_the_status_at_its_end(tenant_a, done_in_october):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        f = figures(tenant_a, *Q3)
    assert (f.presented, f.accepted, f.implemented, f.in_progress) == (1, 1, 0, 1)
    assert f.overdue == 1
    assert str(f.implemented_of_accepted) == "0% (0 of 1)"


def test_the_same_report_a_year_later_says_the_same(tenant_a, done_in_october):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        first = figures(tenant_a, *Q3)
    with time_machine.travel(at(2027, 12, 1), tick=False):
        later = figures(tenant_a, *Q3)
    assert first == later


def test_a_quarter_in_progress_counts_what_is_true_today(tenant_a, done_in_october):
    with time_machine.travel(at(2026, 10, 10), tick=False):
        f = figures(tenant_a, dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    # Not done yet on 10 October, even though it is now.
    assert f.overdue == 1
    with time_machine.travel(at(2026, 12, 1), tick=False):
        f = figures(tenant_a, dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert f.overdue == 0 and f.implemented_in_period == 1


def test_the_migration_fills_history_from_the_dates(tenant_a, done_in_october):
    steps = list(
        ProposalEvent.objects.filter(proposal=done_in_october)
        .order_by("at", "id")
        .values_list("to_status", flat=True)
    )
    assert steps == ["draft", "presented", "accepted", "in_progress", "implemented"]
