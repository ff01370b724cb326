"""The URL × tenant matrix. Every page under /<org>/ is walked, for GET and
for POST; new views are covered the day they are added, and a parameter we
cannot fill fails loudly.

Two ways in for organisation B, both must be a 404 that changes nothing:
- at A's slug: B's people have no role in A;
- at B's own slug with A's object ids (the dangerous case: the organisation
  in the URL is right, the object is not), walked by a person of B who holds
  every role, so no permission check can hide a missing tenant check.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.core import mail

from councils.models import Role
from members.models import RepProfile
from tests.conftest import TEST_TOTP_SECRET
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.url_params import fill, object_ids
from tests.urlwalk import all_routes, is_org_route, org_routes

# Pages outside any organisation, and what they are.
# i18n/setlang/ is Django's language switch: it changes only the session's language.
PUBLIC_OR_ACCOUNT_PREFIXES = (
    "accounts/",
    "admin/",
    "public/",
    "account/",
    "setup/",
    "healthz",
    # Help and the accessibility statement: the same for everyone.
    "help/",
    "accessibility/",
    "i18n/",
    # The national picture: national viewers only (tests/reports/test_national.py).
    "national/",
)
SITE_HOME = ""

METHODS = ("GET", "POST")

# Every table a request could write to; sessions change on every sign-in.
WRITABLE_APPS = ("auth", "account", "mfa", "guardian")
PROJECT_APPS = ("councils", "members", "surgeries", "proposals", "expenses", "reports")


def database_snapshot() -> dict:
    """Every row of every table a request could write to, for "changes nothing"."""
    snapshot = {}
    for label in WRITABLE_APPS + PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            snapshot[model._meta.label] = list(model._base_manager.order_by("pk").values_list())
    return snapshot


def assert_nothing_changed(before: dict) -> None:
    after = database_snapshot()
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"a refused request changed {changed}"
    assert not mail.outbox, f"a refused request sent {[m.subject for m in mail.outbox]}"


def test_every_route_is_under_an_organisation_or_allow_listed():
    for route in all_routes():
        if is_org_route(route) or route.route == SITE_HOME:
            continue
        assert route.route.startswith(PUBLIC_OR_ACCOUNT_PREFIXES), route.route


def test_the_walk_finds_every_kind_of_org_route():
    routes = org_routes()
    names = {r.name for r in routes}
    # One page of each app, with and without object ids, GET and POST-only.
    assert {"org_home", "person_detail", "surgery_detail", "surgery_cancel"} <= names
    assert {"decision_record", "report_unshare", "agenda_item_move"} <= names
    assert len(routes) == len(names), "two org routes share a name"
    assert "healthz" not in names and "public_index" not in names


def person_with_every_role(tenant):
    """One person of ``tenant`` who holds every role (the rep role on the
    tenant's council), second factor set up."""
    org = tenant.organisation
    user = UserFactory(username=f"{org.slug}-everything")
    for role in Role.values:
        council = tenant.council if role == Role.REP else None
        RoleAssignmentFactory(user=user, organisation=org, role=role, council=council)
    RepProfile.objects.create(organisation=org, user=user, council=tenant.council)
    TOTP.activate(user, TEST_TOTP_SECRET)
    return user


@pytest.mark.django_db
def test_outsider_gets_404_everywhere(tenant_a, outsider, client_for):
    client = client_for(outsider)
    urls = [fill(route, tenant_a) for route in org_routes()]
    before = database_snapshot()
    failures = []
    for url in urls:
        for method in METHODS:
            response = client.generic(method, url)
            if response.status_code != 404:
                failures.append(f"{method} {url} -> {response.status_code}")
    assert not failures, "\n".join(failures)
    assert_nothing_changed(before)


def foreign_id_urls(route, tenant_a, tenant_b) -> list[str]:
    """URLs at B's slug naming A's objects: all of them A's, and, where the
    URL names more than one object, each of A's mixed in with B's others."""
    ids_a = object_ids(route, tenant_a)
    mixes = [ids_a]
    if len(ids_a) > 1:
        ids_b = object_ids(route, tenant_b)
        mixes += [{**ids_b, name: ids_a[name]} for name in ids_a]
    return [fill(route, tenant_b, ids) for ids in mixes]


def refused_as_not_found(client, url: str) -> list[str]:
    """Each method the view accepts must be a 404. A 405 is fine for a method
    the view does not accept (it is answered before any object is looked
    up); the ``Allow`` header says which it does accept."""
    statuses = {method: client.generic(method, url) for method in METHODS}
    failures = []
    for method, response in statuses.items():
        if response.status_code == 404:
            continue
        allowed = {m.strip() for m in response.get("Allow", "").split(",") if m.strip()}
        if response.status_code == 405 and method not in allowed and allowed & set(METHODS):
            continue
        failures.append(f"{method} {url} -> {response.status_code}")
    if all(r.status_code == 405 for r in statuses.values()):
        failures.append(f"{url} accepts neither GET nor POST, so nothing was checked")
    return failures


@pytest.mark.django_db
def test_own_slug_with_another_organisations_ids_is_404(tenant_a, tenant_b, client_for):
    routes = [r for r in org_routes() if r.object_params]
    client = client_for(person_with_every_role(tenant_b))
    urls = [url for route in routes for url in foreign_id_urls(route, tenant_a, tenant_b)]
    assert len(urls) > len(routes), "no route names two objects: the mixes were not checked"
    before = database_snapshot()
    failures = [failure for url in urls for failure in refused_as_not_found(client, url)]
    assert not failures, "\n".join(failures)
    assert_nothing_changed(before)


@pytest.mark.django_db
def test_the_same_ids_are_found_in_their_own_organisation(tenant_a, client_for):
    """The 404s above are about the organisation, not about ids that lead
    nowhere: at A's own slug, a person of A with every role gets no 404."""
    client = client_for(person_with_every_role(tenant_a))
    failures = []
    for route in org_routes():
        if not route.object_params:
            continue
        url = fill(route, tenant_a)
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url)
        if response.status_code == 404:
            failures.append(f"{url} -> 404")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(tenant_a, client):
    failures = []
    for route in org_routes():
        url = fill(route, tenant_a)
        for method in METHODS:
            response = client.generic(method, url)
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith("/accounts/login/"):
                failures.append(f"{method} {url} -> {response.status_code} {location}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_unknown_organisation_is_404(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    assert client.get("/no-such-org/").status_code == 404


@pytest.mark.django_db
def test_ended_role_loses_access_at_once(tenant_a, client_for):
    from councils.services import role_end

    lead = tenant_a["lead"]
    client = client_for(lead)
    home = f"/{tenant_a.organisation.slug}/"
    assert client.get(home).status_code == 200
    for assignment in lead.role_assignments.all():
        role_end(assignment=assignment, actor=tenant_a["admin"])
    assert client.get(home).status_code == 404
