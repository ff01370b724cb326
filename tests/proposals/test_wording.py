"""A proposal's words are printed only once a coordinator approved them,
and only while they read exactly as approved: through the pages, the public
page and every document read back from its PDF."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councils.audit import AuditEvent
from councils.models import Role
from councils.periods import quarter_key
from proposals import selectors, services
from proposals.models import Proposal, WordingApproval
from reports.models import GeneratedReport
from tests.factories import user_with_role
from tests.querycount import assert_flat_query_count
from tests.reports.pdftext import pdf_text

from .conftest import make_meeting
from .factories import ProposalFactory, approve_words

pytestmark = pytest.mark.django_db

TITLE = "Customer service training for reception"
YOU_SAID = "Reception staff are rude to us."
WE_DID = "Every receptionist at Dave Smith's office had a day of training."
REFUSED_TITLE = "Water cups in the waiting room"
REFUSED_SAID = "There is never any water in the waiting room."
REASON = "The building manager Mr Pike says there is no budget for cups."
WORDS = (TITLE, YOU_SAID, WE_DID, REFUSED_TITLE, REFUSED_SAID, REASON)


def org_url(tenant, path: str) -> str:
    return f"/{tenant.organisation.slug}/{path}"


@pytest.fixture
def done(tenant_a, in_progress):
    return services.proposal_mark_implemented(
        proposal=in_progress, we_did=WE_DID, actor=tenant_a["lead"]
    )


@pytest.fixture
def refused(tenant_a, theme):
    rep, chair = tenant_a["rep"], tenant_a["chair"]
    proposal = services.proposal_create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        actor=rep,
        data={
            "title": REFUSED_TITLE,
            "problem": REFUSED_SAID,
            "solution": "Cups by the water cooler.",
            "benefits": "People can drink water while they wait.",
            "theme": theme,
            "cost_band": "low",
            "scope": "council",
        },
    )
    hub = make_meeting(tenant_a, "hub")
    services.proposal_mark_ready(proposal=proposal, meeting=hub, actor=rep)
    meeting = make_meeting(tenant_a, "council")
    services.agenda_build(meeting=meeting, actor=tenant_a["coordinator"])
    services.decision_record(
        meeting=meeting,
        proposal=proposal,
        outcome="not_accepted",
        reason_category="cost",
        reason=REASON,
        actor=chair,
    )
    services.decisions_publish(meeting=meeting, actor=chair)
    proposal.refresh_from_db()
    return proposal


def approve_through_the_page(client, tenant, proposal, *, edits=None) -> None:
    """The coordinator opens the proposal's words and approves each part."""
    edits = edits or {}
    page = org_url(tenant, f"proposals/{proposal.public_id}/words/")
    assert client.get(page).status_code == 200
    fresh = selectors.proposal_for_wording(proposal)
    for part in selectors.wording_for(fresh):
        response = client.post(
            page,
            {
                "part": part.part,
                f"{part.part}-seen": services.fingerprint(part.text),
                f"{part.part}-text": edits.get(part.part, part.text),
                f"{part.part}-decision": "approve",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]


def published_texts(tenant, coordinator, public_client, capture) -> dict[str, str]:
    """The council's public page, and each document made through the
    "Ask for a report" page for this quarter so far, read back as text."""
    texts = {}
    page = public_client.get(f"/public/{tenant.organisation.slug}/{tenant.council.slug}/")
    assert page.status_code == 200
    texts["public page"] = page.content.decode()
    for kind in GeneratedReport.DOCUMENT_KINDS:
        with capture(execute=True):
            response = coordinator.post(
                org_url(tenant, "reports/new/"),
                {
                    "kind": kind,
                    "scope": f"council:{tenant.council.public_id}",
                    "period": quarter_key(timezone.localdate()),
                },
            )
        assert response.status_code == 302
        report = GeneratedReport.objects.filter(kind=kind).latest("created_at")
        assert report.status == GeneratedReport.Status.READY, report.failure_message
        pdf = coordinator.get(org_url(tenant, f"reports/{report.public_id}/pdf/"))
        texts[kind] = pdf_text(b"".join(pdf.streaming_content))
    return texts


def test_words_are_printed_only_once_approved_and_only_as_approved(
    tenant_a, client_for, client, done, refused, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    coordinator = client_for(tenant_a["coordinator"])
    coordinator.post(
        org_url(tenant_a, f"reports/public-pages/{tenant_a.council.public_id}/"), {"enabled": "1"}
    )

    # Decided and published, but nobody has read the words yet.
    texts = published_texts(tenant_a, coordinator, client, capture)
    for where, text in texts.items():
        for words in WORDS:
            assert words not in text, (where, words)
    # Every decision is still there, in true and neutral words.
    for where in ("public page", GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET):
        text = texts[where]
        assert text.count("An idea about Reception and buildings") == 2, where
        assert "This change has been made." in text, where
        assert "because of what it would cost" in text, where
    assert "An idea about Reception and buildings" in texts["you_said_we_did_poster"]

    # The coordinator approves them; the name comes out of "we did".
    approve_through_the_page(
        coordinator, tenant_a, done, edits={"we_did": "Every receptionist had training."}
    )
    approve_through_the_page(
        coordinator, tenant_a, refused, edits={"decision_reason": "No budget."}
    )
    texts = published_texts(tenant_a, coordinator, client, capture)
    for where in ("public page", GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET):
        text = texts[where]
        for words in (TITLE, YOU_SAID, REFUSED_TITLE, REFUSED_SAID):
            assert words in text, (where, words)
        assert "Every receptionist had training." in text
        assert "No budget." in text
        assert WE_DID not in text and REASON not in text
    assert YOU_SAID in texts["you_said_we_did_poster"]

    # The words change after approval (however they are changed): they wait again.
    Proposal.objects.filter(pk=done.pk).update(problem="Reception staff at Dave's desk are rude.")
    texts = published_texts(tenant_a, coordinator, client, capture)
    for where, text in texts.items():
        assert "Reception staff" not in text, where
        assert TITLE in text or where == GeneratedReport.Kind.QUARTERLY
    waiting = selectors.waiting_words(tenant_a.organisation, None)
    assert [(w.proposal.pk, w.part, w.changed_since_approval) for w in waiting] == [
        (done.pk, "problem", True)
    ]


def test_the_queue_lists_waiting_words_oldest_first_with_a_count_on_home(
    tenant_a, client_for, done, refused
):
    client = client_for(tenant_a["coordinator"])
    home = client.get(org_url(tenant_a, "")).content.decode()
    start = home.find('id="panel-words"')
    assert "Words waiting for approval (6)" in home, home[start : start + 800]
    page = client.get(org_url(tenant_a, "proposals/words/"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "6 parts waiting, oldest first" in text
    waiting = selectors.waiting_words_page(tenant_a.organisation, None, None, 25).object_list
    assert [w.since for w in waiting] == sorted(w.since for w in waiting)
    assert {w.part for w in waiting} == {"title", "problem", "we_did", "decision_reason"}

    # Send back with a note: out of the queue, and the proposal page says why.
    review = org_url(tenant_a, f"proposals/{done.public_id}/words/")
    response = client.post(
        review,
        {
            "part": "we_did",
            "we_did-seen": services.fingerprint(WE_DID),
            "we_did-text": WE_DID,
            "we_did-note": "Please take the officer's name out of this.",
            "we_did-decision": "send_back",
        },
    )
    assert response.status_code == 302
    assert len(selectors.waiting_words(tenant_a.organisation, None)) == 5
    detail = client_for(tenant_a["rep"]).get(org_url(tenant_a, f"proposals/{done.public_id}/"))
    text = detail.content.decode()
    assert "Words for publication" in text
    assert "Sent back: Please take the officer&#x27;s name out of this." in text
    assert "Waiting for a coordinator" in text
    assert WordingApproval.objects.get(part="we_did").status == "sent_back"
    assert AuditEvent.objects.filter(action="proposal.wording_sent_back").count() == 1
    # The queue lists it as sent back, from the columns it reads (no query a row).
    coordinator = client_for(tenant_a["coordinator"])
    with CaptureQueriesContext(connection) as queries:
        queue = coordinator.get(org_url(tenant_a, "proposals/words/")).content.decode()
    assert "Sent back, not changed yet" in queue
    assert "We did: Please take the officer&#x27;s name out of this." in queue
    assert len(queries) <= 8


def test_a_send_back_needs_a_note_and_approval_refuses_personal_data(tenant_a, client_for, done):
    client = client_for(tenant_a["coordinator"])
    review = org_url(tenant_a, f"proposals/{done.public_id}/words/")
    seen = services.fingerprint(YOU_SAID)
    response = client.post(
        review, {"part": "problem", "problem-seen": seen, "problem-decision": "send_back"}
    )
    assert response.status_code == 200
    assert "Say what should change" in response.content.decode()
    response = client.post(
        review,
        {
            "part": "problem",
            "problem-seen": seen,
            "problem-text": "Ring 07700 900123 about reception.",
            "problem-decision": "approve",
        },
    )
    assert response.status_code == 200
    assert not WordingApproval.objects.exists()


def test_words_read_before_a_change_are_not_approved(tenant_a, done):
    with pytest.raises(ValidationError):
        services.wording_approve(
            proposal=done,
            part="problem",
            text=YOU_SAID,
            seen=services.fingerprint("Something it said before."),
            actor=tenant_a["coordinator"],
        )
    assert not WordingApproval.objects.exists()


@pytest.mark.parametrize("role", [Role.REP, Role.CHAIR, Role.LEAD, Role.MANAGER, Role.ADMIN])
def test_the_service_refuses_anyone_but_a_coordinator(tenant_a, done, role):
    with pytest.raises(PermissionDenied):
        services.wording_approve(
            proposal=done,
            part="problem",
            text=YOU_SAID,
            seen=services.fingerprint(YOU_SAID),
            actor=tenant_a[role],
        )
    with pytest.raises(PermissionDenied):
        services.wording_send_back(
            proposal=done,
            part="problem",
            note="Please say this more plainly.",
            seen=services.fingerprint(YOU_SAID),
            actor=tenant_a[role],
        )
    assert not WordingApproval.objects.exists()


def test_a_coordinator_of_another_council_may_not_approve(tenant_a, done):
    elsewhere = user_with_role(
        tenant_a.organisation, Role.COORDINATOR, council=tenant_a.other_council
    )
    with pytest.raises(PermissionDenied):
        services.wording_approve(
            proposal=done,
            part="problem",
            text=YOU_SAID,
            seen=services.fingerprint(YOU_SAID),
            actor=elsewhere,
        )
    assert selectors.waiting_words(tenant_a.organisation, {tenant_a.other_council.pk}) == []


def test_nobody_approves_words_they_wrote(tenant_a, refused):
    # The chair who gave the reason is also a coordinator.
    chair = tenant_a["chair"]
    from tests.factories import RoleAssignmentFactory

    RoleAssignmentFactory(organisation=tenant_a.organisation, user=chair, role=Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        services.wording_approve(
            proposal=refused,
            part="decision_reason",
            text=REASON,
            seen=services.fingerprint(REASON),
            actor=chair,
        )
    row = services.wording_approve(
        proposal=refused,
        part="decision_reason",
        text="No budget.",
        seen=services.fingerprint(REASON),
        actor=tenant_a["coordinator"],
    )
    assert row.text == "No budget."
    event = AuditEvent.objects.get(action="proposal.wording_approved")
    assert event.changes == {"part": "decision_reason", "edited": True}
    assert REASON not in event.object_repr


def test_words_of_a_proposal_not_yet_decided_cannot_be_approved(tenant_a, ready):
    with pytest.raises(ValidationError):
        services.wording_approve(
            proposal=ready,
            part="problem",
            text=ready.problem,
            seen=services.fingerprint(ready.problem),
            actor=tenant_a["coordinator"],
        )


def test_the_queue_page_query_count_is_flat(tenant_a, client_for, done):
    client = client_for(tenant_a["coordinator"])

    def grow():
        for _ in range(5):
            proposal = ProposalFactory(council=tenant_a.council, status="not_accepted")
            approve_words(proposal, by=tenant_a["coordinator"], parts={"title"})

    assert_flat_query_count(client, org_url(tenant_a, "proposals/words/"), grow=grow, budget=8)


def test_the_review_page_query_count_is_flat(tenant_a, client_for, done):
    client = client_for(tenant_a["coordinator"])

    def grow():
        approve_words(done, by=tenant_a["coordinator"])

    assert_flat_query_count(
        client, org_url(tenant_a, f"proposals/{done.public_id}/words/"), grow=grow, budget=20
    )
