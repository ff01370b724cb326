"""Who sees what, page by page. Raw feedback stays with the council's reps
and coordinators; other staff get a plain 403 and are pointed to the
summary; another organisation gets 404 everywhere."""

import pytest

from councils.models import Role
from tests.councils.test_role_view_matrix import get, post, role_walk_failures
from tests.url_params import fill
from tests.urlwalk import org_routes

pytestmark = pytest.mark.django_db

TABLE_NAME = "SURGERIES in tests/surgeries/test_roles.py"


def surgeries_routes():
    return [r for r in org_routes() if r.module.startswith("surgeries.")]


def test_every_surgeries_page_is_404_for_another_organisation(tenant_a, outsider, client_for):
    client = client_for(outsider)
    failures = []
    for route in surgeries_routes():
        url = fill(route, tenant_a)
        for method in ("GET", "POST"):
            response = client.generic(method, url)
            if response.status_code != 404:
                failures.append(f"{method} {url} -> {response.status_code}")
    assert not failures, "\n".join(failures)


# The pages that show what people on probation said, word for word.
RAW_PAGES = {
    "surgery_detail",
    "feedback_board",
    "feedback_detail",
    "feedback_selection",
}
# What each role gets on each surgeries page (see tests/councils/
# test_role_view_matrix.py for get() and post()). The tenant's objects come
# from tests/url_params.py: a surgery today with the rep going, and an item
# the rep logged there with consent to quote and a safeguarding follow-up.
# Plans and raw feedback are the reps' and coordinators'; themes are the
# admin's; follow-ups and quotes are the coordinator's; a rep corrects what
# they logged.
# fmt: off
#                                 rep  coord chair lead  mgr  admin
SURGERIES = {
    "surgery_list":               get(200, 200, 403, 403, 403, 403),
    "surgery_today":              get(200, 200, 403, 403, 403, 403),
    "surgery_new":                get(200, 200, 403, 403, 403, 403),
    "surgery_detail":             get(200, 200, 403, 403, 403, 403),
    "surgery_edit":               get(200, 200, 403, 403, 403, 403),
    "surgery_cancel":             post(302, 302, 403, 403, 403, 403),
    "surgery_letter":             get(200, 200, 403, 403, 403, 403),
    "surgery_count":              post(200, 200, 403, 403, 403, 403),
    "surgery_counts":             post(200, 200, 403, 403, 403, 403),
    # the rep's own tap, just now: the rep or a coordinator takes it back
    "surgery_count_undo":         post(302, 302, 403, 403, 403, 403),
    "feedback_home":              get(302, 302, 302, 302, 302, 302),
    "feedback_board":             get(200, 200, 403, 403, 403, 403),
    "feedback_summary":           get(403, 200, 200, 200, 200, 200),
    "feedback_new":               get(200, 200, 403, 403, 403, 403),
    "feedback_selection":         get(200, 200, 403, 403, 403, 403),
    "followup_list":              get(403, 200, 403, 403, 403, 403),
    "quote_list":                 get(403, 200, 403, 403, 403, 403),
    "theme_list":                 get(403, 403, 403, 403, 403, 200),
    "theme_edit":                 get(403, 403, 403, 403, 403, 200),
    "feedback_detail":            get(200, 200, 403, 403, 403, 403),
    "feedback_edit":              get(200, 403, 403, 403, 403, 403),
    "followup_close":             get(403, 200, 403, 403, 403, 403),
    "quote_review":               get(403, 200, 403, 403, 403, 403),
    # the offline surgery page's service worker and its "no signal" page
    "surgery_service_worker":     get(200, 200, 403, 403, 403, 403),
    "surgery_offline":            get(200, 200, 403, 403, 403, 403),
}
# fmt: on


def test_every_surgeries_page_has_a_row():
    names = {r.name for r in surgeries_routes()}
    missing = names - set(SURGERIES)
    assert not missing, f"No row for {missing}: add one to {TABLE_NAME}"
    assert set(SURGERIES) <= names, f"rows for pages that are gone: {set(SURGERIES) - names}"


def test_raw_feedback_is_only_for_reps_and_coordinators():
    for name in RAW_PAGES:
        for role in set(Role.values) - {Role.REP, Role.COORDINATOR}:
            assert SURGERIES[name][role] == 403, f"{role} must not see raw feedback on {name}"
        assert SURGERIES[name][Role.REP] == SURGERIES[name][Role.COORDINATOR] == 200, name


@pytest.mark.parametrize("role", Role.values)
def test_each_role_gets_what_the_table_says(role, tenant_a, client_for):
    client = client_for(tenant_a[role])
    failures = role_walk_failures(client, role, surgeries_routes(), tenant_a, SURGERIES, TABLE_NAME)
    assert not failures, "\n".join(failures)


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
