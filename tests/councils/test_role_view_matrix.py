"""Every role × every page of its own organisation, with the status each
role is expected to get. The table is what the role map (councils/permissions.py)
promises, as the app answers today: a page a role may use is a 200 (or a
302 to where it belongs); a page it may not is a 403 that says why in plain
words, never a 404 or a crash. A new page with no row fails the test.

The surgeries pages have their table in tests/surgeries/test_roles.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils.html import escape

from councils.models import Role
from tests.url_params import fill
from tests.urlwalk import org_routes

ROLES = (Role.REP, Role.COORDINATOR, Role.CHAIR, Role.LEAD, Role.MANAGER, Role.ADMIN)
# The finance officer pays approved expense claims and nothing else, so their
# column is written only where it is not a 403.
ALL_ROLES = (*ROLES, Role.FINANCE)
THIS_TABLE = "EXPECTED in tests/councils/test_role_view_matrix.py"


@dataclass(frozen=True)
class Row:
    method: str
    status: dict

    def __getitem__(self, role: str) -> int:
        return self.status[role]


def _statuses(rep, coordinator, chair, lead, manager, admin, finance) -> dict:
    return dict(
        zip(ALL_ROLES, (rep, coordinator, chair, lead, manager, admin, finance), strict=True)
    )


def get(rep, coordinator, chair, lead, manager, admin, finance=403) -> Row:
    """A page: the status of a GET, for each role."""
    return Row("GET", _statuses(rep, coordinator, chair, lead, manager, admin, finance))


def post(rep, coordinator, chair, lead, manager, admin, finance=403) -> Row:
    """An action that only takes POST (a GET is 405 for everyone): the
    status of a POST with an empty form, for each role. A 302 here means
    the action ran or was turned down with a message; see each app's tests."""
    return Row("POST", _statuses(rep, coordinator, chair, lead, manager, admin, finance))


