"""Fixtures every test can use: two organisations (A and B), a person for
every role in A, and an outsider who only belongs to B."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache

from config.celery import app as celery_app
from councils.freshness import forget_everything_nearby
from councils.models import STAFF_ROLES, Role
from councils.tenancy import mark_second_factor_passed
from tests.factories import (
    CouncilFactory,
    OrganisationFactory,
    RegionFactory,
    SiteFactory,
    user_with_role,
)

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def _isolated_services(settings):
    """Tasks run in-process and raise their errors, and caches are per-test,
    whatever the environment says; the real-worker test opts back in to Redis."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Memory caches of one name share their store: start each test empty.
    cache.clear()
    forget_everything_nearby()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A task that raises fails the test that started it, instead of being
    # logged and forgotten (a broken email would otherwise pass silently).
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True
    # ...in the thread that started them, not a background one (the demo's
    # way, councils/after_commit.py): a test sees the work done when it asks.
    settings.TASKS_IN_BACKGROUND_THREAD = False
    # Shared tasks run on the current app: a test that made another Celery
    # app (to send to a real worker) must not leave later tests sending to Redis.
    celery_app.set_current()
    before = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = before


@dataclass
class Tenant:
    organisation: object
    region: object
    other_region: object
    council: object
    other_council: object
    site: object
    people: dict = field(default_factory=dict)

    def __getitem__(self, role: str):
        return self.people[role]


def build_tenant(slug: str) -> Tenant:
    org = OrganisationFactory(slug=slug, name=f"Organisation {slug.upper()}")
    region = RegionFactory(organisation=org)
    other_region = RegionFactory(organisation=org)
    council = CouncilFactory(region=region, organisation=org)
    other_council = CouncilFactory(region=other_region, organisation=org)
    site = SiteFactory(region=region, organisation=org)
    tenant = Tenant(org, region, other_region, council, other_council, site)
    for role in Role.values:
        council_scope = council if role == Role.REP else None
        user = user_with_role(org, role, council=council_scope, username=f"{slug}-{role}")
        if role in STAFF_ROLES:
            TOTP.activate(user, TEST_TOTP_SECRET)
        tenant.people[role] = user
    return tenant


@pytest.fixture
def tenant_a(db) -> Tenant:
    return build_tenant("alpha")


@pytest.fixture
def tenant_b(db) -> Tenant:
    return build_tenant("bravo")


@pytest.fixture
def outsider(tenant_b):
    """An admin of organisation B: no role at all in A."""
    return tenant_b["admin"]


@pytest.fixture
def client_for(client):
    """Sign in as someone (their second factor already passed)."""

    def sign_in(user):
        client.force_login(user)
        session = client.session
        mark_second_factor_passed(session, user)
        session.save()
        return client

    return sign_in


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
