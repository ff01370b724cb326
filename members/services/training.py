"""Training: courses, sessions, attendance (each one a certificate), and a
rep's own words for their involvement record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from councils.audit import audit_record
from councils.models import Organisation

from .. import access
from ..models import Course, InvolvementStatement, TrainingAttendance, TrainingSession

STATEMENT_MAX = 800


@transaction.atomic
def course_create(
    *, organisation: Organisation, name: str, kind: str, description: str, hours: Decimal, actor
) -> Course:
    access.require(
        access.may_manage_training(actor, organisation),
        gettext("Only coordinators and admins set up training."),
    )
    name = name.strip()
    if Course.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError({"name": gettext("There is already a course with this name.")})
    if hours <= 0:
        raise ValidationError({"hours": gettext("Give the length of the course in hours.")})
    course = Course.objects.create(
        organisation=organisation,
        name=name,
        kind=kind,
        description=description.strip(),
        hours=hours,
    )
    audit_record(organisation=organisation, actor=actor, action="course.created", obj=course)
    return course


@transaction.atomic
def training_session_create(
    *, course: Course, date: dt.date, place: str, trainer: str, actor
) -> TrainingSession:
    access.require(
        access.may_manage_training(actor, course.organisation),
        gettext("Only coordinators and admins set up training."),
    )
    session = TrainingSession.objects.create(
        organisation=course.organisation,
        course=course,
        date=date,
        place=place.strip(),
        trainer=trainer.strip(),
        created_by=actor,
    )
    audit_record(
        organisation=course.organisation,
        actor=actor,
        action="training_session.created",
        obj=session,
        changes={"date": date},
    )
    return session


@transaction.atomic
def training_attendance_record(
    *, session: TrainingSession, people: Iterable, actor
) -> list[TrainingAttendance]:
    """Record who came. Each attendance is a certificate the rep can download."""
    people = list({p.pk: p for p in people}.values())
    if session.date > timezone.localdate():
        raise ValidationError(gettext("Attendance is recorded on or after the day of the session."))
    if not people:
        raise ValidationError({"people": gettext("Tick the reps who came.")})
    for person in people:
        access.require(
            access.may_record_attendance_for(actor, person),
            gettext("You can only record attendance for reps of councils you coordinate."),
        )
    already = set(
        TrainingAttendance.objects.filter(session=session, person__in=people).values_list(
            "person_id", flat=True
        )
    )
    made = [
        TrainingAttendance.objects.create(
            organisation=session.organisation, session=session, person=p, recorded_by=actor
        )
        for p in people
        if p.pk not in already
    ]
    audit_record(
        organisation=session.organisation,
        actor=actor,
        action="training_attendance.recorded",
        obj=session,
        changes={"people": [str(a.person.public_id) for a in made]},
    )
    return made


@transaction.atomic
def involvement_statement_save(
    *, organisation: Organisation, text: str, actor
) -> InvolvementStatement | None:
    """A rep's own words for their involvement record. Empty text removes it."""
    from councils.privacy import check_no_personal_data  # a pure check, no models

    access.require(
        access.may_keep_own_record(actor, organisation),
        gettext("Only reps keep an involvement record."),
    )
    text = (text or "").strip()
    if len(text) > STATEMENT_MAX:
        raise ValidationError(
            {"text": gettext("Keep it to %(n)s characters or fewer.") % {"n": STATEMENT_MAX}}
        )
    check_no_personal_data(text=text)
    existing = (
        InvolvementStatement.objects.select_for_update()
        .filter(organisation=organisation, person=actor)
        .first()
    )
    if not text:
        if existing:
            existing.delete()
        audit_record(
            organisation=organisation,
            actor=actor,
            action="involvement.statement_removed",
            obj=actor,
        )
        return None
    if existing is None:
        existing = InvolvementStatement.objects.create(
            organisation=organisation, person=actor, text=text
        )
    else:
        existing.text = text
        existing.save(update_fields=["text", "updated_at"])
    audit_record(
        organisation=organisation, actor=actor, action="involvement.statement_saved", obj=actor
    )
    return existing
