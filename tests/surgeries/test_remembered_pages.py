"""Pages of the surgeries app that remember their rows and figures
(councils/freshness.py): a second view with nothing written in between asks
fewer queries and gives the same page; a write shows at once, exactly as on
a page that remembers nothing; and people who may see different things each
see their own, whoever opened the page first."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councils.freshness import serving
from councils.models import STAFF_ROLES, Role
from surgeries import services
from surgeries.models import FeedbackItem, FeedbackSelection
from tests.conftest import TEST_TOTP_SECRET
from tests.factories import user_with_role
from tests.remembering import as_built_afresh, page, remembered, signed_in
from tests.surgeries.factories import SurgeryFactory, item_for, surgery_for, theme_for

pytestmark = pytest.mark.django_db


def person(tenant, role, council):
    """Someone holding ``role`` for one council only."""
    user = user_with_role(tenant.organisation, role, council=council)
    if role in STAFF_ROLES:
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


def queries_and_page(client, path) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        html = page(client, path)
    return len(captured), html


def board_path(tenant, council=None, query="") -> str:
    council = council or tenant.council
    return f"/{tenant.organisation.slug}/feedback/board/?council={council.public_id}{query}"


# The feedback board ----------------------------------------------------------


def test_the_board_asks_less_the_second_time(tenant_a, settings):
    for i in range(3):
        item_for(tenant_a, said=f"Said number {i}", suggestion="More chairs" if i else "")
    client = signed_in(tenant_a["coordinator"])
    html = remembered(client, board_path(tenant_a))
    assert "Said number 2" in html
    assert html == as_built_afresh(client, board_path(tenant_a), settings)


def test_feedback_logged_after_a_view_is_on_the_board_at_once(tenant_a, settings):
    theme = theme_for(tenant_a)
    item_for(tenant_a, theme=theme, said="Logged first")
    client = signed_in(tenant_a["rep"])
    before = remembered(client, board_path(tenant_a))
    with serving(tenant_a.organisation.pk):
        item_for(tenant_a, theme=theme, said="Logged just now")
    after = page(client, board_path(tenant_a))
    assert "Logged just now" in after and after != before
    assert after == as_built_afresh(client, board_path(tenant_a), settings)


def test_each_person_sees_their_own_picks_whoever_looked_first(tenant_a, settings):
    picked = item_for(tenant_a, said="Picked by the rep")
    item_for(tenant_a, theme=picked.theme, said="Picked by nobody")
    rep, coordinator = signed_in(tenant_a["rep"]), signed_in(tenant_a["coordinator"])
    page(coordinator, board_path(tenant_a))
    page(rep, board_path(tenant_a))
    with serving(tenant_a.organisation.pk):
        FeedbackSelection.objects.create(
            organisation=tenant_a.organisation,
            user=tenant_a["rep"],
            council=tenant_a.council,
            item=picked,
        )
    # The rep sees the tick at once; the coordinator, who looked next, not.
    for_rep = page(rep, board_path(tenant_a))
    for_coordinator = page(coordinator, board_path(tenant_a))
    assert "In your evidence" in for_rep
    assert f'value="{picked.public_id}"' not in for_rep
    assert "In your evidence" not in for_coordinator
    assert f'value="{picked.public_id}"' in for_coordinator
    # Each as built afresh, and again from what is remembered.
    assert page(rep, board_path(tenant_a)) == for_rep
    assert for_rep == as_built_afresh(rep, board_path(tenant_a), settings)
    assert for_coordinator == as_built_afresh(coordinator, board_path(tenant_a), settings)


def test_a_rep_of_another_council_sees_their_own_councils_board(tenant_a, settings):
    item_for(tenant_a, said="Said in the first council")
    item_for(tenant_a, council=tenant_a.other_council, said="Said in the other council")
    first_surgery = surgery_for(tenant_a)
    other_surgery = SurgeryFactory(council=tenant_a.other_council)
    other_rep = person(tenant_a, Role.REP, tenant_a.other_council)
    coordinator, rep = signed_in(tenant_a["coordinator"]), signed_in(other_rep)
    assert "Said in the first council" in page(coordinator, board_path(tenant_a))
    # The same address: the rep is shown their own council instead.
    for_rep = page(rep, board_path(tenant_a))
    assert "Said in the other council" in for_rep
    assert "Said in the first council" not in for_rep
    assert f'value="{other_surgery.public_id}"' in for_rep
    assert f'value="{first_surgery.public_id}"' not in for_rep
    assert for_rep == as_built_afresh(rep, board_path(tenant_a), settings)


def test_the_boards_filters_and_pages_are_remembered_apart(tenant_a, settings):
    theme = theme_for(tenant_a)
    for i in range(55):
        item_for(tenant_a, theme=theme, said=f"Numbered {i:02d}", kind="problem")
    item_for(tenant_a, said="An idea", kind="idea")
    client = signed_in(tenant_a["coordinator"])
    paths = [
        board_path(tenant_a),
        board_path(tenant_a, query="&page=2"),
        board_path(tenant_a, query="&kind=idea"),
        board_path(tenant_a, query=f"&theme={theme.public_id}"),
    ]
    first = [page(client, path) for path in paths]
    assert len({*first}) == len(paths)
    assert "An idea" in first[2] and "Numbered" not in first[2]
    assert [page(client, path) for path in paths] == first
    assert [as_built_afresh(client, path, settings) for path in paths] == first


# The feedback summary ---------------------------------------------------------


def summary_path(tenant, query="") -> str:
    return f"/{tenant.organisation.slug}/feedback/summary/?period=last-4-weeks{query}"


def approved(tenant, quote, **kwargs):
    return item_for(
        tenant,
        consent_to_quote=True,
        quote_status="approved",
        approved_quote=quote,
        **kwargs,
    )


def test_the_summary_asks_less_the_second_time_and_shows_a_new_quote_at_once(tenant_a, settings):
    approved(tenant_a, "The first checked words")
    client = signed_in(tenant_a["manager"])
    before = remembered(client, summary_path(tenant_a))
    assert "The first checked words" in before
    item = item_for(tenant_a, consent_to_quote=True, said="Words to check")
    with serving(tenant_a.organisation.pk):
        services.quote_approve(
            item=item, text="Words checked just now", actor=tenant_a["coordinator"]
        )
    after = page(client, summary_path(tenant_a))
    assert "Words checked just now" in after
    assert after == as_built_afresh(client, summary_path(tenant_a), settings)


def test_a_council_lead_and_a_manager_each_see_their_own_summary(tenant_a, settings):
    approved(tenant_a, "Said in the first council")
    approved(tenant_a, "Said in the other council", council=tenant_a.other_council)
    lead = person(tenant_a, Role.LEAD, tenant_a.other_council)
    manager, lead = signed_in(tenant_a["manager"]), signed_in(lead)
    for_manager = page(manager, summary_path(tenant_a))
    for_lead = page(lead, summary_path(tenant_a))
    assert "Said in the first council" in for_manager
    assert "Said in the other council" in for_manager
    assert "Said in the other council" in for_lead
    assert "Said in the first council" not in for_lead
    # And the other way round.
    settings.FRESH_SECONDS = 0
    assert page(lead, summary_path(tenant_a)) == for_lead
    assert page(manager, summary_path(tenant_a)) == for_manager


def test_the_summarys_periods_are_remembered_apart(tenant_a, settings):
    approved(tenant_a, "Checked words")
    client = signed_in(tenant_a["manager"])
    paths = [
        summary_path(tenant_a),
        f"/{tenant_a.organisation.slug}/feedback/summary/?period=last-12-months",
        summary_path(tenant_a, f"&council={tenant_a.council.public_id}"),
        summary_path(tenant_a, f"&council={tenant_a.other_council.public_id}"),
    ]
    first = [page(client, path) for path in paths]
    assert len({*first}) == len(paths)
    assert [page(client, path) for path in paths] == first
    assert [as_built_afresh(client, path, settings) for path in paths] == first


def test_a_new_theme_or_surgery_is_a_filter_option_at_once(tenant_a, settings):
    item_for(tenant_a, said="Something said")
    client = signed_in(tenant_a["rep"])
    before = remembered(client, board_path(tenant_a))
    with serving(tenant_a.organisation.pk):
        theme = theme_for(tenant_a, name="A theme added just now")
        surgery = surgery_for(tenant_a)
    after = page(client, board_path(tenant_a))
    assert "A theme added just now" not in before
    assert "A theme added just now" in after
    assert f'value="{surgery.public_id}"' in after
    assert f'value="{theme.public_id}"' in after
    # Chosen, each filters the board.
    chosen = page(client, board_path(tenant_a, query=f"&surgery={surgery.public_id}"))
    assert "Something said" not in chosen
    assert after == as_built_afresh(client, board_path(tenant_a), settings)


# The surgeries list -------------------------------------------------------------


def surgeries_path(tenant, query="") -> str:
    return f"/{tenant.organisation.slug}/surgeries/{query}"


def test_the_surgeries_list_asks_less_and_shows_a_new_surgery_at_once(tenant_a, settings):
    today = timezone.localdate()
    surgery_for(tenant_a, date=today + dt.timedelta(days=3))
    surgery_for(tenant_a, date=today - dt.timedelta(days=3), people_approached=7)
    client = signed_in(tenant_a["coordinator"])
    before = remembered(client, surgeries_path(tenant_a))
    with serving(tenant_a.organisation.pk):
        planned = SurgeryFactory(
            council=tenant_a.council, site=tenant_a.site, date=today + dt.timedelta(days=9)
        )
        item_for(
            tenant_a,
            surgery=surgery_for(tenant_a, date=today - dt.timedelta(days=30)),
            channel="surgery",
        )
    after = page(client, surgeries_path(tenant_a))
    assert planned.public_id not in before and planned.public_id in after
    assert "1 feedback item" in after
    assert after == as_built_afresh(client, surgeries_path(tenant_a), settings)


def test_a_rep_and_a_coordinator_each_see_their_councils_surgeries(tenant_a, settings):
    today = timezone.localdate()
    ours = surgery_for(tenant_a, date=today + dt.timedelta(days=2))
    theirs = SurgeryFactory(council=tenant_a.other_council, date=today + dt.timedelta(days=2))
    past_theirs = SurgeryFactory(council=tenant_a.other_council, date=today - dt.timedelta(days=2))
    coordinator, rep = signed_in(tenant_a["coordinator"]), signed_in(tenant_a["rep"])
    for_coordinator = page(coordinator, surgeries_path(tenant_a))
    for_rep = page(rep, surgeries_path(tenant_a))
    assert all(s.public_id in for_coordinator for s in (ours, theirs, past_theirs))
    assert ours.public_id in for_rep
    assert theirs.public_id not in for_rep and past_theirs.public_id not in for_rep
    assert for_rep == as_built_afresh(rep, surgeries_path(tenant_a), settings)
    assert for_coordinator == as_built_afresh(coordinator, surgeries_path(tenant_a), settings)


def test_the_past_surgeries_pages_are_remembered_apart(tenant_a, settings):
    today = timezone.localdate()
    for days in range(1, 25):
        surgery_for(tenant_a, date=today - dt.timedelta(days=days))
    client = signed_in(tenant_a["coordinator"])
    paths = [surgeries_path(tenant_a), surgeries_path(tenant_a, "?page=2")]
    first = [page(client, path) for path in paths]
    assert first[0] != first[1]
    assert [page(client, path) for path in paths] == first
    assert [as_built_afresh(client, path, settings) for path in paths] == first


# Quotes to check ----------------------------------------------------------------


def quotes_path(tenant, query="") -> str:
    return f"/{tenant.organisation.slug}/feedback/quotes/{query}"


def test_quotes_ask_less_and_a_decision_shows_at_once(tenant_a, settings):
    first = item_for(tenant_a, consent_to_quote=True, said="Words waiting one")
    item_for(tenant_a, consent_to_quote=True, said="Words waiting two")
    client = signed_in(tenant_a["coordinator"])
    before = remembered(client, quotes_path(tenant_a))
    assert "2 quotes are waiting" in before
    with serving(tenant_a.organisation.pk):
        services.quote_approve(item=first, text="Words approved", actor=tenant_a["coordinator"])
    after = page(client, quotes_path(tenant_a))
    assert "1 quote is waiting" in after and "“Words approved”" in after
    assert after == as_built_afresh(client, quotes_path(tenant_a), settings)


def test_two_coordinators_each_see_their_own_councils_quotes(tenant_a, settings):
    item_for(tenant_a, consent_to_quote=True, said="Said in the first council")
    item_for(
        tenant_a,
        council=tenant_a.other_council,
        consent_to_quote=True,
        said="Said in the other council",
    )
    for council, words in [(tenant_a.council, "First"), (tenant_a.other_council, "Other")]:
        item = item_for(tenant_a, council=council, consent_to_quote=True)
        services.quote_approve(item=item, text=f"{words} approved", actor=tenant_a["coordinator"])
    everywhere = signed_in(tenant_a["coordinator"])
    one_council = signed_in(person(tenant_a, Role.COORDINATOR, tenant_a.other_council))
    for_everywhere = page(everywhere, quotes_path(tenant_a))
    for_one = page(one_council, quotes_path(tenant_a))
    assert "Said in the first council" in for_everywhere
    assert "Said in the other council" in for_everywhere
    assert "Said in the other council" in for_one
    assert "Said in the first council" not in for_one
    assert "First approved" in for_everywhere and "Other approved" in for_everywhere
    assert "Other approved" in for_one and "First approved" not in for_one
    assert for_one == as_built_afresh(one_council, quotes_path(tenant_a), settings)
    assert for_everywhere == as_built_afresh(everywhere, quotes_path(tenant_a), settings)


def test_the_quotes_filters_and_pages_are_remembered_apart(tenant_a, settings):
    theme = theme_for(tenant_a)
    for i in range(27):
        item_for(tenant_a, theme=theme, consent_to_quote=True, said=f"Numbered {i:02d}")
    item_for(tenant_a, consent_to_quote=True, said="Another theme")
    client = signed_in(tenant_a["coordinator"])
    paths = [
        quotes_path(tenant_a),
        quotes_path(tenant_a, "?page=2"),
        quotes_path(tenant_a, "?order=oldest"),
        quotes_path(tenant_a, f"?theme={theme.public_id}"),
        quotes_path(tenant_a, f"?council={tenant_a.other_council.public_id}"),
        quotes_path(tenant_a, "?period=last-4-weeks"),
    ]
    first = [page(client, path) for path in paths]
    assert len({*first}) == len(paths)
    assert [page(client, path) for path in paths] == first
    assert [as_built_afresh(client, path, settings) for path in paths] == first


# The surgery page ------------------------------------------------------------------


def surgery_path(tenant, surgery) -> str:
    return f"/{tenant.organisation.slug}/surgeries/{surgery.public_id}/"


def logged(tenant, theme, said, token) -> dict:
    return {
        "theme": theme.public_id,
        "kind": "problem",
        "said": said,
        "suggestion": "",
        "consent_to_quote": "yes",
        "follow_up": "",
        "gender": "",
        "age_band": "",
        "ethnicity": "",
        "order_type": "",
        "submission_token": token,
    }


def test_what_a_rep_logs_on_the_surgery_page_shows_at_once(tenant_a, settings):
    """Reps log feedback on this page all day: what was just saved is never
    lost or hidden by what the page remembered before."""
    surgery = surgery_for(tenant_a)
    theme = theme_for(tenant_a, name="Waiting room")
    client = signed_in(tenant_a["rep"])
    path = surgery_path(tenant_a, surgery)
    before = remembered(client, path)
    assert "Logged so far (0)" in before and "Nothing logged yet." in before
    for n in (1, 2):
        response = client.post(path, logged(tenant_a, theme, f"Saved number {n}", f"tok-{n}"))
        assert response.status_code == 302
        after = page(client, response["Location"])
        assert f"Logged so far ({n})" in after
        assert f"Saved number {n}" in after
        # The rep may correct what they logged, and their page knows it is saved.
        item = FeedbackItem.objects.get(submission_token=f"tok-{n}")
        assert f"/feedback/{item.public_id}/edit/" in after
        assert f"tok-{n}" in after
        assert page(client, path) == as_built_afresh(client, path, settings)


def test_only_the_rep_who_logged_an_item_is_offered_to_correct_it(tenant_a, settings):
    surgery = surgery_for(tenant_a)
    item = item_for(tenant_a, surgery=surgery, channel="surgery", said="Logged by the rep")
    edit = f"/feedback/{item.public_id}/edit/"
    rep, coordinator = signed_in(tenant_a["rep"]), signed_in(tenant_a["coordinator"])
    path = surgery_path(tenant_a, surgery)
    for_coordinator = page(coordinator, path)
    for_rep = page(rep, path)
    assert "Logged by the rep" in for_coordinator and edit not in for_coordinator
    assert "Logged by the rep" in for_rep and edit in for_rep
    # The other way round, from what is remembered.
    assert page(coordinator, path) == for_coordinator
    assert for_rep == as_built_afresh(rep, path, settings)
    assert for_coordinator == as_built_afresh(coordinator, path, settings)


def test_a_surgery_page_shows_only_its_own_surgerys_items(tenant_a, settings):
    first, second = surgery_for(tenant_a), surgery_for(tenant_a)
    item_for(tenant_a, surgery=first, channel="surgery", said="Said at the first")
    item_for(tenant_a, surgery=second, channel="surgery", said="Said at the second")
    client = signed_in(tenant_a["rep"])
    at_first = page(client, surgery_path(tenant_a, first))
    at_second = page(client, surgery_path(tenant_a, second))
    assert "Said at the first" in at_first and "Said at the second" not in at_first
    assert "Said at the second" in at_second and "Said at the first" not in at_second
    assert at_second == as_built_afresh(client, surgery_path(tenant_a, second), settings)


# The home page's panels -------------------------------------------------------------


def home_path(tenant) -> str:
    return f"/{tenant.organisation.slug}/"


def test_the_coordinators_panel_counts_a_new_follow_up_at_once(tenant_a, settings):
    item_for(tenant_a, follow_up="safeguarding")
    client = signed_in(tenant_a["coordinator"])
    before = page(client, home_path(tenant_a))
    assert "1 open safeguarding concern" in before
    assert page(client, home_path(tenant_a)) == before
    with serving(tenant_a.organisation.pk):
        item_for(tenant_a, follow_up="safeguarding")
    after = page(client, home_path(tenant_a))
    assert "2 open safeguarding concerns" in after
    assert after == as_built_afresh(client, home_path(tenant_a), settings)


def test_two_coordinators_panels_count_their_own_councils(tenant_a, settings):
    item_for(tenant_a, follow_up="signposted")
    item_for(tenant_a, council=tenant_a.other_council, follow_up="signposted")
    item_for(tenant_a, council=tenant_a.other_council, follow_up="signposted")
    everywhere = signed_in(tenant_a["coordinator"])
    one_council = signed_in(person(tenant_a, Role.COORDINATOR, tenant_a.council))
    assert "3 open follow-ups" in page(everywhere, home_path(tenant_a))
    assert "1 open follow-up<" in page(one_council, home_path(tenant_a))
    assert "3 open follow-ups" in page(everywhere, home_path(tenant_a))


def test_the_reps_panel_shows_a_surgery_planned_for_them_at_once(tenant_a, settings):
    today = timezone.localdate()
    surgery_for(tenant_a, date=today + dt.timedelta(days=2))
    other_rep = person(tenant_a, Role.REP, tenant_a.council)
    rep, other = signed_in(tenant_a["rep"]), signed_in(other_rep)
    before = page(rep, home_path(tenant_a))
    assert "You have no surgeries planned." in page(other, home_path(tenant_a))
    assert page(rep, home_path(tenant_a)) == before
    with serving(tenant_a.organisation.pk):
        planned = surgery_for(tenant_a, date=today + dt.timedelta(days=5), reps=[other_rep])
    for_other = page(other, home_path(tenant_a))
    assert planned.public_id in for_other
    assert planned.public_id not in page(rep, home_path(tenant_a))
    assert for_other == as_built_afresh(other, home_path(tenant_a), settings)


def followups_path(tenant, query="") -> str:
    return f"/{tenant.organisation.slug}/feedback/follow-ups/{query}"


def test_the_follow_ups_ask_less_and_a_new_one_shows_at_once(tenant_a, settings):
    item_for(tenant_a, follow_up="safeguarding", said="He said he is not safe at home.")
    client = signed_in(tenant_a["coordinator"])
    before = remembered(client, followups_path(tenant_a))
    with serving(tenant_a.organisation.pk):
        item_for(tenant_a, follow_up="signposted", said="Sent to the housing advice desk.")
    after = page(client, followups_path(tenant_a))
    assert "Sent to the housing advice desk." in after
    assert "Sent to the housing advice desk." not in before
    assert after == as_built_afresh(client, followups_path(tenant_a), settings)


def test_the_follow_ups_say_how_long_ago_as_of_each_view(tenant_a, settings):
    """What is remembered is the follow-ups, not the words about when."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        item_for(tenant_a, follow_up="signposted", said="Sent to the housing advice desk.")
        client = signed_in(tenant_a["coordinator"])
        assert re.search(r"0\sminutes ago", page(client, followups_path(tenant_a)))
        traveller.shift(dt.timedelta(minutes=7))
        assert re.search(r"7\sminutes ago", page(client, followups_path(tenant_a)))


def test_two_coordinators_and_each_kind_see_their_own_follow_ups(tenant_a, settings):
    item_for(tenant_a, follow_up="safeguarding", said="Here, not safe.")
    item_for(
        tenant_a, council=tenant_a.other_council, follow_up="signposted", said="There, signposted."
    )
    one_council, everywhere = (
        signed_in(person(tenant_a, Role.COORDINATOR, tenant_a.council)),
        signed_in(tenant_a["coordinator"]),
    )
    mine = page(one_council, followups_path(tenant_a))
    assert "Here, not safe." in mine and "There, signposted." not in mine
    all_of_them = page(everywhere, followups_path(tenant_a))
    assert "Here, not safe." in all_of_them and "There, signposted." in all_of_them
    signposted = page(everywhere, followups_path(tenant_a, "?kind=signposted"))
    assert "There, signposted." in signposted and "Here, not safe." not in signposted
