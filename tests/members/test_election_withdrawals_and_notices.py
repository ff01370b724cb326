"""Elections, continued: withdrawing a nomination (a rep's own, or a
coordinator's on their behalf with a reason) only while nominations are open;
reps told by email (or letter) when nominations open and when voting opens,
once each; and the rep's home and the elections list saying what they can do."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from councils import email as email_module
from councils.models import AuditEvent, Role
from members import notifications, services, tasks
from members.models import Election, Letter, Nomination, RepProfile
from tests.factories import user_with_role
from tests.members.factories import election, nominate

pytestmark = pytest.mark.django_db


def _page(tenant, e, suffix=""):
    return reverse("election_detail", args=[tenant.organisation.slug, e.public_id]) + suffix


def _withdraw_url(tenant, e, n):
    return reverse("nomination_withdraw", args=[tenant.organisation.slug, e.public_id, n.public_id])


def _with_email(person, address):
    person.email = address
    person.save(update_fields=["email"])
    return person


# Withdrawing: the service ---------------------------------------------------


def test_a_rep_withdraws_their_own_nomination_and_is_off_the_ballot(tenant_a):
    e = election(tenant_a.council, stage="nominations")
    rep = tenant_a["rep"]
    n = nominate(e, rep)
    services.nomination_withdraw(nomination=n, actor=rep)
    n.refresh_from_db()
    assert n.withdrawn_at is not None and n.withdrawn_by == rep and n.withdrawal_reason == ""
    from members import selectors

    assert list(selectors.nominations_for(e)) == []
    event = AuditEvent.objects.get(action="election.nomination_withdrawn")
    assert event.changes["on_behalf"] is False


def test_a_rep_who_withdrew_may_stand_again_before_nominations_close(tenant_a):
    e = election(tenant_a.council, stage="nominations")
    rep = tenant_a["rep"]
    n = nominate(e, rep)
    services.nomination_withdraw(nomination=n, actor=rep)
    again = services.nomination_add(
        election=e, candidate=rep, statement="I changed my mind.", actor=rep
    )
    assert again.pk == n.pk
    again.refresh_from_db()
    assert again.withdrawn_at is None and again.statement == "I changed my mind."
    assert Nomination.objects.filter(election=e).count() == 1


def test_withdrawing_is_refused_once_voting_has_opened_and_says_tell_the_coordinator(tenant_a):
    e = election(tenant_a.council, stage="voting")
    rep = tenant_a["rep"]
    n = nominate(e, rep)
    with pytest.raises(ValidationError, match="tell your coordinator"):
        services.nomination_withdraw(nomination=n, actor=rep)
    with pytest.raises(ValidationError, match="can no longer be withdrawn"):
        services.nomination_withdraw(nomination=n, actor=tenant_a["coordinator"], reason="Ill")
    n.refresh_from_db()
    assert n.withdrawn_at is None


def test_the_window_closes_the_moment_voting_opens(tenant_a):
    e = election(tenant_a.council, stage="nominations")
    n = nominate(e, tenant_a["rep"])
    with time_machine.travel(e.voting_opens_at, tick=False):
        with pytest.raises(ValidationError):
            services.nomination_withdraw(nomination=n, actor=tenant_a["rep"])
    with time_machine.travel(e.voting_opens_at - dt.timedelta(seconds=1), tick=False):
        services.nomination_withdraw(nomination=n, actor=tenant_a["rep"])


def test_a_coordinator_withdraws_on_a_reps_behalf_with_a_reason(tenant_a):
    e = election(tenant_a.council, stage="nominations")
    n = nominate(e, tenant_a["rep"])
    coordinator = tenant_a["coordinator"]
    with pytest.raises(ValidationError) as error:
        services.nomination_withdraw(nomination=n, actor=coordinator, reason="  ")
    assert "reason" in error.value.error_dict
    services.nomination_withdraw(
        nomination=n, actor=coordinator, reason="Asked to at the council meeting."
    )
    n.refresh_from_db()
    assert n.withdrawn_by == coordinator
    assert n.withdrawal_reason == "Asked to at the council meeting."
    event = AuditEvent.objects.get(action="election.nomination_withdrawn")
    assert event.changes["on_behalf"] is True
    assert event.changes["reason"] == "Asked to at the council meeting."


def test_only_the_candidate_or_a_coordinator_of_the_council_may_withdraw(tenant_a):
    e = election(tenant_a.council, stage="nominations")
    n = nominate(e, tenant_a["rep"])
    other_rep = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    other_coordinator = user_with_role(
        tenant_a.organisation, Role.COORDINATOR, council=tenant_a.other_council
    )
    for actor in (other_rep, other_coordinator, tenant_a["chair"], tenant_a["lead"]):
        with pytest.raises(PermissionDenied):
            services.nomination_withdraw(nomination=n, actor=actor, reason="No")
    n.refresh_from_db()
    assert n.withdrawn_at is None


def test_a_withdrawn_nomination_is_not_counted(tenant_a):
    e = election(tenant_a.council, stage="nominations", kind="seats", seats=1)
    ray = tenant_a["rep"]
    jo = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    a, b = nominate(e, ray), nominate(e, jo)
    services.nomination_withdraw(nomination=b, actor=jo)
    with time_machine.travel(e.voting_opens_at + dt.timedelta(hours=1), tick=False):
        with pytest.raises(ValidationError):
            services.ballot_cast(election=e, nominations=[b], actor=ray)
        services.ballot_cast(election=e, nominations=[a], actor=ray)
    with time_machine.travel(e.voting_closes_at + dt.timedelta(hours=1), tick=False):
        services.election_count(election=e, actor=tenant_a["coordinator"])
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.elected and not b.elected and b.total_votes == 0


# Withdrawing: the pages -----------------------------------------------------


def test_a_rep_confirms_then_sees_a_success_banner(tenant_a, client_for):
    e = election(tenant_a.council, stage="nominations")
    rep = tenant_a["rep"]
    n = nominate(e, rep)
    client = client_for(rep)
    detail = client.get(_page(tenant_a, e)).content.decode()
    assert "Withdraw your nomination" in detail
    page = client.get(_withdraw_url(tenant_a, e, n)).content.decode()
    assert "Are you sure you want to withdraw?" in page
    assert 'name="reason"' not in page
    response = client.post(_withdraw_url(tenant_a, e, n), follow=True)
    body = response.content.decode()
    assert "You have withdrawn your nomination." in body
    assert "Stand in this election" in body
    # The public side does not list who withdrew.
    assert "Withdrawn" not in body


def test_a_coordinator_gives_a_reason_and_staff_see_who_withdrew(tenant_a, client_for):
    e = election(tenant_a.council, stage="nominations")
    n = nominate(e, tenant_a["rep"])
    client = client_for(tenant_a["coordinator"])
    response = client.post(_withdraw_url(tenant_a, e, n), {"reason": ""})
    assert response.status_code == 200
    assert "Say why you are withdrawing this nomination." in response.content.decode()
    n.refresh_from_db()
    assert n.withdrawn_at is None
    response = client.post(
        _withdraw_url(tenant_a, e, n), {"reason": "They asked me to."}, follow=True
    )
    body = response.content.decode()
    assert "Nomination withdrawn" in body
    assert "They asked me to." in body and "Only staff see this." in body


def test_after_voting_opens_the_page_sends_the_rep_back_with_what_to_do(tenant_a, client_for):
    e = election(tenant_a.council, stage="voting")
    n = nominate(e, tenant_a["rep"])
    client = client_for(tenant_a["rep"])
    response = client.post(_withdraw_url(tenant_a, e, n), follow=True)
    assert "tell your coordinator" in response.content.decode()
    n.refresh_from_db()
    assert n.withdrawn_at is None


def test_another_rep_cannot_open_the_withdrawal_page(tenant_a, client_for):
    e = election(tenant_a.council, stage="nominations")
    n = nominate(e, tenant_a["rep"])
    other = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    assert client_for(other).get(_withdraw_url(tenant_a, e, n)).status_code == 403
    assert client_for(other).post(_withdraw_url(tenant_a, e, n)).status_code == 403


# Notices --------------------------------------------------------------------


def _open(tenant, **kw):
    now = timezone.now()
    return services.election_open(
        council=tenant.council,
        kind="office",
        office="chair",
        voting_opens_at=kw.get("opens", now + dt.timedelta(days=7)),
        voting_closes_at=kw.get("closes", now + dt.timedelta(days=14)),
        tie_rule="lots",
        term_months=12,
        actor=tenant["coordinator"],
    )


def test_opening_an_election_tells_the_councils_reps_by_email_once(
    tenant_a, django_capture_on_commit_callbacks
):
    rep = _with_email(tenant_a["rep"], "rep@example.org")
    elsewhere = user_with_role(
        tenant_a.organisation, Role.REP, council=tenant_a.other_council, email="far@example.org"
    )
    _with_email(tenant_a["chair"], "chair@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        e = _open(tenant_a)
    assert [c.func.__self__ for c in callbacks] == [tasks.send_nominations_open_notice]
    assert [m.to for m in mail.outbox] == [[rep.email]]
    message = mail.outbox[0]
    assert message.subject == f"You can stand for election: {e}"
    local_opens = timezone.localtime(e.voting_opens_at)
    assert f"You can stand for election until {local_opens:%A} {local_opens.day}" in message.body
    assert settings.SITE_URL + _page(tenant_a, e) in message.body
    assert elsewhere.email not in {m.to[0] for m in mail.outbox}
    e.refresh_from_db()
    assert e.nominations_notice_sent_at is not None


def test_the_voting_notice_goes_once_when_voting_opens(
    tenant_a, django_capture_on_commit_callbacks
):
    rep = _with_email(tenant_a["rep"], "rep@example.org")
    second = user_with_role(
        tenant_a.organisation, Role.REP, council=tenant_a.council, email="second@example.org"
    )
    # The reps were told when nominations opened.
    e = election(tenant_a.council, stage="nominations", nominations_notice_sent_at=timezone.now())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_election_notices() == 0
    assert mail.outbox == []
    with (
        time_machine.travel(e.voting_opens_at + dt.timedelta(minutes=10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.send_election_notices() == 1
        assert tasks.send_election_notices() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([rep.email, second.email])
    message = mail.outbox[0]
    assert message.subject == f"Voting is open: {e}"
    assert "You can vote until" in message.body
    assert "Your vote is secret" in message.body
    assert settings.SITE_URL + _page(tenant_a, e) in message.body
    e.refresh_from_db()
    assert e.voting_notice_sent_at is not None


def test_no_voting_notice_for_a_closed_or_counted_election(
    tenant_a, django_capture_on_commit_callbacks
):
    _with_email(tenant_a["rep"], "rep@example.org")
    election(tenant_a.council, stage="closed")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_election_notices() == 0
    assert mail.outbox == []


def test_a_rep_who_prefers_post_gets_a_letter_instead(tenant_a, django_capture_on_commit_callbacks):
    rep = _with_email(tenant_a["rep"], "rep@example.org")
    RepProfile.objects.filter(user=rep).update(contact_preference="post")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        e = _open(tenant_a)
    assert mail.outbox == []
    letter = Letter.objects.get(person=rep)
    assert letter.subject == f"You can stand for election: {e}"
    assert "You can stand for election until" in letter.body


def test_a_vote_again_after_a_tie_sends_no_nominations_notice(
    tenant_a, django_capture_on_commit_callbacks
):
    e = election(tenant_a.council, stage="closed")
    Election.objects.filter(pk=e.pk).update(
        counted_at=timezone.now(), outcome=Election.Outcome.TIED
    )
    e.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rerun = services.election_open(
            council=tenant_a.council,
            kind="office",
            office="chair",
            voting_opens_at=timezone.now() + dt.timedelta(minutes=1),
            voting_closes_at=timezone.now() + dt.timedelta(days=7),
            tie_rule="lots",
            term_months=12,
            actor=tenant_a["coordinator"],
            rerun_of=e,
        )
    assert callbacks == []
    assert rerun.nominations_notice_sent_at is not None


def test_notices_are_on_the_schedule_and_are_email_tasks():
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks.send_election_notices.name in names
    assert tasks.send_nominations_open_notice.sends_email


def test_a_notice_to_stand_that_could_not_be_queued_is_sent_by_the_schedule_once(
    tenant_a, django_capture_on_commit_callbacks, monkeypatch
):
    rep = _with_email(tenant_a["rep"], "rep@example.org")

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_nominations_open_notice, "delay", broker_down)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        e = _open(tenant_a)
    assert mail.outbox == []
    e.refresh_from_db()
    assert e.nominations_notice_sent_at is None
    # The next run of the schedule sends it; the one after sends nothing.
    assert tasks.send_election_notices() == 1
    assert tasks.send_election_notices() == 0
    assert [m.to for m in mail.outbox] == [[rep.email]]
    assert mail.outbox[0].subject == f"You can stand for election: {e}"
    e.refresh_from_db()
    assert e.nominations_notice_sent_at is not None


def test_a_notice_that_fails_to_send_stays_unmarked_and_goes_on_the_next_run(tenant_a, monkeypatch):
    by_post = tenant_a["rep"]
    RepProfile.objects.filter(user=by_post).update(contact_preference="post")
    by_email = user_with_role(
        tenant_a.organisation,
        Role.REP,
        council=tenant_a.council,
        display_name="Zed Last",
        email="zed@example.org",
    )
    e = election(tenant_a.council, stage="voting", nominations_notice_sent_at=timezone.now())

    letters_when_it_failed = []

    def mail_server_down(**kwargs):
        letters_when_it_failed.append(Letter.objects.filter(person=by_post).count())
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(email_module, "send_mail", mail_server_down)
    mail.outbox.clear()
    assert tasks.send_election_notices() == 0
    e.refresh_from_db()
    # Nothing was marked, and the letter written before the failure is not kept.
    assert letters_when_it_failed == [1]
    assert e.voting_notice_sent_at is None
    assert not Letter.objects.filter(person=by_post).exists()
    monkeypatch.undo()
    assert tasks.send_election_notices() == 1
    assert tasks.send_election_notices() == 0
    assert [m.to for m in mail.outbox] == [[by_email.email]]
    assert Letter.objects.filter(person=by_post).count() == 1
    e.refresh_from_db()
    assert e.voting_notice_sent_at is not None


def test_a_failing_task_leaves_the_notice_to_stand_for_the_schedule(tenant_a, monkeypatch):
    rep = _with_email(tenant_a["rep"], "rep@example.org")
    e = election(tenant_a.council, stage="nominations")

    def fails(**kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(notifications, "email_people", fails)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        tasks.send_nominations_open_notice(e.pk)
    e.refresh_from_db()
    assert e.nominations_notice_sent_at is None
    monkeypatch.undo()
    mail.outbox.clear()
    assert tasks.send_election_notices() == 1
    # Queued again late (a retry), the task finds it gone and sends nothing.
    assert tasks.send_nominations_open_notice(e.pk) is False
    assert [m.to for m in mail.outbox] == [[rep.email]]


def test_a_notice_to_stand_is_not_sent_once_voting_has_opened(tenant_a):
    _with_email(tenant_a["rep"], "rep@example.org")
    e = election(tenant_a.council, stage="voting")
    mail.outbox.clear()
    assert tasks.send_election_notices() == 1
    assert [m.subject for m in mail.outbox] == [f"Voting is open: {e}"]
    e.refresh_from_db()
    assert e.nominations_notice_sent_at is None and e.voting_notice_sent_at is not None


# What a rep can do, on their home and the list ------------------------------


def test_the_home_page_and_the_list_say_stand_for_election_then_vote_now(tenant_a, client_for):
    standing = election(tenant_a.council, stage="nominations")
    voting = election(tenant_a.council, stage="voting", office="secretary")
    client = client_for(tenant_a["rep"])
    home = client.get(f"/{tenant_a.organisation.slug}/").content.decode()
    assert f"Stand for election: {standing}" in home
    assert f"Vote now: {voting}" in home
    listing = client.get(reverse("election_list", args=[tenant_a.organisation.slug]))
    body = listing.content.decode()
    assert reverse("nomination_new", args=[tenant_a.organisation.slug, standing.public_id]) in body
    assert reverse("election_ballot", args=[tenant_a.organisation.slug, voting.public_id]) in body
    # Once standing, the home no longer asks; the list says they are standing.
    nominate(standing, tenant_a["rep"])
    home = client.get(f"/{tenant_a.organisation.slug}/").content.decode()
    assert "Stand for election" not in home
    body = client.get(reverse("election_list", args=[tenant_a.organisation.slug])).content
    assert "You are standing" in body.decode()


def test_a_coordinator_is_not_asked_to_stand_or_vote_on_the_list(tenant_a, client_for):
    e = election(tenant_a.council, stage="nominations")
    body = client_for(tenant_a["coordinator"]).get(
        reverse("election_list", args=[tenant_a.organisation.slug])
    )
    assert reverse("nomination_new", args=[tenant_a.organisation.slug, e.public_id]) not in (
        body.content.decode()
    )
