"""proposal_figures: explicit denominators, computed in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councils.rates import Rate
from proposals.selectors import proposal_figures

from .factories import ProposalFactory

pytestmark = pytest.mark.django_db


def at(y, m, d):
    return timezone.make_aware(dt.datetime(y, m, d, 12, 0))


@pytest.fixture
def cohort(tenant_a):
    c = tenant_a.council
    jan1 = at(2026, 1, 1)
    ProposalFactory(
        council=c,
        raised_at=jan1,
        presented_at=at(2026, 1, 10),
        decided_at=at(2026, 1, 11),
        implemented_at=at(2026, 1, 31),
        status="implemented",
        we_did="Done.",
    )
    ProposalFactory(
        council=c,
        raised_at=jan1,
        presented_at=at(2026, 1, 20),
        decided_at=at(2026, 1, 21),
        status="in_progress",
        owner=tenant_a["lead"],
        target_date=dt.date(2026, 2, 1),
        last_update_at=at(2026, 1, 22),
    )
    ProposalFactory(
        council=c,
        raised_at=jan1,
        presented_at=at(2026, 1, 30),
        decided_at=at(2026, 1, 31),
        status="not_accepted",
    )
    ProposalFactory(
        council=c,
        raised_at=jan1,
        presented_at=at(2026, 2, 5),
        decided_at=at(2026, 2, 5),
        status="deferred",
    )
    ProposalFactory(council=c, raised_at=at(2026, 2, 1), status="draft")
    ProposalFactory(
        council=c,
        raised_at=at(2026, 3, 1),
        presented_at=at(2026, 4, 10),
        decided_at=at(2026, 4, 10),
        status="accepted",
    )
    ProposalFactory(
        council=tenant_a.other_council,
        raised_at=jan1,
        presented_at=at(2026, 1, 10),
        decided_at=at(2026, 1, 10),
        implemented_at=at(2026, 1, 12),
        status="implemented",
        we_did="Done.",
    )


def test_figures_for_one_council_and_quarter(tenant_a, cohort):
    f = proposal_figures(
        organisation=tenant_a.organisation,
        council_ids=[tenant_a.council.pk],
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 3, 31),
    )
    assert (f.raised, f.presented, f.accepted, f.implemented) == (6, 4, 2, 1)
    assert (f.not_accepted, f.deferred) == (1, 1)
    assert isinstance(f.accepted_of_presented, Rate)
    assert str(f.accepted_of_presented) == "50% (2 of 4)"
    assert f.accepted_of_presented.explained == "2 accepted out of 4 presented"
    assert (f.implemented_of_accepted.numerator, f.implemented_of_accepted.denominator) == (1, 2)
    assert str(f.implemented_of_presented) == "25% (1 of 4)"
    # raised → decision over the three final decisions: 10, 20 and 30 days.
    assert (f.decided_count, f.median_days_to_decision) == (3, 20.0)
    assert (f.implemented_in_period, f.median_days_to_implementation) == (1, 20.0)
    assert f.overdue == 1  # now, not limited to the period


def test_whole_organisation_and_open_period(tenant_a, cohort):
    f = proposal_figures(organisation=tenant_a.organisation)
    assert (f.presented, f.accepted, f.implemented) == (6, 4, 2)
    # Two middle values (2 and 20 days after decision... ) are averaged.
    assert f.median_days_to_implementation == 11.0
    assert str(f.accepted_of_presented) == "67% (4 of 6)"


def test_another_organisation_sees_nothing(tenant_b, cohort):
    f = proposal_figures(organisation=tenant_b.organisation)
    assert (f.raised, f.presented, f.overdue) == (0, 0, 0)
    assert f.accepted_of_presented.percent is None
    assert f.median_days_to_decision is None


def test_figures_cost_a_fixed_number_of_queries(tenant_a, cohort):
    with CaptureQueriesContext(connection) as ctx:
        proposal_figures(organisation=tenant_a.organisation)
    before = len(ctx.captured_queries)
    for _ in range(20):
        ProposalFactory(
            council=tenant_a.council,
            raised_at=at(2026, 1, 1),
            presented_at=at(2026, 1, 5),
            decided_at=at(2026, 1, 6),
            status="accepted",
        )
    with CaptureQueriesContext(connection) as ctx:
        proposal_figures(organisation=tenant_a.organisation)
    assert len(ctx.captured_queries) == before <= 8
