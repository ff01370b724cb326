"""The coordinator's home counts reps needing attention in the database;
the counts must equal the lists the reps page shows."""

import datetime as dt

import pytest
from django.utils import timezone

from councils.models import Role
from members import selectors
from members.models import CheckIn, RepProfile
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_the_check_ins_overdue_count_equals_the_list(tenant_a):
    today = timezone.localdate()
    cases = [
        # (joined, last check-in, status)
        (today - dt.timedelta(days=400), None, RepProfile.Status.ACTIVE),  # never, long ago
        (today - dt.timedelta(days=5), None, RepProfile.Status.ACTIVE),  # new: not yet
        (None, None, RepProfile.Status.PAUSED),  # never, joined unknown
        (None, today - dt.timedelta(days=200), RepProfile.Status.ACTIVE),  # old check-in
        (None, today - dt.timedelta(days=3), RepProfile.Status.ACTIVE),  # recent
        (None, None, RepProfile.Status.STEPPED_DOWN),  # not current
    ]
    for i, (joined, last, status) in enumerate(cases):
        user = user_with_role(
            tenant_a.organisation, Role.REP, council=tenant_a.council, username=f"check-{i}"
        )
        profile = user.rep_profile
        RepProfile.objects.filter(pk=profile.pk).update(joined_on=joined, status=status)
        if last:
            CheckIn.objects.create(profile=profile, held_on=last, how_it_went="well")
            CheckIn.objects.create(
                profile=profile, held_on=last - dt.timedelta(days=300), how_it_went="well"
            )
    coordinator, org = tenant_a["coordinator"], tenant_a.organisation
    overdue = selectors.check_ins_overdue(coordinator, org)
    assert len(overdue) >= 3
    assert selectors.check_ins_overdue_count(coordinator, org) == len(overdue)
    assert selectors.letters_to_post_count(coordinator, org) == len(
        selectors.letters_to_post(coordinator, org)
    )


def _order_end_falling_out_in(days: int) -> dt.date:
    """An order end date whose last eligible day is ``days`` from today."""
    last = timezone.localdate() + dt.timedelta(days=days)
    try:
        return last.replace(year=last.year - 2)
    except ValueError:  # 29 February
        return dt.date(last.year - 2, 2, 28)


def test_the_home_counts_equal_the_reps_page_lists(tenant_a):
    """One query counts the reps panels' figures; each must equal the list
    the reps page shows, on the edges of each rule."""
    from members import services

    org, coordinator = tenant_a.organisation, tenant_a["coordinator"]
    today = timezone.localdate()
    reps = [
        user_with_role(org, Role.REP, council=tenant_a.council, username=f"count-{i}").rep_profile
        for i in range(9)
    ]
    # Eligibility: falls out today, in 59 days (both listed), in 60 days and
    # already out (not listed), and one listed until a decision is recorded.
    for profile, days in zip(reps, [0, 59, 60, -1, 10], strict=False):
        services.rep_order_end_record(
            profile=profile, order_ends_on=_order_end_falling_out_in(days), actor=coordinator
        )
    services.eligibility_decision_record(
        profile=reps[4], decision="staff_supported", decided_on=today, actor=coordinator
    )
    # Suitability: the latest decision counts, and only a review due soon.
    for profile, decisions in [
        (reps[5], [("deferred", 3)]),
        (reps[6], [("deferred", 30)]),
        (reps[7], [("deferred", 2), ("ready", None)]),
    ]:
        for n, (decision, review_in) in enumerate(decisions):
            services.suitability_record(
                profile=profile,
                decision=decision,
                decided_on=today - dt.timedelta(days=len(decisions) - n),
                review_on=today + dt.timedelta(days=review_in) if review_in else None,
                reason="Reason",
                actor=coordinator,
            )
    CheckIn.objects.create(profile=reps[8], held_on=today, how_it_went="well")
    RepProfile.objects.filter(pk=reps[3].pk).update(status=RepProfile.Status.PAUSED)

    counts = selectors.reps_attention_counts(coordinator, org)
    falling_out = selectors.reps_falling_out(coordinator, org)
    assert sorted(r.pk for r in falling_out) == [reps[0].pk, reps[1].pk]
    assert counts["falling_out"] == len(falling_out)
    assert counts["reviews_due"] == len(selectors.suitability_reviews_due(coordinator, org)) == 1
    assert counts["check_ins_overdue"] == len(selectors.check_ins_overdue(coordinator, org))
    assert (
        counts["rep_count"]
        == RepProfile.objects.filter(organisation=org, status=RepProfile.Status.ACTIVE).count()
    )
    assert counts["to_contact"] == 0 and counts["letters"] == 0


def test_the_falling_out_range_holds_exactly_the_dates_that_fall_out_soon():
    from members import eligibility
    from members.selectors import _falling_out_range

    for today in [dt.date(2026, 3, 1), dt.date(2026, 2, 28), dt.date(2027, 12, 31)]:
        first, last = _falling_out_range(today)
        start, end = eligibility.order_end_window(today)
        for n in range((end - start).days + 1):
            day = start + dt.timedelta(days=n)
            assert eligibility.falls_out_soon(day, today) == (first <= day <= last), day


def test_the_restricted_counts_are_exact_with_several_of_each(tenant_a):
    """Counted in one query that joins the four tables: each count must
    still be of its own rows, not of the rows the join multiplies."""
    from members.models import BoundariesAgreement, LicenceCondition, SuitabilityDecision

    profile = tenant_a["rep"].rep_profile
    today = timezone.localdate()
    for _ in range(3):
        SuitabilityDecision.objects.create(profile=profile, decision="ready", decided_on=today)
    for _ in range(2):
        LicenceCondition.objects.create(
            profile=profile, kind=LicenceCondition.Kind.OTHER, description="Not on Fridays"
        )
    BoundariesAgreement.objects.create(profile=profile, signed_on=today)
    for n in range(4):
        CheckIn.objects.create(
            profile=profile, held_on=today - dt.timedelta(days=n), how_it_went="well"
        )
    assert selectors.restricted_counts(profile) == {
        "suitability": 3,
        "conditions": 2,
        "boundaries": 1,
        "check_ins": 4,
    }


def test_my_details_makes_as_many_queries_with_more_records(tenant_a, client_for):
    from members.models import SuitabilityDecision
    from tests.querycount import assert_flat_query_count

    profile = tenant_a["rep"].rep_profile
    today = timezone.localdate()

    def grow():
        for n in range(5):
            SuitabilityDecision.objects.create(profile=profile, decision="ready", decided_on=today)
            CheckIn.objects.create(
                profile=profile, held_on=today - dt.timedelta(days=n), how_it_went="well"
            )

    url = f"/{tenant_a.organisation.slug}/my-details/"
    assert_flat_query_count(client_for(tenant_a["rep"]), url, grow=grow, budget=7)
