"""Services: every write validates, audits, and refuses bad input with a
message naming the field."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.models import AuditEvent, Role
from surgeries import services
from surgeries.models import FeedbackItem, FeedbackSelection, Theme
from surgeries.selectors import selected_feedback_for
from surgeries.tasks import notify_safeguarding_concern
from tests.factories import SiteFactory, user_with_role
from tests.surgeries.factories import item_for, surgery_for, theme_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def log(tenant, **kwargs):
    defaults = dict(
        organisation=tenant.organisation,
        council=tenant.council,
        theme=kwargs.pop("theme", None) or theme_for(tenant),
        kind="problem",
        said="The waiting room is freezing.",
        actor=tenant["rep"],
    )
    if "surgery" not in kwargs and "channel" not in kwargs:
        defaults["surgery"] = surgery_for(tenant)
    defaults.update(kwargs)
    return services.feedback_log(**defaults)


# ---------------------------------------------------------------- surgeries


def schedule(tenant, **kwargs):
    defaults = dict(
        organisation=tenant.organisation,
        council=tenant.council,
        site=tenant.site,
        date=TODAY() + dt.timedelta(days=7),
        starts_at=dt.time(10),
        ends_at=dt.time(12),
        reps=[tenant["rep"]],
        actor=tenant["coordinator"],
    )
    defaults.update(kwargs)
    return services.surgery_schedule(**defaults)


def test_schedule_a_surgery(tenant_a):
    surgery = schedule(tenant_a, notes="Ask for the interview room.")
    assert list(surgery.reps.all()) == [tenant_a["rep"]]
    event = AuditEvent.objects.get(action="surgery.scheduled")
    assert event.object_id == surgery.public_id


def test_schedule_refuses_a_site_of_another_organisation(tenant_a, tenant_b):
    with pytest.raises(ValidationError) as caught:
        schedule(tenant_a, site=tenant_b.site)
    assert errors_of(caught) == {"site": ["Choose a site from this organisation."]}


def test_schedule_refuses_a_council_of_another_organisation(tenant_a, tenant_b):
    with pytest.raises(ValidationError) as caught:
        schedule(tenant_a, council=tenant_b.council, reps=[])
    assert "council" in errors_of(caught)


def test_schedule_refuses_reps_of_another_council(tenant_a):
    stranger = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.other_council)
    with pytest.raises(ValidationError) as caught:
        schedule(tenant_a, reps=[tenant_a["rep"], stranger])
    assert str(stranger) in errors_of(caught)["reps"][0]


def test_schedule_refuses_far_future_dates_and_backwards_times(tenant_a):
    with pytest.raises(ValidationError) as caught:
        schedule(tenant_a, date=TODAY() + dt.timedelta(days=800), ends_at=dt.time(9))
    errors = errors_of(caught)
    assert errors["date"] == ["Choose a date within the next 12 months."]
    assert errors["ends_at"] == ["The end time must be after the start time."]


def test_schedule_refuses_a_retired_site(tenant_a):
    closed = SiteFactory(
        organisation=tenant_a.organisation, region=tenant_a.region, is_active=False
    )
    with pytest.raises(ValidationError) as caught:
        schedule(tenant_a, site=closed)
    assert "no longer happen" in errors_of(caught)["site"][0]


def test_update_moves_feedback_with_the_site_but_not_the_council(tenant_a):
    surgery = surgery_for(tenant_a)
    item, _ = log(tenant_a, surgery=surgery)
    new_site = SiteFactory(organisation=tenant_a.organisation, region=tenant_a.region)
    common = dict(
        surgery=surgery,
        date=surgery.date,
        starts_at=surgery.starts_at,
        ends_at=surgery.ends_at,
        reps=[],
        actor=tenant_a["coordinator"],
    )
    services.surgery_update(council=tenant_a.council, site=new_site, **common)
    item.refresh_from_db()
    assert item.site == new_site
    with pytest.raises(ValidationError) as caught:
        services.surgery_update(council=tenant_a.other_council, site=new_site, **common)
    assert "council" in errors_of(caught)


def test_cancel_only_when_nothing_is_logged(tenant_a):
    empty = surgery_for(tenant_a, date=TODAY() + dt.timedelta(days=3))
    services.surgery_cancel(surgery=empty, actor=tenant_a["rep"])
    assert empty.cancelled_at is not None
    busy = surgery_for(tenant_a)
    log(tenant_a, surgery=busy)
    with pytest.raises(ValidationError):
        services.surgery_cancel(surgery=busy, actor=tenant_a["rep"])


# ---------------------------------------------------------------- counting


def test_tapping_counts_people_and_a_retried_tap_counts_once(tenant_a):
    surgery = surgery_for(tenant_a)
    rep = tenant_a["rep"]
    assert services.surgery_count_person(surgery=surgery, outcome="engaged", token="t1", actor=rep)
    assert not services.surgery_count_person(
        surgery=surgery, outcome="engaged", token="t1", actor=rep
    )
    services.surgery_count_person(
        surgery=surgery, outcome="declined", reason="In a hurry", token="t2", actor=rep
    )
    services.surgery_count_person(surgery=surgery, outcome="approached", token="t3", actor=rep)
    surgery.refresh_from_db()
    assert (surgery.people_approached, surgery.people_engaged, surgery.people_declined) == (3, 1, 1)
    assert surgery.declined_reasons == "In a hurry"


def test_counting_is_refused_before_the_day_and_with_personal_data(tenant_a):
    later = surgery_for(tenant_a, date=TODAY() + dt.timedelta(days=2))
    with pytest.raises(ValidationError) as caught:
        services.surgery_count_person(surgery=later, outcome="engaged", actor=tenant_a["rep"])
    assert "on the day" in caught.value.messages[0]
    with pytest.raises(ValidationError) as caught:
        services.surgery_count_person(
            surgery=surgery_for(tenant_a),
            outcome="declined",
            reason="call 07700 900123",
            actor=tenant_a["rep"],
        )
    assert "phone number" in errors_of(caught)["reason"][0]


def test_counts_must_add_up(tenant_a):
    surgery = surgery_for(tenant_a)
    rep = tenant_a["rep"]
    with pytest.raises(ValidationError) as caught:
        services.surgery_record_counts(
            surgery=surgery, people_approached=3, people_engaged=4, people_declined=0, actor=rep
        )
    assert errors_of(caught) == {
        "people_engaged": ["People who talked (4) cannot be more than the people approached (3)."]
    }
    with pytest.raises(ValidationError) as caught:
        services.surgery_record_counts(
            surgery=surgery, people_approached=3, people_engaged=2, people_declined=2, actor=rep
        )
    assert "people_declined" in errors_of(caught)
    services.surgery_record_counts(
        surgery=surgery, people_approached=3, people_engaged=2, people_declined=1, actor=rep
    )
    surgery.refresh_from_db()
    assert surgery.people_approached == 3
    event = AuditEvent.objects.get(action="surgery.counts_recorded")
    assert event.changes["people_approached"] == [0, 3]


# ---------------------------------------------------------------- feedback


def test_logging_at_a_surgery_takes_its_date_and_site(tenant_a):
    surgery = surgery_for(tenant_a, date=TODAY() - dt.timedelta(days=2))
    item, created = log(tenant_a, surgery=surgery, received_on=TODAY())
    assert created
    assert item.received_on == surgery.date
    assert item.site == tenant_a.site
    assert item.channel == FeedbackItem.Channel.SURGERY
    assert item.logged_by == tenant_a["rep"]


def test_same_submission_token_never_makes_a_duplicate(tenant_a):
    surgery = surgery_for(tenant_a)
    first, created = log(tenant_a, surgery=surgery, submission_token="abc123")
    again, created_again = log(
        tenant_a, surgery=surgery, theme=first.theme, submission_token="abc123"
    )
    assert created and not created_again
    assert first.pk == again.pk
    assert FeedbackItem.objects.count() == 1


def test_new_words_under_a_used_token_are_refused_not_swallowed(tenant_a):
    surgery = surgery_for(tenant_a)
    first, _ = log(tenant_a, surgery=surgery, submission_token="abc123")
    with pytest.raises(ValidationError) as refused:
        log(
            tenant_a,
            surgery=surgery,
            theme=first.theme,
            said="Another person's words.",
            submission_token="abc123",
        )
    assert refused.value.code == services.TOKEN_USED
    assert FeedbackItem.objects.count() == 1


def test_someone_elses_token_is_refused(tenant_a):
    log(tenant_a, submission_token="shared")
    with pytest.raises(ValidationError):
        log(tenant_a, submission_token="shared", actor=tenant_a["coordinator"])


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"said": "   "}, "said", "Write what the person said."),
        ({"said": "x" * 2001}, "said", "What the person said must be 2000 characters or fewer"),
        ({"suggestion": "y" * 2500}, "suggestion", "2000 characters or fewer"),
        ({"kind": "complaint"}, "kind", "Choose whether it is a problem"),
        ({"follow_up": "urgent"}, "follow_up", "Choose whether a follow-up is needed."),
        ({"gender": "robot"}, "gender", "Choose from the list"),
        ({"said": "Text me on 07700 900123"}, "said", "Remove a phone number"),
        ({"suggestion": "email sam@example.org"}, "suggestion", "Remove an email address"),
    ],
)
def test_bad_feedback_is_refused_beside_the_field(tenant_a, changes, field, message):
    with pytest.raises(ValidationError) as caught:
        log(tenant_a, **changes)
    assert message in errors_of(caught)[field][0]
    assert FeedbackItem.objects.count() == 0


def test_a_date_in_the_future_is_refused(tenant_a):
    with pytest.raises(ValidationError) as caught:
        log(tenant_a, channel="survey", received_on=TODAY() + dt.timedelta(days=400))
    assert errors_of(caught) == {"received_on": ["The date cannot be in the future."]}


def test_a_theme_of_another_organisation_is_refused(tenant_a, tenant_b):
    with pytest.raises(ValidationError) as caught:
        log(tenant_a, theme=theme_for(tenant_b))
    assert errors_of(caught) == {"theme": ["Choose a theme from the list."]}


def test_a_retired_theme_is_refused_for_new_feedback(tenant_a):
    with pytest.raises(ValidationError) as caught:
        log(tenant_a, theme=theme_for(tenant_a, is_active=False))
    assert "no longer used" in errors_of(caught)["theme"][0]


def test_a_surgery_of_another_council_is_refused(tenant_a):
    surgery = surgery_for(tenant_a)
    with pytest.raises(ValidationError):
        log(tenant_a, surgery=surgery, council=tenant_a.other_council)


def test_feedback_from_a_surgery_must_come_through_the_surgery(tenant_a):
    with pytest.raises(ValidationError) as caught:
        log(tenant_a, channel="surgery", surgery=None)
    assert "channel" in errors_of(caught)


def test_feedback_from_other_channels(tenant_a):
    item, _ = log(
        tenant_a, channel="suggestion_box", received_on=TODAY() - dt.timedelta(days=3), site=None
    )
    assert item.surgery is None and item.channel == "suggestion_box"


def test_the_audit_log_never_copies_what_was_said(tenant_a):
    item, _ = log(tenant_a, said="The reception staff shout your name across the room.")
    event = AuditEvent.objects.get(action="feedback.logged", object_id=item.public_id)
    assert "shout" not in str(event.changes)


# ---------------------------------------------------------------- safeguarding


def test_safeguarding_emails_the_councils_coordinators_after_commit(
    tenant_a, django_capture_on_commit_callbacks
):
    region_coordinator = user_with_role(
        tenant_a.organisation, Role.COORDINATOR, region=tenant_a.other_region
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item, _ = log(
            tenant_a, follow_up="safeguarding", said="Said they have nowhere safe to stay."
        )
    assert len(mail.outbox) == 0  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert tenant_a["coordinator"].email in message.to
    assert region_coordinator.email not in message.to  # not their council
    assert tenant_a["rep"].email not in message.to
    assert "nowhere safe" not in message.body  # the words stay in the app
    assert f"/feedback/{item.public_id}/close-follow-up/" in message.body
    # A task run twice sends one email.
    notify_safeguarding_concern(item.pk)
    assert len(mail.outbox) == 1
    item.refresh_from_db()
    assert item.follow_up_notified_at is not None


def test_close_a_follow_up_with_a_note(tenant_a):
    item, _ = log(tenant_a, follow_up="signposted")
    with pytest.raises(ValidationError) as caught:
        services.followup_close(item=item, note=" ", actor=tenant_a["coordinator"])
    assert "note" in errors_of(caught)
    services.followup_close(
        item=item, note="Passed to the duty officer.", actor=tenant_a["coordinator"]
    )
    assert not item.follow_up_is_open
    with pytest.raises(ValidationError):
        services.followup_close(item=item, note="Again", actor=tenant_a["coordinator"])


# ---------------------------------------------------------------- corrections


def test_the_logger_corrects_within_24_hours_only(tenant_a):
    item, _ = log(tenant_a)
    theme = theme_for(tenant_a)
    services.feedback_correct(item=item, actor=tenant_a["rep"], theme=theme, kind="idea")
    item.refresh_from_db()
    assert (item.theme, item.kind) == (theme, "idea")
    assert AuditEvent.objects.get(action="feedback.corrected").changes == {
        "fields": ["theme", "kind"]
    }
    with pytest.raises(PermissionDenied):
        services.feedback_correct(item=item, actor=tenant_a["coordinator"], kind="problem")
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25)):
        with pytest.raises(PermissionDenied):
            services.feedback_correct(item=item, actor=tenant_a["rep"], kind="problem")


def test_correcting_the_words_takes_back_an_approved_quote(tenant_a):
    item, _ = log(tenant_a, consent_to_quote=True)
    services.quote_approve(item=item, text=item.said, actor=tenant_a["coordinator"])
    services.feedback_correct(item=item, actor=tenant_a["rep"], said="The waiting room is cold.")
    item.refresh_from_db()
    assert item.quote_status == "" and item.approved_quote == ""


def test_a_correction_to_safeguarding_tells_the_coordinators(
    tenant_a, django_capture_on_commit_callbacks
):
    item, _ = log(tenant_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_correct(item=item, actor=tenant_a["rep"], follow_up="safeguarding")
    assert len(mail.outbox) == 1


def test_correction_refuses_personal_data(tenant_a):
    item, _ = log(tenant_a)
    with pytest.raises(ValidationError) as caught:
        services.feedback_correct(item=item, actor=tenant_a["rep"], said="born on 3/4/1980")
    assert "date of birth" in errors_of(caught)["said"][0]


# ---------------------------------------------------------------- quotes


def test_quotes_need_consent_and_no_personal_data(tenant_a):
    coordinator = tenant_a["coordinator"]
    no_consent, _ = log(tenant_a)
    with pytest.raises(ValidationError) as caught:
        services.quote_approve(item=no_consent, text="Fine words", actor=coordinator)
    assert "did not agree" in caught.value.messages[0]
    item, _ = log(tenant_a, consent_to_quote=True, said="Officer Dave was rude to me.")
    with pytest.raises(ValidationError):
        services.quote_approve(item=item, text="Email dave@example.org", actor=coordinator)
    services.quote_approve(item=item, text="[Officer] was rude to me.", actor=coordinator)
    item.refresh_from_db()
    assert item.quote_status == "approved"
    assert item.approved_quote == "[Officer] was rude to me."
    assert AuditEvent.objects.get(action="feedback.quote_approved").changes == {"edited": True}
    services.quote_reject(item=item, actor=coordinator)
    item.refresh_from_db()
    assert (item.quote_status, item.approved_quote) == ("rejected", "")


# ---------------------------------------------------------------- themes


def test_themes_are_added_renamed_and_retired_never_deleted(tenant_a):
    admin = tenant_a["admin"]
    theme = services.theme_create(organisation=tenant_a.organisation, name="  Food  ", actor=admin)
    assert theme.name == "Food"
    with pytest.raises(ValidationError) as caught:
        services.theme_create(organisation=tenant_a.organisation, name="food", actor=admin)
    assert "already a theme called" in errors_of(caught)["name"][0]
    item, _ = log(tenant_a, theme=theme)
    services.theme_rename(theme=theme, name="Food and drink", actor=admin)
    services.theme_set_active(theme=theme, is_active=False, actor=admin)
    item.refresh_from_db()
    assert item.theme.name == "Food and drink"
    assert Theme.objects.filter(pk=theme.pk, is_active=False).exists()
    services.theme_set_active(theme=theme, is_active=True, actor=admin)
    assert [e.action for e in AuditEvent.objects.filter(object_id=theme.public_id)] == [
        "theme.restored",
        "theme.retired",
        "theme.renamed",
        "theme.created",
    ]


def test_theme_names_in_another_organisation_do_not_clash(tenant_a, tenant_b):
    services.theme_create(organisation=tenant_a.organisation, name="Food", actor=tenant_a["admin"])
    services.theme_create(organisation=tenant_b.organisation, name="Food", actor=tenant_b["admin"])


# ---------------------------------------------------------------- evidence selection


def test_selection_of_evidence_for_a_proposal(tenant_a):
    rep = tenant_a["rep"]
    items = [item_for(tenant_a) for _ in range(3)]
    assert services.feedback_selection_add(user=rep, council=tenant_a.council, items=items) == 3
    assert services.feedback_selection_add(user=rep, council=tenant_a.council, items=items) == 0
    assert set(selected_feedback_for(rep, tenant_a.council)) == set(items)
    services.feedback_selection_remove(user=rep, council=tenant_a.council, items=items[:1])
    assert set(selected_feedback_for(rep, tenant_a.council)) == set(items[1:])
    # Another person's selection is their own.
    assert not selected_feedback_for(tenant_a["coordinator"], tenant_a.council).exists()
    # Staff who may not read raw feedback get nothing, even if rows exist.
    FeedbackSelection.objects.create(
        organisation=tenant_a.organisation,
        user=tenant_a["chair"],
        council=tenant_a.council,
        item=items[1],
    )
    assert not selected_feedback_for(tenant_a["chair"], tenant_a.council).exists()
    services.feedback_selection_clear(user=rep, council=tenant_a.council)
    assert not selected_feedback_for(rep, tenant_a.council).exists()


def test_selection_refuses_feedback_of_another_council(tenant_a):
    other = item_for(tenant_a, council=tenant_a.other_council)
    with pytest.raises(ValidationError):
        services.feedback_selection_add(
            user=tenant_a["rep"], council=tenant_a.council, items=[other]
        )
