"""Query-count budgets: a page's query count must stay under a budget and must
not grow when there is more data."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} -> {response.status_code}"
    return len(ctx.captured_queries)


def assert_flat_query_count(client, url: str, *, grow, budget: int) -> None:
    """Count queries, call ``grow()`` to add many rows, count again."""
    before = count_queries(client, url)
    grow()
    after = count_queries(client, url)
    assert after <= budget, f"{url}: {after} queries, budget {budget}"
    assert after == before, f"{url}: {before} queries became {after} with more data"
