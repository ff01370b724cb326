"""How the "as at" figures ask the database (page speed, issue 11)."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from proposals.models import ProposalEvent
from proposals.selectors import proposal_figures

pytestmark = pytest.mark.django_db


def test_the_counts_by_status_ask_each_proposal_s_status_once(tenant_a):
    """As seven filtered COUNTs over the proposals with their status, the
    database (PostgreSQL flattens the inner query) worked out each
    proposal's status from its history once per count: seven times. Grouped
    by the status, it is worked out once."""
    with CaptureQueriesContext(connection) as ctx:
        proposal_figures(organisation=tenant_a.organisation)
    by_status = ctx.captured_queries[0]["sql"]
    assert by_status.count('"proposals_proposalevent"') == 1, by_status
    assert "GROUP BY" in by_status, by_status
    # Raised and overdue are counted in the same rows.
    assert by_status.count("COUNT(") == 3, by_status


def test_the_status_history_has_an_index_for_the_status_as_at_a_moment():
    """status_at reads the latest status change of one proposal before a
    moment (newest first, by time then id): the index leads with the
    proposal, in that order, and holds only status changes."""
    index = next(i for i in ProposalEvent._meta.indexes if i.name == "proposal_status_changes")
    assert [str(e) for e in index.expressions] == [
        "F(proposal)",
        "OrderBy(F(at), descending=True)",
        "OrderBy(F(id), descending=True)",
    ]
    assert index.condition == ~Q(to_status="")


def test_both_medians_come_from_one_query(tenant_a):
    """The two medians (raised to decided, decided to done) were two
    queries each (a count, then the middle rows), each working out every
    proposal's status from its history. Now one query reads the proposals
    decided or done in the period, their status once each, and the medians
    are picked here. With the counts grouped by status (raised, presented
    and overdue together), two queries in all, not seven."""
    with CaptureQueriesContext(connection) as ctx:
        proposal_figures(organisation=tenant_a.organisation)
    assert len(ctx.captured_queries) == 2, [q["sql"][:80] for q in ctx.captured_queries]
