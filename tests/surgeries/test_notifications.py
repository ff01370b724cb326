"""The safeguarding email: sent by a task after commit, once, and never
while the demo loader records history."""

import pytest
from django.core import mail

from councils.after_commit import notifications_paused
from surgeries import services
from surgeries.tasks import notify_safeguarding_concern
from tests.surgeries.factories import surgery_for, theme_for

pytestmark = pytest.mark.django_db


def log_safeguarding(tenant):
    return services.feedback_log(
        organisation=tenant.organisation,
        council=tenant.council,
        surgery=surgery_for(tenant),
        theme=theme_for(tenant),
        kind="problem",
        said="Said they have nowhere safe to stay.",
        follow_up="safeguarding",
        actor=tenant["rep"],
    )


def test_the_task_is_declared_as_one_that_sends_email():
    assert notify_safeguarding_concern.sends_email is True
    assert notify_safeguarding_concern.name == "surgeries.tasks.notify_safeguarding_concern"


def test_a_concern_logged_while_notifications_are_paused_emails_nobody(
    tenant_a, django_capture_on_commit_callbacks
):
    with notifications_paused(), django_capture_on_commit_callbacks(execute=True) as callbacks:
        log_safeguarding(tenant_a)
    assert callbacks == []
    assert mail.outbox == []


def test_a_concern_emails_once_after_commit(tenant_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        item, _ = log_safeguarding(tenant_a)
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f"Safeguarding concern logged for {tenant_a.council}"
    notify_safeguarding_concern(item.pk)  # run twice
    assert len(mail.outbox) == 1
