"""Pages: the logging page and its forms, planning, other channels, the
board and evidence, follow-ups, quotes, the summary and themes. Bad input is
refused beside the field, the rest of the input is kept, never a 500."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from councils.models import AuditEvent
from surgeries.models import FeedbackItem, FeedbackSelection, Surgery, Theme
from tests.surgeries.factories import item_for, surgery_for, theme_for

pytestmark = pytest.mark.django_db


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


def token_in(body: str) -> str:
    return re.search(r'name="submission_token" value="([^"]+)"', body).group(1)


def item_post(theme, **changes):
    data = {
        "theme": theme.public_id,
        "kind": "problem",
        "said": "Nobody tells us what happened to what we said.",
        "suggestion": "A You Said, We Did board in reception.",
        "consent_to_quote": "yes",
        "follow_up": "",
        "gender": "",
        "age_band": "25-34",
        "ethnicity": "",
        "order_type": "",
        "submission_token": "tok-1",
    }
    data.update(changes)
    return data


# ---------------------------------------------------------------- the logging page


def test_rep_logs_an_item_at_todays_surgery(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    theme = theme_for(tenant_a)
    client = client_for(tenant_a["rep"])
    page = client.get(url(tenant_a, f"surgeries/{surgery.public_id}/"))
    body = page.content.decode()
    assert "Add what someone said" in body
    assert "Do not write names" in body
    token = token_in(body)
    response = client.post(
        url(tenant_a, f"surgeries/{surgery.public_id}/"), item_post(theme, submission_token=token)
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?saved={token}")
    item = FeedbackItem.objects.get()
    assert (item.surgery, item.age_band, item.consent_to_quote) == (surgery, "25-34", True)
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "Feedback saved. Thank you." in body
    assert "Logged so far (1)" in body
    assert token_in(body) != token  # a fresh form for the next person


def test_resubmitting_the_same_form_never_makes_a_duplicate(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    theme = theme_for(tenant_a)
    client = client_for(tenant_a["rep"])
    path = url(tenant_a, f"surgeries/{surgery.public_id}/")
    client.post(path, item_post(theme))
    response = client.post(path, item_post(theme), follow=True)
    assert FeedbackItem.objects.count() == 1
    assert "It has not been added twice." in response.content.decode()


def test_a_failed_submission_comes_back_filled_in(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    theme = theme_for(tenant_a)
    client = client_for(tenant_a["rep"])
    response = client.post(
        url(tenant_a, f"surgeries/{surgery.public_id}/"),
        item_post(theme, said="", kind=""),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Error: " in body
    assert "Write what the person said." in body
    assert "Choose whether it is a problem, something good or an idea." in body
    assert "A You Said, We Did board in reception." in body  # the suggestion is kept
    assert f'value="{theme.public_id}" selected' in body
    assert 'value="25-34" selected' in body
    assert token_in(body) == "tok-1"  # same token: a retry is still the same item
    assert FeedbackItem.objects.count() == 0


def test_personal_data_is_refused_with_what_to_remove(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    theme = theme_for(tenant_a)
    client = client_for(tenant_a["rep"])
    said = "My officer never rings back, my number is 07700 900123"
    response = client.post(
        url(tenant_a, f"surgeries/{surgery.public_id}/"), item_post(theme, said=said)
    )
    body = response.content.decode()
    assert "Remove a phone number (“07700 900123”)" in body
    assert said in body  # kept, so the rep only deletes the number
    assert FeedbackItem.objects.count() == 0


def test_a_tampered_theme_from_another_organisation_is_refused(tenant_a, tenant_b, client_for):
    surgery = surgery_for(tenant_a)
    client = client_for(tenant_a["rep"])
    response = client.post(
        url(tenant_a, f"surgeries/{surgery.public_id}/"), item_post(theme_for(tenant_b))
    )
    assert response.status_code == 200
    assert "Choose a theme from the list." in response.content.decode()
    assert FeedbackItem.objects.count() == 0


def test_over_long_text_is_refused(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    client = client_for(tenant_a["rep"])
    response = client.post(
        url(tenant_a, f"surgeries/{surgery.public_id}/"),
        item_post(theme_for(tenant_a), said="word " * 500),
    )
    assert "must be 2000 characters or fewer" in response.content.decode()


def test_safeguarding_flag_emails_the_coordinator(
    tenant_a, client_for, django_capture_on_commit_callbacks
):
    surgery = surgery_for(tenant_a)
    client = client_for(tenant_a["rep"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(tenant_a, f"surgeries/{surgery.public_id}/"),
            item_post(theme_for(tenant_a), follow_up="safeguarding"),
            follow=True,
        )
    assert "The coordinators have been told" in response.content.decode()
    assert [m.to for m in mail.outbox] == [[tenant_a["coordinator"].email]]


def test_counting_people_with_taps(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    client = client_for(tenant_a["rep"])
    path = url(tenant_a, f"surgeries/{surgery.public_id}/count/")
    client.post(path, {"outcome": "engaged", "token": "a"})
    client.post(path, {"outcome": "engaged", "token": "a"})  # a retry: not counted again
    client.post(path, {"outcome": "declined", "reason": "Called in", "token": "b"})
    response = client.post(path, {"outcome": "approached", "token": "c"}, follow=True)
    surgery.refresh_from_db()
    assert (surgery.people_approached, surgery.people_engaged, surgery.people_declined) == (3, 1, 1)
    assert "Counted 1 person approached." in response.content.decode()


def test_counts_that_do_not_add_up_are_refused_beside_the_field(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    client = client_for(tenant_a["rep"])
    response = client.post(
        url(tenant_a, f"surgeries/{surgery.public_id}/counts/"),
        {"people_approached": "2", "people_engaged": "5", "people_declined": "0", "notes": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "People who talked (5) cannot be more than the people approached (2)." in body
    assert 'id="id_people_engaged-error"' in body
    assert 'name="people_approached" type="text" value="2"' in body
    surgery.refresh_from_db()
    assert surgery.people_engaged == 0
    response = client.post(
        url(tenant_a, f"surgeries/{surgery.public_id}/counts/"),
        {"people_approached": "lots", "people_engaged": "1", "people_declined": "0"},
    )
    assert "Enter a whole number, like 3." in response.content.decode()


def test_no_logging_before_the_day(tenant_a, client_for):
    surgery = surgery_for(tenant_a, date=timezone.localdate() + dt.timedelta(days=3))
    client = client_for(tenant_a["rep"])
    page = client.get(url(tenant_a, f"surgeries/{surgery.public_id}/")).content.decode()
    assert "You can count people and log feedback on the day." in page
    assert "Add what someone said" not in page
    response = client.post(
        url(tenant_a, f"surgeries/{surgery.public_id}/"), item_post(theme_for(tenant_a))
    )
    assert "on the day" in response.content.decode()
    assert FeedbackItem.objects.count() == 0


def test_logger_corrects_their_item_for_24_hours(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    item = item_for(tenant_a, surgery=surgery, channel="surgery", site=tenant_a.site)
    client = client_for(tenant_a["rep"])
    page = client.get(url(tenant_a, f"surgeries/{surgery.public_id}/")).content.decode()
    assert f"feedback/{item.public_id}/edit/" in page
    edit = url(tenant_a, f"feedback/{item.public_id}/edit/")
    data = item_post(item.theme, said="Corrected words", kind="idea")
    response = client.post(edit, data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.said, item.kind) == ("Corrected words", "idea")
    # A day later (the session would have expired: move the item instead).
    FeedbackItem.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    assert client.get(edit).status_code == 403
    assert client.post(edit, data).status_code == 403
    page = client.get(url(tenant_a, f"surgeries/{surgery.public_id}/")).content.decode()
    assert f"feedback/{item.public_id}/edit/" not in page


def test_another_rep_cannot_correct_my_item(tenant_a, client_for):
    from councils.models import Role
    from tests.factories import user_with_role

    item = item_for(tenant_a)
    other_rep = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    response = client_for(other_rep).get(url(tenant_a, f"feedback/{item.public_id}/edit/"))
    assert response.status_code == 403


# ---------------------------------------------------------------- planning


def surgery_post(tenant, **changes):
    data = {
        "council": tenant.council.public_id,
        "site": tenant.site.public_id,
        "date": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
        "starts_at": "10:00",
        "ends_at": "12:00",
        "reps": [str(tenant["rep"].public_id)],
        "notes": "Interview room 2",
    }
    data.update(changes)
    return data


def test_rep_plans_a_surgery_and_prints_the_letter(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    form = client.get(url(tenant_a, "surgeries/new/")).content.decode()
    assert f'value="{tenant_a["rep"].public_id}" checked' in form  # themselves, ticked
    response = client.post(url(tenant_a, "surgeries/new/"), surgery_post(tenant_a))
    surgery = Surgery.objects.get()
    assert response["Location"] == url(tenant_a, f"surgeries/{surgery.public_id}/")
    letter = client.get(url(tenant_a, f"surgeries/{surgery.public_id}/letter/")).content.decode()
    assert str(tenant_a["rep"]) in letter
    assert tenant_a.site.name in letter
    assert tenant_a.council.name in letter
    assert tenant_a["coordinator"].email in letter
    mine = client.get(url(tenant_a, "surgeries/")).content.decode()
    assert f"surgeries/{surgery.public_id}/" in mine


def test_planning_refuses_a_site_of_another_organisation(tenant_a, tenant_b, client_for):
    client = client_for(tenant_a["coordinator"])
    response = client.post(
        url(tenant_a, "surgeries/new/"), surgery_post(tenant_a, site=tenant_b.site.public_id)
    )
    body = response.content.decode()
    assert "Choose a site from this organisation." in body
    assert "Interview room 2" in body
    assert not Surgery.objects.exists()


def test_planning_refuses_a_date_far_ahead_and_a_council_the_rep_is_not_on(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    far = (timezone.localdate() + dt.timedelta(days=3000)).isoformat()
    response = client.post(url(tenant_a, "surgeries/new/"), surgery_post(tenant_a, date=far))
    assert "Choose a date within the next 12 months." in response.content.decode()
    response = client.post(
        url(tenant_a, "surgeries/new/"),
        surgery_post(tenant_a, council=tenant_a.other_council.public_id),
    )
    assert "Choose a council you plan surgeries for." in response.content.decode()
    assert not Surgery.objects.exists()


def test_surgery_today_goes_straight_to_the_surgery(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    response = client_for(tenant_a["rep"]).get(url(tenant_a, "surgeries/today/"))
    assert response["Location"] == url(tenant_a, f"surgeries/{surgery.public_id}/")


# ---------------------------------------------------------------- other channels


def test_feedback_from_another_channel(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    theme = theme_for(tenant_a)
    data = item_post(
        theme,
        council=tenant_a.council.public_id,
        channel="suggestion_box",
        received_on=timezone.localdate().isoformat(),
        site="",
    )
    response = client.post(url(tenant_a, "feedback/new/"), data)
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert (item.channel, item.surgery, item.site) == ("suggestion_box", None, None)


def test_other_channel_refuses_a_far_future_date_and_keeps_the_rest(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    data = item_post(
        theme_for(tenant_a),
        council=tenant_a.council.public_id,
        channel="phone",
        received_on="2099-01-01",
    )
    body = client.post(url(tenant_a, "feedback/new/"), data).content.decode()
    assert "The date it was given must be today or in the past." in body
    assert "Nobody tells us what happened to what we said." in body
    assert 'name="received_on_year" type="text" inputmode="numeric" value="2099"' in body
    assert not FeedbackItem.objects.exists()


def test_other_channel_refuses_surgery_as_a_channel(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    data = item_post(
        theme_for(tenant_a),
        council=tenant_a.council.public_id,
        channel="surgery",
        received_on=timezone.localdate().isoformat(),
    )
    body = client.post(url(tenant_a, "feedback/new/"), data).content.decode()
    assert "Choose where the feedback came from." in body


# ---------------------------------------------------------------- board and evidence


def test_board_groups_by_theme_and_carries_evidence(tenant_a, client_for):
    theme = theme_for(tenant_a, name="Reception and buildings")
    items = [item_for(tenant_a, theme=theme, said=f"Said number {n}") for n in range(3)]
    client = client_for(tenant_a["rep"])
    board = client.get(url(tenant_a, "feedback/board/")).content.decode()
    assert "Reception and buildings" in board
    assert "Said number 2" in board
    response = client.post(
        url(tenant_a, "feedback/evidence/"),
        {
            "council": tenant_a.council.public_id,
            "action": "add",
            "items": [items[0].public_id, items[1].public_id],
            "next": url(tenant_a, "feedback/board/"),
        },
    )
    assert response["Location"] == url(tenant_a, "feedback/board/")
    assert FeedbackSelection.objects.filter(user=tenant_a["rep"]).count() == 2
    board = client.get(url(tenant_a, "feedback/board/")).content.decode()
    assert "You have picked 2 items as evidence" in board
    evidence = client.get(url(tenant_a, "feedback/evidence/")).content.decode()
    assert "Said number 0" in evidence and "Said number 2" not in evidence


def test_evidence_ignores_items_of_another_organisation(tenant_a, tenant_b, client_for):
    foreign = item_for(tenant_b)
    client = client_for(tenant_a["rep"])
    client.post(
        url(tenant_a, "feedback/evidence/"),
        {"council": tenant_a.council.public_id, "action": "add", "items": [foreign.public_id]},
    )
    assert not FeedbackSelection.objects.exists()


def test_evidence_refuses_an_unsafe_next_address(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    response = client.post(
        url(tenant_a, "feedback/evidence/"),
        {"council": tenant_a.council.public_id, "action": "clear", "next": "https://evil.test/"},
    )
    assert response["Location"].startswith(url(tenant_a, "feedback/evidence/"))


def test_no_draft_proposal_link_until_the_proposals_app_offers_one(tenant_a, client_for):
    item = item_for(tenant_a)
    FeedbackSelection.objects.create(
        organisation=tenant_a.organisation,
        user=tenant_a["rep"],
        council=tenant_a.council,
        item=item,
    )
    client = client_for(tenant_a["rep"])
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("proposal_new", args=[tenant_a.organisation.slug])
    except NoReverseMatch:
        board = client.get(url(tenant_a, "feedback/board/")).content.decode()
        assert "from_selection" not in board
    with override_settings(ROOT_URLCONF="tests.surgeries.urls_with_proposals"):
        board = client.get(url(tenant_a, "feedback/board/")).content.decode()
        assert f"?from_selection={tenant_a.council.public_id}" in board
        assert "draft a proposal from these" in board


def test_board_filter_errors_are_shown_not_a_crash(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    response = client.get(
        url(tenant_a, "feedback/board/"),
        {"date_from": "2026-02-30", "date_to": "2099-01-01", "theme": "nope", "kind": "x"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a real date" in body
    assert "Choose a theme from the list." in body


# ---------------------------------------------------------------- follow-ups and quotes


def test_coordinator_closes_a_follow_up(tenant_a, client_for):
    item = item_for(tenant_a, follow_up="safeguarding")
    client = client_for(tenant_a["coordinator"])
    listing = client.get(url(tenant_a, "feedback/follow-ups/")).content.decode()
    assert item.said in listing
    close = url(tenant_a, f"feedback/{item.public_id}/close-follow-up/")
    body = client.post(close, {"note": ""}).content.decode()
    assert "Write what was done" in body
    response = client.post(close, {"note": "Rang the duty officer the same day."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.follow_up_closed_by == tenant_a["coordinator"]
    listing = client.get(url(tenant_a, "feedback/follow-ups/")).content.decode()
    assert "There are no open follow-ups." in listing
    assert "Rang the duty officer the same day." in listing


def test_coordinator_approves_an_edited_quote(tenant_a, client_for):
    item = item_for(tenant_a, consent_to_quote=True, said="Sarah on reception was rude.")
    client = client_for(tenant_a["coordinator"])
    review = url(tenant_a, f"feedback/{item.public_id}/quote/")
    assert "Sarah on reception was rude." in client.get(review).content.decode()
    body = client.post(review, {"decision": "approve", "text": ""}).content.decode()
    assert "Write the words to publish." in body
    client.post(review, {"decision": "approve", "text": "[Reception staff] were rude."})
    item.refresh_from_db()
    assert item.approved_quote == "[Reception staff] were rude."


def test_quote_without_consent_cannot_be_approved(tenant_a, client_for):
    item = item_for(tenant_a, consent_to_quote=False)
    client = client_for(tenant_a["coordinator"])
    review = url(tenant_a, f"feedback/{item.public_id}/quote/")
    assert "did not agree to be quoted" in client.get(review).content.decode()
    body = client.post(review, {"decision": "approve", "text": "words"}).content.decode()
    assert "did not agree to be quoted" in body
    item.refresh_from_db()
    assert item.quote_status == ""


# ---------------------------------------------------------------- summary


def test_chair_sees_counts_and_approved_quotes_never_raw_words(tenant_a, client_for):
    item_for(tenant_a, said="Raw words nobody approved")
    item_for(
        tenant_a,
        said="Raw words behind a quote",
        consent_to_quote=True,
        quote_status="approved",
        approved_quote="The checked words",
    )
    client = client_for(tenant_a["chair"])
    body = client.get(url(tenant_a, "feedback/summary/"), {"period": "last-4-weeks"})
    body = body.content.decode()
    assert "The checked words" in body
    assert "Raw words" not in body
    assert "fewer than 5" in body


def test_summary_council_choice_is_limited_to_the_persons_councils(tenant_a, tenant_b, client_for):
    client = client_for(tenant_a["chair"])
    response = client.get(
        url(tenant_a, "feedback/summary/"), {"council": tenant_b.council.public_id}
    )
    assert response.status_code == 200
    assert "Choose one of your councils." in response.content.decode()


# ---------------------------------------------------------------- themes


def test_admin_adds_renames_and_retires_themes(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    body = client.post(url(tenant_a, "feedback/themes/"), {"name": ""}).content.decode()
    assert "Enter the theme&#x27;s name." in body
    client.post(url(tenant_a, "feedback/themes/"), {"name": "Food"})
    theme = Theme.objects.get(organisation=tenant_a.organisation, name="Food")
    edit = url(tenant_a, f"feedback/themes/{theme.public_id}/")
    client.post(edit, {"action": "rename", "name": "Food and drink"})
    client.post(edit, {"action": "retire"})
    theme.refresh_from_db()
    assert (theme.name, theme.is_active) == ("Food and drink", False)
    assert AuditEvent.objects.filter(object_id=theme.public_id).count() == 3
    # Retired themes are not offered to reps.
    surgery = surgery_for(tenant_a)
    page = client_for(tenant_a["rep"]).get(url(tenant_a, f"surgeries/{surgery.public_id}/"))
    assert f'value="{theme.public_id}"' not in page.content.decode()
