"""Who sees what, page by page. Raw feedback stays with the council's reps
and coordinators; other staff get a plain 403 and are pointed to the
summary; another organisation gets 404 everywhere."""

import pytest

from councils.models import Role
from tests.url_params import fill
from tests.urlwalk import org_routes

pytestmark = pytest.mark.django_db


def surgeries_routes():
    return [r for r in org_routes() if r.callback.__module__ == "surgeries.views"]


def test_every_surgeries_page_is_404_for_another_organisation(tenant_a, outsider, client_for):
    client = client_for(outsider)
    failures = []
    for route in surgeries_routes():
        url = fill(route, tenant_a)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code != 404:
                failures.append(f"{method.upper()} {url} -> {response.status_code}")
    assert not failures, "\n".join(failures)


# The pages that show what people on probation said, word for word.
RAW_PAGES = {
    "surgery_detail",
    "feedback_board",
    "feedback_detail",
    "feedback_selection",
}
# Expected GET status for each role; pages not listed: 200 for every role
# that reaches them, or 403.
EXPECTED = {
    "surgery_list": {Role.REP: 200, Role.COORDINATOR: 200, Role.CHAIR: 403, Role.ADMIN: 403},
    "surgery_detail": {Role.REP: 200, Role.COORDINATOR: 200, Role.CHAIR: 403, Role.LEAD: 403},
    "feedback_board": {
        Role.REP: 200,
        Role.COORDINATOR: 200,
        Role.CHAIR: 403,
        Role.LEAD: 403,
        Role.MANAGER: 403,
        Role.ADMIN: 403,
    },
    "feedback_detail": {Role.REP: 200, Role.CHAIR: 403, Role.MANAGER: 403, Role.ADMIN: 403},
    "feedback_selection": {Role.REP: 200, Role.CHAIR: 403, Role.MANAGER: 403},
    "feedback_summary": {
        Role.CHAIR: 200,
        Role.LEAD: 200,
        Role.MANAGER: 200,
        Role.ADMIN: 200,
        Role.COORDINATOR: 200,
        Role.REP: 403,
    },
    "feedback_home": {Role.REP: 302, Role.CHAIR: 302},
    "followup_list": {Role.COORDINATOR: 200, Role.REP: 403, Role.CHAIR: 403},
    "followup_close": {Role.COORDINATOR: 200, Role.REP: 403, Role.CHAIR: 403},
    "quote_list": {Role.COORDINATOR: 200, Role.REP: 403, Role.MANAGER: 403},
    "quote_review": {Role.COORDINATOR: 200, Role.REP: 403, Role.MANAGER: 403},
    "theme_list": {Role.ADMIN: 200, Role.COORDINATOR: 403, Role.REP: 403},
    "theme_edit": {Role.ADMIN: 200, Role.COORDINATOR: 403},
    "feedback_edit": {Role.REP: 200, Role.COORDINATOR: 403, Role.CHAIR: 403},
    "surgery_letter": {Role.REP: 200, Role.COORDINATOR: 200, Role.MANAGER: 403},
    "feedback_new": {Role.REP: 200, Role.COORDINATOR: 200, Role.CHAIR: 403},
}


@pytest.mark.parametrize("role", Role.values)
def test_each_role_gets_the_page_or_a_plain_refusal(role, tenant_a, client_for):
    client = client_for(tenant_a[role])
    for route in surgeries_routes():
        url = fill(route, tenant_a)
        response = client.get(url)
        expected = EXPECTED.get(route.name, {}).get(role)
        if expected is not None:
            assert response.status_code == expected, f"{role} GET {url}"
        assert response.status_code in {200, 302, 403, 405}, f"{role} GET {url}"
        if response.status_code == 403:
            assert b"You cannot do this" in response.content
        if route.name in RAW_PAGES and role not in {Role.REP, Role.COORDINATOR}:
            assert response.status_code == 403, f"{role} must not see raw feedback at {url}"


def test_chair_is_told_where_to_look_instead(tenant_a, client_for):
    client = client_for(tenant_a["chair"])
    response = client.get(f"/{tenant_a.organisation.slug}/feedback/board/")
    assert response.status_code == 403
    assert "You can see the feedback summary instead." in response.content.decode()


def test_rep_of_another_council_cannot_open_this_councils_surgery(tenant_a, client_for):
    from tests.factories import user_with_role
    from tests.surgeries.factories import surgery_for

    other_rep = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.other_council)
    surgery = surgery_for(tenant_a)
    response = client_for(other_rep).get(
        f"/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/"
    )
    assert response.status_code == 403


def test_feedback_link_goes_to_the_board_or_the_summary(tenant_a, client_for):
    slug = tenant_a.organisation.slug
    rep = client_for(tenant_a["rep"]).get(f"/{slug}/feedback/")
    assert rep["Location"] == f"/{slug}/feedback/board/"
    chair = client_for(tenant_a["chair"]).get(f"/{slug}/feedback/")
    assert chair["Location"] == f"/{slug}/feedback/summary/"
