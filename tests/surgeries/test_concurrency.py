"""No lost updates: a write made from an object read a moment ago decides on
the row as it is now, and never undoes what someone else just did."""

import pytest
from django.core.exceptions import ValidationError

from surgeries import services
from surgeries.models import FeedbackItem, Surgery
from tests.surgeries.factories import item_for, surgery_for

pytestmark = pytest.mark.django_db


def stale(obj):
    """The same row, read before someone else's change."""
    return type(obj).objects.get(pk=obj.pk)


def test_a_stale_approval_cannot_publish_words_whose_consent_was_withdrawn(tenant_a):
    item = item_for(tenant_a, consent_to_quote=True)
    on_the_coordinators_screen = stale(item)
    services.feedback_correct(item=item, actor=tenant_a["rep"], consent_to_quote=False)
    with pytest.raises(ValidationError, match="did not agree to be quoted"):
        services.quote_approve(
            item=on_the_coordinators_screen, text="Their words.", actor=tenant_a["coordinator"]
        )
    item.refresh_from_db()
    assert (item.quote_status, item.approved_quote) == ("", "")


def test_a_stale_approval_cannot_publish_words_corrected_a_moment_ago(tenant_a):
    item = item_for(tenant_a, consent_to_quote=True, said="Officer Dave was rude.")
    on_the_coordinators_screen = stale(item)
    services.feedback_correct(item=item, actor=tenant_a["rep"], said="My officer was rude.")
    with pytest.raises(ValidationError, match="corrected a moment ago"):
        services.quote_approve(
            item=on_the_coordinators_screen,
            text="Officer Dave was rude.",
            actor=tenant_a["coordinator"],
        )
    assert FeedbackItem.objects.get(pk=item.pk).quote_status == ""


def test_a_correction_from_a_stale_item_keeps_the_coordinators_decision(tenant_a):
    item = item_for(tenant_a, consent_to_quote=True)
    in_the_reps_form = stale(item)
    services.quote_approve(item=item, text=item.said, actor=tenant_a["coordinator"])
    services.feedback_correct(item=in_the_reps_form, actor=tenant_a["rep"], kind="idea")
    item.refresh_from_db()
    assert item.kind == "idea"
    assert item.quote_status == "approved" and item.approved_quote == item.said


def test_a_follow_up_is_closed_once(tenant_a):
    item = item_for(tenant_a, follow_up="signposted")
    second_coordinators_copy = stale(item)
    services.followup_close(item=item, note="Rang them.", actor=tenant_a["coordinator"])
    with pytest.raises(ValidationError, match="already closed"):
        services.followup_close(
            item=second_coordinators_copy, note="Also rang.", actor=tenant_a["coordinator"]
        )
    assert FeedbackItem.objects.get(pk=item.pk).follow_up_note == "Rang them."


def test_counts_from_a_stale_surgery_add_to_the_numbers_as_they_are(tenant_a):
    surgery = surgery_for(tenant_a)
    other_phone = stale(surgery)
    services.surgery_count_person(surgery=surgery, outcome="engaged", actor=tenant_a["rep"])
    services.surgery_count_person(surgery=other_phone, outcome="declined", actor=tenant_a["rep"])
    surgery.refresh_from_db()
    assert (surgery.people_approached, surgery.people_engaged, surgery.people_declined) == (2, 1, 1)


def test_a_stale_surgery_cannot_be_cancelled_once_people_are_counted(tenant_a):
    surgery = surgery_for(tenant_a)
    on_the_planning_screen = stale(surgery)
    services.surgery_count_person(surgery=surgery, outcome="engaged", actor=tenant_a["rep"])
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        services.surgery_cancel(surgery=on_the_planning_screen, actor=tenant_a["coordinator"])
    assert not Surgery.objects.get(pk=surgery.pk).is_cancelled


def test_nothing_is_counted_or_logged_at_a_surgery_cancelled_a_moment_ago(tenant_a):
    surgery = surgery_for(tenant_a)
    on_the_reps_phone = stale(surgery)
    services.surgery_cancel(surgery=surgery, actor=tenant_a["coordinator"])
    with pytest.raises(ValidationError, match="cancelled"):
        services.surgery_count_person(
            surgery=on_the_reps_phone, outcome="engaged", actor=tenant_a["rep"]
        )
    with pytest.raises(ValidationError, match="cancelled"):
        services.surgery_record_counts(
            surgery=on_the_reps_phone,
            people_approached=3,
            people_engaged=1,
            people_declined=1,
            actor=tenant_a["rep"],
        )
    assert Surgery.objects.get(pk=surgery.pk).people_approached == 0
