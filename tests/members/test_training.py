"""Training: courses, sessions and attendance through the services and pages,
and query budgets on the training pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from councils.models import Role
from members import services
from members.models import TrainingAttendance
from tests.factories import user_with_role
from tests.members.factories import attend, course, training_session
from tests.querycount import assert_flat_query_count


def test_a_coordinator_sets_up_a_course_and_records_who_came(tenant_a):
    coordinator = tenant_a["coordinator"]
    c = services.course_create(
        organisation=tenant_a.organisation,
        name="Data protection",
        kind="data_protection",
        description="Keeping what people tell us safe.",
        hours=Decimal("1.5"),
        actor=coordinator,
    )
    with pytest.raises(ValidationError):
        services.course_create(
            organisation=tenant_a.organisation,
            name="data protection",
            kind="data_protection",
            description="",
            hours=Decimal("1"),
            actor=coordinator,
        )
    with pytest.raises(PermissionDenied):
        services.course_create(
            organisation=tenant_a.organisation,
            name="Chairing",
            kind="chairing",
            description="",
            hours=Decimal("1"),
            actor=tenant_a["rep"],
        )
    today = timezone.localdate()
    later = services.training_session_create(
        course=c, date=today + dt.timedelta(days=3), place="Hub", trainer="N", actor=coordinator
    )
    with pytest.raises(ValidationError, match="on or after the day"):
        services.training_attendance_record(
            session=later, people=[tenant_a["rep"]], actor=coordinator
        )
    session = services.training_session_create(
        course=c, date=today, place="Hub", trainer="N", actor=coordinator
    )
    services.training_attendance_record(
        session=session, people=[tenant_a["rep"]], actor=coordinator
    )
    # Recording again adds nobody twice.
    services.training_attendance_record(
        session=session, people=[tenant_a["rep"]], actor=coordinator
    )
    assert TrainingAttendance.objects.filter(session=session).count() == 1


def test_a_council_coordinator_records_attendance_only_for_their_own_reps(tenant_a):
    local = user_with_role(tenant_a.organisation, Role.COORDINATOR, council=tenant_a.other_council)
    session = training_session(course(tenant_a.organisation))
    with pytest.raises(PermissionDenied):
        services.training_attendance_record(session=session, people=[tenant_a["rep"]], actor=local)


def test_training_pages_keep_their_query_count_as_data_grows(tenant_a, client_for):
    org = tenant_a.organisation.slug
    c = course(tenant_a.organisation)
    session = training_session(c)
    attend(tenant_a["rep"], session)

    def grow():
        for n in range(5):
            rep = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
            other = course(tenant_a.organisation, name=f"Course {n}")
            s = training_session(other)
            attend(rep, session)
            attend(tenant_a["rep"], s)
            training_session(c, date=timezone.localdate() - dt.timedelta(days=n + 2))

    coordinator = client_for(tenant_a["coordinator"])
    for name, args in (
        ("training_list", []),
        ("course_detail", [c.public_id]),
        ("training_session_detail", [session.public_id]),
        ("office_list", []),
    ):
        assert_flat_query_count(coordinator, reverse(name, args=[org, *args]), grow=grow, budget=20)
    rep = client_for(tenant_a["rep"])
    assert_flat_query_count(rep, reverse("my_record", args=[org]), grow=grow, budget=20)
