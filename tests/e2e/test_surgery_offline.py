"""A surgery day with no signal, in Chromium: the page opens from the
phone's copy, every tap and item waits in the browser with its own token and
is sent once when the signal comes back; a reply lost on the way never
swallows the next words; two quick taps are two people; and without
JavaScript the server keeps the same promises."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from surgeries.models import FeedbackItem, Surgery
from tests.e2e.conftest import CHROMIUM_ARGS, sign_in  # noqa: F401
from tests.surgeries.factories import surgery_for, theme_for

pytestmark = pytest.mark.django_db(transaction=True)


def new_context(browser, live_server, *, width=360, height=640, js=True, workers="allow"):
    # bypass_csp only so that the test's own checks can run in the page;
    # the app's scripts never need it.
    context = browser.new_context(
        viewport={"width": width, "height": height},
        java_script_enabled=js,
        bypass_csp=True,
        service_workers=workers,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.live_url = live_server.url
    return context, page


def eventually(page, check, *, seconds: float = 20) -> None:
    """Waits for the browser's queue to reach the server, polling the
    database; fails if it never does. It waits through Playwright so that
    the browser's events keep being handled meanwhile."""
    end = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < end, "the server never got what the browser was sending"
        page.wait_for_timeout(100)


def counts(surgery) -> tuple[int, int, int]:
    surgery = Surgery.objects.get(pk=surgery.pk)
    return surgery.people_approached, surgery.people_engaged, surgery.people_declined


def log_item(page, *, theme, said, kind="Problem", at_once=False):
    page.get_by_label("Theme").select_option(label=theme)
    page.get_by_label(kind, exact=True).check()
    page.get_by_label("What they said").fill(said)
    if at_once:
        # GOV.UK's guard against double clicks ignores a second press of
        # the same button within a second; a rep takes longer than that to
        # write the next words, a test does not.
        page.locator("#feedback-form").evaluate("form => form.requestSubmit()")
    else:
        page.get_by_role("button", name="Save feedback").click()
    # The page keeps the words in the phone's queue, then clears the form for
    # the next person. Wait for that, as a rep does: words typed before it
    # would be cleared with it.
    expect(page.get_by_label("What they said")).to_have_value("")


def open_surgery_with_worker(page, path):
    """Opens the page with signal and waits until the service worker has
    kept a copy of it."""
    page.goto(page.live_url + path)
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller")
    eventually(
        page,
        lambda: page.evaluate(
            """async (path) => {
                for (const k of await caches.keys()) {
                    if (await (await caches.open(k)).match(location.origin + path)) return true;
                }
                return false;
            }""",
            path,
        ),
    )


@pytest.fixture
def rep_on_phone(browser, live_server, tenant_a):
    context, page = new_context(browser, live_server)
    sign_in(page, tenant_a["rep"], a11y=False)
    yield page
    context.close()


def test_a_whole_surgery_logged_offline_is_sent_once_when_the_signal_returns(
    tenant_a, rep_on_phone
):
    surgery = surgery_for(tenant_a)
    theme_for(tenant_a, name="Housing and accommodation")
    rep = rep_on_phone
    path = f"/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/"
    open_surgery_with_worker(rep, path)

    rep.context.set_offline(True)
    rep.reload()  # the phone's copy, not the browser's "no internet"
    assert rep.get_by_role("heading", name="Add what someone said").is_visible()
    rep.get_by_role("button", name="Add 1 who talked").click()
    rep.get_by_role("button", name="Add 1 approached, no answer").click()
    rep.get_by_label("Why they said no (optional)").fill("In a hurry")
    rep.get_by_role("button", name="Add 1 who said no").click()
    log_item(rep, theme="Housing and accommodation", said="Nobody helps with housing.")
    log_item(
        rep,
        theme="Housing and accommodation",
        said="The hostel list is old.",
        kind="Idea",
        at_once=True,
    )
    status = rep.locator("#queue-status")
    status.get_by_text(
        "2 items and 3 counts are waiting; they will be sent when you have signal."
    ).wait_for()
    assert rep.locator("#count-approached").inner_text() == "3"
    assert FeedbackItem.objects.count() == 0

    rep.context.set_offline(False)
    eventually(rep, lambda: FeedbackItem.objects.count() == 2 and counts(surgery) == (3, 1, 1))
    rep.wait_for_function(
        "!document.querySelector('#queue-status').textContent.includes('waiting')"
    )
    assert sorted(FeedbackItem.objects.values_list("said", flat=True)) == [
        "Nobody helps with housing.",
        "The hostel list is old.",
    ]
    assert Surgery.objects.get(pk=surgery.pk).declined_reasons == "In a hurry"
    # Cleared from the phone once the server has them.
    assert (
        rep.evaluate(
            """() => new Promise((ok) => {
            const r = indexedDB.open("said-and-done");
            r.onsuccess = () => {
                const g = r.result.transaction("outbox").objectStore("outbox").count();
                g.onsuccess = () => ok(g.result);
            };
        })"""
        )
        == 0
    )


