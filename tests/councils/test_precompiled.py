"""The queries every signed-in page runs, with their SQL built once
(councils/precompiled.py): they must answer exactly as the ORM would, and
still see what changed since the SQL was built."""

import datetime as dt
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.module_loading import import_module

from councils.models import STAFF_ROLES, Role, RoleAssignment
from councils.permissions import assignments_by_slug
from councils.precompiled import PrecompiledQuery
from councils.selectors import signed_in_user
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def roles_by_orm(user, slug, today):
    return list(
        RoleAssignment.objects.active(on=today)
        .filter(user=user, organisation__slug=slug, organisation__is_active=True)
        .select_related("organisation", "region", "council")
    )


def as_rows(assignments):
    return [
        (
            a.pk,
            a.role,
            a.starts_on,
            a.ends_on,
            a.organisation.slug,
            a.region and a.region.name,
            a.council and a.council.name,
        )
        for a in assignments
    ]


def test_roles_equal_the_orm_for_every_kind_of_assignment(tenant_a, tenant_b):
    today = timezone.localdate()
    person = tenant_a["coordinator"]
    org = tenant_a.organisation
    RoleAssignmentFactory(user=person, organisation=org, role=Role.CHAIR, region=tenant_a.region)
    RoleAssignmentFactory(user=person, organisation=org, role=Role.REP, council=tenant_a.council)
    RoleAssignmentFactory(
        user=person, organisation=org, role=Role.LEAD, ends_on=today - dt.timedelta(days=1)
    )
    RoleAssignmentFactory(
        user=person, organisation=org, role=Role.MANAGER, starts_on=today + dt.timedelta(days=1)
    )
    RoleAssignmentFactory(user=person, organisation=tenant_b.organisation, role=Role.ADMIN)

    found = assignments_by_slug(person, org.slug)

    assert as_rows(found) == as_rows(roles_by_orm(person, org.slug, today))
    assert {a.role for a in found} == {Role.COORDINATOR, Role.CHAIR, Role.REP}
    with CaptureQueriesContext(connection) as ctx:
        scopes = [(a.organisation.pk, a.region_id and a.region.pk, a.council) for a in found]
    assert ctx.captured_queries == [], "the organisation, region and council come with the roles"
    assert (org.pk, tenant_a.region.pk, None) in scopes
    assert all(a.organisation is found[0].organisation for a in found)


def test_no_roles_for_another_or_an_inactive_organisation(tenant_a, tenant_b):
    person = tenant_a["coordinator"]
    assert assignments_by_slug(person, tenant_b.organisation.slug) == []
    assert assignments_by_slug(person, "no-such-place") == []
    tenant_a.organisation.is_active = False
    tenant_a.organisation.save(update_fields=["is_active"])
    assert assignments_by_slug(person, tenant_a.organisation.slug) == []


def test_a_role_that_starts_tomorrow_counts_tomorrow(tenant_a):
    """The SQL holds today's date: a new day builds it again."""
    today = timezone.localdate()
    person = UserFactory()
    org = tenant_a.organisation
    RoleAssignmentFactory(user=person, organisation=org, role=Role.CHAIR, starts_on=today)
    RoleAssignmentFactory(
        user=person, organisation=org, role=Role.LEAD, starts_on=today + dt.timedelta(days=1)
    )
    assert {a.role for a in assignments_by_slug(person, org.slug)} == {Role.CHAIR}
    tomorrow = today + dt.timedelta(days=1)
    person.__dict__.pop("_role_assignment_cache", None)
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert {a.role for a in assignments_by_slug(person, org.slug)} == {Role.CHAIR, Role.LEAD}


def test_an_ended_role_takes_effect_on_the_next_request(tenant_a):
    person = tenant_a["chair"]
    slug = tenant_a.organisation.slug
    assert [a.role for a in assignments_by_slug(person, slug)] == [Role.CHAIR]
    RoleAssignment.objects.filter(user=person).update(ends_on=timezone.localdate())
    person.__dict__.pop("_role_assignment_cache", None)
    assert assignments_by_slug(person, slug) == []


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.REP])
def test_the_signed_in_person_equals_the_orm_with_both_facts(tenant_a, role):
    from allauth.mfa.models import Authenticator

    expected = tenant_a[role]
    person = signed_in_user(str(expected.pk))
    assert person == expected
    for field in type(expected)._meta.concrete_fields:
        assert getattr(person, field.attname) == getattr(expected, field.attname), field.name
    assert person._is_staff_role is (role in STAFF_ROLES)
    has_totp = Authenticator.objects.filter(user=expected, type="totp").exists()
    assert person._has_totp is has_totp


