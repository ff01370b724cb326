"""The database keeps the promises the services make, whoever writes."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from surgeries.models import Surgery, Theme
from tests.surgeries.factories import item_for, surgery_for

pytestmark = pytest.mark.django_db


def refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize(
    "changes",
    [
        {"ends_at": dt.time(10, 0)},  # ends when it starts
        {"ends_at": dt.time(9, 0)},  # ends before it starts
        {"people_approached": 3, "people_engaged": 2, "people_declined": 2},
        {"people_approached": 1, "people_engaged": 2},
    ],
)
def test_a_surgery_that_breaks_the_rules_is_refused(tenant_a, changes):
    surgery = surgery_for(tenant_a, starts_at=dt.time(10, 0), ends_at=dt.time(12, 0))
    assert refused(lambda: Surgery.objects.filter(pk=surgery.pk).update(**changes))


def test_negative_counts_are_refused(tenant_a):
    surgery = surgery_for(tenant_a, people_approached=3)
    for field in ("people_approached", "people_engaged", "people_declined"):
        assert refused(
            lambda field=field: Surgery.objects.filter(pk=surgery.pk).update(**{field: -1})
        )


def test_a_surgery_that_keeps_the_rules_is_saved(tenant_a):
    surgery = surgery_for(tenant_a, people_approached=5, people_engaged=3, people_declined=2)
    assert surgery.pk


@pytest.mark.parametrize(
    "changes",
    [
        {"quote_status": "approved", "approved_quote": "Words", "consent_to_quote": False},
        {"quote_status": "approved", "approved_quote": "", "consent_to_quote": True},
        {"follow_up": "", "follow_up_closed_at": timezone.now()},
        {"kind": "complaint"},
        {"quote_status": "maybe"},
        {"follow_up": "urgent"},
    ],
)
def test_a_feedback_item_that_breaks_the_rules_is_refused(tenant_a, changes):
    item = item_for(tenant_a)
    assert refused(lambda: type(item).objects.filter(pk=item.pk).update(**changes))


def test_feedback_at_a_surgery_has_the_surgery_channel(tenant_a):
    surgery = surgery_for(tenant_a)
    assert refused(lambda: item_for(tenant_a, surgery=surgery, channel="hub"))
    assert item_for(tenant_a, surgery=surgery, channel="surgery").pk


def test_an_approved_quote_with_consent_and_words_is_saved(tenant_a):
    item = item_for(
        tenant_a, consent_to_quote=True, quote_status="approved", approved_quote="Words"
    )
    assert item.pk


def test_a_theme_has_a_name(tenant_a):
    assert refused(lambda: Theme.objects.create(organisation=tenant_a.organisation, name=""))