def test_the_tab_closed_and_reopened_while_offline_loses_nothing(tenant_a, rep_on_phone):
    surgery = surgery_for(tenant_a)
    theme_for(tenant_a, name="Communication")
    rep = rep_on_phone
    path = f"/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/"
    open_surgery_with_worker(rep, path)
    context = rep.context
    context.set_offline(True)
    rep.get_by_role("button", name="Add 1 who talked").click()
    log_item(rep, theme="Communication", said="Letters arrive after the appointment.")
    rep.locator("#queue-status").get_by_text("1 item and 1 count are waiting").wait_for()
    rep.close()

    again = context.new_page()
    again.goto(rep.live_url + path)
    again.locator("#queue-status").get_by_text("1 item and 1 count are waiting").wait_for()
    assert FeedbackItem.objects.count() == 0
    context.set_offline(False)
    eventually(again, lambda: FeedbackItem.objects.count() == 1 and counts(surgery) == (1, 1, 0))


def test_signing_out_with_items_waiting_is_warned(tenant_a, rep_on_phone):
    surgery = surgery_for(tenant_a)
    rep = rep_on_phone
    open_surgery_with_worker(rep, f"/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/")
    rep.context.set_offline(True)
    rep.get_by_role("button", name="Add 1 who talked").click()
    rep.locator("#queue-status").get_by_text("1 count is waiting").wait_for()
    warnings = []

    def stay(dialog):
        warnings.append(dialog.message)
        dialog.dismiss()

    rep.on("dialog", stay)
    rep.get_by_role("link", name="Menu").or_(rep.get_by_role("button", name="Menu")).click()
    # Wait for the dialog itself: the handler runs asynchronously, so checking
    # the list straight after the click can race it.
    with rep.expect_event("dialog"):
        rep.get_by_role("button", name="Sign out").click()
    rep.locator("#queue-status").get_by_text("1 count is waiting").wait_for()
    assert warnings and "are not sent yet" in warnings[0]


def test_no_signal_on_another_page_shows_the_products_own_page(tenant_a, rep_on_phone):
    surgery = surgery_for(tenant_a)
    rep = rep_on_phone
    org = tenant_a.organisation.slug
    open_surgery_with_worker(rep, f"/{org}/surgeries/{surgery.public_id}/")
    rep.context.set_offline(True)
    rep.goto(rep.live_url + f"/{org}/feedback/board/")
    assert rep.get_by_role("heading", name="No signal").is_visible()