def test_no_person_for_a_missing_or_malformed_id(tenant_a):
    assert signed_in_user("999999") is None
    assert signed_in_user("not a number") is None
    assert signed_in_user(None) is None


def test_the_person_reflects_a_role_ended_since(tenant_a):
    person = tenant_a["coordinator"]
    assert signed_in_user(person.pk)._is_staff_role is True
    RoleAssignment.objects.filter(user=person).update(ends_on=timezone.localdate())
    assert signed_in_user(person.pk)._is_staff_role is False


def test_sessions_load_and_expire_as_django_s_own(tenant_a):
    store_class = import_module("councils.sessions").SessionStore
    store = store_class()
    store["colour"] = "green"
    store.set_expiry(60)
    store.save()
    assert store_class(store.session_key).load()["colour"] == "green"
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    expired = store_class(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None, "an expired session is not reused"
    assert store_class("no-such-session-key-at-all").load() == {}


def test_a_value_the_query_does_not_use_is_refused():
    query = PrecompiledQuery(lambda key, slug: RoleAssignment.objects.filter(role="chair"))
    with pytest.raises(ValueError, match="slug"):
        query.run(slug="x")


def test_only_ints_and_strings_can_be_values():
    query = PrecompiledQuery(lambda key, on: RoleAssignment.objects.filter(starts_on=on))
    with pytest.raises(TypeError):
        query.run(on=dt.date(2026, 1, 1))


def test_values_are_parameters_not_sql(tenant_a):
    """A slug that looks like SQL is only ever a value."""
    person = tenant_a["coordinator"]
    assert assignments_by_slug(person, "x' OR '1'='1") == []
    org = OrganisationFactory(slug="quote's-org")
    RoleAssignmentFactory(user=person, organisation=org, role=Role.CHAIR)
    assert [a.role for a in assignments_by_slug(person, "quote's-org")] == [Role.CHAIR]


def test_a_signed_in_page_builds_sql_only_for_its_own_queries(tenant_a, client_for):
    """The session, the person and their roles are read with SQL built once:
    on the next request, Django builds SQL only for the page's own query."""
    from django.db.models.sql.compiler import SQLCompiler

    client = client_for(tenant_a["coordinator"])
    path = f"/{tenant_a.organisation.slug}/elections/"
    client.get(path)
    built = []
    original = SQLCompiler.as_sql

    def counting_as_sql(self, *args, **kwargs):
        sql, params = original(self, *args, **kwargs)
        built.append(sql)
        return sql, params

    with (
        mock.patch.object(SQLCompiler, "as_sql", counting_as_sql),
        CaptureQueriesContext(connection) as ctx,
    ):
        assert client.get(path).status_code == 200
    ran = [q["sql"] for q in ctx.captured_queries]
    assert any("django_session" in sql for sql in ran)
    assert not any("django_session" in sql or "members_user" in sql[:400] for sql in built)
    assert not any('INNER JOIN "councils_organisation"' in sql for sql in built)
    assert len(built) < len(ran)


def test_roles_read_for_the_page_serve_every_later_permission_check(tenant_a):
    """``request.user`` is a lazy wrapper; Django hands the permission
    backends the person inside it. The roles read for the page must be the
    ones those checks use, not read again."""
    from django.contrib.auth import get_user_model
    from django.utils.functional import SimpleLazyObject

    pk = tenant_a["coordinator"].pk
    lazy = SimpleLazyObject(lambda: get_user_model().objects.get(pk=pk))
    assert assignments_by_slug(lazy, tenant_a.organisation.slug)
    with CaptureQueriesContext(connection) as ctx:
        assert lazy.has_perm("proposals.view_proposal", tenant_a.council)
    assert not [q for q in ctx.captured_queries if "councils_roleassignment" in q["sql"]]


def test_an_aggregate_equals_django_s_own_and_is_built_once(tenant_a, tenant_b):
    from django.db.models import Count, Max, Min, Q
    from django.db.models.sql.compiler import SQLCompiler

    from councils.precompiled import PrecompiledAggregate

    def build(key, organisation_id, role):
        return RoleAssignment.objects.filter(organisation_id=organisation_id), {
            "all": Count("id"),
            "with_role": Count("id", filter=Q(role=role)),
            "first_start": Min("starts_on"),
            "last_start": Max("starts_on"),
        }

    counts = PrecompiledAggregate(build)
    for org in (tenant_a.organisation, tenant_b.organisation):
        for role in (Role.CHAIR, Role.REP, "no-such-role"):
            queryset, aggregates = build(None, org.pk, role)
            expected = queryset.aggregate(**aggregates)
            assert counts.run(organisation_id=org.pk, role=role) == expected
            assert isinstance(expected["first_start"], dt.date)
    built = []
    original = SQLCompiler.as_sql

    def counting_as_sql(self, *args, **kwargs):
        built.append(1)
        return original(self, *args, **kwargs)

    with mock.patch.object(SQLCompiler, "as_sql", counting_as_sql):
        counts.run(organisation_id=tenant_a.organisation.pk, role=Role.REP)
    assert built == []


def test_an_aggregate_of_nothing_answers_as_django_does(tenant_a):
    from django.db.models import Count, Max

    from councils.precompiled import PrecompiledAggregate

    def build(key, organisation_id):
        queryset = RoleAssignment.objects.filter(organisation_id=organisation_id)
        if key == "never":
            queryset = queryset.filter(pk__in=[])
        return queryset, {"n": Count("id"), "last": Max("starts_on")}

    query = PrecompiledAggregate(build)
    with CaptureQueriesContext(connection) as ctx:
        assert query.run(key="never", organisation_id=1) == {"n": 0, "last": None}
    assert ctx.captured_queries == []
    assert query.run(key="all", organisation_id=-1) == {"n": 0, "last": None}


def test_an_aggregate_that_needs_a_subquery_is_refused():
    from django.db.models import Count

    from councils.precompiled import PrecompiledAggregate

    query = PrecompiledAggregate(
        lambda key, organisation_id: (
            RoleAssignment.objects.filter(organisation_id=organisation_id)[:5],
            {"n": Count("id")},
        )
    )
    with pytest.raises(ValueError, match="subquery"):
        query.run(organisation_id=1)


def test_each_key_keeps_its_own_sql(tenant_a):
    """A key decides the query's shape (a person's councils, say): people of
    different scopes take turns without rebuilding, and each gets its own."""
    from django.db.models import Count

    from councils.precompiled import PrecompiledAggregate

    def build(key, organisation_id):
        queryset = RoleAssignment.objects.filter(organisation_id=organisation_id)
        if key is not None:
            queryset = queryset.filter(role__in=key)
        return queryset, {"n": Count("id")}

    query = PrecompiledAggregate(build)
    org = tenant_a.organisation.pk
    every = RoleAssignment.objects.filter(organisation_id=org).count()
    chairs = RoleAssignment.objects.filter(organisation_id=org, role=Role.CHAIR).count()
    for _ in range(2):
        assert query.run(key=None, organisation_id=org) == {"n": every}
        assert query.run(key=(Role.CHAIR,), organisation_id=org) == {"n": chairs}
    assert len(query._compiled) == 2


def test_a_query_that_can_match_nothing_asks_nothing(tenant_a):
    query = PrecompiledQuery(
        lambda key, organisation_id: RoleAssignment.objects.filter(
            organisation_id=organisation_id, council_id__in=key
        )
    )
    with CaptureQueriesContext(connection) as ctx:
        assert query.run(key=(), organisation_id=tenant_a.organisation.pk) == []
    assert ctx.captured_queries == []
    assert query.run(key=(tenant_a.council.pk,), organisation_id=tenant_a.organisation.pk) == (
        list(RoleAssignment.objects.filter(council=tenant_a.council))
    )
