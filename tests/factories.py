"""Factories for the foundation. Each app adds its own in tests/<app>/factories.py."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from councils.models import Council, Organisation, Region, Role, RoleAssignment, Site
from members.models import RepProfile


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Region {n}")


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    region = factory.SubFactory(RegionFactory)
    organisation = factory.SelfAttribute("region.organisation")
    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    region = factory.SubFactory(RegionFactory)
    organisation = factory.SelfAttribute("region.organisation")
    name = factory.Sequence(lambda n: f"Site {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COORDINATOR
    starts_on = factory.LazyFunction(lambda: dt.date(2020, 1, 1))


def user_with_role(organisation, role, *, region=None, council=None, **user_kwargs):
    """A person holding one role. Reps also get a rep profile on their council."""
    user = UserFactory(**user_kwargs)
    RoleAssignmentFactory(
        user=user, organisation=organisation, role=role, region=region, council=council
    )
    if role == Role.REP and council is not None:
        RepProfile.objects.create(organisation=organisation, user=user, council=council)
    return user
