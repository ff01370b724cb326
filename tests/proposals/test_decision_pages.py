"""The chair's decision page and publishing (issue 15): only the chosen
outcome's questions count, their errors come back beside them with the rest
kept; the page links to the full proposal; and decisions are published from
a check page that lists what will be published and who will be told, once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from councils.models import Role
from members.models import RepProfile
from proposals import services
from proposals.models import Decision, Meeting, ProposalStatus, WordingApproval, WordingPart
from tests.factories import user_with_role

from .conftest import make_meeting

pytestmark = pytest.mark.django_db
S = ProposalStatus


def url(tenant, path: str) -> str:
    return f"/{tenant.organisation.slug}/{path}"


@pytest.fixture
def on_agenda(tenant_a, ready, council_meeting):
    services.agenda_build(meeting=council_meeting, actor=tenant_a["coordinator"])
    return ready


def decide_url(tenant, meeting, proposal) -> str:
    return url(tenant, f"meetings/{meeting.public_id}/decide/{proposal.public_id}/")


def check_url(tenant, meeting) -> str:
    return url(tenant, f"meetings/{meeting.public_id}/publish/check/")


def publish_url(tenant, meeting) -> str:
    return url(tenant, f"meetings/{meeting.public_id}/publish/")


def error_beside(content: bytes, field: str) -> bool:
    return f'id="id_{field}-error"'.encode() in content


def fingerprint_on(page) -> str:
    match = re.search(rb'name="checked" value="([0-9a-f]+)"', page.content)
    assert match, "the check page carries what the chair checked"
    return match.group(1).decode()


# --- The decision form -------------------------------------------------------


def test_each_outcome_has_its_own_questions_revealed_under_it(
    tenant_a, client_for, council_meeting, on_agenda
):
    page = client_for(tenant_a["chair"]).get(decide_url(tenant_a, council_meeting, on_agenda))
    html = page.content.decode()
    # GOV.UK conditional reveal: each outcome's radio controls a panel with
    # only its questions; nothing chosen yet, so every panel starts hidden
    # (shown by the stylesheet only when JavaScript runs).
    for outcome, fields in {
        "accepted_with_changes": ["changes_required"],
        "deferred": ["deferred_to", "deferred_to_meeting", "deferred_reason"],
        "not_accepted": ["reason_category", "not_accepted_reason"],
        "replaced": ["replaced_by", "replaced_changes"],
        "withdrawn": ["withdrawn_reason"],
    }.items():
        radio = re.search(rf'<input[^>]*value="{outcome}"[^>]*>', html).group(0)
        panel_id = re.search(r'data-aria-controls="([^"]+)"', radio).group(1)
        panel = html[html.index(f'id="{panel_id}"') :]
        panel = panel[: panel.index('name="outcome"')] if 'name="outcome"' in panel else panel
        assert "govuk-radios__conditional--hidden" in html[html.index(radio) :][:2000]
        for field in fields:
            assert f'name="{field}"' in panel, (outcome, field)
    accepted = re.search(r'<input[^>]*value="accepted"[^>]*>', html).group(0)
    assert "data-aria-controls" not in accepted  # nothing more to ask
    # Without JavaScript every question shows, so each label says its outcome.
    for label in (
        "What must change for it to be accepted?",
        "Deferred until this date",
        "Why is it deferred?",
        "Why is it not accepted?",
        "Which proposal replaces it?",
        "Why is it withdrawn? (optional)",
    ):
        assert label in html
    # Only one field of a name: a browser without JavaScript sends each once.
    assert html.count('name="not_accepted_reason"') == 1
    assert 'name="reason"' not in html


def test_decision_page_links_to_the_full_proposal(tenant_a, client_for, council_meeting, on_agenda):
    page = client_for(tenant_a["chair"]).get(decide_url(tenant_a, council_meeting, on_agenda))
    link = f'href="/{tenant_a.organisation.slug}/proposals/{on_agenda.public_id}/">'
    assert f"{link}Read the full proposal</a>" in page.content.decode()


@pytest.mark.parametrize(
    ("outcome", "answers", "errors"),
    [
        (
            "not_accepted",
            {"not_accepted_reason": "No money this year."},
            ["reason_category"],
        ),
        ("not_accepted", {"reason_category": "cost"}, ["not_accepted_reason"]),
        ("accepted_with_changes", {}, ["changes_required"]),
        ("deferred", {}, ["deferred_to", "deferred_reason"]),
        ("replaced", {}, ["replaced_changes"]),
    ],
)
def test_the_chosen_outcomes_questions_are_required_beside_them(
    tenant_a, client_for, council_meeting, on_agenda, outcome, answers, errors
):
    typed_elsewhere = "Words typed under another outcome."
    other = "withdrawn_reason" if outcome != "withdrawn" else "changes_required"
    response = client_for(tenant_a["chair"]).post(
        decide_url(tenant_a, council_meeting, on_agenda),
        {"outcome": outcome, other: typed_elsewhere, **answers},
    )
    assert response.status_code == 200
    for field in errors:
        assert error_beside(response.content, field), field
    # Nothing else is in error, and everything typed is kept.
    assert response.content.count(b'class="govuk-error-message"') == len(errors)
    assert typed_elsewhere.encode() in response.content
    for value in answers.values():
        assert value.encode() in response.content
    # The chosen outcome's panel is open (no JavaScript needed to see it).
    html = response.content.decode()
    radio = re.search(rf'<input[^>]*value="{outcome}"[^>]*>', html).group(0)
    assert "checked" in radio
    panel_id = re.search(r'data-aria-controls="([^"]+)"', radio).group(1)
    assert f'class="govuk-radios__conditional" id="{panel_id}"' in html
    assert not Decision.objects.exists()


def test_other_outcomes_answers_neither_stop_nor_join_the_decision(
    tenant_a, client_for, council_meeting, on_agenda
):
    """A chair without JavaScript sees every question; a date mistyped under
    "Deferred" does not stop an acceptance, and a reason typed under "Not
    accepted" is not saved with it."""
    response = client_for(tenant_a["chair"]).post(
        decide_url(tenant_a, council_meeting, on_agenda),
        {
            "outcome": "accepted_with_changes",
            "changes_required": "Reps help to deliver the training.",
            "deferred_to": "not a date",
            "not_accepted_reason": "No money this year.",
            "reason_category": "cost",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.outcome == "accepted_with_changes"
    assert decision.changes_required == "Reps help to deliver the training."
    assert (decision.reason, decision.reason_category, decision.deferred_to) == ("", "", None)


def test_each_outcome_saves_its_own_answers(tenant_a, client_for, council_meeting, on_agenda):
    later = make_meeting(
        tenant_a, Meeting.Kind.COUNCIL, date=timezone.localdate() + dt.timedelta(days=28)
    )
    client = client_for(tenant_a["chair"])
    page = decide_url(tenant_a, council_meeting, on_agenda)
    client.post(
        page,
        {
            "outcome": "deferred",
            "deferred_to_meeting": later.public_id,
            "deferred_reason": "We need the costs from estates first.",
            "changes_required": "Typed, then changed their mind.",
        },
    )
    decision = Decision.objects.get()
    assert (decision.outcome, decision.deferred_to_meeting) == ("deferred", later)
    assert decision.reason == "We need the costs from estates first."
    assert decision.changes_required == ""
    # Coming back to change it: the answers are under their own outcome.
    html = client.get(page).content.decode()
    assert re.search(r'<textarea[^>]*name="deferred_reason"[^>]*>We need the costs', html)
    assert re.search(r'<textarea[^>]*name="not_accepted_reason"[^>]*></textarea>', html)
    client.post(
        page,
        {
            "outcome": "withdrawn",
            "withdrawn_reason": "The reps asked to take it back.",
            "deferred_reason": "We need the costs from estates first.",
        },
    )
    decision.refresh_from_db()
    assert (decision.outcome, decision.reason) == ("withdrawn", "The reps asked to take it back.")
    assert decision.deferred_to_meeting is None


def test_a_service_rule_comes_back_beside_the_outcomes_own_field(
    tenant_a, client_for, council_meeting, on_agenda
):
    # The service's rule (a reason of at least three words) is shown beside
    # the deferral's own reason, not at the top of the page only.
    response = client_for(tenant_a["chair"]).post(
        decide_url(tenant_a, council_meeting, on_agenda),
        {"outcome": "deferred", "deferred_to_meeting": "", "deferred_reason": "Later."},
    )
    assert error_beside(response.content, "deferred_reason")
    assert b"at least three words" in response.content
    assert b"Later." in response.content


# --- Checking, then publishing -----------------------------------------------


@pytest.fixture
def recorded(tenant_a, council_meeting, on_agenda):
    return services.decision_record(
        meeting=council_meeting,
        proposal=on_agenda,
        outcome="not_accepted",
        reason_category="cost",
        reason="There is no budget for this until April.",
        actor=tenant_a["chair"],
    )


@pytest.fixture
def more_reps(tenant_a):
    """Reps who are told in each way: one with no email address, one who
    prefers post, and one who has stepped down (not told)."""
    org, council = tenant_a.organisation, tenant_a.council
    no_email = user_with_role(org, Role.REP, council=council, email="")
    by_post = user_with_role(org, Role.REP, council=council)
    RepProfile.objects.filter(user=by_post).update(
        contact_preference=RepProfile.ContactPreference.POST, address="1 High Street"
    )
    gone = user_with_role(org, Role.REP, council=council)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    return no_email, by_post


def test_meeting_page_sends_the_chair_to_check_first(
    tenant_a, client_for, council_meeting, recorded
):
    html = (
        client_for(tenant_a["chair"])
        .get(url(tenant_a, f"meetings/{council_meeting.public_id}/"))
        .content.decode()
    )
    assert (
        f'href="/{tenant_a.organisation.slug}/meetings/{council_meeting.public_id}/publish/check/"'
        in html
    )
    assert "Check and publish the decisions" in html
    # No button on the meeting page publishes straight away.
    assert '/publish/"' not in html


def test_check_page_lists_what_will_be_published_and_who_will_be_told(
    tenant_a,
    client_for,
    council_meeting,
    recorded,
    on_agenda,
    more_reps,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(tenant_a["chair"]).get(check_url(tenant_a, council_meeting))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Check the decisions before you publish them" in html
    # Each decision: the proposal, its outcome, the words the reps will read,
    # and a way back to change it.
    assert on_agenda.title in html
    assert "Not accepted" in html
    assert "There is no budget for this until April." in html
    assert ">Cost<" in html
    change = f"/meetings/{council_meeting.public_id}/decide/{on_agenda.public_id}/"
    assert f'href="/{tenant_a.organisation.slug}{change}">Change<span' in html
    # What documents will print: the chair's words wait for a coordinator.
    assert "Your words are printed once a coordinator approves them." in html
    # Who: the council's 3 active reps (the author among them), by how each is told.
    assert re.search(r"Reps of [^<]*</dt>\s*<dd[^>]*>3 reps</dd>", html)
    assert "1 by email" in html
    assert "1 by letter, for a coordinator to post" in html
    assert "1 person has no email address" in html
    assert "Publish and tell them" in html
    # Looking writes nothing.
    assert Decision.objects.get().published_at is None
    assert not mail.outbox


def test_check_page_shows_words_a_coordinator_already_approved(
    tenant_a, client_for, council_meeting, recorded, on_agenda
):
    WordingApproval.objects.create(
        organisation=tenant_a.organisation,
        proposal=on_agenda,
        part=WordingPart.DECISION_REASON,
        status=WordingApproval.Status.APPROVED,
        source_text=recorded.reason,
        text="There is no budget until April.",
        reviewed_by=tenant_a["coordinator"],
        reviewed_at=timezone.now(),
    )
    html = client_for(tenant_a["chair"]).get(check_url(tenant_a, council_meeting)).content
    assert "the words a coordinator approved: “There is no budget until April.”" in html.decode()


def test_check_page_with_nothing_waiting_goes_back_to_the_meeting(
    tenant_a, client_for, council_meeting, on_agenda
):
    response = client_for(tenant_a["chair"]).get(check_url(tenant_a, council_meeting), follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/meetings/{council_meeting.public_id}/")
    assert b"There are no decisions waiting to be published." in response.content


@pytest.mark.parametrize("role", ["coordinator", "lead", "manager", "rep", "admin"])
def test_only_a_chair_checks_or_publishes(tenant_a, client_for, council_meeting, recorded, role):
    client = client_for(tenant_a[role])
    assert client.get(check_url(tenant_a, council_meeting)).status_code == 403
    assert client.post(publish_url(tenant_a, council_meeting), {"checked": "x"}).status_code == 403
    assert Decision.objects.get().published_at is None


def test_publishing_needs_the_check_page(
    tenant_a, client_for, council_meeting, recorded, django_capture_on_commit_callbacks
):
    client = client_for(tenant_a["chair"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(tenant_a, council_meeting))
    assert response.status_code == 302
    assert response["Location"].endswith(check_url(tenant_a, council_meeting))
    assert Decision.objects.get().published_at is None
    assert not mail.outbox


def test_a_decision_changed_after_checking_is_not_published_unseen(
    tenant_a,
    client_for,
    council_meeting,
    recorded,
    on_agenda,
    django_capture_on_commit_callbacks,
):
    client = client_for(tenant_a["chair"])
    checked = fingerprint_on(client.get(check_url(tenant_a, council_meeting)))
    # Another chair changes the decision before this one presses the button.
    services.decision_record(
        meeting=council_meeting, proposal=on_agenda, outcome="accepted", actor=tenant_a["chair"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(tenant_a, council_meeting), {"checked": checked})
    assert response["Location"].endswith(check_url(tenant_a, council_meeting))
    assert Decision.objects.get().published_at is None
    assert not mail.outbox
    page = client.get(check_url(tenant_a, council_meeting))
    assert b"The decisions changed after you checked them." in page.content
    assert fingerprint_on(page) != checked


def test_publish_after_checking_tells_everyone_once(
    tenant_a,
    client_for,
    council_meeting,
    recorded,
    on_agenda,
    rep2,
    django_capture_on_commit_callbacks,
):
    client = client_for(tenant_a["chair"])
    checked = fingerprint_on(client.get(check_url(tenant_a, council_meeting)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(tenant_a, council_meeting), {"checked": checked})
    assert response["Location"].endswith(f"/meetings/{council_meeting.public_id}/")
    on_agenda.refresh_from_db()
    assert on_agenda.status == S.NOT_ACCEPTED
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == sorted([tenant_a["rep"].email, rep2.email])
    # Pressed again (a second tab, the back button): nothing more is sent.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            publish_url(tenant_a, council_meeting), {"checked": checked}, follow=True
        )
    assert b"There are no decisions waiting to be published." in again.content
    assert sorted(m.to[0] for m in mail.outbox) == told


def test_the_service_publishes_only_what_was_checked(
    tenant_a, council_meeting, recorded, on_agenda, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    from proposals import selectors

    checked = selectors.decisions_to_publish(council_meeting).fingerprint
    services.decision_record(
        meeting=council_meeting,
        proposal=on_agenda,
        outcome="not_accepted",
        reason_category="policy",
        reason="It goes against national policy.",
        actor=tenant_a["chair"],
    )
    with pytest.raises(ValidationError) as refused:
        services.decisions_publish(
            meeting=council_meeting, actor=tenant_a["chair"], checked=checked
        )
    assert "checked" in refused.value.error_dict
    assert Decision.objects.get().published_at is None
    now = selectors.decisions_to_publish(council_meeting).fingerprint
    with django_capture_on_commit_callbacks(execute=True):
        published = services.decisions_publish(
            meeting=council_meeting, actor=tenant_a["chair"], checked=now
        )
    assert [d.reason_category for d in published] == ["policy"]


def test_no_later_meeting_means_only_a_date_is_asked(
    tenant_a, client_for, council_meeting, on_agenda
):
    html = (
        client_for(tenant_a["chair"])
        .get(decide_url(tenant_a, council_meeting, on_agenda))
        .content.decode()
    )
    assert "Deferred until this date" in html
    assert "Or deferred to this council meeting" not in html
    assert re.search(r'<input type="hidden" name="deferred_to_meeting"', html)


def test_decisions_awaiting_links_to_the_check_page(
    tenant_a, client_for, council_meeting, recorded
):
    html = client_for(tenant_a["chair"]).get(url(tenant_a, "proposals/decisions/")).content
    check = (
        f'href="/{tenant_a.organisation.slug}/meetings/{council_meeting.public_id}/publish/check/"'
    )
    assert check.encode() in html
