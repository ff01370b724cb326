"""A rep's surgery day, smoothed (issue 15): the planner's note kept apart
from the reps' note about the numbers, the feedback board grouped and
collapsed by theme, undo for a counting tap, where someone was signposted,
and the way from a follow-up to the rep who logged it."""

import pytest

from councils.models import AuditEvent
from surgeries import services
from tests.surgeries.factories import item_for, surgery_for, theme_for

pytestmark = pytest.mark.django_db


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


# ------------------------------------------------ the planner's note and the reps'


def test_correcting_the_numbers_keeps_the_planners_note(tenant_a, client_for):
    surgery = surgery_for(tenant_a, notes="Ask for Sam at reception; interview room 2.")
    client = client_for(tenant_a["rep"])
    page_url = url(tenant_a, f"surgeries/{surgery.public_id}/")
    page = client.get(page_url).content.decode()
    # The planner's note is shown, and the form does not offer it to overwrite.
    assert "Notes for the reps:" in page
    assert "interview room 2" in page
    assert 'name="notes"' not in page
    assert 'name="counts_note"' in page
    response = client.post(
        url(tenant_a, f"surgeries/{surgery.public_id}/counts/"),
        {
            "people_approached": "4",
            "people_engaged": "2",
            "people_declined": "1",
            "counts_note": "The room was not booked, so we stood by the door.",
        },
    )
    assert response.status_code == 302
    surgery.refresh_from_db()
    assert surgery.notes == "Ask for Sam at reception; interview room 2."
    assert surgery.counts_note == "The room was not booked, so we stood by the door."
    page = client.get(page_url).content.decode()
    assert "interview room 2" in page
    assert "note about the numbers:" in page
    assert "stood by the door" in page
    event = AuditEvent.objects.get(action="surgery.counts_recorded")
    assert event.changes["counts_note"] == ["", "The room was not booked, so we stood by the door."]


def test_the_service_never_writes_the_planners_note(tenant_a):
    surgery = surgery_for(tenant_a, notes="Interview room 2")
    services.surgery_record_counts(
        surgery=surgery,
        people_approached=1,
        people_engaged=1,
        people_declined=0,
        counts_note="Quiet morning",
        actor=tenant_a["rep"],
    )
    surgery.refresh_from_db()
    assert (surgery.notes, surgery.counts_note) == ("Interview room 2", "Quiet morning")


# ------------------------------------------------ from a follow-up to the rep


def test_a_follow_up_links_to_the_rep_who_logged_it(tenant_a, client_for):
    from members.models import RepProfile

    item = item_for(tenant_a, follow_up="signposted")
    profile = RepProfile.objects.get(user=tenant_a["rep"])
    rep_url = url(tenant_a, f"reps/{profile.public_id}/")
    client = client_for(tenant_a["coordinator"])
    listing = client.get(url(tenant_a, "feedback/follow-ups/")).content.decode()
    assert f'href="{rep_url}"' in listing
    close = client.get(url(tenant_a, f"feedback/{item.public_id}/close-follow-up/"))
    assert f'href="{rep_url}"' in close.content.decode()
    # The link leads to a page the coordinator may open.
    assert client.get(rep_url).status_code == 200


def test_no_rep_link_for_someone_who_may_not_open_the_rep_page(tenant_a, client_for):
    from allauth.mfa.totp.internal.auth import TOTP

    from councils.models import Role
    from members.models import RepProfile
    from tests.conftest import TEST_TOTP_SECRET
    from tests.factories import user_with_role

    # This coordinator looks after one council's follow-ups; the rep who
    # logged this item belongs to another council, whose records they may
    # not open.
    coordinator = user_with_role(tenant_a.organisation, Role.COORDINATOR, council=tenant_a.council)
    TOTP.activate(coordinator, TEST_TOTP_SECRET)
    rep_there = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.other_council)
    item_for(tenant_a, follow_up="signposted", logged_by=rep_there)
    rep_url = url(tenant_a, f"reps/{RepProfile.objects.get(user=rep_there).public_id}/")
    client = client_for(coordinator)
    assert client.get(rep_url).status_code in (403, 404)
    listing = client.get(url(tenant_a, "feedback/follow-ups/")).content.decode()
    assert str(rep_there) in listing
    assert rep_url not in listing


# ------------------------------------------------ the feedback board on a phone