def test_a_lost_reply_never_swallows_the_next_words(tenant_a, browser, live_server):
    surgery = surgery_for(tenant_a)
    theme_for(tenant_a, name="Communication")
    # Playwright cannot stand between the page and the server while a
    # service worker is in the way; the queue is what is tested here.
    context, rep = new_context(browser, live_server, workers="block")
    sign_in(rep, tenant_a["rep"], a11y=False)
    path = f"/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/"
    rep.goto(rep.live_url + path)
    lost = []

    def lose_the_reply(route):
        # The server gets the item; its answer never reaches the phone.
        route.fetch()
        lost.append(True)
        route.abort()

    rep.route(
        re.compile(re.escape(path) + r"$"),
        lambda route: (
            lose_the_reply(route)
            if route.request.method == "POST" and not lost
            else route.continue_()
        ),
    )
    log_item(rep, theme="Communication", said="First person's words.")
    eventually(rep, lambda: FeedbackItem.objects.count() == 1 and bool(lost))
    # The next person's words, in the same form, on the next visit.
    rep.reload()
    log_item(rep, theme="Communication", said="Second person's words.")
    eventually(rep, lambda: FeedbackItem.objects.count() == 2)
    rep.wait_for_function(
        "!document.querySelector('#queue-status').textContent.includes('waiting')"
    )
    assert sorted(FeedbackItem.objects.values_list("said", flat=True)) == [
        "First person's words.",
        "Second person's words.",
    ]
    context.close()


def test_two_different_taps_in_quick_succession_count_two_people(tenant_a, rep_on_phone):
    surgery = surgery_for(tenant_a)
    rep = rep_on_phone
    rep.goto(rep.live_url + f"/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/")
    rep.get_by_role("button", name="Add 1 who talked").click()
    rep.get_by_role("button", name="Add 1 approached, no answer").click()
    eventually(rep, lambda: counts(surgery) == (2, 1, 0))
    rep.locator("#count-approached").get_by_text("2").wait_for()


def test_without_javascript_a_resend_is_one_item_and_two_taps_count_twice(
    tenant_a, browser, live_server
):
    surgery = surgery_for(tenant_a)
    theme_for(tenant_a, name="Communication")
    context, page = new_context(browser, live_server, js=False)
    sign_in(page, tenant_a["rep"], a11y=False)
    path = f"/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/"
    page.goto(live_server.url + path)

    # Two taps from the same page, before it reloads: two people.
    forms = page.locator("form.app-count-form")
    taps = [
        {
            "csrfmiddlewaretoken": forms.nth(i).locator("[name=csrfmiddlewaretoken]").input_value(),
            "token": forms.nth(i).locator("[name=token]").input_value(),
            "outcome": forms.nth(i).locator("[name=outcome]").input_value(),
        }
        for i in (0, 1)
    ]
    count_url = live_server.url + path + "count/"
    for tap in (taps[0], taps[1], taps[1]):  # the last is a resend
        context.request.post(count_url, form=tap, headers={"Referer": live_server.url + path})
    assert counts(surgery) == (2, 1, 0)

    # The feedback form sent, then sent again: one item, and the page says so.
    page.get_by_label("Theme").select_option(label="Communication")
    page.get_by_label("Idea", exact=True).check()
    page.get_by_label("What they said").fill("Text reminders would help.")
    form = page.locator("#feedback-form")
    fields = {
        name: form.locator(f"[name={name}]").first.input_value()
        for name in ("csrfmiddlewaretoken", "submission_token", "theme", "said")
    }
    fields.update(kind="idea", consent_to_quote="no", follow_up="")
    page.get_by_role("button", name="Save feedback").click()
    assert page.get_by_text("Feedback saved. Thank you.").is_visible()
    page.go_back()
    resend = context.request.post(
        live_server.url + path, form=fields, headers={"Referer": live_server.url + path}
    )
    assert "It has not been added twice." in resend.text()
    assert FeedbackItem.objects.count() == 1
    context.close()


@pytest.mark.parametrize("js", [True, False])
def test_on_a_small_phone_the_counting_buttons_are_on_the_first_screen(
    tenant_a, browser, live_server, js
):
    surgery = surgery_for(tenant_a)
    context, page = new_context(browser, live_server, js=js)
    sign_in(page, tenant_a["rep"], a11y=False)
    page.goto(live_server.url + f"/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/")
    button = page.get_by_role("button", name="Add 1 who talked").bounding_box()
    assert button["y"] + button["height"] <= 640
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert (
        page.get_by_role("link", name="Menu").is_visible()
        or page.get_by_role("button", name="Menu").is_visible()
    )
    context.close()


