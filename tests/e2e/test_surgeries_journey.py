"""A rep in a waiting room, on a 360 × 740 phone: opens today's surgery,
counts three people, logs two things people said (one a safeguarding
concern), and the coordinator sees the follow-up. A lost connection does not
lose what was typed, and sending it again makes no duplicate. Every page is
checked with axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from surgeries.models import FeedbackItem, Surgery
from tests.e2e.conftest import follow
from tests.surgeries.factories import item_for, surgery_for, theme_for

pytestmark = pytest.mark.django_db(transaction=True)


def log_item(
    page, *, theme, kind, said, suggestion="", safeguarding=False, consent=False, at_once=False
):
    page.get_by_label("Theme").select_option(label=theme)
    page.get_by_label(kind, exact=True).check()
    page.get_by_label("What they said").fill(said)
    if suggestion:
        page.get_by_label("What would make it better? (optional)").fill(suggestion)
    if consent:
        page.locator("#id_consent_to_quote_0").check()
    if safeguarding:
        page.get_by_label("Safeguarding concern – tell the coordinator").check()
    if at_once:
        # GOV.UK's guard against double clicks ignores a second press of
        # Save within a second; a rep takes longer to write the next words.
        page.locator("#feedback-form").evaluate("form => form.requestSubmit()")
    else:
        page.get_by_role("button", name="Save feedback").click()
    page.wait_for_load_state()


def test_rep_logs_a_surgery_on_a_phone_and_the_coordinator_sees_the_follow_up(
    tenant_a, phone_page, page, sign_in, check_a11y
):
    org = tenant_a.organisation.slug
    surgery = surgery_for(tenant_a)
    theme_for(tenant_a, name="Reception and buildings")
    theme_for(tenant_a, name="Housing and accommodation")
    rep = phone_page

    sign_in(rep, tenant_a["rep"])
    assert rep.get_by_role("heading", name="Your surgeries").is_visible()
    rep.get_by_role("link", name=re.compile("Open today's surgery")).click()
    assert rep.url.endswith(f"/{org}/surgeries/{surgery.public_id}/")
    check_a11y(rep)
    # Nothing on the page is wider than the phone.
    assert rep.evaluate("document.documentElement.scrollWidth") <= 360

    # Count three people: two talked, one said no.
    rep.get_by_role("button", name="Add 1 who talked").click()
    rep.get_by_role("button", name="Add 1 who talked").click()
    rep.get_by_label("Why they said no (optional)").fill("Called in for their appointment")
    rep.get_by_role("button", name="Add 1 who said no").click()
    expect(rep.locator("#count-approached")).to_have_text("3")
    expect(rep.locator("#count-engaged")).to_have_text("2")
    expect(rep.locator("#count-declined")).to_have_text("1")
    check_a11y(rep)

    # First: a mistake the page catches, and the words are kept.
    log_item(
        rep,
        theme="Reception and buildings",
        kind="Problem",
        said="There's no water in reception. Ring me on 07700 900123 about it.",
        suggestion="A water cooler and cups.",
        consent=True,
    )
    # The page's queue hears the server refuse, and hands the words to the
    # server's own page: the error summary, every word kept.
    rep.get_by_text("Remove a phone number").first.wait_for()
    assert rep.title().startswith("Error: ")
    assert rep.get_by_text("Remove a phone number").first.is_visible()
    check_a11y(rep)
    rep.get_by_label("What they said").fill("There's no water in reception.")
    rep.get_by_role("button", name="Save feedback").click()
    rep.get_by_text("Feedback saved. Thank you.").wait_for()

    # Second: a safeguarding concern.
    log_item(
        rep,
        theme="Housing and accommodation",
        kind="Problem",
        said="Said they have nowhere safe to stay tonight.",
        safeguarding=True,
        at_once=True,
    )
    rep.get_by_text("The coordinators have been told").wait_for()
    rep.get_by_role("heading", name="Logged so far (2)").wait_for()
    check_a11y(rep)

    surgery.refresh_from_db()
    assert (surgery.people_approached, surgery.people_engaged, surgery.people_declined) == (3, 2, 1)
    items = FeedbackItem.objects.filter(surgery=surgery)
    assert items.count() == 2
    assert items.filter(follow_up="safeguarding").count() == 1
    assert [m.to for m in mail.outbox] == [[tenant_a["coordinator"].email]]

    # The coordinator sees the follow-up and closes it.
    sign_in(page, tenant_a["coordinator"])
    assert page.get_by_text("1 open safeguarding concern.").is_visible()
    check_a11y(page)
    follow(page, page.get_by_role("link", name="1 open follow-up"))
    assert page.get_by_text("Said they have nowhere safe to stay tonight.").is_visible()
    check_a11y(page)
    follow(page, page.get_by_role("link", name=re.compile("Close")).first)
    check_a11y(page)
    follow(page, page.get_by_role("button", name="Close the follow-up"))
    assert page.get_by_text("Write what was done").first.is_visible()
    check_a11y(page)
    page.get_by_label("What was done?").fill("Rang the duty officer the same day.")
    follow(page, page.get_by_role("button", name="Close the follow-up"))
    assert page.get_by_text("There are no open follow-ups.").is_visible()


def test_a_lost_connection_keeps_the_words_and_never_makes_a_duplicate(
    tenant_a, phone_page, sign_in, go
):
    org = tenant_a.organisation.slug
    surgery = surgery_for(tenant_a)
    theme_for(tenant_a, name="Communication")
    rep = phone_page
    sign_in(rep, tenant_a["rep"], a11y=False)
    path = f"/{org}/surgeries/{surgery.public_id}/"
    go(rep, path, a11y=False)
    rep.get_by_label("Theme").select_option(label="Communication")
    rep.get_by_label("Idea", exact=True).check()
    rep.get_by_label("What they said").fill("Text reminders the day before would help.")

    # The page is left before saving: the words are kept as a draft.
    rep.reload()
    assert rep.get_by_text("We kept what you typed before.").is_visible()
    assert rep.get_by_label("What they said").input_value() == (
        "Text reminders the day before would help."
    )
    assert rep.get_by_label("Idea", exact=True).is_checked()

    # The signal drops as they press Save: the words wait on the phone.
    rep.context.set_offline(True)
    rep.get_by_role("button", name="Save feedback").click()
    rep.get_by_text("1 item is waiting; it will be sent when you have signal.").wait_for()
    assert rep.get_by_label("What they said").input_value() == ""
    assert FeedbackItem.objects.count() == 0

    # The signal comes back: sent once, and the draft is gone.
    rep.context.set_offline(False)
    rep.get_by_text("Feedback saved. Thank you.").wait_for()
    assert FeedbackItem.objects.filter(said__startswith="Text reminders").count() == 1
    # The first item of the day shows at once, in place of "Nothing logged yet."
    rep.locator(".app-feedback-list").get_by_text("Text reminders the day before").wait_for()
    assert rep.get_by_role("heading", name="Logged so far (1)").is_visible()
    assert not rep.get_by_text("Nothing logged yet.").is_visible()
    go(rep, path)
    assert rep.get_by_role("heading", name="Logged so far (1)").is_visible()
    assert rep.get_by_label("What they said").input_value() == ""
    assert FeedbackItem.objects.count() == 1


def test_every_surgeries_page_is_accessible(tenant_a, phone_page, page, sign_in, go, check_a11y):
    org = tenant_a.organisation.slug
    theme_for(tenant_a, name="Reception and buildings")
    surgery = surgery_for(tenant_a)
    item = item_for(
        tenant_a,
        surgery=surgery,
        site=tenant_a.site,
        channel="surgery",
        consent_to_quote=True,
        follow_up="safeguarding",
        gender="woman",
    )

    # A rep, on a phone.
    rep = phone_page
    sign_in(rep, tenant_a["rep"])
    for path in [
        "surgeries/",
        "surgeries/today/",
        f"surgeries/{surgery.public_id}/letter/",
        f"surgeries/{surgery.public_id}/edit/",
        f"feedback/{item.public_id}/",
        f"feedback/{item.public_id}/edit/",
        "feedback/evidence/",
    ]:
        go(rep, f"/{org}/{path}")
    # Plan a surgery, with a mistake first.
    go(rep, f"/{org}/surgeries/new/")
    rep.get_by_label("Site").select_option(label=tenant_a.site.name)
    rep.get_by_label("End time").fill("09:00")
    follow(rep, rep.get_by_role("button", name="Plan the surgery"))
    assert rep.title().startswith("Error: ")
    check_a11y(rep)
    rep.get_by_label("End time").fill("12:00")
    follow(rep, rep.get_by_role("button", name="Plan the surgery"))
    assert Surgery.objects.count() == 2
    check_a11y(rep)
    # Feedback from elsewhere, with a mistake first.
    go(rep, f"/{org}/feedback/new/")
    follow(rep, rep.get_by_role("button", name="Save feedback"))
    assert rep.title().startswith("Error: ")
    check_a11y(rep)
    # The board: tick an item and carry it as evidence.
    go(rep, f"/{org}/feedback/board/")
    rep.get_by_label(re.compile("Reception staff were rude")).check()
    follow(rep, rep.get_by_role("button", name="Add ticked feedback to my evidence").first)
    assert rep.get_by_text("You have picked 1 item as evidence").is_visible()
    check_a11y(rep)
    go(rep, f"/{org}/feedback/evidence/")
    go(rep, f"/{org}/feedback/board/?date_from=2026-02-30&date_to=x")

    # The coordinator: quotes and the summary.
    sign_in(page, tenant_a["coordinator"])
    for path in [
        "feedback/quotes/",
        f"feedback/{item.public_id}/quote/",
        "feedback/follow-ups/",
        "feedback/summary/?period=last-4-weeks",
        f"surgeries/{surgery.public_id}/",
    ]:
        go(page, f"/{org}/{path}")
    go(page, f"/{org}/feedback/{item.public_id}/quote/", a11y=False)
    follow(page, page.get_by_role("button", name="Approve these words"))
    assert page.get_by_text("Quote approved.").is_visible()
    check_a11y(page)


def test_admin_manages_themes_and_a_chair_reads_the_summary_on_a_phone(
    tenant_a, phone_page, page, sign_in, go, check_a11y
):
    org = tenant_a.organisation.slug
    item_for(tenant_a, quote_status="approved", consent_to_quote=True, approved_quote="Checked.")
    sign_in(page, tenant_a["admin"])
    go(page, f"/{org}/feedback/themes/")
    follow(page, page.get_by_role("button", name="Add the theme"))
    assert page.title().startswith("Error: ")
    check_a11y(page)
    page.get_by_label("Theme name").fill("Food and drink")
    follow(page, page.get_by_role("button", name="Add the theme"))
    follow(page, page.get_by_role("link", name=re.compile("Food and drink")))
    check_a11y(page)
    follow(page, page.get_by_role("button", name="Retire the theme"))
    assert page.get_by_text("Theme ‘Food and drink’ retired.").is_visible()
    check_a11y(page)

    sign_in(phone_page, tenant_a["chair"])
    go(phone_page, f"/{org}/feedback/summary/?period=last-4-weeks")
    assert phone_page.get_by_text("“Checked.”").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