def test_the_board_is_grouped_by_theme_in_closed_sections_with_the_button_at_the_top(
    tenant_a, client_for
):
    import re

    from surgeries.models import FeedbackSelection

    reception = theme_for(tenant_a, name="Reception", position=1)
    housing = theme_for(tenant_a, name="Housing", position=2)
    for n in range(3):
        item_for(tenant_a, theme=reception, said=f"Reception item {n}")
    housing_item = item_for(tenant_a, theme=housing, said="Nowhere to stay")
    client = client_for(tenant_a["rep"])
    body = client.get(url(tenant_a, "feedback/board/")).content.decode()
    # Closed sections, each saying how many items it holds.
    sections = re.findall(r"<details class=\"govuk-details app-board-theme\"[^>]*>", body)
    assert len(sections) == 2
    assert not any(" open" in tag for tag in sections)
    assert "Reception (3)" in body
    assert "Housing (1)" in body
    # The button is reachable before the first item, and again after the last.
    form = body[body.index('id="board-picks"') : body.index("</form>", body.index("board-picks"))]
    button = "Add ticked feedback to my evidence"
    assert form.count(button) == 2
    assert form.index(button) < form.index('name="items"')
    # Every checkbox is in the one form, so a box ticked in a section that
    # was closed again is still sent.
    assert form.count('name="items"') == 4
    response = client.post(
        url(tenant_a, "feedback/evidence/"),
        {
            "council": tenant_a.council.public_id,
            "action": "add",
            "items": [housing_item.public_id],
        },
    )
    assert response.status_code == 302
    assert FeedbackSelection.objects.filter(item=housing_item).exists()


def test_the_board_opens_a_theme_chosen_in_the_filters(tenant_a, client_for):
    reception = theme_for(tenant_a, name="Reception")
    item_for(tenant_a, theme=reception)
    item_for(tenant_a, theme=theme_for(tenant_a, name="Housing"))
    client = client_for(tenant_a["rep"])
    body = client.get(
        url(
            tenant_a,
            f"feedback/board/?council={tenant_a.council.public_id}"
            f"&theme={reception.public_id}&period=last-3-months",
        )
    ).content.decode()
    assert 'class="govuk-details app-board-theme" id="theme-' in body
    assert f'id="theme-{reception.public_id}" open' in body


# ------------------------------------------------ where someone was signposted


def item_post(theme, **changes):
    data = {
        "theme": theme.public_id,
        "kind": "problem",
        "said": "Nobody helps with the rent arrears.",
        "suggestion": "",
        "consent_to_quote": "no",
        "follow_up": "signposted",
        "signposted_to": "money",
        "signposted_to_other": "",
        "submission_token": "tok-signposted",
    }
    data.update(changes)
    return data


def test_the_rep_records_where_someone_was_signposted(tenant_a, client_for):
    from surgeries.models import FeedbackItem

    surgery = surgery_for(tenant_a)
    theme = theme_for(tenant_a)
    rep = client_for(tenant_a["rep"])
    page = rep.get(url(tenant_a, f"surgeries/{surgery.public_id}/")).content.decode()
    # Optional, in a closed section after the main questions: short on a phone.
    section = page[page.index('id="signposted-details"') :]
    section = section[: section.index("</details>")]
    assert 'name="signposted_to"' in section and 'name="signposted_to_other"' in section
    assert page.index('name="follow_up"') < page.index('id="signposted-details"')
    assert '<details class="govuk-details" id="signposted-details">' in page  # closed
    response = rep.post(url(tenant_a, f"surgeries/{surgery.public_id}/"), item_post(theme))
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert (item.follow_up, item.signposted_to) == ("signposted", "money")
    coordinator = client_for(tenant_a["coordinator"])
    detail = coordinator.get(url(tenant_a, f"feedback/{item.public_id}/")).content.decode()
    assert "Signposted to" in detail and "Money and debt" in detail
    listing = coordinator.get(url(tenant_a, "feedback/follow-ups/")).content.decode()
    assert "Signposted to: Money and debt" in listing


