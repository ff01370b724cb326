"""Factories for surgeries, feedback items and themes."""

import datetime as dt

import factory
from django.utils import timezone

from surgeries.models import FeedbackItem, Surgery, Theme
from tests.factories import CouncilFactory, SiteFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    organisation = factory.SubFactory("tests.factories.OrganisationFactory")
    name = factory.Sequence(lambda n: f"Theme {n}")
    position = factory.Sequence(lambda n: n)


class SurgeryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Surgery
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    organisation = factory.SelfAttribute("council.organisation")
    site = factory.SubFactory(
        SiteFactory,
        organisation=factory.SelfAttribute("..organisation"),
        region=factory.SelfAttribute("..council.region"),
    )
    date = factory.LazyFunction(timezone.localdate)
    starts_at = dt.time(10, 0)
    ends_at = dt.time(12, 0)

    @factory.post_generation
    def reps(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.reps.set(extracted)


class FeedbackItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackItem

    council = factory.SubFactory(CouncilFactory)
    organisation = factory.SelfAttribute("council.organisation")
    theme = factory.SubFactory(ThemeFactory, organisation=factory.SelfAttribute("..organisation"))
    kind = FeedbackItem.Kind.PROBLEM
    said = "Reception staff were rude when I asked for a cup of water."
    received_on = factory.LazyFunction(timezone.localdate)
    channel = FeedbackItem.Channel.HUB


def surgery_for(tenant, **kwargs) -> Surgery:
    """A surgery of the tenant's council at the tenant's site, today, with
    the tenant's rep going."""
    kwargs.setdefault("reps", [tenant["rep"]])
    kwargs.setdefault("site", tenant.site)
    return SurgeryFactory(council=tenant.council, organisation=tenant.organisation, **kwargs)


def theme_for(tenant, **kwargs) -> Theme:
    return ThemeFactory(organisation=tenant.organisation, **kwargs)


def item_for(tenant, **kwargs) -> FeedbackItem:
    """A feedback item of the tenant's council, logged by its rep."""
    kwargs.setdefault("theme", theme_for(tenant))
    kwargs.setdefault("logged_by", tenant["rep"])
    kwargs.setdefault("council", tenant.council)
    return FeedbackItemFactory(organisation=tenant.organisation, **kwargs)
