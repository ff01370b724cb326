"""Retention: a person who left has their personal data deleted once the
organisation's retention period has passed; what reports need stays as
counts; the audit log records it; nothing else is touched."""

import datetime as dt

import pytest
from django.utils import timezone

from councils.models import AuditEvent, Role
from members import services
from members.models import (
    CheckIn,
    Letter,
    Referral,
    RepProfile,
    RepStatusChange,
    SuitabilityDecision,
)
from members.tasks import delete_expired_personal_data
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def _leaver(tenant, *, left_days_ago: int, status="moved_on"):
    today = timezone.localdate()
    person = user_with_role(
        tenant.organisation,
        Role.REP,
        council=tenant.council,
        display_name="Jamie Leaver",
        email=f"leaver{left_days_ago}@example.org",
    )
    profile = person.rep_profile
    RepProfile.objects.filter(pk=profile.pk).update(
        joined_on=today - dt.timedelta(days=left_days_ago + 400),
        phone="07700 900999",
        address="2 Mill Lane",
        gender="woman",
        age_band="25-34",
        order_ends_on=today - dt.timedelta(days=left_days_ago + 100),
    )
    profile.refresh_from_db()
    coordinator = tenant["coordinator"]
    services.suitability_record(
        profile=profile, decision="ready", decided_on=profile.joined_on, actor=coordinator
    )
    services.check_in_record(
        profile=profile, held_on=profile.joined_on, how_it_went="well", actor=coordinator
    )
    services.rep_status_change(
        profile=profile,
        status=status,
        changed_on=today - dt.timedelta(days=left_days_ago),
        moved_on_to="A job at the bakery" if status == "moved_on" else "",
        actor=coordinator,
    )
    Letter.objects.create(organisation=tenant.organisation, person=person, subject="S", body="B")
    return RepProfile.objects.get(pk=profile.pk)


def test_deletes_personal_data_past_the_retention_period_and_keeps_the_counts(tenant_a):
    tenant_a.organisation.retention_days = 365
    tenant_a.organisation.save(update_fields=["retention_days"])
    gone = _leaver(tenant_a, left_days_ago=366)
    result = delete_expired_personal_data()
    assert result["people"] == 1
    gone.refresh_from_db()
    user = gone.user
    assert user.display_name == "Former rep" and user.email == "" and not user.is_active
    assert not user.has_usable_password()
    assert (gone.phone, gone.address, gone.order_ends_on) == ("", "", None)
    assert gone.personal_data_deleted_at is not None
    assert not SuitabilityDecision.objects.filter(profile=gone).exists()
    assert not CheckIn.objects.filter(profile=gone).exists()
    assert not Letter.objects.filter(person=user).exists()
    # What reports count stays: council, dates, status history, bands.
    assert gone.council == tenant_a.council and gone.left_on and gone.joined_on
    assert (gone.gender, gone.age_band) == ("woman", "25-34")
    change = RepStatusChange.objects.get(profile=gone)
    assert change.status == "moved_on" and change.moved_on_to == ""
    event = AuditEvent.objects.get(action="rep.personal_data_deleted")
    assert event.object_id == gone.public_id and "Jamie" not in event.object_repr


def test_keeps_everything_within_the_period_and_for_current_reps(tenant_a, tenant_b):
    tenant_a.organisation.retention_days = 365
    tenant_a.organisation.save(update_fields=["retention_days"])
    recent = _leaver(tenant_a, left_days_ago=364)
    on_the_day = _leaver(tenant_a, left_days_ago=365)
    paused = _leaver(tenant_a, left_days_ago=500, status="paused")
    other_org = _leaver(tenant_b, left_days_ago=200)
    current = tenant_a["rep"].rep_profile
    result = delete_expired_personal_data()
    # Left exactly the retention period ago: deleted that day.
    assert result["people"] == 1
    on_the_day.refresh_from_db()
    assert on_the_day.personal_data_deleted_at is not None
    for kept in (recent, paused, other_org, current):
        kept.refresh_from_db()
        assert kept.personal_data_deleted_at is None
        assert kept.user.is_active
    assert recent.user.display_name == "Jamie Leaver"
    assert SuitabilityDecision.objects.filter(profile=recent).exists()
    assert Letter.objects.filter(person=recent.user).exists()


