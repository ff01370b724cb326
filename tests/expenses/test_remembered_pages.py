"""Expenses pages that remember their content (councils.freshness): a
second view asks less and shows the same page; a claim made or sent after
a view shows at once, as on a page that remembers nothing; and each person
sees their own claims or councils, whoever looked before them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from councils.freshness import serving
from councils.models import Role
from expenses import services
from tests.factories import user_with_role
from tests.remembering import (
    page,
    remembered,
    same_as_built_afresh,
    signed_in_each,
    staff,
    url,
)

pytestmark = pytest.mark.django_db


def claim(tenant, rep, council, *, pence: int, send=True):
    """A claim for ``pence`` (an amount no other row of the page shows)."""
    with serving(tenant.organisation.pk):
        made, _ = services.claim_create(
            organisation=tenant.organisation,
            council=council,
            rep=rep,
            activity_kind="meeting",
            activity_date=timezone.localdate() - dt.timedelta(days=1),
            actor=rep,
        )
        services.claim_line_add(
            claim=made, kind="fares", amount_pence=pence, receipt_lost=True, actor=rep
        )
        if send:
            made, _ = services.claim_submit(claim=made, actor=rep)
    return made


# ---------------------------------------------------------------- claims waiting


def test_claims_waiting_remembers_its_rows_and_shows_a_claim_sent_at_once(
    tenant_a, client_for, settings
):
    claim(tenant_a, tenant_a["rep"], tenant_a.council, pence=1234)
    client = client_for(tenant_a["coordinator"])
    address = url(tenant_a, "expenses/waiting/")
    before = remembered(client, address)
    claim(tenant_a, tenant_a["rep"], tenant_a.council, pence=5678)
    after = same_as_built_afresh(client, address, settings)
    assert "£12.34" in before and "£56.78" not in before
    assert "£56.78" in after


def test_claims_waiting_shows_each_coordinator_their_own_councils(tenant_a):
    there_rep = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.other_council)
    claim(tenant_a, tenant_a["rep"], tenant_a.council, pence=1234)
    claim(tenant_a, there_rep, tenant_a.other_council, pence=5678)
    local = staff(tenant_a, Role.COORDINATOR, council=tenant_a.council)
    wide, near = signed_in_each(tenant_a["coordinator"], local)
    address = url(tenant_a, "expenses/waiting/")
    everywhere = page(wide, address)
    assert "£12.34" in everywhere and "£56.78" in everywhere
    here = page(near, address)
    assert "£12.34" in here and "£56.78" not in here
    assert page(wide, address) == everywhere


# ---------------------------------------------------------------- my expenses


def test_my_expenses_remembers_its_claims_and_shows_a_new_one_at_once(
    tenant_a, client_for, settings
):
    claim(tenant_a, tenant_a["rep"], tenant_a.council, pence=1234)
    client = client_for(tenant_a["rep"])
    address = url(tenant_a, "expenses/")
    before = remembered(client, address)
    claim(tenant_a, tenant_a["rep"], tenant_a.council, pence=5678, send=False)
    after = same_as_built_afresh(client, address, settings)
    assert "£12.34" in before and "£56.78" not in before
    assert "£56.78" in after


def test_my_expenses_shows_each_rep_their_own_claims(tenant_a):
    other = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    claim(tenant_a, tenant_a["rep"], tenant_a.council, pence=1234)
    claim(tenant_a, other, tenant_a.council, pence=5678)
    mine, theirs = signed_in_each(tenant_a["rep"], other)
    address = url(tenant_a, "expenses/")
    assert "£12.34" in page(mine, address)
    shown = page(theirs, address)
    assert "£56.78" in shown and "£12.34" not in shown
    assert "£56.78" not in page(mine, address)