# The tenant's objects come from tests/url_params.py: a ready proposal by the
# rep, on the agenda of a council meeting chaired by the chair; a booklet
# report of the rep's council shared with the rep; an action point owned by
# the coordinator.
# fmt: off
#                                 rep  coord chair lead  mgr  admin
EXPECTED = {
    # councils: the organisation's set-up is the admin's
    "org_home":                   get(200, 200, 200, 200, 200, 200, finance=200),
    "setup_index":                get(403, 403, 403, 403, 403, 200),
    "region_new":                 get(403, 403, 403, 403, 403, 200),
    "region_edit":                get(403, 403, 403, 403, 403, 200),
    "council_new":                get(403, 403, 403, 403, 403, 200),
    "council_edit":               get(403, 403, 403, 403, 403, 200),
    "site_new":                   get(403, 403, 403, 403, 403, 200),
    "site_edit":                  get(403, 403, 403, 403, 403, 200),
    "audit_log":                  get(403, 403, 403, 403, 403, 200),
    # anyone in the organisation reports a problem; coordinators deal with it
    "problem_report_new":         get(200, 200, 200, 200, 200, 200, finance=200),
    "problem_reports":            get(403, 200, 403, 403, 403, 200),
    "problem_report_close":       post(403, 302, 403, 403, 403, 302),
    "national_sharing":           get(403, 403, 403, 403, 403, 200),
    # members
    "people_list":                get(403, 200, 403, 403, 403, 200),
    "staff_invite":               get(403, 403, 403, 403, 403, 200),
    "rep_create":                 get(403, 200, 403, 403, 403, 200),
    "role_assign":                get(403, 403, 403, 403, 403, 200),
    "role_end":                   post(403, 403, 403, 403, 403, 302),
    "person_detail":              get(403, 200, 403, 403, 403, 200),
    "rep_new_code":               post(403, 200, 403, 403, 403, 200),
    # members: elections (voting is open: standing, withdrawing and the rerun send back
    # with a message) and training; reps keep their own record
    "election_list":              get(200, 200, 403, 403, 403, 200),
    "election_new":               get(403, 200, 403, 403, 403, 200),
    "election_detail":            get(200, 200, 403, 403, 403, 200),
    "nomination_new":             get(302, 302, 403, 403, 403, 302),
    "nomination_withdraw":        get(302, 302, 403, 403, 403, 302),
    "election_ballot":            get(200, 403, 403, 403, 403, 403),
    "paper_count_new":            get(403, 200, 403, 403, 403, 200),
    "paper_count_confirm":        post(403, 302, 403, 403, 403, 302),
    "paper_count_discard":        post(403, 302, 403, 403, 403, 302),
    "election_count":             post(403, 302, 403, 403, 403, 302),
    "election_rerun":             get(403, 302, 403, 403, 403, 302),
    "office_list":                get(200, 200, 200, 200, 200, 200),
    "training_list":              get(403, 200, 403, 403, 403, 200),
    "course_new":                 get(403, 200, 403, 403, 403, 200),
    "course_detail":              get(403, 200, 403, 403, 403, 200),
    "training_session_detail":    get(403, 200, 403, 403, 403, 200),
    "my_record":                  get(200, 403, 403, 403, 403, 403),
    # members: the reps' journey (coordinators and admins; restricted records
    # need members.view_rep_restricted; "My details" is a rep's own page)
    "reps_home":                  get(403, 200, 403, 403, 403, 200),
    "referral_list":              get(403, 200, 403, 403, 403, 200),
    "referral_new":               get(403, 200, 403, 403, 403, 200),
    "referral_detail":            get(403, 200, 403, 403, 403, 200),
    "letters_list":               get(403, 200, 403, 403, 403, 200),
    "letter_posted":              post(403, 302, 403, 403, 403, 302),
    "rep_record":                 get(403, 200, 403, 403, 403, 200),
    "rep_status":                 get(403, 200, 403, 403, 403, 200),
    "rep_order_end":              get(403, 200, 403, 403, 403, 200),
    "rep_eligibility_decision":   get(403, 200, 403, 403, 403, 200),
    "rep_restricted":             get(403, 200, 403, 403, 403, 200),
    "rep_suitability":            get(403, 200, 403, 403, 403, 200),
    "rep_condition_new":          get(403, 200, 403, 403, 403, 200),
    "rep_boundaries":             get(403, 200, 403, 403, 403, 200),
    "rep_check_in_new":           get(403, 200, 403, 403, 403, 200),
    "my_details":                 get(200, 403, 403, 403, 403, 403),
    "my_details_change":          get(200, 403, 403, 403, 403, 403),
    # proposals. Comments and minutes check the form before the role, and
    # marking ready checks the meeting's kind first, so an empty POST is a
    # 302 with a message for every role. Updates and "done / not done" are
    # for the owner of an accepted proposal: nobody here.
    "proposal_list":              get(200, 200, 200, 200, 200, 200),
    "proposal_new":               get(200, 403, 403, 403, 403, 403),
    "proposal_ours":              get(200, 403, 403, 403, 403, 403),
    "proposal_decisions":         get(403, 403, 200, 403, 403, 403),
    "proposal_my_actions":        get(403, 403, 403, 200, 403, 403),
    "proposal_overdue":           get(403, 200, 200, 403, 200, 403),
    "proposal_detail":            get(200, 200, 200, 200, 200, 200),
    "proposal_edit":              get(200, 403, 403, 403, 403, 403),
    "proposal_add_author":        post(302, 403, 403, 403, 403, 403),
    "proposal_withdraw":          get(200, 403, 403, 403, 403, 403),
    "proposal_comment":           post(302, 302, 302, 302, 302, 302),
    "proposal_follow":            post(302, 403, 403, 403, 403, 403),
    "proposal_assign_owner":      get(403, 403, 200, 403, 403, 403),
    "proposal_update_add":        get(403, 403, 403, 403, 403, 403),
    "proposal_implemented":       get(403, 403, 403, 403, 403, 403),
    "proposal_not_implemented":   get(403, 403, 403, 403, 403, 403),
    # undo "Mark as done": whoever marked it, or a coordinator (the tenant's
    # proposal is not done, so the coordinator is told it cannot be undone)
    "proposal_undo_done":         post(403, 302, 403, 403, 403, 403),
    # a new target date and milestones: the owner asks and records (the
    # tenant's ready proposal has no owner, so nobody here); a chair answers
    # the lead's waiting request; the milestone's proposal is the lead's
    "target_date_ask":            get(403, 403, 403, 403, 403, 403),
    "target_date_answer":         get(403, 403, 200, 403, 403, 403),
    "milestone_new":              get(403, 403, 403, 403, 403, 403),
    "milestone_done":             post(403, 403, 403, 302, 403, 403),
    "meeting_list":               get(200, 200, 200, 200, 200, 200),
    "meeting_new":                get(403, 200, 403, 403, 403, 200),
    "meeting_detail":             get(200, 200, 200, 200, 200, 200),
    "meeting_edit":               get(403, 200, 403, 403, 403, 200),
    "meeting_cancel":             get(403, 200, 403, 403, 403, 200),
    "meeting_agenda":             get(403, 200, 403, 403, 403, 200),
    "agenda_build":               post(403, 302, 403, 403, 403, 302),
    "meeting_attendance":         get(403, 200, 200, 403, 403, 200),
    "meeting_minute_add":         post(302, 302, 302, 302, 302, 302),
    "action_point_new":           get(200, 200, 200, 403, 403, 403),
    "action_point_note":          get(200, 200, 200, 403, 403, 403),
    "meeting_complete":           post(403, 302, 302, 403, 403, 302),
    "meeting_mark_ready":         post(302, 302, 302, 302, 302, 302),
    "decision_record":            get(403, 403, 200, 403, 403, 403),
    "decisions_publish":          post(403, 403, 302, 403, 403, 403),
    # the chair checks what will be published first (nothing waits on the
    # tenant's meeting, so the page sends the chair back to the meeting)
    "decisions_publish_check":    get(403, 403, 302, 403, 403, 403),
    "agenda_item_edit":           get(403, 200, 403, 403, 403, 200),
    "agenda_item_move":           post(403, 302, 403, 403, 403, 302),
    # a proposal's words are approved for publication by its council's
    # coordinators only (the tenant's proposal is ready: nothing to approve yet)
    "wording_waiting":            get(403, 200, 403, 403, 403, 403),
    "wording_review":             get(403, 200, 403, 403, 403, 403),
    # expenses: reps claim (a coordinator may claim for a rep); coordinators
    # approve, query or reject and give advances; the finance officer pays;
    # managers and admins see totals, not people; the admin sets the policy.
    # The tenant's claim is the rep's, sent and waiting, with a receipt.
    "expenses_mine":              get(200, 200, 403, 403, 403, 403),
    "expenses_claim_new":         get(200, 200, 403, 403, 403, 403),
    "expenses_claim_detail":      get(200, 200, 403, 403, 403, 403),
    "expenses_line_add":          get(403, 403, 403, 403, 403, 403),
    "expenses_line_remove":       post(403, 403, 403, 403, 403, 403),
    "expenses_claim_check":       get(302, 403, 403, 403, 403, 403),
    "expenses_claim_sent":        get(200, 200, 403, 403, 403, 403),
    "expenses_claim_decide":      post(403, 200, 403, 403, 403, 403),
    "expenses_claim_reconcile":   post(403, 200, 403, 403, 403, 403),
    "expenses_receipt":           get(200, 200, 403, 403, 403, 403),
    "expenses_waiting":           get(403, 200, 403, 403, 403, 403),
    "expenses_advance_new":       get(403, 200, 403, 403, 403, 403),
    "expenses_to_pay":            get(403, 403, 403, 403, 403, 403, finance=200),
    "expenses_pay":               post(403, 403, 403, 403, 403, 403, finance=200),
    "expenses_csv":               get(403, 403, 403, 403, 403, 403, finance=200),
    "expenses_totals":            get(403, 200, 403, 403, 200, 200),
    "expenses_policy":            get(403, 403, 403, 403, 403, 200),
    "expenses_budgets":           get(403, 200, 403, 403, 403, 200),
    # involvement payments are off in the tenant's organisation (the default),
    # so only the finance officer's lists answer, empty; see
    # tests/expenses/test_involvement.py for the pages with them switched on.
    "expenses_involvement":       get(403, 403, 403, 403, 403, 403),
    "expenses_involvement_mine":  get(403, 403, 403, 403, 403, 403),
    "expenses_involvement_person": get(403, 403, 403, 403, 403, 403),
    "expenses_involvement_advice": post(403, 403, 403, 403, 403, 403),
    "expenses_involvement_payment_new": post(403, 403, 403, 403, 403, 403),
    "expenses_involvement_payment": get(403, 403, 403, 403, 403, 403, finance=200),
    "expenses_involvement_to_pay": get(403, 403, 403, 403, 403, 403, finance=200),
    "expenses_involvement_pay":   post(403, 403, 403, 403, 403, 403, finance=200),
    "expenses_involvement_csv":   get(403, 403, 403, 403, 403, 403, finance=200),
    # reports: leads have no reports in the role map
    "report_list":                get(200, 200, 200, 403, 200, 200),
    "report_new":                 get(403, 200, 403, 403, 200, 200),
    # exports: whoever reads reports for some place; search: everyone
    "export_new":                 get(403, 200, 200, 403, 200, 200),
    "search":                     get(200, 200, 200, 200, 200, 200, finance=200),
    "report_public_pages":        get(403, 200, 403, 403, 403, 200),
    "report_public_page_switch":  post(403, 302, 403, 403, 403, 302),
    "report_detail":              get(200, 200, 200, 403, 200, 200),
    "report_download":            get(302, 302, 302, 403, 302, 302),
    "report_retry":               post(403, 302, 403, 403, 403, 302),
    "report_regenerate":          post(403, 302, 403, 403, 403, 302),
    "report_share":               post(403, 302, 403, 403, 403, 302),
    "report_unshare":             post(403, 302, 403, 403, 403, 302),
    # the quarterly report as a web page: the booklet of url_params is a
    # document for print, so its page leads to the report's own
    "report_page":                get(302, 302, 302, 403, 302, 302),
    # dashboards: whoever reads the place's quarterly report
    "dashboard":                  get(403, 200, 200, 403, 200, 200),
    "dashboard_region":           get(403, 200, 200, 403, 200, 200),
    "dashboard_council":          get(403, 200, 200, 403, 200, 200),
    "quarterly_page":             get(403, 200, 200, 403, 200, 200),
    "quarterly_page_region":      get(403, 200, 200, 403, 200, 200),
    "quarterly_page_council":     get(403, 200, 200, 403, 200, 200),
    # a rep's own documents: the certificate is the rep's and their coordinator's
    "training_certificate":       get(200, 200, 403, 403, 403, 200),
    "involvement_record":         get(200, 403, 403, 403, 403, 403),
}
# fmt: on