def test_running_twice_deletes_once(tenant_a):
    tenant_a.organisation.retention_days = 30
    tenant_a.organisation.save(update_fields=["retention_days"])
    _leaver(tenant_a, left_days_ago=40)
    assert delete_expired_personal_data()["people"] == 1
    assert delete_expired_personal_data()["people"] == 0
    assert AuditEvent.objects.filter(action="rep.personal_data_deleted").count() == 1


def test_ended_referrals_go_after_the_period_and_open_ones_stay(tenant_a):
    tenant_a.organisation.retention_days = 30
    tenant_a.organisation.save(update_fields=["retention_days"])
    today = timezone.localdate()
    old = today - dt.timedelta(days=31)
    for name, status, day in (
        ("Old no", Referral.Status.NOT_NOW, old),
        ("Old became", Referral.Status.BECAME_REP, old),
        ("Recent no", Referral.Status.NOT_NOW, today - dt.timedelta(days=29)),
        ("Old open", Referral.Status.TO_CONTACT, old),
    ):
        Referral.objects.create(
            organisation=tenant_a.organisation,
            name=name,
            source="self",
            how_to_reach="Phone",
            status=status,
            status_changed_on=day,
        )
    assert delete_expired_personal_data()["referrals"] == 2
    assert set(Referral.objects.values_list("name", flat=True)) == {"Recent no", "Old open"}
    assert AuditEvent.objects.filter(action="referral.personal_data_deleted").count() == 1


def test_the_job_runs_daily_from_beat(settings):
    schedules = settings.CELERY_BEAT_SCHEDULE.values()
    assert any(s["task"] == "members.tasks.delete_expired_personal_data" for s in schedules)


# ------------------------------------------------- reports from the history


def test_report_rep_figures_come_from_the_status_history_as_at_the_period_end(tenant_a):
    from councils.periods import Period
    from reports.selectors.members import active_reps, reps
    from reports.selectors.scope import ReportScope

    today = timezone.localdate()
    scope = ReportScope(tenant_a.organisation, tenant_a.council)
    profile = tenant_a["rep"].rep_profile
    RepProfile.objects.filter(pk=profile.pk).update(joined_on=today - dt.timedelta(days=200))
    profile.refresh_from_db()
    coordinator = tenant_a["coordinator"]
    services.rep_status_change(
        profile=profile,
        status="paused",
        changed_on=today - dt.timedelta(days=100),
        actor=coordinator,
    )
    services.rep_status_change(
        profile=profile,
        status="active",
        changed_on=today - dt.timedelta(days=50),
        actor=coordinator,
    )
    services.rep_status_change(
        profile=profile,
        status="moved_on",
        changed_on=today - dt.timedelta(days=10),
        actor=coordinator,
    )

    def active_on(day):
        return active_reps(scope, day).count()

    assert active_on(today - dt.timedelta(days=150)) == 1  # before any change: active
    assert active_on(today - dt.timedelta(days=100)) == 0  # paused that day
    assert active_on(today - dt.timedelta(days=60)) == 0
    assert active_on(today - dt.timedelta(days=50)) == 1  # back
    assert active_on(today - dt.timedelta(days=11)) == 1
    assert active_on(today) == 0  # moved on
    figures = reps(scope, Period(today - dt.timedelta(days=20), today))
    assert (figures.active, figures.moved_on, figures.left) == (0, 1, 1)
    earlier = reps(scope, Period(today - dt.timedelta(days=80), today - dt.timedelta(days=40)))
    assert (earlier.active, earlier.moved_on) == (1, 0)
