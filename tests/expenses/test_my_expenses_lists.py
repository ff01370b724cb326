"""My expenses reads the person's own claims and those they made for other
reps in one query: each claim must land in its own list."""

import pytest

from expenses import selectors
from tests.expenses.factories import draft_claim, submitted_claim

pytestmark = pytest.mark.django_db


def test_own_claims_and_claims_made_for_reps_are_listed_apart(tenant_a, client_for):
    coordinator, rep = tenant_a["coordinator"], tenant_a["rep"]
    for_rep = submitted_claim(tenant_a, rep=rep, actor=coordinator)
    by_rep = draft_claim(tenant_a, rep=rep, actor=rep)
    org = tenant_a.organisation

    mine, for_others = selectors.claims_of_rep_and_made_for_others(org, coordinator)
    assert mine == []
    assert [c.pk for c in for_others] == [for_rep.pk]
    mine, for_others = selectors.claims_of_rep_and_made_for_others(org, rep)
    assert sorted(c.pk for c in mine) == sorted([for_rep.pk, by_rep.pk])
    assert for_others == []

    page = client_for(coordinator).get(f"/{org.slug}/expenses/").content.decode()
    made_for_reps = page.split("Claims you made for reps")[1]
    assert str(rep) in made_for_reps
