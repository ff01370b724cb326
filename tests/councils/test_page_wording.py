"""Every page of an organisation, read once by a role that may see it, for
wording a new user tripped over (issue 15):

- the browser tab (<title>) names the organisation at most once: the base
  layout adds it after the page's own title, so a page title must not name
  it again;
- no "council council" where a council's own name already ends in "Council";
- no "in last quarter".

The pages and who may see them come from the role x page tables
(tests/councils/test_role_view_matrix.py and tests/surgeries/test_roles.py).
"""

from __future__ import annotations

import html
import re

import pytest
from django.template import Context, Template

from councils.models import Organisation
from tests.councils.test_role_view_matrix import ALL_ROLES, EXPECTED
from tests.surgeries.test_roles import SURGERIES
from tests.url_params import fill
from tests.urlwalk import org_routes

pytestmark = pytest.mark.django_db

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
# Words inside these run on in one sentence; any other tag ends a run (a
# caption above a heading, one option after another, a table cell).
INLINE_TAG = re.compile(r"</?(?:a|strong|b|em)\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")


def first_role_with_a_page(row) -> str | None:
    return next((role for role in ALL_ROLES if row[role] == 200), None)


def text_runs(body: str) -> list[str]:
    """The runs of text a person reads as one sentence, in lower case."""
    runs = TAG.split(INLINE_TAG.sub("", body))
    return [" ".join(html.unescape(run).split()).lower() for run in runs]


def wording_failures(url: str, body: str, organisation_name: str) -> list[str]:
    failures = []
    title = TITLE.search(body)
    if title is None:
        return [f"{url}: no <title>"]
    title_text = " ".join(html.unescape(title.group(1)).split())
    if title_text.count(organisation_name) > 1:
        failures.append(f"{url}: the organisation is named twice in <title>{title_text}</title>")
    if title_text.count("Said and Done") != 1 or not title_text.endswith(" – Said and Done"):
        failures.append(f"{url}: the product is not named once, last: <title>{title_text}</title>")
    for run in text_runs(body):
        for wrong in ("council council", "in last quarter"):
            if wrong in run:
                failures.append(f"{url}: says {wrong!r}: {run[:200]}")
    return failures


def test_the_check_finds_what_it_should():
    name = "Organisation ALPHA"
    twice = f"<title>Dashboard: {name} – {name} – Said and Done</title>"
    assert wording_failures("/x/", twice, name)
    once = f"<title>Dashboard – {name} – Said and Done</title><p>Ashford Vale Council</p>"
    assert wording_failures("/x/", once, name) == []
    doubled = "<title>Home</title><p>Ashford Vale <b>Council</b> council meeting</p>"
    assert wording_failures("/x/", doubled, name)
    options = (
        "<title>Home – Said and Done</title>"
        "<option>Ashford Vale Council</option><option>Council 1</option>"
    )
    assert wording_failures("/x/", options, name) == []


def render_title(page_title: str, organisation) -> str:
    source = "{% extends 'layout/base.html' %}{% block title %}" + page_title + "{% endblock %}"
    body = Template(source).render(Context({"organisation": organisation}))
    return html.unescape(TITLE.search(body).group(1))


@pytest.mark.parametrize(
    "page, expected",
    [
        ("Dashboard: {{ organisation.name }}", "Dashboard – Tŷ & Co – Said and Done"),
        (
            "Quarterly report – {{ organisation.name }} – July to September 2026",
            "Quarterly report – July to September 2026 – Tŷ & Co – Said and Done",
        ),
        ("People", "People – Tŷ & Co – Said and Done"),
        ("", "Tŷ & Co – Said and Done"),
        ("Error: Find &lt;b&gt;", "Error: Find <b> – Tŷ & Co – Said and Done"),
    ],
)
def test_the_title_names_the_organisation_and_the_product_once(page, expected):
    organisation = Organisation(name="Tŷ & Co", slug="ty")
    assert render_title(page, organisation) == expected


def test_an_organisation_whose_name_has_a_dash():
    organisation = Organisation(name="North – East", slug="ne")
    assert render_title("Dashboard: {{ organisation.name }}", organisation) == (
        "Dashboard – North – East – Said and Done"
    )
    assert render_title("Report – {{ organisation.name }} – 2026", organisation) == (
        "Report – 2026 – North – East – Said and Done"
    )


def test_a_title_outside_an_organisation():
    assert render_title("Help", None) == "Help – Said and Done"
    assert render_title("", None) == "Said and Done"
    # A page with no organisation in its context at all (a 404, say).
    source = "{% extends 'layout/base.html' %}{% block title %}Not found{% endblock %}"
    body = Template(source).render(Context({}))
    assert TITLE.search(body).group(1) == "Not found – Said and Done"


def test_every_page_names_the_organisation_once_and_reads_well(tenant_a, client_for):
    # A council whose name already says "Council", as many do.
    tenant_a.council.name = "Ashford Vale Council"
    tenant_a.council.save(update_fields=["name"])
    table = {**EXPECTED, **SURGERIES}
    failures, seen = [], 0
    for route in org_routes():
        row = table.get(route.name)
        if row is None or row.method != "GET":
            continue
        role = first_role_with_a_page(row)
        if role is None:
            continue
        url = fill(route, tenant_a)
        response = client_for(tenant_a[role]).get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        failures += wording_failures(url, response.content.decode(), tenant_a.organisation.name)
    assert seen > 100, f"only {seen} pages were read"
    assert not failures, "\n".join(failures)