def role_walk_failures(client, role: str, routes, tenant, table: dict, table_name: str) -> list:
    """Visit each route as ``role``: GETs first, then the POST-only actions
    (so an action cannot change what a later page shows). Return every
    difference from ``table``, and every 403 without a plain explanation."""
    missing = [r.name for r in routes if r.name not in table]
    if missing:
        pytest.fail(
            f"No row for {missing}: add one to {table_name} saying what each role gets",
            pytrace=False,
        )
    urls = [(route, fill(route, tenant)) for route in routes]
    order = [u for u in urls if table[u[0].name].method == "GET"]
    order += [u for u in urls if table[u[0].name].method == "POST"]
    failures = []
    for route, url in order:
        row = table[route.name]
        if row.method == "POST":
            response = client.get(url)
            if response.status_code != 405:
                failures.append(
                    f"GET {url} -> {response.status_code}: make {route.name} a get() row"
                )
                continue
        response = client.generic(row.method, url)
        if response.status_code != row[role]:
            failures.append(
                f"{role} {row.method} {url} ({route.name}) -> {response.status_code},"
                f" expected {row[role]}"
            )
        elif response.status_code == 403:
            failures += plain_refusal_failures(response, f"{role} {row.method} {url}")
    return failures


def plain_refusal_failures(response, what: str) -> list:
    """A 403 is the "You cannot do this" page with the reason in words."""
    content = response.content.decode()
    try:
        message = response.context["message"]
    except (TypeError, KeyError):
        message = None
    if "You cannot do this" not in content:
        return [f"{what}: a 403 without the refusal page"]
    if not message or escape(message) not in content:
        return [f"{what}: a 403 that does not say why"]
    return []


def test_every_page_has_a_row_and_every_row_a_page():
    routes = [r for r in org_routes() if not r.module.startswith("surgeries.")]
    missing = [r.route for r in routes if r.name not in EXPECTED]
    assert not missing, f"No row for {missing}: add one to {THIS_TABLE}"
    names = {r.name for r in org_routes()}
    assert set(EXPECTED) <= names, f"rows for pages that are gone: {set(EXPECTED) - names}"
    for name, row in EXPECTED.items():
        assert set(row.status) == set(Role.values), name
        assert all(s in {200, 302, 403} for s in row.status.values()), name


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_gets_what_the_table_says(role, tenant_a, client_for):
    routes = [r for r in org_routes() if not r.module.startswith("surgeries.")]
    failures = role_walk_failures(
        client_for(tenant_a[role]), role, routes, tenant_a, EXPECTED, THIS_TABLE
    )
    assert not failures, "\n".join(failures)
