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
    # Optional, and revealed under "Signposted somewhere".
    reveal = page[page.index('id="conditional-id_follow_up_1"') :]
    assert reveal.index('name="signposted_to"') < reveal.index("</div>\n      \n")
    assert "Where to? (optional)" in page
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
    # Only when they were signposted: a safeguarding concern keeps no "where".
    item = log(follow_up="safeguarding", signposted_to="housing")
    assert (item.signposted_to, item.signposted_to_other) == ("", "")
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
