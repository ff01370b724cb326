"""The coordinator's lists (issue 15): the home page's "open safeguarding
concerns" line leads to the follow-ups list showing just those; quotes
waiting are newest first, with filters that work without JavaScript and
survive paging."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.querycount import assert_flat_query_count

from .factories import item_for, theme_for

pytestmark = pytest.mark.django_db


def url(tenant, path: str) -> str:
    return f"/{tenant.organisation.slug}/{path}"


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


# ---------------------------------------------------------------- follow-ups


def test_home_links_the_safeguarding_line_to_the_concerns(tenant_a, client_for):
    item_for(tenant_a, follow_up="safeguarding", said="He said he is not safe at home.")
    item_for(tenant_a, follow_up="signposted", said="Sent to the housing advice desk.")
    client = client_for(tenant_a["coordinator"])
    body = client.get(url(tenant_a, "")).content.decode()
    link = re.search(r'<a class="govuk-link" href="([^"]+)">1 open safeguarding concern</a>', body)
    assert link, "the safeguarding line is a link"
    listing = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "He said he is not safe at home." in listing
    assert "Sent to the housing advice desk." not in listing
    assert 'aria-current="page">Safeguarding concerns</a>' in listing


def test_each_close_link_names_its_follow_up_plainly(tenant_a, client_for):
    """A screen reader hears "Close the safeguarding concern logged …", not the
    rep's checkbox label inside the sentence."""
    item_for(tenant_a, follow_up="safeguarding", said="He said he is not safe at home.")
    item_for(tenant_a, follow_up="signposted", said="Sent to the housing advice desk.")
    client = client_for(tenant_a["coordinator"])
    body = client.get(url(tenant_a, "feedback/follow-ups/")).content.decode()
    assert "the safeguarding concern logged" in body
    assert "the signposting follow-up logged" in body
    assert "tell the coordinator follow-up" not in body


def test_follow_ups_by_kind(tenant_a, client_for):
    item_for(tenant_a, follow_up="signposted", said="Sent to the housing advice desk.")
    client = client_for(tenant_a["coordinator"])
    every = client.get(url(tenant_a, "feedback/follow-ups/")).content.decode()
    assert "Sent to the housing advice desk." in every
    none = client.get(url(tenant_a, "feedback/follow-ups/?kind=safeguarding")).content.decode()
    assert "There are no open safeguarding concerns." in none
    signposted = client.get(url(tenant_a, "feedback/follow-ups/?kind=signposted")).content.decode()
    assert "Sent to the housing advice desk." in signposted
    # Anything else is every open follow-up.
    odd = client.get(url(tenant_a, "feedback/follow-ups/?kind=nonsense")).content.decode()
    assert "Sent to the housing advice desk." in odd


# ---------------------------------------------------------------- quotes


def quote(tenant, said: str, received: int, **kwargs):
    return item_for(
        tenant, consent_to_quote=True, said=said, received_on=days_ago(received), **kwargs
    )


def said_in_order(body: str, *words: str) -> list[str]:
    return sorted((w for w in words if w in body), key=body.index)


def test_quotes_are_newest_first_and_can_be_oldest_first(tenant_a, client_for):
    quote(tenant_a, "Old words.", 40)
    quote(tenant_a, "New words.", 1)
    quote(tenant_a, "Middle words.", 10)
    client = client_for(tenant_a["coordinator"])
    body = client.get(url(tenant_a, "feedback/quotes/")).content.decode()
    assert said_in_order(body, "Old words.", "New words.", "Middle words.") == [
        "New words.",
        "Middle words.",
        "Old words.",
    ]
    assert "3 quotes are waiting, newest first." in body
    body = client.get(url(tenant_a, "feedback/quotes/?order=oldest")).content.decode()
    assert said_in_order(body, "Old words.", "New words.", "Middle words.")[0] == "Old words."
    assert "oldest first" in body


def test_quotes_filtered_by_council_theme_and_period(tenant_a, client_for):
    housing = theme_for(tenant_a, name="Housing")
    reception = theme_for(tenant_a, name="Reception")
    quote(tenant_a, "Housing now.", 2, theme=housing)
    quote(tenant_a, "Reception now.", 2, theme=reception)
    quote(tenant_a, "Housing long ago.", 200, theme=housing)
    quote(tenant_a, "Other council.", 2, theme=housing, council=tenant_a.other_council)
    client = client_for(tenant_a["coordinator"])
    page = "feedback/quotes/"

    body = client.get(url(tenant_a, page), {"theme": housing.public_id}).content.decode()
    shown = said_in_order(
        body, "Housing now.", "Reception now.", "Housing long ago.", "Other council."
    )
    assert set(shown) == {"Housing now.", "Other council.", "Housing long ago."}
    assert shown[-1] == "Housing long ago."

    body = client.get(
        url(tenant_a, page),
        {
            "theme": housing.public_id,
            "period": "last-4-weeks",
            "council": tenant_a.council.public_id,
        },
    ).content.decode()
    assert "Housing now." in body
    for hidden in ("Reception now.", "Housing long ago.", "Other council."):
        assert hidden not in body
    assert "Show every quote waiting" in body

    body = client.get(url(tenant_a, page), {"theme": reception.public_id, "period": "last-quarter"})
    assert "No quotes waiting match what you chose." in body.content.decode()


def test_quote_pages_keep_the_filters(tenant_a, client_for):
    housing = theme_for(tenant_a, name="Housing")
    for i in range(30):
        quote(tenant_a, f"Housing {i}.", i, theme=housing)
    quote(tenant_a, "Reception.", 0)
    client = client_for(tenant_a["coordinator"])
    body = client.get(
        url(tenant_a, "feedback/quotes/"), {"theme": housing.public_id}
    ).content.decode()
    assert "30 quotes are waiting, newest first." in body
    next_link = re.search(r'href="(\?[^"]*)" rel="next"', body).group(1).replace("&amp;", "&")
    assert f"theme={housing.public_id}" in next_link and "page=2" in next_link
    page_two = client.get(url(tenant_a, "feedback/quotes/") + next_link).content.decode()
    assert "Housing 29." in page_two and "Reception." not in page_two


def test_a_theme_of_another_organisation_is_refused(tenant_a, tenant_b, client_for):
    theirs = theme_for(tenant_b)
    body = client_for(tenant_a["coordinator"]).get(
        url(tenant_a, "feedback/quotes/"), {"theme": theirs.public_id}
    )
    assert body.status_code == 200
    assert "Choose a theme from the list." in body.content.decode()


def test_the_filtered_list_costs_the_same_with_more_quotes(tenant_a, client_for):
    housing = theme_for(tenant_a, name="Housing")

    def grow():
        for i in range(12):
            quote(tenant_a, f"Words {i}.", i, theme=housing if i % 2 else theme_for(tenant_a))

    grow()
    query = f"?theme={housing.public_id}&council={tenant_a.council.public_id}&period=last-3-months"
    assert_flat_query_count(
        client_for(tenant_a["coordinator"]),
        url(tenant_a, "feedback/quotes/") + query,
        grow=grow,
        budget=14,
    )
