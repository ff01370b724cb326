"""The lead's page, a new target date asked and answered, and milestones."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.models import AuditEvent, Role
from proposals import services
from proposals.models import ProposalEvent, TargetDateRequest
from proposals.selectors.lead import lead_page
from tests.factories import user_with_role

from .factories import ActionPointFactory, MeetingFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


# ---------------------------------------------------------------------------
# The lead's page


def test_open_work_comes_first_most_overdue_at_the_top(tenant_a):
    lead = tenant_a["lead"]
    today = timezone.localdate()
    meeting = MeetingFactory(council=tenant_a.council)
    later = ProposalFactory(
        council=tenant_a.council,
        owner=lead,
        status="in_progress",
        target_date=today + dt.timedelta(days=40),
        last_update_at=timezone.now(),
        title="Later",
    )
    very_late = ProposalFactory(
        council=tenant_a.council,
        owner=lead,
        status="in_progress",
        target_date=today - dt.timedelta(days=30),
        last_update_at=timezone.now(),
        title="Very late",
    )
    late_action = ActionPointFactory(
        meeting=meeting, owner=lead, due_on=today - dt.timedelta(days=3)
    )
    ProposalFactory(
        council=tenant_a.council,
        owner=lead,
        status="implemented",
        we_did="Done.",
        implemented_at=timezone.now(),
        title="Finished",
    )
    ProposalFactory(council=tenant_a.council, owner=tenant_a["chair"], status="in_progress")

    page = lead_page(organisation=tenant_a.organisation, user=lead)
    assert [item.obj for item in page.open_items] == [very_late, late_action, later]
    assert page.open_items[0].days_late == 30
    assert page.overdue_count == 2
    assert [item.obj.title for item in page.done_items] == ["Finished"]


def test_page_shows_what_the_reps_were_told_and_done_work_apart(tenant_a, client_for, in_progress):
    services.implementation_update_add(
        proposal=in_progress,
        status="in_progress",
        note="Trainer booked for March.",
        actor=tenant_a["lead"],
    )
    for i in range(7):
        ProposalFactory(
            council=tenant_a.council,
            owner=tenant_a["lead"],
            status="implemented",
            we_did="Done.",
            implemented_at=timezone.now() - dt.timedelta(days=i),
            title=f"Done {i}",
        )
    response = client_for(tenant_a["lead"]).get(url(tenant_a, "proposals/my-actions/"))
    body = response.content.decode()
    assert "Trainer booked for March." in body
    assert body.index(in_progress.title) < body.index("Finished work")
    # Five finished items, and a way to see all seven.
    assert all(f"Done {i}<" in body for i in range(5))
    assert "Done 5<" not in body and "Done 6<" not in body
    assert "See all 7 finished pieces of work" in body
    every = client_for(tenant_a["lead"]).get(url(tenant_a, "proposals/my-actions/?done=all"))
    assert "Done 6" in every.content.decode()


def test_page_is_paged(tenant_a, client_for):
    for i in range(25):
        ProposalFactory(
            council=tenant_a.council,
            owner=tenant_a["lead"],
            status="in_progress",
            target_date=timezone.localdate() + dt.timedelta(days=i + 1),
            last_update_at=timezone.now(),
            title=f"Work {i:02d}",
        )
    client = client_for(tenant_a["lead"])
    first = client.get(url(tenant_a, "proposals/my-actions/")).content.decode()
    assert "Work 00" in first and "Work 24" not in first and "Page 1 of 2" in first
    second = client.get(url(tenant_a, "proposals/my-actions/?page=2")).content.decode()
    assert "Work 24" in second and "Work 00" not in second


# ---------------------------------------------------------------------------
# A new target date


def test_lead_asks_chair_agrees_and_history_keeps_both(
    tenant_a, in_progress, django_capture_on_commit_callbacks
):
    new_date = in_progress.target_date + dt.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.target_date_request_create(
            proposal=in_progress,
            new_target_date=new_date,
            reason="The trainer is ill until spring.",
            actor=tenant_a["lead"],
        )
    assert [m.to[0] for m in mail.outbox] == [tenant_a["chair"].email]
    assert "The trainer is ill until spring." in mail.outbox[0].body
    with pytest.raises(ValidationError):  # one question at a time
        services.target_date_request_create(
            proposal=in_progress,
            new_target_date=new_date,
            reason="Again.",
            actor=tenant_a["lead"],
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.target_date_request_decide(
            request=request,
            agree=True,
            answer="Agreed: the training matters more than the date.",
            actor=tenant_a["chair"],
        )
    in_progress.refresh_from_db()
    assert in_progress.target_date == new_date
    assert mail.outbox[-1].to == [tenant_a["lead"].email]
    assert "is agreed" in mail.outbox[-1].body
    kinds = list(
        ProposalEvent.objects.filter(proposal=in_progress)
        .order_by("at", "id")
        .values_list("kind", flat=True)
    )
    assert kinds[-2:] == ["target_date_asked", "target_date_answered"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"proposal.target_date_asked", "proposal.target_date_agreed"} <= actions
    # A retried email task sends nothing more.
    from proposals import notifications

    assert notifications.target_date_answered(request_id=request.pk) == 0


def test_chair_refuses_with_a_reason_and_the_date_stays(tenant_a, in_progress):
    old = in_progress.target_date
    request = services.target_date_request_create(
        proposal=in_progress,
        new_target_date=old + dt.timedelta(days=90),
        reason="More time, please.",
        actor=tenant_a["lead"],
    )
    with pytest.raises(ValidationError):
        services.target_date_request_decide(
            request=request, agree=False, answer="  ", actor=tenant_a["chair"]
        )
    services.target_date_request_decide(
        request=request,
        agree=False,
        answer="The reps were promised this by the spring.",
        actor=tenant_a["chair"],
    )
    in_progress.refresh_from_db()
    assert in_progress.target_date == old
    request.refresh_from_db()
    assert request.status == TargetDateRequest.Status.REFUSED
    with pytest.raises(ValidationError):  # answered once
        services.target_date_request_decide(
            request=request, agree=True, answer="Changed my mind.", actor=tenant_a["chair"]
        )


def test_only_the_owner_asks_and_only_a_chair_answers(tenant_a, in_progress):
    other_lead = user_with_role(tenant_a.organisation, Role.LEAD)
    for person in (other_lead, tenant_a["rep"], tenant_a["chair"]):
        with pytest.raises(PermissionDenied):
            services.target_date_request_create(
                proposal=in_progress,
                new_target_date=in_progress.target_date + dt.timedelta(days=5),
                reason="Because.",
                actor=person,
            )
    request = services.target_date_request_create(
        proposal=in_progress,
        new_target_date=in_progress.target_date + dt.timedelta(days=5),
        reason="Because.",
        actor=tenant_a["lead"],
    )
    for person in (tenant_a["lead"], tenant_a["manager"], tenant_a["coordinator"]):
        with pytest.raises(PermissionDenied):
            services.target_date_request_decide(
                request=request, agree=True, answer="Yes.", actor=person
            )


def test_pages_for_asking_and_answering(tenant_a, client_for, in_progress):
    new_date = in_progress.target_date + dt.timedelta(days=14)
    client = client_for(tenant_a["lead"])
    response = client.post(
        url(tenant_a, f"proposals/{in_progress.public_id}/target-date/"),
        {"new_target_date": new_date.isoformat(), "reason": "Supplier late."},
    )
    assert response.status_code == 302
    request = TargetDateRequest.objects.get()
    client = client_for(tenant_a["chair"])
    page = client.get(url(tenant_a, f"proposals/{in_progress.public_id}/")).content.decode()
    assert "Supplier late." in page and "Agree or not" in page
    response = client.post(
        url(tenant_a, f"target-dates/{request.public_id}/"),
        {"agree": "no", "answer": "Keep the date: the supplier can be chased."},
    )
    assert response.status_code == 302
    rep_page = client_for(tenant_a["rep"]).get(url(tenant_a, f"proposals/{in_progress.public_id}/"))
    body = rep_page.content.decode()
    assert "Keep the date: the supplier can be chased." in body
    assert "Not agreed" in body


# ---------------------------------------------------------------------------
# Milestones


def test_milestones_recorded_by_the_owner_are_shown_to_reps_who_follow(
    tenant_a, client_for, in_progress, rep2, django_capture_on_commit_callbacks
):
    services.proposal_follow(proposal=in_progress, actor=rep2, follow=True)
    client = client_for(tenant_a["lead"])
    response = client.post(
        url(tenant_a, f"proposals/{in_progress.public_id}/milestones/new/"),
        {
            "title": "Trainer booked",
            "due_on": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302
    milestone = in_progress.milestones.get()
    page = client_for(rep2).get(url(tenant_a, f"proposals/{in_progress.public_id}/"))
    body = page.content.decode()
    assert "Trainer booked" in body and "To do" in body
    assert "Mark as done" not in body.split('id="milestones"')[1].split("</ul>")[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(tenant_a["lead"]).post(
            url(tenant_a, f"milestones/{milestone.public_id}/done/")
        )
    assert response.status_code == 302
    assert rep2.email in [m.to[0] for m in mail.outbox]
    # Marking it again tells nobody twice.
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        services.milestone_mark_done(milestone=milestone, actor=tenant_a["lead"])
    assert len(mail.outbox) == sent
    page = client_for(rep2).get(url(tenant_a, f"proposals/{in_progress.public_id}/"))
    assert "Milestone done: Trainer booked" in page.content.decode()


def test_only_the_owner_records_milestones(tenant_a, in_progress):
    for person in (tenant_a["rep"], tenant_a["chair"], tenant_a["coordinator"]):
        with pytest.raises(PermissionDenied):
            services.milestone_add(
                proposal=in_progress,
                title="Step",
                due_on=timezone.localdate(),
                actor=person,
            )


def test_chair_sees_waiting_requests_on_decisions_page(tenant_a, client_for, in_progress):
    services.target_date_request_create(
        proposal=in_progress,
        new_target_date=in_progress.target_date + dt.timedelta(days=7),
        reason="Supplier late.",
        actor=tenant_a["lead"],
    )
    page = client_for(tenant_a["chair"]).get(url(tenant_a, "proposals/decisions/"))
    body = page.content.decode()
    assert "New target dates asked for" in body
    request = TargetDateRequest.objects.get()
    assert f"/target-dates/{request.public_id}/" in body
