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