def test_signposting_somewhere_else_keeps_the_words_without_personal_data(tenant_a):
    from django.core.exceptions import ValidationError

    surgery = surgery_for(tenant_a)
    theme = theme_for(tenant_a)

    def log(**kwargs):
        return services.feedback_log(
            organisation=tenant_a.organisation,
            council=tenant_a.council,
            surgery=surgery,
            theme=theme,
            kind="problem",
            said="They need food.",
            actor=tenant_a["rep"],
            **kwargs,
        )[0]

    item = log(follow_up="signposted", signposted_to="other", signposted_to_other="Food bank")
    assert item.signposted_to_label == "Food bank"
    # Saying where means they were signposted; a safeguarding concern stays one.
    item = log(follow_up="", signposted_to="housing")
    assert (item.follow_up, item.signposted_to) == ("signposted", "housing")
    item = log(follow_up="safeguarding", signposted_to="health")
    assert (item.follow_up, item.signposted_to) == ("safeguarding", "health")
    # Words typed without choosing "somewhere else" are somewhere else.
    item = log(follow_up="signposted", signposted_to_other="Citizens Advice")
    assert (item.signposted_to, item.signposted_to_label) == ("other", "Citizens Advice")
    item = log(follow_up="signposted", signposted_to="housing", signposted_to_other="Shelter")
    assert (item.signposted_to, item.signposted_to_other) == ("housing", "")
    with pytest.raises(ValidationError):
        log(follow_up="signposted", signposted_to="other", signposted_to_other="Ring 07700 900123")
    with pytest.raises(ValidationError):
        log(follow_up="signposted", signposted_to="the moon")


def test_the_summary_counts_where_people_were_signposted_with_small_numbers_hidden(
    tenant_a, client_for
):
    theme = theme_for(tenant_a)
    for _n in range(6):
        item_for(tenant_a, theme=theme, follow_up="signposted", signposted_to="housing")
    for _n in range(2):
        item_for(tenant_a, theme=theme, follow_up="signposted", signposted_to="health")
    body = (
        client_for(tenant_a["chair"])
        .get(url(tenant_a, "feedback/summary/?period=last-4-weeks"))
        .content.decode()
    )
    assert "Where reps signposted people" in body
    table = body[body.index("Where reps signposted people") :]
    table = table[: table.index("</table>")]
    assert "Housing" in table
    # 6 for housing would give away the 2 for health from the total of 8.
    assert "fewer than 5" in table
    assert ">6<" not in table and ">2<" not in table
    assert ">8<" in table


# ------------------------------------------------ undo for a counting tap


def counts(surgery):
    surgery.refresh_from_db()
    return (
        surgery.people_approached,
        surgery.people_engaged,
        surgery.people_declined,
        surgery.people_interested,
    )


def test_a_rep_takes_back_a_tap_without_javascript(tenant_a, client_for):
    from surgeries.models import CountTap

    surgery = surgery_for(tenant_a)
    client = client_for(tenant_a["rep"])
    tap_url = url(tenant_a, f"surgeries/{surgery.public_id}/count/")
    client.post(tap_url, {"outcome": "engaged", "token": "first"})
    response = client.post(tap_url, {"outcome": "engaged", "token": "second"})
    tap = CountTap.objects.get(token="second")
    # Back to the numbers, with the tap named: what was counted, and Undo.
    assert response["Location"] == url(
        tenant_a, f"surgeries/{surgery.public_id}/?tap={tap.public_id}#counts"
    )
    page = client.get(response["Location"]).content.decode()
    undo_url = url(tenant_a, f"surgeries/{surgery.public_id}/count/{tap.public_id}/undo/")
    assert "Counted 1 person who talked." in page
    assert f'action="{undo_url}"' in page
    assert counts(surgery) == (2, 2, 0, 0)
    response = client.post(undo_url)
    assert response.status_code == 302
    assert counts(surgery) == (1, 1, 0, 0)  # exactly that tap, not the first
    page = client.get(response["Location"]).content.decode()
    assert "Taken back: 1 person who talked." in page
    assert f'action="{undo_url}"' not in page
    # Once only.
    client.post(undo_url)
    assert counts(surgery) == (1, 1, 0, 0)
    # The retried tap is still the same tap: not counted again.
    client.post(tap_url, {"outcome": "engaged", "token": "second"})
    assert counts(surgery) == (1, 1, 0, 0)
    events = AuditEvent.objects.filter(action="surgery.person_uncounted")
    assert [e.changes for e in events] == [{"outcome": "engaged", "tap": tap.public_id}]


