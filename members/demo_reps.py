"""The demo's part of the reps' journey: people to contact, a rep about to
fall out of eligibility, a suitability review due, a check-in overdue, a
paused-and-back status history, a licence condition and a letter to post.
Idempotent: each piece is made once."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from councils.models import Site
from councils.workdays import working_day_on_or_before

from . import services
from .models import CheckIn, Letter, LicenceCondition, Referral, RepProfile, SuitabilityDecision


def _two_years_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 2)
    except ValueError:
        return dt.date(day.year - 2, 2, 28)


def seed(context: dict) -> None:
    people = context["people"]
    coordinator = people["nm-coordinator"]
    today = timezone.localdate()
    ray = RepProfile.objects.get(user=people["nm-rep"])
    jo = RepProfile.objects.get(user=people["nm-rep2"])
    rita = RepProfile.objects.get(user=people["nm-rep3"])
    dev = RepProfile.objects.get(user=people["nm-rep4"])
    org = ray.organisation

    # Eligibility: Ray's licence ended almost two years ago (he falls out in
    # 30 days); the others ended recently or have not ended yet.
    if ray.order_ends_on is None:
        for profile, ends in (
            (ray, _two_years_before(today) + dt.timedelta(days=30)),
            (jo, today - dt.timedelta(days=200)),
            (rita, today + dt.timedelta(days=300)),
            (dev, today - dt.timedelta(days=400)),
        ):
            services.rep_order_end_record(profile=profile, order_ends_on=ends, actor=coordinator)

    # Jo paused for a month in the spring and came back.
    if not jo.status_changes.exists():
        services.rep_status_change(
            profile=jo,
            status=RepProfile.Status.PAUSED,
            changed_on=today - dt.timedelta(days=120),
            actor=coordinator,
        )
        services.rep_status_change(
            profile=jo,
            status=RepProfile.Status.ACTIVE,
            changed_on=today - dt.timedelta(days=90),
            actor=coordinator,
        )

    # Suitability: everyone ready except Rita, deferred with a review due this week.
    if not SuitabilityDecision.objects.filter(profile__organisation=org).exists():
        for profile in (ray, jo, dev):
            services.suitability_record(
                profile=profile,
                decision="ready",
                decided_on=profile.joined_on or today,
                reason="Ready to start after the induction.",
                actor=coordinator,
            )
            services.boundaries_record(
                profile=profile, signed_on=profile.joined_on or today, actor=coordinator
            )
        services.suitability_record(
            profile=rita,
            decision="deferred",
            decided_on=today - dt.timedelta(days=80),
            review_on=today + dt.timedelta(days=3),
            reason="Starting a new course; review when it has settled.",
            actor=coordinator,
        )
        site = Site.objects.filter(
            organisation=org, name="Brindle Street approved premises"
        ).first()
        if site is not None:
            services.licence_condition_add(
                profile=dev, kind=LicenceCondition.Kind.NOT_SITE, site=site, actor=coordinator
            )

    # Check-ins: Ray and Jo recently, Dev ten weeks ago (overdue).
    if not CheckIn.objects.filter(profile__organisation=org).exists():
        for profile, weeks, how in ((ray, 3, "well"), (jo, 5, "some_worries"), (dev, 10, "well")):
            services.check_in_record(
                profile=profile,
                held_on=working_day_on_or_before(today - dt.timedelta(weeks=weeks)),
                how_it_went=how,
                notes="Talked about the surgeries and how the travel is going.",
                action="Send the bus timetable." if how == "some_worries" else "",
                actor=coordinator,
            )

    # People to contact.
    if not Referral.objects.filter(organisation=org).exists():
        for name, source, reach, status in (
            ("Alex Morgan", Referral.Source.SURGERY, "Text 07700 900123 after 4pm", "to_contact"),
            ("Sam Price", Referral.Source.OFFICER, "Through their officer, Ms Khan", "to_contact"),
            ("Chris Lowe", Referral.Source.SELF, "Phone 07700 900456", "contacted"),
            ("Pat Reid", Referral.Source.OFFICER, "Through their officer", "not_now"),
        ):
            referral = services.referral_create(
                organisation=org,
                council=ray.council,
                name=name,
                source=source,
                how_to_reach=reach,
                actor=coordinator,
            )
            if status != "to_contact":
                services.referral_set_status(referral=referral, status=status, actor=coordinator)

    # Rita prefers post: a letter waits to be printed.
    if rita.contact_preference != RepProfile.ContactPreference.POST:
        RepProfile.objects.filter(pk=rita.pk).update(
            contact_preference=RepProfile.ContactPreference.POST,
            address="14 Mill Lane\nNorthmoor\nNM1 4QT",
            access_needs=[RepProfile.AccessNeed.LARGE_PRINT],
        )
    if not Letter.objects.filter(person=rita.user).exists():
        Letter.objects.create(
            organisation=org,
            person=rita.user,
            subject="A decision on your council's proposal",
            body=(
                "Dear Rita,\n\nThe council decided on the proposal you worked on. "
                "Your coordinator will talk it through at the next hub meeting."
            ),
        )
