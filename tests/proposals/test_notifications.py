"""Emails go once, after the transaction commits, to the right people."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from councils.after_commit import notifications_paused
from councils.models import Role
from proposals import notifications, services
from proposals.models import Decision
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(tenant_a, ready, council_meeting):
    services.agenda_build(meeting=council_meeting, actor=tenant_a["coordinator"])
    return services.decision_record(
        meeting=council_meeting,
        proposal=ready,
        outcome="not_accepted",
        reason_category="cost",
        reason="No budget this year.",
        actor=tenant_a["chair"],
    )


def test_publication_emails_every_author_and_rep_once_after_commit(
    tenant_a, council_meeting, recorded, rep2, django_capture_on_commit_callbacks
):
    other_rep = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.other_council)
    no_email = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council, email="")
    recorded.proposal.authors.add(rep2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    # Nothing is sent inside the transaction.
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([tenant_a["rep"].email, rep2.email])  # rep2 is author and rep: once
    assert other_rep.email not in recipients and no_email.pk
    body = mail.outbox[0].body
    assert "Not accepted" in body and "No budget this year." in body and "Cost" in body


def test_a_retried_task_sends_nothing_more(
    tenant_a, council_meeting, recorded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    sent = len(mail.outbox)
    assert sent == 1
    assert notifications.decisions_published(decision_ids=[recorded.pk]) == 0
    assert len(mail.outbox) == sent
    assert Decision.objects.get().notified_at is not None


def test_second_publish_sends_nothing(
    tenant_a, council_meeting, recorded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    assert len(mail.outbox) == 1


def test_refused_write_sends_nothing(tenant_a, in_progress, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValidationError):
            services.implementation_update_add(
                proposal=in_progress, status="in_progress", note="", actor=tenant_a["lead"]
            )
    assert callbacks == [] and mail.outbox == []


def test_owner_told_when_assigned(tenant_a, accepted, django_capture_on_commit_callbacks):
    import datetime as dt

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_assign_owner(
            proposal=accepted,
            owner=tenant_a["lead"],
            target_date=timezone.localdate() + dt.timedelta(days=10),
            actor=tenant_a["chair"],
        )
    assert [m.to[0] for m in mail.outbox] == [tenant_a["lead"].email]


def test_done_tells_authors_with_we_did(tenant_a, in_progress, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_mark_implemented(
            proposal=in_progress, we_did="Everyone was trained.", actor=tenant_a["lead"]
        )
    assert [m.to[0] for m in mail.outbox] == [tenant_a["rep"].email]
    assert "We did: Everyone was trained." in mail.outbox[0].body


def test_demo_history_emails_nobody(tenant_a, draft, hub, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with notifications_paused():
            services.proposal_mark_ready(proposal=draft, meeting=hub, actor=tenant_a["rep"])
    assert callbacks == []


def test_the_decision_email_names_the_meeting_once(
    tenant_a, council_meeting, recorded, django_capture_on_commit_callbacks
):
    """A council's name already says "Council": the email must not say
    "Ashford Vale Council council meeting" (issue 15)."""
    council_meeting.council.name = "Ashford Vale Council"
    council_meeting.council.save(update_fields=["name"])
    with django_capture_on_commit_callbacks(execute=True):
        services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    body = mail.outbox[0].body
    assert "The meeting of Ashford Vale Council on" in body
    assert "council meeting on" not in body
