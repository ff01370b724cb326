"""The pages: each role gets what it may do, bad input comes back beside the
field with the rest kept, and nothing is half-saved."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from proposals import services
from proposals.models import AgendaItem, Decision, Meeting, Proposal, ProposalStatus

from .factories import FeedbackItemFactory, SurgeryFactory

pytestmark = pytest.mark.django_db
S = ProposalStatus


def url(tenant, path: str) -> str:
    return f"/{tenant.organisation.slug}/{path}"


# --- Drafting ---------------------------------------------------------------


def test_rep_drafts_from_the_feedback_board_selection(tenant_a, client_for, theme):
    from surgeries.selectors import selected_feedback_for
    from surgeries.services import feedback_selection_add

    rep = tenant_a["rep"]
    surgery = SurgeryFactory(council=tenant_a.council, site=tenant_a.site)
    items = [
        FeedbackItemFactory(council=tenant_a.council, surgery=surgery, theme=theme)
        for _ in range(3)
    ]
    feedback_selection_add(user=rep, council=tenant_a.council, items=items)
    client = client_for(rep)
    page = url(tenant_a, f"proposals/new/?from_selection={tenant_a.council.public_id}")
    response = client.get(page)
    assert response.status_code == 200
    assert b"You picked 3 pieces of feedback" in response.content
    # Ticked boxes, one per item, so a rep can untick one.
    assert response.content.count(b'name="evidence" type="checkbox"') == 3
    response = client.post(
        page,
        {
            "title": "Customer service training",
            "problem": "Rude reception staff.",
            "cost_band": "low",
            "scope": "council",
            "theme": theme.public_id,
            "evidence": [i.public_id for i in items[:2]],
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/proposals/{proposal.public_id}/")
    assert proposal.evidence.count() == 2
    assert list(proposal.authors.all()) == [rep]
    assert not selected_feedback_for(rep, tenant_a.council).exists()
    detail = client.get(response["Location"])
    assert b"2 people said this, at 1 surgery" in detail.content
    # Never who: the raw words of the items are not on the page.
    assert items[0].said.encode() not in detail.content


def test_draft_errors_keep_the_input(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    response = client.post(
        url(tenant_a, "proposals/new/"),
        {"title": "", "problem": "Cold waiting room", "cost_band": "low", "scope": "council"},
    )
    assert response.status_code == 200
    assert b"<title>Error: " in response.content
    assert b"Give the proposal a short title." in response.content
    assert b"Cold waiting room" in response.content
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "chair", "lead", "manager", "admin"])
def test_staff_cannot_open_the_drafting_page(tenant_a, client_for, role):
    response = client_for(tenant_a[role]).get(url(tenant_a, "proposals/new/"))
    assert response.status_code == 403
    assert b"written by council reps" in response.content


def test_staff_cannot_edit_but_can_comment(tenant_a, client_for, draft):
    client = client_for(tenant_a["coordinator"])
    assert client.get(url(tenant_a, f"proposals/{draft.public_id}/edit/")).status_code == 403
    response = client.post(
        url(tenant_a, f"proposals/{draft.public_id}/comment/"), {"body": "What would it cost?"}
    )
    assert response.status_code == 302
    assert draft.comments.get().body == "What would it cost?"


def test_author_edits(tenant_a, client_for, draft, theme):
    client = client_for(tenant_a["rep"])
    response = client.post(
        url(tenant_a, f"proposals/{draft.public_id}/edit/"),
        {
            "title": "Training for reception",
            "problem": draft.problem,
            "solution": draft.solution,
            "benefits": draft.benefits,
            "cost_band": "none",
            "scope": "region",
            "theme": theme.public_id,
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.scope) == ("Training for reception", "region")


# --- Meetings ---------------------------------------------------------------


def test_coordinator_schedules_a_council_meeting(tenant_a, client_for, ready):
    client = client_for(tenant_a["coordinator"])
    start = url(tenant_a, f"meetings/new/?council={tenant_a.council.public_id}&kind=council")
    assert client.get(start).status_code == 200
    day = timezone.localdate() + dt.timedelta(days=20)
    response = client.post(
        start,
        {
            "date": day.isoformat(),
            "starts_at": "14:00",
            "venue": "Board room",
            "chair": tenant_a["chair"].public_id,
            "invited": [tenant_a["rep"].public_id],
        },
    )
    meeting = Meeting.objects.get(date=day)
    assert response.status_code == 302
    assert meeting.agenda_items.filter(proposal=ready).exists()
    page = client.get(response["Location"])
    assert ready.title.encode() in page.content
    assert f"{meeting.papers_due_on:%-d %B %Y}".encode() in page.content


def test_a_meeting_whose_papers_date_has_passed_asks_when_papers_are_due(tenant_a, client_for):
    """Issue 15: nine days ahead, the usual papers date (14 days before) has
    gone. The form says so and keeps what was typed; the coordinator chooses."""
    client = client_for(tenant_a["coordinator"])
    start = url(tenant_a, f"meetings/new/?council={tenant_a.council.public_id}&kind=council")
    day = timezone.localdate() + dt.timedelta(days=9)
    typed = {
        "date": day.isoformat(),
        "starts_at": "14:00",
        "venue": "Board room",
        "chair": tenant_a["chair"].public_id,
    }
    response = client.post(start, typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert "which has passed. Enter the date papers are due" in page
    assert 'value="Board room"' in page
    assert not Meeting.objects.exists()

    papers = timezone.localdate() + dt.timedelta(days=4)
    response = client.post(start, {**typed, "papers_due": papers.isoformat()})
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.papers_due_on == papers

    too_late = client.post(
        start,
        {**typed, "date": (day + dt.timedelta(days=1)).isoformat(), "papers_due": "2099-01-01"},
    )
    assert b"Papers must be due on or before the day of the meeting." in too_late.content


def test_the_papers_reminder_follows_the_date_the_coordinator_chose(tenant_a):
    from proposals.selectors import meetings_due_papers_reminder

    today = timezone.localdate()
    meeting = services.meeting_create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        kind="council",
        date=today + dt.timedelta(days=9),
        starts_at=dt.time(14),
        venue="Board room",
        chair=tenant_a["chair"],
        papers_due=today + dt.timedelta(days=2),
        actor=tenant_a["coordinator"],
    )
    assert meeting in meetings_due_papers_reminder(today=today)
    assert meeting not in meetings_due_papers_reminder(today=today + dt.timedelta(days=3))


def test_council_meeting_without_a_chair_is_refused(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    start = url(tenant_a, f"meetings/new/?council={tenant_a.council.public_id}&kind=council")
    response = client.post(start, {"date": "2030-01-01", "starts_at": "14:00", "venue": "Room"})
    assert response.status_code == 200
    assert b"Choose who chairs the meeting." in response.content
    assert not Meeting.objects.exists()


def test_hub_meeting_is_hidden_from_senior_staff(tenant_a, client_for, hub):
    assert (
        client_for(tenant_a["chair"]).get(url(tenant_a, f"meetings/{hub.public_id}/")).status_code
        == 403
    )
    assert (
        client_for(tenant_a["rep"]).get(url(tenant_a, f"meetings/{hub.public_id}/")).status_code
        == 200
    )


def test_reps_mark_a_draft_ready_at_the_hub(tenant_a, client_for, draft, hub):
    client = client_for(tenant_a["rep"])
    page = client.get(url(tenant_a, f"meetings/{hub.public_id}/"))
    assert b"Ready for the council" in page.content
    response = client.post(url(tenant_a, f"meetings/{hub.public_id}/ready/{draft.public_id}/"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.READY


def test_agenda_refuses_another_councils_proposal(
    tenant_a, client_for, council_meeting, other_council_proposal
):
    client = client_for(tenant_a["coordinator"])
    response = client.post(
        url(tenant_a, f"meetings/{council_meeting.public_id}/agenda/"),
        {"kind": "proposal", "proposal": other_council_proposal.public_id},
    )
    assert response.status_code == 200
    assert b"Choose one of the proposals in the list." in response.content
    assert not AgendaItem.objects.filter(proposal=other_council_proposal).exists()


def test_the_agenda_offers_only_proposals_it_can_take(
    tenant_a, client_for, council_meeting, ready, other_council_proposal
):
    """Issue 15: the list offered drafts and withdrawn proposals that the
    service then refused. It offers the council's ready proposals only, and
    the title box and the list each show under their own choice."""
    draft_too = services.proposal_create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        actor=tenant_a["rep"],
        data={
            "title": "A draft still being written",
            "problem": "Letters arrive late.",
            "solution": "Send texts as well.",
            "theme": ready.theme,
        },
    )
    # Marking it ready put it on the agenda; take it off, so it can be added.
    for item in council_meeting.agenda_items.filter(proposal=ready):
        services.agenda_item_remove(item=item, actor=tenant_a["coordinator"])
    client = client_for(tenant_a["coordinator"])
    page = client.get(url(tenant_a, f"meetings/{council_meeting.public_id}/agenda/"))
    html = page.content.decode()
    assert f'value="{ready.public_id}"' in html
    assert f'value="{draft_too.public_id}"' not in html
    assert f'value="{other_council_proposal.public_id}"' not in html
    # Conditional reveal: each radio controls the box it needs.
    assert 'data-aria-controls="conditional-id_kind_0"' in html
    assert 'id="conditional-id_kind_1"' in html

    client.post(
        url(tenant_a, f"meetings/{council_meeting.public_id}/agenda/"),
        {"kind": "proposal", "proposal": ready.public_id},
    )
    page = client.get(url(tenant_a, f"meetings/{council_meeting.public_id}/agenda/"))
    # Once on the agenda it is not offered again.
    assert f'value="{ready.public_id}"' not in page.content.decode()


def test_agenda_reorder(tenant_a, client_for, council_meeting):
    first = services.agenda_item_add(
        meeting=council_meeting, kind="other", title="Welcome", actor=tenant_a["coordinator"]
    )
    second = services.agenda_item_add(
        meeting=council_meeting, kind="other", title="Close", actor=tenant_a["coordinator"]
    )
    client = client_for(tenant_a["coordinator"])
    client.post(url(tenant_a, f"agenda-items/{second.public_id}/move/"), {"direction": "up"})
    assert list(council_meeting.agenda_items.all()) == [second, first]
    assert (
        client_for(tenant_a["rep"])
        .post(url(tenant_a, f"agenda-items/{second.public_id}/move/"), {"direction": "down"})
        .status_code
        == 403
    )


def test_minutes_and_action_points(tenant_a, client_for, council_meeting):
    client = client_for(tenant_a["rep"])
    response = client.post(
        url(tenant_a, f"meetings/{council_meeting.public_id}/minutes/"),
        {"text": "The chair welcomed everyone."},
    )
    assert response.status_code == 302
    response = client.post(
        url(tenant_a, f"meetings/{council_meeting.public_id}/actions/new/"),
        {
            "description": "Ask about water",
            "owner": tenant_a["lead"].public_id,
            "due_on": "2000-01-01",
        },
    )
    assert b"cannot be before the meeting" in response.content
    assert council_meeting.minute_points.count() == 1


def test_attendance_page(tenant_a, client_for, council_meeting):
    client = client_for(tenant_a["coordinator"])
    page = client.get(url(tenant_a, f"meetings/{council_meeting.public_id}/attendance/"))
    assert page.status_code == 200
    field = f"person_{tenant_a['rep'].public_id.hex}"
    client.post(
        url(tenant_a, f"meetings/{council_meeting.public_id}/attendance/"), {field: "apologies"}
    )
    assert council_meeting.attendance.get().status == "apologies"


# --- Decisions --------------------------------------------------------------


@pytest.fixture
def on_agenda(tenant_a, ready, council_meeting):
    services.agenda_build(meeting=council_meeting, actor=tenant_a["coordinator"])
    return ready


def decide_url(tenant, meeting, proposal):
    return url(tenant, f"meetings/{meeting.public_id}/decide/{proposal.public_id}/")


def test_not_accepted_without_a_reason_is_refused(tenant_a, client_for, council_meeting, on_agenda):
    client = client_for(tenant_a["chair"])
    response = client.post(
        decide_url(tenant_a, council_meeting, on_agenda),
        {"outcome": "not_accepted", "not_accepted_reason": "No money this year."},
    )
    assert response.status_code == 200
    assert b"Choose the kind of reason" in response.content
    assert b"No money this year." in response.content
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "lead", "manager", "rep", "admin"])
def test_only_a_chair_opens_the_decision_page(
    tenant_a, client_for, council_meeting, on_agenda, role
):
    response = client_for(tenant_a[role]).post(
        decide_url(tenant_a, council_meeting, on_agenda), {"outcome": "accepted"}
    )
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_chair_decides_and_publishes(
    tenant_a, client_for, council_meeting, on_agenda, rep2, django_capture_on_commit_callbacks
):
    client = client_for(tenant_a["chair"])
    response = client.post(
        decide_url(tenant_a, council_meeting, on_agenda),
        {
            "outcome": "not_accepted",
            "reason_category": "cost",
            "not_accepted_reason": "No budget this year.",
        },
    )
    assert response.status_code == 302
    # Reps cannot see an unpublished decision.
    rep_page = client_for(rep2).get(url(tenant_a, f"meetings/{council_meeting.public_id}/"))
    assert b"Not accepted" not in rep_page.content
    client = client_for(tenant_a["chair"])
    # Published from the page that shows what will be published.
    check = client.get(url(tenant_a, f"meetings/{council_meeting.public_id}/publish/check/"))
    checked = re.search(rb'name="checked" value="([0-9a-f]+)"', check.content).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(tenant_a, f"meetings/{council_meeting.public_id}/publish/"),
            {"checked": checked.decode()},
        )
    assert response.status_code == 302
    on_agenda.refresh_from_db()
    assert on_agenda.status == S.NOT_ACCEPTED
    assert {m.to[0] for m in mail.outbox} == {tenant_a["rep"].email, rep2.email}
    page = client_for(rep2).get(url(tenant_a, f"proposals/{on_agenda.public_id}/"))
    assert b"No budget this year." in page.content
    assert b"Cost" in page.content


def test_publishing_again_says_so(tenant_a, client_for, council_meeting, on_agenda):
    services.decision_record(
        meeting=council_meeting, proposal=on_agenda, outcome="accepted", actor=tenant_a["chair"]
    )
    services.decisions_publish(meeting=council_meeting, actor=tenant_a["chair"])
    client = client_for(tenant_a["chair"])
    response = client.post(
        url(tenant_a, f"meetings/{council_meeting.public_id}/publish/"), follow=True
    )
    assert b"no decisions waiting to be published" in response.content


# --- Implementation ---------------------------------------------------------


def test_target_date_before_the_decision_is_refused(tenant_a, client_for, accepted):
    client = client_for(tenant_a["chair"])
    response = client.post(
        url(tenant_a, f"proposals/{accepted.public_id}/owner/"),
        {"owner": tenant_a["lead"].public_id, "target_date": "2001-01-01"},
    )
    assert response.status_code == 200
    assert b"cannot be before the decision" in response.content
    accepted.refresh_from_db()
    assert accepted.owner is None


def test_lead_updates_and_marks_done(tenant_a, client_for, in_progress):
    client = client_for(tenant_a["lead"])
    page = client.get(url(tenant_a, f"proposals/{in_progress.public_id}/"))
    assert b"Post an update" in page.content
    response = client.post(
        url(tenant_a, f"proposals/{in_progress.public_id}/update/"),
        {"status": "in_progress", "note": "Trainer booked."},
    )
    assert response.status_code == 302
    response = client.post(
        url(tenant_a, f"proposals/{in_progress.public_id}/done/"), {"we_did": ""}
    )
    assert b"Say in plain words what was done." in response.content
    client.post(
        url(tenant_a, f"proposals/{in_progress.public_id}/done/"),
        {"we_did": "All reception staff were trained.", "confirm": "yes"},
    )
    page = client_for(tenant_a["rep"]).get(url(tenant_a, f"proposals/{in_progress.public_id}/"))
    assert b"We did" in page.content and b"All reception staff were trained." in page.content


@pytest.mark.parametrize("role", ["chair", "coordinator", "rep"])
def test_update_from_someone_who_does_not_own_it(tenant_a, client_for, in_progress, role):
    response = client_for(tenant_a[role]).post(
        url(tenant_a, f"proposals/{in_progress.public_id}/update/"),
        {"status": "in_progress", "note": "Hello"},
    )
    assert response.status_code == 403
    assert b"Only the person who owns this proposal" in response.content
    assert not in_progress.implementation_updates.exists()


def test_rep_follows_updates(
    tenant_a, client_for, in_progress, rep2, django_capture_on_commit_callbacks
):
    client_for(rep2).post(
        url(tenant_a, f"proposals/{in_progress.public_id}/follow/"), {"follow": "1"}
    )
    assert in_progress.followers.filter(pk=rep2.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.implementation_update_add(
            proposal=in_progress, status="in_progress", note="Started.", actor=tenant_a["lead"]
        )
    assert {m.to[0] for m in mail.outbox} == {rep2.email, tenant_a["rep"].email}


# --- Lists ------------------------------------------------------------------


def test_list_filters_and_counts(tenant_a, client_for, draft, ready_other=None):
    from .factories import ProposalFactory

    ProposalFactory(
        council=tenant_a.council, status="implemented", we_did="Done.", title="Done one"
    )
    ProposalFactory(council=tenant_a.other_council, status="draft", title="Elsewhere")
    client = client_for(tenant_a["coordinator"])
    response = client.get(url(tenant_a, "proposals/?status=implemented"))
    assert b"Done one" in response.content and draft.title.encode() not in response.content
    response = client.get(url(tenant_a, f"proposals/?council={tenant_a.other_council.public_id}"))
    assert b"Elsewhere" in response.content and b"Done one" not in response.content
    assert b"1 proposal" in response.content
    # A rep sees only their own council's proposals.
    response = client_for(tenant_a["rep"]).get(url(tenant_a, "proposals/"))
    assert b"Elsewhere" not in response.content


def test_role_pages(tenant_a, client_for, in_progress):
    assert (
        client_for(tenant_a["chair"]).get(url(tenant_a, "proposals/decisions/")).status_code == 200
    )
    assert client_for(tenant_a["rep"]).get(url(tenant_a, "proposals/decisions/")).status_code == 403
    page = client_for(tenant_a["lead"]).get(url(tenant_a, "proposals/my-actions/"))
    assert in_progress.title.encode() in page.content
    assert client_for(tenant_a["rep"]).get(url(tenant_a, "proposals/ours/")).status_code == 200
    assert client_for(tenant_a["lead"]).get(url(tenant_a, "proposals/ours/")).status_code == 403
    assert (
        client_for(tenant_a["coordinator"]).get(url(tenant_a, "proposals/overdue/")).status_code
        == 200
    )


def test_home_panels(tenant_a, client_for, in_progress):
    assert b"Our proposals" in client_for(tenant_a["rep"]).get(url(tenant_a, "")).content
    assert b"Decisions awaiting you" in client_for(tenant_a["chair"]).get(url(tenant_a, "")).content
    assert b"My actions" in client_for(tenant_a["lead"]).get(url(tenant_a, "")).content
    assert (
        b"Overdue and coming up"
        in client_for(tenant_a["coordinator"]).get(url(tenant_a, "")).content
    )


def test_list_filters_by_quarter_with_the_shared_key(tenant_a, client_for):
    from councils.periods import last_quarter, quarter_containing

    from .factories import ProposalFactory

    this = quarter_containing(timezone.localdate())
    before = last_quarter()
    ProposalFactory(
        council=tenant_a.council,
        title="Raised last quarter",
        raised_at=timezone.make_aware(dt.datetime.combine(before.start, dt.time(12))),
    )
    ProposalFactory(council=tenant_a.council, title="Raised this quarter")
    client = client_for(tenant_a["coordinator"])
    response = client.get(url(tenant_a, f"proposals/?period={before.key}"))
    assert before.key.endswith(("Q1", "Q2", "Q3", "Q4"))
    assert f'value="{before.key}"'.encode() in response.content
    assert b"Raised last quarter" in response.content
    assert b"Raised this quarter" not in response.content
    # Older links said "2026-q3": they still choose the quarter.
    response = client.get(url(tenant_a, f"proposals/?period={this.key.lower()}"))
    assert b"Raised this quarter" in response.content
    assert b"Raised last quarter" not in response.content
