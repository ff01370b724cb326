"""Parts of the issue's "What must be true" checked one by one: a form sent
twice makes one claim and one cost; reminders go at most weekly; the pages say
that bank holidays are not working days."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from expenses import services
from expenses.models import Claim, ClaimLine
from tests.expenses.factories import draft_claim, submitted_claim

pytestmark = pytest.mark.django_db


def test_a_cost_sent_twice_is_added_once(tenant_a, client_for):
    claim = draft_claim(tenant_a, amounts=())
    client = client_for(tenant_a["rep"])
    costs = f"/{tenant_a.organisation.slug}/expenses/claims/{claim.public_id}/costs/"
    token = client.get(costs).context["form"]["submission_token"].value()
    assert token
    data = {"kind": "fares", "amount": "3.20", "receipt_lost": "on", "submission_token": token}
    assert client.post(costs, data).status_code == 302
    # The connection dropped before the answer came; the rep presses Save again.
    assert client.post(costs, data).status_code == 302
    assert ClaimLine.objects.filter(claim=claim).count() == 1
    # A new form has a new token, so a second, real cost is added.
    again = client.get(costs).context["form"]["submission_token"].value()
    assert again != token
    client.post(costs, {**data, "submission_token": again})
    assert ClaimLine.objects.filter(claim=claim).count() == 2


def test_a_cost_token_cannot_add_to_another_claim(tenant_a):
    first = draft_claim(tenant_a, amounts=())
    second = draft_claim(tenant_a, amounts=())
    services.claim_line_add(
        claim=first,
        kind="fares",
        amount_pence=100,
        receipt_lost=True,
        submission_token="same",
        actor=tenant_a["rep"],
    )
    with pytest.raises(ValidationError):
        services.claim_line_add(
            claim=second,
            kind="fares",
            amount_pence=100,
            receipt_lost=True,
            submission_token="same",
            actor=tenant_a["rep"],
        )
    assert not second.lines.exists()


def test_the_claim_start_form_keeps_a_draft_and_the_next_step_forgets_it(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    start = client.get(f"/{tenant_a.organisation.slug}/expenses/claim/").content.decode()
    assert 'data-draft-key="expense-claim-new"' in start
    assert "js/expenses" in start
    claim = draft_claim(tenant_a, amounts=())
    costs = client.get(
        f"/{tenant_a.organisation.slug}/expenses/claims/{claim.public_id}/costs/"
    ).content.decode()
    assert 'data-draft-forget="expense-claim-new"' in costs


def test_the_start_form_sent_twice_makes_one_claim(tenant_a):
    kwargs = dict(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        rep=tenant_a["rep"],
        activity_kind="meeting",
        activity_date=timezone.localdate(),
        submission_token="tok-1",
        actor=tenant_a["rep"],
    )
    first, created = services.claim_create(**kwargs)
    again, created_again = services.claim_create(**kwargs)
    assert (created, created_again) == (True, False) and first.pk == again.pk
    assert Claim.objects.count() == 1


def test_an_overdue_claim_reminds_at_most_weekly(tenant_a, django_capture_on_commit_callbacks):
    claim = submitted_claim(tenant_a)
    Claim.objects.filter(pk=claim.pk).update(submitted_at=timezone.now() - dt.timedelta(days=30))
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.overdue_reminders_send(now=now) == 1
    for days in (1, 6):
        assert services.overdue_reminders_send(now=now + dt.timedelta(days=days)) == 0
    assert services.overdue_reminders_send(now=now + dt.timedelta(days=7)) == 1


def test_pages_say_bank_holidays_are_not_working_days(tenant_a, client_for):
    said = "not counting bank holidays in England and Wales"
    waiting = client_for(tenant_a["coordinator"]).get(
        f"/{tenant_a.organisation.slug}/expenses/waiting/"
    )
    assert said in waiting.content.decode()
    policy = client_for(tenant_a["admin"]).get(f"/{tenant_a.organisation.slug}/expenses/policy/")
    assert said in policy.content.decode()
