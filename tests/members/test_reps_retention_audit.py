"""Retention reaches the audit trail: when a former rep's personal data is
deleted, every audit event about them or naming them keeps who acted, when,
what kind and on which object, but no longer holds their name, username,
email, phone, address, needs, order end date or words from their restricted
records. The deletion is itself audited, naming nobody."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from councils.audit import audit_record
from councils.models import AuditEvent, Role
from members import services
from members.models import Letter, Referral, RepProfile
from members.tasks import delete_expired_personal_data
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

NAME = "Jamie Leaver"
USERNAME = "jamie.leaver"
EMAIL = "jamie.leaver@example.org"
PHONE = "07700 900999"
ADDRESS = "2 Mill Lane\nBramford"
NEEDS = "Needs the papers read aloud"
REASON = "Worried about travelling to Ipswich alone"
NOTE = "Talked about the bakery interview"
ACTION = "Book a taxi for Thursdays"
CONDITION = "Not at the Westgate office"
MOVED_ON = "A job at the bakery"
SUBJECT = "Your next meeting, Jamie"


def _history(tenant, *, name, username, email, left_days_ago, phone=PHONE, status="moved_on"):
    """A rep with a history of audited events, who left some days ago."""
    today = timezone.localdate()
    person = user_with_role(
        tenant.organisation,
        Role.REP,
        council=tenant.council,
        display_name=name,
        first_name=name.split()[0],
        last_name=name.split()[1],
        username=username,
        email=email,
    )
    profile = person.rep_profile
    RepProfile.objects.filter(pk=profile.pk).update(
        joined_on=today - dt.timedelta(days=left_days_ago + 400)
    )
    profile.refresh_from_db()
    coordinator = tenant["coordinator"]
    # The rep corrects their own details (the actor is the rep).
    services.my_details_update(
        profile=profile,
        phone=phone,
        email=email,
        address=ADDRESS,
        contact_preference="post",
        accessibility_needs=NEEDS,
        actor=person,
    )
    profile.refresh_from_db()
    services.rep_order_end_record(
        profile=profile,
        order_ends_on=today - dt.timedelta(days=left_days_ago + 100),
        actor=coordinator,
    )
    services.restricted_record_read(profile=profile, actor=coordinator)
    services.restricted_records_listed(
        organisation=tenant.organisation, actor=coordinator, lists={"reviews due": [profile]}
    )
    services.suitability_record(
        profile=profile,
        decision="ready",
        decided_on=profile.joined_on,
        reason=REASON,
        actor=coordinator,
    )
    services.licence_condition_add(
        profile=profile, kind="not_site", site=tenant.site, description=CONDITION, actor=coordinator
    )
    services.check_in_record(
        profile=profile,
        held_on=profile.joined_on,
        how_it_went="well",
        notes=NOTE,
        action=ACTION,
        actor=coordinator,
    )
    services.letter_instead_of_email(person, SUBJECT, "Dear Jamie, see you on Thursday.")
    letter = Letter.objects.get(person=person)
    services.letter_mark_posted(letter=letter, actor=coordinator)
    services.rep_status_change(
        profile=profile,
        status=status,
        changed_on=today - dt.timedelta(days=left_days_ago),
        moved_on_to=MOVED_ON if status == "moved_on" else "",
        actor=coordinator,
    )
    # Events written before call sites stored ids only, and events from other
    # apps that name the person (an owner, an author, minutes by name).
    audit_record(
        organisation=tenant.organisation,
        actor=coordinator,
        action="rep.order_end_recorded",
        obj=profile,
        changes={"order_ends_on": [None, "2024-03-01"], "email": email, "phone": phone},
    )
    audit_record(
        organisation=tenant.organisation,
        actor=coordinator,
        action="action_point.created",
        obj=tenant.council,
        changes={"owner": name, "due_on": "2025-01-01", name: "attended"},
    )
    audit_record(
        organisation=tenant.organisation,
        actor=coordinator,
        action="staff.invited",
        obj=person,
        changes={"email": email, "role": "rep"},
    )
    return RepProfile.objects.get(pk=profile.pk)


def _text(event: AuditEvent) -> str:
    return " ".join(
        [event.object_repr, str(event), json.dumps(event.changes, ensure_ascii=False)]
    ).lower()


PERSONAL = [NAME, USERNAME, EMAIL, PHONE, "2 Mill Lane", "Bramford", NEEDS, REASON, NOTE]
PERSONAL += [CONDITION, ACTION, MOVED_ON, SUBJECT, "Jamie", "Leaver", "2024-03-01"]


def test_erasure_clears_the_person_from_every_audit_event_and_keeps_the_events(tenant_a):
    tenant_a.organisation.retention_days = 365
    tenant_a.organisation.save(update_fields=["retention_days"])
    gone = _history(tenant_a, name=NAME, username=USERNAME, email=EMAIL, left_days_ago=366)
    order_end = str(RepProfile.objects.get(pk=gone.pk).order_ends_on)
    before = {
        e.pk: (e.action, e.created_at, e.actor_id, e.object_type, e.object_id)
        for e in AuditEvent.objects.all()
    }
    assert any(NAME.lower() in _text(e) for e in AuditEvent.objects.all())
    # New events store which field changed, not the order end date.
    assert not any(order_end in _text(e) for e in AuditEvent.objects.all())

    assert delete_expired_personal_data()["people"] == 1

    events = list(AuditEvent.objects.select_related("actor"))
    # Every event is still there, with its kind, time, actor and object.
    after = {e.pk: (e.action, e.created_at, e.actor_id, e.object_type, e.object_id) for e in events}
    assert {k: v for k, v in after.items() if k in before} == before
    for event in events:
        text = _text(event)
        for value in [*PERSONAL, order_end]:
            assert value.lower() not in text, (value, event.action, text)
    # The person shows as "Former rep", as the object and as the actor.
    own = AuditEvent.objects.get(action="rep.own_details_changed")
    assert own.object_repr == "Former rep"
    assert str(own.actor) == "Former rep"
    assert own.changes["fields"]  # which fields changed stays
    reads = AuditEvent.objects.filter(action="rep.restricted_read")
    assert reads.count() == 1
    assert {e.object_repr for e in reads} == {"Former rep"}
    assert {e.actor for e in reads} == {tenant_a["coordinator"]}  # staff stay named
    # A page view that listed them names them by id only: nothing to clear.
    listed = AuditEvent.objects.get(action="rep.restricted_listed")
    assert listed.changes == {"listed": {gone.public_id: ["reviews due"]}}
    legacy = AuditEvent.objects.get(action="rep.order_end_recorded", changes__has_key="email")
    assert legacy.changes["email"] == "[removed]"
    assert legacy.changes["order_ends_on"] == [None, "[removed]"]
    owner = AuditEvent.objects.get(action="action_point.created")
    assert owner.changes == {
        "owner": "Former rep",
        "due_on": "2025-01-01",
        "Former rep": "attended",
    }
    assert AuditEvent.objects.get(action="letter.posted").object_repr == "Letter"
    # The deletion is audited once, naming nobody.
    deleted = AuditEvent.objects.get(action="rep.personal_data_deleted")
    assert deleted.pk not in before and deleted.actor is None
    assert deleted.changes["rule"] == "retention"
    assert deleted.changes["audit_events_cleared"] >= 8
    assert set(after) - set(before) == {deleted.pk}


def test_a_person_not_yet_past_retention_keeps_their_audit_trail(tenant_a):
    tenant_a.organisation.retention_days = 365
    tenant_a.organisation.save(update_fields=["retention_days"])
    _history(tenant_a, name=NAME, username=USERNAME, email=EMAIL, left_days_ago=366)
    staying = _history(
        tenant_a,
        name="Robin Stays",
        username="robin.stays",
        email="robin@example.org",
        phone="07700 900111",
        left_days_ago=100,
    )
    mine = {
        e.pk: (e.object_repr, e.changes)
        for e in AuditEvent.objects.all()
        if "robin" in _text(e) or e.object_id == staying.public_id
    }
    assert len(mine) >= 8
    delete_expired_personal_data()
    for pk, (object_repr, changes) in mine.items():
        event = AuditEvent.objects.get(pk=pk)
        assert (event.object_repr, event.changes) == (object_repr, changes)
    assert AuditEvent.objects.filter(object_repr="Robin Stays").exists()


def test_the_audit_log_page_shows_the_cleared_events(tenant_a, client_for):
    tenant_a.organisation.retention_days = 365
    tenant_a.organisation.save(update_fields=["retention_days"])
    gone = _history(tenant_a, name=NAME, username=USERNAME, email=EMAIL, left_days_ago=366)
    delete_expired_personal_data()
    page = client_for(tenant_a["admin"]).get(
        f"/{tenant_a.organisation.slug}/audit/?object_id={gone.public_id}"
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "rep.personal_data_deleted" in html and "rep.restricted_read" in html
    assert "Former rep" in html
    for value in (NAME, EMAIL, PHONE, "Mill Lane", REASON):
        assert value not in html


def test_referrals_are_named_by_id_and_ended_ones_leave_the_audit_trail(tenant_a):
    tenant_a.organisation.retention_days = 30
    tenant_a.organisation.save(update_fields=["retention_days"])
    coordinator = tenant_a["coordinator"]
    referral = services.referral_create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        name="Morgan Quill",
        source="self",
        how_to_reach="Ring 07700 900222 after six",
        actor=coordinator,
    )
    created = AuditEvent.objects.get(action="referral.created")
    assert "Morgan" not in _text(created) and created.object_repr == "Referral"
    services.referral_set_status(referral=referral, status="not_now", actor=coordinator)
    # An older event that still names them, as events did before.
    AuditEvent.objects.filter(pk=created.pk).update(
        object_repr="Morgan Quill", changes={"how_to_reach": "Ring 07700 900222 after six"}
    )
    Referral.objects.filter(pk=referral.pk).update(
        status_changed_on=timezone.localdate() - dt.timedelta(days=31)
    )
    assert delete_expired_personal_data()["referrals"] == 1
    for event in AuditEvent.objects.all():
        assert "morgan" not in _text(event) and "900222" not in _text(event)
    assert AuditEvent.objects.filter(object_id=referral.public_id).count() == 2


def test_their_role_assignments_events_name_a_former_rep(tenant_a):
    tenant_a.organisation.retention_days = 365
    tenant_a.organisation.save(update_fields=["retention_days"])
    gone = _history(tenant_a, name=NAME, username=USERNAME, email=EMAIL, left_days_ago=366)
    assignment = gone.user.role_assignments.get()
    audit_record(
        organisation=tenant_a.organisation,
        actor=tenant_a["admin"],
        action="role.assigned",
        obj=assignment,
        changes={"user": NAME, "role": "rep", "scope": str(tenant_a.council)},
    )
    delete_expired_personal_data()
    event = AuditEvent.objects.get(action="role.assigned", object_id=assignment.public_id)
    assert event.changes["user"] == "Former rep" and event.changes["role"] == "rep"
    assert str(event.actor) == str(tenant_a["admin"])