def test_a_tap_is_taken_back_only_within_a_minute(tenant_a, client_for):
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from surgeries.models import CountTap

    surgery = surgery_for(tenant_a)
    tap = services.surgery_count_person(
        surgery=surgery, outcome="declined", reason="In a hurry", token="t", actor=tenant_a["rep"]
    )
    CountTap.objects.filter(pk=tap.pk).update(created_at=timezone.now() - dt.timedelta(seconds=61))
    tap.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.surgery_count_undo(tap=tap, actor=tenant_a["rep"])
    assert "for a minute only" in caught.value.messages[0]
    assert counts(surgery) == (1, 0, 1, 0)
    # And the page no longer offers it.
    page = (
        client_for(tenant_a["rep"])
        .get(url(tenant_a, f"surgeries/{surgery.public_id}/?tap={tap.public_id}"))
        .content.decode()
    )
    assert f"count/{tap.public_id}/undo/" not in page


def test_undo_takes_back_what_the_tap_added_and_its_reason(tenant_a):
    surgery = surgery_for(tenant_a)
    rep = tenant_a["rep"]
    services.surgery_count_person(surgery=surgery, outcome="declined", reason="Busy", actor=rep)
    said_no = services.surgery_count_person(
        surgery=surgery, outcome="declined", reason="Late", actor=rep
    )
    keen = services.surgery_count_person(surgery=surgery, outcome="interested", actor=rep)
    assert counts(surgery) == (3, 1, 2, 1)
    services.surgery_count_undo(tap=keen, actor=rep)
    assert counts(surgery) == (2, 0, 2, 0)
    services.surgery_count_undo(tap=said_no, actor=rep)
    assert counts(surgery) == (1, 0, 1, 0)
    assert surgery.declined_reasons == "Busy"


def test_only_the_rep_who_tapped_or_a_coordinator_takes_it_back(tenant_a):
    from django.core.exceptions import PermissionDenied

    from councils.models import Role
    from tests.factories import user_with_role

    other_rep = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    surgery = surgery_for(tenant_a, reps=[tenant_a["rep"], other_rep])
    tap = services.surgery_count_person(surgery=surgery, outcome="engaged", actor=tenant_a["rep"])
    with pytest.raises(PermissionDenied):
        services.surgery_count_undo(tap=tap, actor=other_rep)
    with pytest.raises(PermissionDenied):
        services.surgery_count_undo(tap=tap, actor=tenant_a["chair"])
    services.surgery_count_undo(tap=tap, actor=tenant_a["coordinator"])
    assert counts(surgery) == (0, 0, 0, 0)


def test_undo_never_makes_numbers_that_do_not_add_up(tenant_a):
    from django.core.exceptions import ValidationError

    surgery = surgery_for(tenant_a)
    rep = tenant_a["rep"]
    tap = services.surgery_count_person(surgery=surgery, outcome="engaged", actor=rep)
    services.surgery_record_counts(
        surgery=surgery, people_approached=0, people_engaged=0, people_declined=0, actor=rep
    )
    with pytest.raises(ValidationError) as caught:
        services.surgery_count_undo(tap=tap, actor=rep)
    assert "Correct the numbers" in caught.value.messages[0]
    assert counts(surgery) == (0, 0, 0, 0)


def test_the_page_script_is_offered_undo_for_the_tap_it_sent_and_for_a_retry(tenant_a, client_for):
    surgery = surgery_for(tenant_a)
    client = client_for(tenant_a["rep"])
    tap_url = url(tenant_a, f"surgeries/{surgery.public_id}/count/")
    answer = client.post(
        tap_url,
        {"outcome": "approached", "token": "queued-1"},
        headers={"Accept": "application/json"},
    ).json()
    assert answer["counted"] is True
    assert answer["undo"]["url"].endswith("/undo/")
    assert 0 < answer["undo"]["seconds"] <= 60
    # The first answer was lost and the phone's queue sends it again: the
    # same tap, counted once, and still the one that Undo takes back.
    again = client.post(
        tap_url,
        {"outcome": "approached", "token": "queued-1"},
        headers={"Accept": "application/json"},
    ).json()
    assert again["counted"] is False
    assert again["undo"]["url"] == answer["undo"]["url"]
    assert client.post(answer["undo"]["url"]).status_code == 302
    assert counts(surgery) == (0, 0, 0, 0)
