"""Every word a rep reads on a surgery day, and every word of the public
You Said, We Did page, has a Welsh translation.

The pages are rendered in Welsh while every translation lookup is recorded;
each string looked up must be in the Welsh catalogue. A new string on one of
these pages fails here until it is translated, so the Welsh pages never drift
back into English a bit at a time.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

from tests.reports import story as s
from tests.surgeries.factories import item_for, surgery_for, theme_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A Welsh request leaves Welsh active in this thread; later tests expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def looked_up(monkeypatch):
    """The message ids looked up while the test runs, as catalogue keys."""
    keys: set = set()
    real = {name: getattr(trans_real, name) for name in ("gettext", "ngettext", "pgettext")}

    def gettext(message):
        keys.add(str(message))
        return real["gettext"](message)

    def ngettext(singular, plural, number):
        keys.add((str(singular), 0))
        return real["ngettext"](singular, plural, number)

    def pgettext(context, message):
        keys.add(f"{context}\x04{message}")
        return real["pgettext"](context, message)

    for name, function in (("gettext", gettext), ("ngettext", ngettext), ("pgettext", pgettext)):
        monkeypatch.setattr(translation._trans, name, function, raising=False)
    return keys


# Django's own strings, translated (or not) in Django's catalogue; and
# words of Django and allauth that our forms replace before anyone sees them
# (the sign-in box's label; a password too short at setup).
DJANGOS_OWN = {
    "String to return when truncating text\x04%(truncated_text)s…",
    "field label\x04Login",
    ("This password is too short. It must contain at least %d character.", 0),
}

# Welsh has four plural forms (see the catalogue's Plural-Forms header).
WELSH_PLURAL_FORMS = 4


def in_welsh(catalogue, key) -> bool:
    """A plural message has Welsh only when every one of its forms has."""
    if isinstance(key, tuple):
        return all(catalogue.get((key[0], n)) for n in range(WELSH_PLURAL_FORMS))
    return bool(catalogue.get(key))


def missing_in_welsh(keys) -> list:
    catalogue = trans_real.translation("cy")._catalog
    return sorted(
        (key for key in keys if key and key not in DJANGOS_OWN and not in_welsh(catalogue, key)),
        key=str,
    )


def rep_in_welsh(tenant, client_for):
    client = client_for(tenant["rep"])
    client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    return client


def test_a_reps_surgery_day_is_all_in_welsh(tenant_a, client_for, looked_up):
    client = rep_in_welsh(tenant_a, client_for)
    theme = theme_for(tenant_a)
    surgery = surgery_for(tenant_a)
    item_for(tenant_a, theme=theme, surgery=surgery, channel="surgery")
    slug = tenant_a.organisation.slug
    looked_up.clear()
    for path in (
        f"/{slug}/",
        f"/{slug}/surgeries/today/",
        f"/{slug}/surgeries/{surgery.public_id}/",
        f"/{slug}/surgeries/offline/",
        f"/{slug}/feedback/new/",
    ):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert '<html lang="cy"' in response.content.decode(), path
    # The errors a rep can meet when saving feedback.
    client.post(f"/{slug}/feedback/new/", {"said": ""})
    client.post(f"/{slug}/surgeries/{surgery.public_id}/", {"said": ""})
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_the_public_you_said_we_did_page_is_all_in_welsh(tenant_a, client, looked_up):
    s.build(tenant_a)
    council = tenant_a.council
    type(council).objects.filter(pk=council.pk).update(public_page_enabled=True)
    looked_up.clear()
    with time_machine.travel(dt.datetime(2025, 7, 15, 12, tzinfo=dt.UTC), tick=False):
        response = client.get(
            f"/public/{tenant_a.organisation.slug}/{council.slug}/", HTTP_ACCEPT_LANGUAGE="cy"
        )
    assert response.status_code == 200
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


# Every page the rep role opens with a 200, from the role tables; the pages
# that answer a rep with a 302 are followed to where they lead.
def rep_pages() -> list:
    from tests.councils.test_role_view_matrix import EXPECTED
    from tests.surgeries.test_roles import SURGERIES

    table = {**EXPECTED, **SURGERIES}
    return sorted(
        name
        for name, row in table.items()
        if row.method == "GET"
        and row["rep"] in {200, 302}
        # the offline page's service worker is JavaScript, not words
        and name != "surgery_service_worker"
    )


def rep_urls(tenant) -> dict:
    from tests.url_params import fill
    from tests.urlwalk import org_routes

    wanted = set(rep_pages())
    return {r.name: fill(r, tenant) for r in org_routes() if r.name in wanted}


def welsh_page_failures(client, urls) -> list:
    failures = []
    for url in urls:
        response = client.get(url, follow=True)
        if response.status_code != 200:
            failures.append(f"{url} -> {response.status_code}")
        elif "text/html" in response["Content-Type"]:
            if '<html lang="cy"' not in response.content.decode():
                failures.append(f"{url} is not in Welsh")
    return failures


def test_every_page_a_rep_opens_is_all_in_welsh(tenant_a, client_for, looked_up):
    client = rep_in_welsh(tenant_a, client_for)
    urls = rep_urls(tenant_a)
    assert set(urls) == set(rep_pages())
    looked_up.clear()
    failures = welsh_page_failures(client, [*urls.values(), "/account/", "/help/"])
    assert failures == []
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_a_reps_forms_and_their_errors_are_all_in_welsh(tenant_a, client_for, looked_up):
    client = rep_in_welsh(tenant_a, client_for)
    slug = tenant_a.organisation.slug
    looked_up.clear()
    # A form sent with nothing right in it: each page shows its errors. (An
    # empty POST would read as no form sent at all.)
    for path in (
        f"/{slug}/my-details/change/",
        f"/{slug}/expenses/claim/",
        f"/{slug}/proposals/new/",
        f"/{slug}/report-a-problem/",
    ):
        response = client.post(path, {"email": "not an email address"})
        assert response.status_code == 200, path
        assert "govuk-error-summary" in response.content.decode(), path
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_the_pages_that_say_no_are_all_in_welsh(tenant_a, client_for, looked_up):
    client = rep_in_welsh(tenant_a, client_for)
    slug = tenant_a.organisation.slug
    looked_up.clear()
    refused = client.get(f"/{slug}/people/")
    assert refused.status_code == 403
    assert '<html lang="cy"' in refused.content.decode()
    not_found = client.get(f"/{slug}/no-such-page/")
    assert not_found.status_code == 404
    assert '<html lang="cy"' in not_found.content.decode()
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_signing_in_and_setting_up_are_all_in_welsh(client, looked_up):
    client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    looked_up.clear()
    for path in (
        "/accounts/login/",
        "/setup/",
        "/help/",
        "/accessibility/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="cy"' in response.content.decode(), path
    # A wrong password, and a code that does not match.
    client.post("/accounts/login/", {"login": "nobody", "password": "wrong"})
    client.post(
        "/setup/", {"username": "nobody", "code": "ABCD-EFGH", "password1": "x", "password2": "y"}
    )
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_a_reps_expense_claims_at_every_step_are_all_in_welsh(tenant_a, client_for, looked_up):
    from expenses.services import decisions
    from tests.expenses import factories as f

    client = rep_in_welsh(tenant_a, client_for)
    coordinator = tenant_a["coordinator"]
    empty = f.draft_claim(tenant_a, amounts=())
    ready = f.draft_claim(tenant_a)
    claims = [
        empty,
        ready,
        f.approved_claim(tenant_a),
        f.paid_claim(tenant_a),
        decisions.claim_query(
            claim=f.submitted_claim(tenant_a),
            question="Which bus did you take to the meeting?",
            actor=coordinator,
        ),
        decisions.claim_reject(
            claim=f.submitted_claim(tenant_a),
            reason="This trip was not part of your council work.",
            actor=coordinator,
        ),
    ]
    base = f"/{tenant_a.organisation.slug}/expenses/"
    looked_up.clear()
    failures = welsh_page_failures(
        client,
        [
            base,
            f"{base}claims/{empty.public_id}/costs/",
            f"{base}claims/{ready.public_id}/costs/",
            f"{base}claims/{ready.public_id}/check/",
            *(f"{base}claims/{claim.public_id}/" for claim in claims),
        ],
    )
    assert failures == []
    # Each cost that cannot be taken, and a claim for a day still to come.
    for data in (
        {"kind": "fares", "amount": "-3", "receipt_lost": "on"},
        {"kind": "fares", "amount": "25000", "receipt_lost": "on"},
        {"kind": "fares", "amount": "four", "receipt_lost": "on"},
        {"kind": "mileage", "amount": "", "description": "To the hub"},
        {"kind": "meals", "amount": "6.20"},
        {"kind": ""},
    ):
        response = client.post(f"{base}claims/{empty.public_id}/costs/", data)
        assert response.status_code == 200, data
    client.post(
        f"{base}claim/",
        {
            "council": tenant_a.council.public_id,
            "activity_kind": "training",
            "activity_date": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
        },
    )
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_elections_at_every_stage_are_all_in_welsh(tenant_a, client_for, looked_up):
    from tests.members.factories import election, nominate

    client = rep_in_welsh(tenant_a, client_for)
    council = tenant_a.council
    standing = election(council, stage="nominations", office="secretary")
    voting = election(council, stage="voting", kind="seats", seats=2)
    nominate(voting, tenant_a["rep"])
    closed = election(council, stage="closed", office="vice_chair")
    base = f"/{tenant_a.organisation.slug}/elections/"
    looked_up.clear()
    failures = welsh_page_failures(
        client,
        [
            base,
            f"{base}{standing.public_id}/",
            f"{base}{standing.public_id}/stand/",
            f"{base}{voting.public_id}/",
            f"{base}{voting.public_id}/vote/",
            f"{base}{closed.public_id}/",
        ],
    )
    assert failures == []
    # Standing and voting with nothing filled in.
    client.post(f"{base}{standing.public_id}/stand/", {"statement": ""})
    client.post(f"{base}{voting.public_id}/vote/", {"choices": ""})
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_a_proposal_drafted_from_feedback_is_all_in_welsh(tenant_a, client_for, looked_up):
    from surgeries.services import feedback_selection_add

    client = rep_in_welsh(tenant_a, client_for)
    theme = theme_for(tenant_a)
    surgery = surgery_for(tenant_a)
    items = [
        item_for(tenant_a, theme=theme, surgery=surgery, channel="surgery"),
        item_for(tenant_a, theme=theme, surgery=surgery, channel="surgery"),
    ]
    feedback_selection_add(user=tenant_a["rep"], council=tenant_a.council, items=items)
    slug = tenant_a.organisation.slug
    council = tenant_a.council.public_id
    looked_up.clear()
    failures = welsh_page_failures(
        client,
        [
            f"/{slug}/feedback/evidence/?council={council}",
            f"/{slug}/proposals/new/?from_selection={council}",
        ],
    )
    assert failures == []
    response = client.post(
        f"/{slug}/proposals/new/?from_selection={council}",
        {"title": "", "problem": "", "evidence": [i.public_id for i in items]},
    )
    assert response.status_code == 200
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_proposals_and_meetings_at_every_status_are_all_in_welsh(tenant_a, client_for, looked_up):
    from proposals.models import Meeting, Proposal

    s.build(tenant_a)
    client = rep_in_welsh(tenant_a, client_for)
    slug = tenant_a.organisation.slug
    proposals = Proposal.objects.filter(organisation=tenant_a.organisation)
    meetings = Meeting.objects.filter(organisation=tenant_a.organisation)
    looked_up.clear()
    failures = welsh_page_failures(
        client,
        [
            f"/{slug}/",
            f"/{slug}/proposals/",
            f"/{slug}/proposals/ours/",
            f"/{slug}/meetings/",
            f"/{slug}/reports/",
            *(f"/{slug}/proposals/{p.public_id}/" for p in proposals),
            *(f"/{slug}/meetings/{m.public_id}/" for m in meetings),
        ],
    )
    assert failures == []
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_what_a_rep_is_told_after_each_thing_they_do_is_all_in_welsh(
    tenant_a, client_for, looked_up
):
    """The pages after saving, sending, standing, voting and writing, with the
    message at the top of each."""
    from proposals.models import Proposal
    from tests.expenses.factories import draft_claim
    from tests.members.factories import election, nominate

    client = rep_in_welsh(tenant_a, client_for)
    rep, council = tenant_a["rep"], tenant_a.council
    slug = tenant_a.organisation.slug
    claim = draft_claim(tenant_a)
    standing = election(council, stage="nominations", office="secretary")
    voting = election(council, stage="voting", office="vice_chair")
    nomination = nominate(voting, rep)
    theme = theme_for(tenant_a)
    item = item_for(tenant_a, theme=theme, surgery=surgery_for(tenant_a), channel="surgery")
    looked_up.clear()
    for path, data in (
        (f"/{slug}/my-details/change/", {"contact_preference": "phone", "phone": "07700 900123"}),
        (f"/{slug}/report-a-problem/", {"what_happened": "The page did not load."}),
        (f"/{slug}/expenses/claims/{claim.public_id}/check/", {}),
        (f"/{slug}/elections/{standing.public_id}/stand/", {"statement": "I will listen."}),
        (f"/{slug}/elections/{voting.public_id}/vote/", {"choices": nomination.public_id}),
        (
            f"/{slug}/feedback/evidence/",
            {"council": council.public_id, "action": "add", "items": [item.public_id]},
        ),
        (
            f"/{slug}/proposals/new/",
            {
                "title": "Shorter waits",
                "problem": "People wait an hour in reception.",
                "cost_band": "low",
                "scope": "council",
                "theme": theme.public_id,
            },
        ),
    ):
        response = client.post(path, data, follow=True)
        assert response.status_code == 200, path
        assert "govuk-error-summary" not in response.content.decode(), f"{path}: {data}"
    proposal = Proposal.objects.get(organisation=tenant_a.organisation, title="Shorter waits")
    base = f"/{slug}/proposals/{proposal.public_id}/"
    for path, data in (
        (f"{base}comment/", {"body": "Can we ask the site manager?"}),
        (f"{base}follow/", {}),
        (f"{base}withdraw/", {"reason": "Reception fixed it this week."}),
    ):
        response = client.post(path, data, follow=True)
        assert response.status_code == 200, path
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_every_other_form_a_rep_fills_in_explains_its_errors_in_welsh(
    tenant_a, client_for, looked_up
):
    client = rep_in_welsh(tenant_a, client_for)
    urls = rep_urls(tenant_a)
    looked_up.clear()
    for name in (
        "surgery_new",
        "surgery_edit",
        "feedback_edit",
        "proposal_edit",
        "proposal_withdraw",
        "action_point_new",
        "action_point_note",
    ):
        # Something sent, but nothing the form needs.
        response = client.post(urls[name], {"nothing": ""})
        assert response.status_code == 200, name
        assert "govuk-error-summary" in response.content.decode(), name
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_a_reps_home_with_something_in_every_part_is_all_in_welsh(tenant_a, client_for, looked_up):
    from expenses.services import decisions
    from tests.expenses.factories import submitted_claim
    from tests.members.factories import election, nominate

    s.build(tenant_a)
    council = tenant_a.council
    nominate(election(council, stage="voting", office="vice_chair"), tenant_a["rep"])
    election(council, stage="nominations", office="secretary")
    decisions.claim_query(
        claim=submitted_claim(tenant_a),
        question="Which bus did you take to the meeting?",
        actor=tenant_a["coordinator"],
    )
    surgery_for(tenant_a)
    client = rep_in_welsh(tenant_a, client_for)
    looked_up.clear()
    failures = welsh_page_failures(client, [f"/{tenant_a.organisation.slug}/"])
    assert failures == []
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_searching_and_filtering_as_a_rep_is_all_in_welsh(tenant_a, client_for, looked_up):
    s.build(tenant_a)
    client = rep_in_welsh(tenant_a, client_for)
    slug = tenant_a.organisation.slug
    council = tenant_a.council.public_id
    looked_up.clear()
    failures = welsh_page_failures(
        client,
        [
            f"/{slug}/search/?q=reception",
            f"/{slug}/search/?q=nothing+matches+this",
            f"/{slug}/search/?q=",
            f"/{slug}/proposals/?status=accepted&council={council}",
            f"/{slug}/proposals/?status=nonsense&theme=nonsense&period=nonsense",
            f"/{slug}/feedback/board/?council={council}&channel=surgery&kind=problem",
            f"/{slug}/feedback/board/?theme=nonsense&site=nonsense&channel=nonsense",
            f"/{slug}/surgeries/",
        ],
    )
    assert failures == []
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_a_rep_setting_up_their_account_with_a_code_is_all_in_welsh(tenant_a, client, looked_up):
    from members import services

    rep = tenant_a["rep"]
    code = services.rep_setup_code_issue(
        organisation=tenant_a.organisation, user=rep, actor=tenant_a["coordinator"]
    )
    client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    looked_up.clear()
    password = "a long new password 2026"
    # A password that is too short first, then the right one.
    client.post(
        "/setup/",
        {"username": rep.username, "code": code, "password1": "short", "password2": "short"},
    )
    response = client.post(
        "/setup/",
        {"username": rep.username, "code": code, "password1": password, "password2": password},
        follow=True,
    )
    assert response.status_code == 200
    assert '<html lang="cy"' in response.content.decode()
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def test_signing_out_is_all_in_welsh(tenant_a, client_for, looked_up):
    client = rep_in_welsh(tenant_a, client_for)
    looked_up.clear()
    response = client.post("/accounts/logout/", follow=True)
    assert response.status_code == 200
    assert '<html lang="cy"' in response.content.decode()
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))


def rep_actions() -> list:
    """The POST-only actions the role tables let a rep take (200 or 302)."""
    from tests.councils.test_role_view_matrix import EXPECTED
    from tests.surgeries.test_roles import SURGERIES

    table = {**EXPECTED, **SURGERIES}
    return sorted(
        name for name, row in table.items() if row.method == "POST" and row["rep"] in {200, 302}
    )


def test_each_action_a_rep_takes_answers_in_welsh(tenant_a, client_for, looked_up):
    """An empty form sent to each action: what comes back (a message, or
    the page it leads to) is in Welsh."""
    from tests.url_params import fill
    from tests.urlwalk import org_routes

    client = rep_in_welsh(tenant_a, client_for)
    wanted = set(rep_actions())
    urls = {r.name: fill(r, tenant_a) for r in org_routes() if r.name in wanted}
    assert set(urls) == wanted
    looked_up.clear()
    for name, url in sorted(urls.items()):
        response = client.post(url, follow=True)
        assert response.status_code == 200, name
    missing = missing_in_welsh(looked_up)
    assert missing == [], "\n".join(map(repr, missing))
