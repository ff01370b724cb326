"""Update due or overdue, apart from past the target date: one rule
(``implementation_state``) behind the tags of every page, the same rule as
``overdue_q``, and what the lead is told to do about each."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from guardian.shortcuts import assign_perm

from proposals import services
from proposals.models import Proposal
from proposals.selectors import implementation_state, overdue_q

from .factories import ProposalFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 11, 20, 12, 0))
TODAY = NOW.date()


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


def owned(tenant, *, target_days, update_days_ago, title="Reception staff training"):
    proposal = ProposalFactory(
        council=tenant.council,
        status="in_progress",
        title=title,
        owner=tenant["lead"],
        owner_assigned_at=timezone.now() - dt.timedelta(days=90),
        target_date=timezone.localdate() + dt.timedelta(days=target_days),
        last_update_at=None
        if update_days_ago is None
        else timezone.now() - dt.timedelta(days=update_days_ago),
    )
    assign_perm("proposals.update_implementation", tenant["lead"], proposal)
    return proposal


def tags(html: str) -> list[str]:
    return re.findall(r'<strong class="govuk-tag govuk-tag--(?:red|yellow)">([^<]+)</strong>', html)


@pytest.mark.parametrize(
    ("target_days", "update_days_ago", "update_overdue", "update_due", "past_target"),
    [
        (10, 1, False, False, False),
        (10, 25, False, True, False),  # due within the week
        (10, 31, True, False, False),
        (10, None, True, False, False),  # never updated
        (-3, 1, False, False, True),  # the lead's case: updated, but past the date
        (-3, 40, True, False, True),
        (0, 1, False, False, False),  # the target day itself is not past
    ],
)
def test_one_rule_says_which_clock_ran_out_and_agrees_with_overdue_q(
    tenant_a, target_days, update_days_ago, update_overdue, update_due, past_target
):
    proposal = ProposalFactory(
        council=tenant_a.council,
        status="in_progress",
        owner=tenant_a["lead"],
        target_date=TODAY + dt.timedelta(days=target_days),
        last_update_at=None
        if update_days_ago is None
        else NOW - dt.timedelta(days=update_days_ago),
    )
    state = implementation_state(proposal, now=NOW)
    assert (state.update_overdue, state.update_due, state.past_target) == (
        update_overdue,
        update_due,
        past_target,
    )
    assert state.days_past_target == (-target_days if past_target else 0)
    in_sql = Proposal.objects.filter(overdue_q(now=NOW), pk=proposal.pk).exists()
    assert state.is_overdue == in_sql


def test_no_state_unless_being_put_in_place(tenant_a):
    done = ProposalFactory(
        council=tenant_a.council,
        status="implemented",
        we_did="Done.",
        target_date=TODAY - dt.timedelta(days=40),
        last_update_at=NOW - dt.timedelta(days=90),
    )
    assert implementation_state(done, now=NOW) is None


def test_posting_an_update_clears_the_update_tag_and_leaves_past_target_date(tenant_a, client_for):
    proposal = owned(tenant_a, target_days=-12, update_days_ago=45)
    client = client_for(tenant_a["lead"])
    page = client.get(url(tenant_a, f"proposals/{proposal.public_id}/")).content.decode()
    assert tags(page) == ["Update overdue", "Past target date"]

    services.implementation_update_add(
        proposal=proposal, status="blocked", note="Waiting for the rota.", actor=tenant_a["lead"]
    )
    for path in (f"proposals/{proposal.public_id}/", "proposals/my-actions/"):
        body = client.get(url(tenant_a, path)).content.decode()
        assert tags(body) == ["Past target date"], path
        assert "Update overdue" not in body
        assert "The target date, " in body and "passed 12 days ago." in body
        # What to do: the lead cannot change the date, but can ask for a new one.
        ask = f"/{tenant_a.organisation.slug}/proposals/{proposal.public_id}/target-date/"
        assert f'href="{ask}">Ask for a new target date' in body


def test_lead_told_when_a_new_date_is_waiting_and_update_due_soon(tenant_a, client_for):
    proposal = owned(tenant_a, target_days=-2, update_days_ago=25)
    services.target_date_request_create(
        proposal=proposal,
        new_target_date=timezone.localdate() + dt.timedelta(days=30),
        reason="The rota changes in January.",
        actor=tenant_a["lead"],
    )
    body = client_for(tenant_a["lead"]).get(url(tenant_a, "proposals/my-actions/")).content.decode()
    assert tags(body) == ["Update due", "Past target date"]
    assert "The next update is due by" in body
    assert ": waiting for the chair." in body


def test_managers_overdue_page_says_why_each_is_overdue(tenant_a, client_for):
    owned(tenant_a, target_days=-5, update_days_ago=2, title="Past its date")
    owned(tenant_a, target_days=30, update_days_ago=50, title="No word for weeks")
    body = client_for(tenant_a["manager"]).get(url(tenant_a, "proposals/overdue/")).content.decode()
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', body, flags=re.S)
    why = {
        title: tags(row)
        for row in rows
        for title in ("Past its date", "No word for weeks")
        if title in row
    }
    assert why == {"Past its date": ["Past target date"], "No word for weeks": ["Update overdue"]}
    assert "Only a chair can set a new one." in body
    # The manager is not the owner: no links to do the owner's work.
    assert "Ask for a new target date" not in body


def test_list_tags_use_the_same_rule(tenant_a, client_for):
    owned(tenant_a, target_days=-5, update_days_ago=2, title="Past its date")
    body = client_for(tenant_a["coordinator"]).get(url(tenant_a, "proposals/")).content.decode()
    assert "Past target date" in body
    assert "Update overdue" not in body


def test_reminder_past_the_target_date_does_not_ask_for_an_update(tenant_a):
    from django.core import mail

    from proposals import notifications

    proposal = owned(tenant_a, target_days=-4, update_days_ago=3)
    assert notifications.overdue_reminder(proposal_id=proposal.pk) == 1
    message = mail.outbox[-1]
    assert message.subject.startswith("Past its target date:")
    assert "An update is due" not in message.body
    assert "ask for a new target date" in message.body

    both = owned(tenant_a, target_days=-4, update_days_ago=40, title="Both clocks")
    assert notifications.overdue_reminder(proposal_id=both.pk) == 1
    assert mail.outbox[-1].subject.startswith("An update is due:")
    assert "no update for 30 days" in mail.outbox[-1].body
    assert "The target date was" in mail.outbox[-1].body

    fine = owned(tenant_a, target_days=10, update_days_ago=1, title="On track")
    assert notifications.overdue_reminder(proposal_id=fine.pk) == 0
