"""'Mark as done': a check page before it happens, and a short undo after,
for whoever marked it (or a coordinator), that leaves the status history
true."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.models import AuditEvent, Role
from proposals import access, selectors, services
from proposals.models import AgendaItem, Meeting, Proposal, ProposalEvent
from proposals.models import ProposalStatus as S
from tests.factories import user_with_role

from .conftest import make_meeting

pytestmark = pytest.mark.django_db

WE_DID = "All reception staff had customer service training."


def url(tenant, proposal, tail=""):
    return f"/{tenant.organisation.slug}/proposals/{proposal.public_id}/{tail}"


def mark_done(tenant, proposal, at=None):
    return services.proposal_mark_implemented(
        proposal=proposal, we_did=WE_DID, actor=tenant["lead"], at=at
    )


# ---------------------------------------------------------------------------
# The check page


def test_nothing_is_marked_until_the_lead_confirms(tenant_a, client_for, in_progress):
    client = client_for(tenant_a["lead"])
    check = client.post(url(tenant_a, in_progress, "done/"), {"we_did": WE_DID})
    assert check.status_code == 200
    body = check.content.decode()
    assert "Check before you mark it as done" in body
    assert WE_DID in body
    assert 'name="confirm" value="yes"' in body
    assert "you can undo it for 10 minutes afterwards" in body
    in_progress.refresh_from_db()
    assert in_progress.status == S.IN_PROGRESS

    # "Change what you wrote" goes back to the form, with the words kept.
    again = client.post(url(tenant_a, in_progress, "done/"), {"we_did": WE_DID, "change": "1"})
    assert "<textarea" in again.content.decode() and WE_DID in again.content.decode()
    in_progress.refresh_from_db()
    assert in_progress.status == S.IN_PROGRESS

    done = client.post(url(tenant_a, in_progress, "done/"), {"we_did": WE_DID, "confirm": "yes"})
    assert done.status_code == 302
    in_progress.refresh_from_db()
    assert in_progress.status == S.IMPLEMENTED and in_progress.we_did == WE_DID


def test_confirming_empty_words_is_refused(tenant_a, client_for, in_progress):
    response = client_for(tenant_a["lead"]).post(
        url(tenant_a, in_progress, "done/"), {"we_did": " ", "confirm": "yes"}
    )
    assert b"Say in plain words what was done." in response.content
    in_progress.refresh_from_db()
    assert in_progress.status == S.IN_PROGRESS


# ---------------------------------------------------------------------------
# The banner with "Undo"


def test_banner_with_undo_for_the_lead_and_a_coordinator_only(tenant_a, client_for, in_progress):
    mark_done(tenant_a, in_progress)
    undo = url(tenant_a, in_progress, "done/undo/")
    lead_page = client_for(tenant_a["lead"]).get(url(tenant_a, in_progress)).content.decode()
    assert "govuk-notification-banner--success" in lead_page
    assert "Marked as done. The reps have been told." in lead_page
    assert f'action="{undo}"' in lead_page
    coordinator_page = (
        client_for(tenant_a["coordinator"]).get(url(tenant_a, in_progress)).content.decode()
    )
    assert f'action="{undo}"' in coordinator_page
    assert "marked this as done at" in coordinator_page
    for role in ("rep", "chair", "manager"):
        page = client_for(tenant_a[role]).get(url(tenant_a, in_progress)).content.decode()
        assert f'action="{undo}"' not in page, role


def test_no_undo_offered_after_ten_minutes(tenant_a, client_for, in_progress):
    mark_done(tenant_a, in_progress, at=timezone.now() - dt.timedelta(minutes=11))
    page = client_for(tenant_a["lead"]).get(url(tenant_a, in_progress)).content.decode()
    assert "done/undo/" not in page
    response = client_for(tenant_a["lead"]).post(url(tenant_a, in_progress, "done/undo/"))
    assert response.status_code == 302
    in_progress.refresh_from_db()
    assert in_progress.status == S.IMPLEMENTED


# ---------------------------------------------------------------------------
# Undo


def test_undo_puts_back_exactly_what_was_there_and_keeps_history_true(
    tenant_a, client_for, in_progress, django_capture_on_commit_callbacks
):
    lead = tenant_a["lead"]
    coming = make_meeting(
        tenant_a, Meeting.Kind.COUNCIL, date=timezone.localdate() + dt.timedelta(days=20)
    )
    services.implementation_update_add(
        proposal=in_progress, status="in_progress", note="Trainer booked.", actor=lead
    )
    in_progress.refresh_from_db()
    before = {
        f: getattr(in_progress, f)
        for f in ("status", "implemented_at", "we_did", "last_update_at", "target_date", "owner_id")
    }
    assert AgendaItem.objects.filter(
        meeting=coming, proposal=in_progress, kind=AgendaItem.Kind.IMPLEMENTATION_UPDATE
    ).exists()

    done_at = timezone.now()
    mark_done(tenant_a, in_progress, at=done_at)
    assert not AgendaItem.objects.filter(meeting=coming, proposal=in_progress).exists()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_undo_done(
            proposal=in_progress, actor=lead, at=done_at + dt.timedelta(minutes=1)
        )

    in_progress.refresh_from_db()
    after = {f: getattr(in_progress, f) for f in before}
    assert after == before
    # Meetings still to come ask for an update again.
    assert AgendaItem.objects.filter(
        meeting=coming, proposal=in_progress, kind=AgendaItem.Kind.IMPLEMENTATION_UPDATE
    ).exists()
    # The history keeps "done" when it happened, and the return after it.
    changes = list(
        in_progress.events.exclude(to_status="")
        .order_by("-at", "-id")
        .values_list("kind", "from_status", "to_status")[:2]
    )
    assert changes == [
        (ProposalEvent.Kind.DONE_UNDONE, S.IMPLEMENTED, S.IN_PROGRESS),
        (ProposalEvent.Kind.IMPLEMENTED, S.IN_PROGRESS, S.IMPLEMENTED),
    ]
    # Figures as at a moment in between say "done"; as at after the undo, not.
    qs = Proposal.objects.filter(pk=in_progress.pk)
    between = done_at + dt.timedelta(seconds=30)
    assert selectors.with_status_at(qs, between).get().status_then == S.IMPLEMENTED
    later = done_at + dt.timedelta(minutes=2)
    assert selectors.with_status_at(qs, later).get().status_then == S.IN_PROGRESS
    # Audited, and the reps told it is not done yet.
    audit = AuditEvent.objects.filter(action="proposal.done_undone").get()
    assert audit.actor == lead
    assert audit.changes["status"] == [S.IMPLEMENTED, S.IN_PROGRESS]
    assert [m.to for m in mail.outbox] == [[tenant_a["rep"].email]]
    assert mail.outbox[0].subject.startswith("Not done yet:")


def test_lead_undoes_from_the_banner(tenant_a, client_for, in_progress):
    mark_done(tenant_a, in_progress)
    response = client_for(tenant_a["lead"]).post(
        url(tenant_a, in_progress, "done/undo/"), follow=True
    )
    body = response.content.decode()
    assert "Undone. It is back to being put in place" in body
    assert "done/undo/" not in body
    in_progress.refresh_from_db()
    assert in_progress.status == S.IN_PROGRESS and in_progress.we_did == ""


def test_a_coordinator_may_undo_but_other_people_may_not(tenant_a, in_progress):
    mark_done(tenant_a, in_progress)
    other_lead = user_with_role(tenant_a.organisation, Role.LEAD)
    for person in (other_lead, tenant_a["rep"], tenant_a["chair"], tenant_a["manager"]):
        with pytest.raises(PermissionDenied):
            services.proposal_undo_done(proposal=in_progress, actor=person)
    services.proposal_undo_done(proposal=in_progress, actor=tenant_a["coordinator"])
    in_progress.refresh_from_db()
    assert in_progress.status == S.IN_PROGRESS


@pytest.mark.parametrize("role", ["rep", "chair", "manager"])
def test_undo_page_refuses_other_people(tenant_a, client_for, in_progress, role):
    mark_done(tenant_a, in_progress)
    response = client_for(tenant_a[role]).post(url(tenant_a, in_progress, "done/undo/"))
    assert response.status_code == 403
    assert b"Only the person who marked it as done" in response.content


def test_undo_only_in_the_window_and_only_once(tenant_a, in_progress):
    done_at = timezone.now()
    mark_done(tenant_a, in_progress, at=done_at)
    with pytest.raises(ValidationError):
        services.proposal_undo_done(
            proposal=in_progress, actor=tenant_a["lead"], at=done_at + access.UNDO_DONE_WINDOW
        )
    in_progress.refresh_from_db()
    assert in_progress.status == S.IMPLEMENTED
    last_moment = done_at + access.UNDO_DONE_WINDOW - dt.timedelta(seconds=1)
    services.proposal_undo_done(proposal=in_progress, actor=tenant_a["lead"], at=last_moment)
    with pytest.raises(ValidationError):  # nothing left to undo
        services.proposal_undo_done(proposal=in_progress, actor=tenant_a["lead"], at=last_moment)


def test_could_not_be_done_is_not_undone_by_this(tenant_a, in_progress):
    services.proposal_mark_not_implemented(
        proposal=in_progress, reason="No budget this year.", actor=tenant_a["lead"]
    )
    with pytest.raises(ValidationError):
        services.proposal_undo_done(proposal=in_progress, actor=tenant_a["lead"])


def test_done_email_not_sent_when_undone_before_it_went(tenant_a, in_progress):
    from proposals import notifications

    mark_done(tenant_a, in_progress)
    services.proposal_undo_done(proposal=in_progress, actor=tenant_a["lead"])
    mail.outbox.clear()
    assert notifications.implementation_finished(proposal_id=in_progress.pk) == 0
    assert mail.outbox == []
