"""A rep's surgery day on a 360 px phone (issue 15): a mistaken tap taken
back with Undo, with and without JavaScript; the feedback board grouped by
theme in closed sections, with the button within reach and ticks kept across
sections; where someone was signposted, revealed only when it applies."""

import re

import pytest
from playwright.sync_api import expect

from surgeries.models import FeedbackItem, FeedbackSelection, Surgery
from tests.e2e.conftest import follow
from tests.e2e.test_surgery_offline import new_context
from tests.surgeries.factories import item_for, surgery_for, theme_for

pytestmark = pytest.mark.django_db(transaction=True)


def counts(surgery):
    surgery = Surgery.objects.get(pk=surgery.pk)
    return surgery.people_approached, surgery.people_engaged, surgery.people_declined


def test_a_mistaken_tap_is_taken_back_on_a_phone(tenant_a, phone_page, sign_in, check_a11y):
    surgery = surgery_for(tenant_a)
    rep = phone_page
    sign_in(rep, tenant_a["rep"], a11y=False)
    rep.goto(f"{rep.live_url}/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/")
    rep.get_by_role("button", name="Add 1 who talked").click()
    rep.get_by_role("button", name="Add 1 who talked").click()
    expect(rep.locator("#count-engaged")).to_have_text("2")
    done = rep.locator("#tap-done")
    expect(done.get_by_text("Counted 1 person who talked.")).to_be_visible()
    undo = done.get_by_role("button", name=re.compile("^Undo"))
    expect(undo).to_be_visible()
    check_a11y(rep)
    assert rep.evaluate("document.documentElement.scrollWidth") <= 360
    follow(rep, undo)
    expect(rep.locator("#tap-done")).to_contain_text("Taken back: 1 person who talked.")
    expect(rep.locator("#count-engaged")).to_have_text("1")
    assert counts(surgery) == (1, 1, 0)
    check_a11y(rep)


def test_a_tap_is_taken_back_without_javascript(tenant_a, browser, live_server):
    from tests.e2e.conftest import sign_in

    surgery = surgery_for(tenant_a)
    context, rep = new_context(browser, live_server, js=False, workers="block")
    try:
        sign_in(rep, tenant_a["rep"], a11y=False)
        rep.goto(f"{rep.live_url}/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/")
        follow(rep, rep.get_by_role("button", name="Add 1 who said no"))
        assert counts(surgery) == (1, 0, 1)
        assert rep.locator("#tap-done").get_by_text("Counted 1 person who said no.").is_visible()
        follow(rep, rep.locator("#tap-done").get_by_role("button", name=re.compile("^Undo")))
        assert counts(surgery) == (0, 0, 0)
        assert rep.get_by_text("Taken back: 1 person who said no.").is_visible()
        assert rep.locator("#tap-done").get_by_role("button").count() == 0
    finally:
        context.close()


def test_the_board_on_a_phone_is_short_and_keeps_ticks_across_themes(
    tenant_a, phone_page, sign_in, check_a11y
):
    org = tenant_a.organisation.slug
    themes = [
        theme_for(tenant_a, name=name, position=n)
        for n, name in enumerate(["Reception", "Housing", "Appointments"])
    ]
    for theme in themes:
        for n in range(7):
            item_for(tenant_a, theme=theme, said=f"{theme.name} said number {n}, at some length.")
    rep = phone_page
    sign_in(rep, tenant_a["rep"], a11y=False)
    rep.goto(f"{rep.live_url}/{org}/feedback/board/")
    check_a11y(rep)
    assert rep.evaluate("document.documentElement.scrollWidth") <= 360
    # Closed by theme, each saying how many: the page is a few screens, not dozens.
    assert rep.evaluate("document.documentElement.scrollHeight") < 740 * 5
    add = rep.get_by_role("button", name="Add ticked feedback to my evidence")
    assert add.count() == 2
    reception = rep.locator("details", has_text="Reception (7)")
    housing = rep.locator("details", has_text="Housing (7)")
    reception.locator("summary").click()
    rep.get_by_label(re.compile("Reception said number 3")).check()
    reception.locator("summary").click()  # closed again: the tick stays in the form
    housing.locator("summary").click()
    rep.get_by_label(re.compile("Housing said number 5")).check()
    check_a11y(rep)
    rep.evaluate("window.scrollTo(0, 0)")
    follow(rep, add.first)
    assert rep.get_by_text("You have picked 2 items as evidence").is_visible()
    picked = set(FeedbackSelection.objects.values_list("item__said", flat=True))
    assert picked == {
        "Reception said number 3, at some length.",
        "Housing said number 5, at some length.",
    }


def test_where_someone_was_signposted_is_one_tap_away_and_optional(
    tenant_a, phone_page, sign_in, check_a11y
):
    surgery = surgery_for(tenant_a)
    theme_for(tenant_a, name="Housing and accommodation")
    rep = phone_page
    sign_in(rep, tenant_a["rep"], a11y=False)
    rep.goto(f"{rep.live_url}/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/")
    where = rep.get_by_label("Where to?")
    expect(where).to_be_hidden()
    rep.get_by_text("Where you signposted them (optional)").click()
    expect(where).to_be_visible()
    check_a11y(rep)
    rep.get_by_label("Theme").select_option(label="Housing and accommodation")
    rep.get_by_label("Problem", exact=True).check()
    rep.get_by_label("What they said").fill("Nowhere to live after the hostel.")
    rep.get_by_label("Signposted somewhere").check()
    where.select_option(label="Housing")
    rep.get_by_role("button", name="Save feedback").click()
    rep.get_by_text("Feedback saved. Thank you.").wait_for()
    item = FeedbackItem.objects.get()
    assert (item.follow_up, item.signposted_to) == ("signposted", "housing")


def test_a_tap_waiting_for_signal_is_taken_back_by_never_sending_it(tenant_a, browser, live_server):
    from tests.e2e.conftest import sign_in

    surgery = surgery_for(tenant_a)
    context, rep = new_context(browser, live_server, workers="block")
    try:
        sign_in(rep, tenant_a["rep"], a11y=False)
        rep.goto(f"{rep.live_url}/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/")
        context.set_offline(True)
        rep.get_by_role("button", name="Add 1 who talked").click()
        rep.locator("#queue-status").get_by_text("1 count is waiting").wait_for()
        expect(rep.locator("#count-engaged")).to_have_text("1")
        done = rep.locator("#tap-done")
        expect(done).to_contain_text("Waiting to be sent: 1 person who talked.")
        done.get_by_role("button", name=re.compile("^Undo")).click()
        expect(rep.locator("#count-engaged")).to_have_text("0")
        expect(rep.locator("#queue-status")).to_be_hidden()
        context.set_offline(False)
        # Back online, a later tap is sent and counted; the one taken back never is.
        rep.get_by_role("button", name="Add 1 who said no").click()
        expect(done.get_by_text("Counted 1 person who said no.")).to_be_visible()
        assert counts(surgery) == (1, 0, 1)
    finally:
        context.close()