def visit_on_a_slow_link(page, url) -> dict:
    """One visit on an emulated slow link (400 ms, 50 KB/s): time to the
    load event and bytes the page's requests reported."""
    started = time.monotonic()
    page.goto(url, wait_until="load")
    seconds = time.monotonic() - started
    sizes = page.evaluate(
        """() => performance.getEntriesByType('navigation')
            .concat(performance.getEntriesByType('resource'))
            .map((e) => ({name: e.name, transfer: e.transferSize, body: e.decodedBodySize}))"""
    )
    return {
        "seconds": round(seconds, 2),
        "transferred": sum(s["transfer"] for s in sizes),
        "requests": len(sizes),
        "hashed_static": all(
            re.search(r"\.[0-9a-f]{12}\.\w+$", s["name"]) for s in sizes if "/static/" in s["name"]
        ),
        "files": {s["name"].rsplit("/", 1)[-1]: s["transfer"] for s in sizes},
    }


def compressed_size(page, url: str) -> int:
    """The bytes of ``url`` as the server sends it to this browser (its
    cookies, asking for gzip as browsers and service workers do): body and
    headers, not unzipped."""
    import urllib.request

    cookies = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookies, "Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        body = response.read()
        assert response.headers.get("Content-Encoding") == "gzip", "pages are sent gzipped"
        headers = sum(len(k) + len(v) + 4 for k, v in response.headers.items())
    return len(body) + headers


@pytest.fixture
def production_server(settings, tmp_path, transactional_db):
    """A live server that serves static files as production does: collected
    with hashed names and compressed (config/storage.py), by WhiteNoise,
    pages gzipped by the app. The shared live server serves the source
    files plainly, which is not what a phone downloads."""
    from django.core.management import call_command
    from django.db import connections
    from django.test.testcases import LiveServerThread

    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "config.storage.HashedCompressedStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["axe.min.js"])
    override = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    thread = LiveServerThread(
        "localhost", static_handler=lambda app: app, connections_override=override
    )
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()


def test_the_surgery_page_on_a_slow_link_first_and_repeat_visit(
    tenant_a, browser, live_server, production_server
):
    """Measured for docs/benchmarks.md (run with -s to see the numbers):
    the first visit downloads under 100 KB in all, and the repeat visit,
    with the files from the phone's copy, under 20 KB. Bytes, not times:
    no timed assertions."""
    surgery = surgery_for(tenant_a)
    context, rep = new_context(browser, live_server)
    rep.live_url = production_server
    sign_in(rep, tenant_a["rep"], a11y=False)
    url = rep.live_url + f"/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/"
    session = rep.context.new_cdp_session(rep)
    session.send("Network.enable")
    session.send("Network.clearBrowserCache")
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 400,
            "downloadThroughput": 50 * 1024,
            "uploadThroughput": 50 * 1024,
        },
    )
    first = visit_on_a_slow_link(rep, url)
    rep.wait_for_function("navigator.serviceWorker.controller !== null")
    repeat = visit_on_a_slow_link(rep, url)
    # On the repeat visit the service worker answers the page: the browser
    # reports the page's full, unzipped size, but what crossed the link is
    # the worker's own fetch of it, gzipped like any page. Count that.
    page_name = url.rsplit("/", 1)[-1]  # the key visit_on_a_slow_link gives the page
    on_the_wire = compressed_size(rep, url)
    repeat["transferred"] = on_the_wire + sum(
        size for name, size in repeat["files"].items() if name != page_name
    )
    print(f"\nSLOW LINK first visit: {first}\nSLOW LINK repeat visit: {repeat}")
    assert first["hashed_static"], "the page should ask for hashed static names"
    assert first["transferred"] < 100_000
    assert repeat["transferred"] < 20_000
    context.close()
