"""``councils.audit.audit_scrub``: a person's data leaves the audit trail,
the events stay, and nobody else's words are touched."""

import pytest

from councils.audit import audit_object_key, audit_record, audit_scrub
from councils.models import AuditEvent

pytestmark = pytest.mark.django_db


def _event(tenant, obj, changes, action="thing.done"):
    return audit_record(
        organisation=tenant.organisation,
        actor=tenant["coordinator"],
        action=action,
        obj=obj,
        changes=changes,
    )


def test_takes_out_whole_words_in_any_case_and_leaves_parts_of_other_words(tenant_a):
    named = _event(tenant_a, tenant_a.council, {"owner": "ANN LEE", "note": "Annual review, Ann"})
    other = _event(tenant_a, tenant_a.council, {"owner": "Annabel Leeds"})
    cleared = audit_scrub(
        organisation=tenant_a.organisation,
        objects={},
        identifiers=["Ann Lee", "Ann"],
        replacement="Former rep",
    )
    assert cleared == 1
    named.refresh_from_db()
    assert named.changes == {"owner": "Former rep", "note": "Annual review, Former rep"}
    other.refresh_from_db()
    assert other.changes == {"owner": "Annabel Leeds"}


def test_finds_names_with_accents_in_stored_json(tenant_a):
    event = _event(tenant_a, tenant_a.council, {"author": "Zoë Brontë", "Zoë Brontë": "attended"})
    audit_scrub(
        organisation=tenant_a.organisation,
        objects={},
        identifiers=["Zoë Brontë"],
        replacement="Former rep",
    )
    event.refresh_from_db()
    assert event.changes == {"author": "Former rep", "Former rep": "attended"}


def test_events_about_the_person_lose_personal_values_and_keep_their_shape(tenant_a):
    person = tenant_a["rep"]
    event = _event(
        tenant_a,
        person,
        {"email": ["old@example.org", "new@example.org"], "fields": ["email"], "role": "rep"},
    )
    about_someone_else = _event(tenant_a, tenant_a["chair"], {"email": "chair@example.org"})
    audit_scrub(
        organisation=tenant_a.organisation,
        objects={audit_object_key(person): "Former rep"},
        identifiers=[],
        personal_keys=["email"],
        replacement="Former rep",
    )
    event.refresh_from_db()
    assert event.object_repr == "Former rep"
    assert event.changes == {
        "email": ["[removed]", "[removed]"],
        "fields": ["email"],
        "role": "rep",
    }
    assert event.action == "thing.done" and event.actor == tenant_a["coordinator"]
    about_someone_else.refresh_from_db()
    assert about_someone_else.changes == {"email": "chair@example.org"}


def test_another_organisations_events_are_left_alone(tenant_a, tenant_b):
    theirs = _event(tenant_b, tenant_b.council, {"owner": "Sam Pike"})
    ours = _event(tenant_a, tenant_a.council, {"owner": "Sam Pike"})
    audit_scrub(
        organisation=tenant_a.organisation,
        objects={},
        identifiers=["Sam Pike"],
        replacement="Former rep",
    )
    theirs.refresh_from_db()
    ours.refresh_from_db()
    assert theirs.changes == {"owner": "Sam Pike"}
    assert ours.changes == {"owner": "Former rep"}


def test_nothing_to_look_for_changes_nothing(tenant_a):
    _event(tenant_a, tenant_a.council, {"owner": "Al"})
    assert (
        audit_scrub(
            organisation=tenant_a.organisation,
            objects={},
            identifiers=["", "Al", None],
            replacement="Former rep",
        )
        == 0
    )
    assert AuditEvent.objects.get(action="thing.done").changes == {"owner": "Al"}
