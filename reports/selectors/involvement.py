"""Reads for a rep's own documents: a training certificate and the
involvement record. One person's own data only; a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Min
from django.utils import timezone

from councils.models import Organisation, Role, RoleAssignment
from members.models import OfficeHolding, TrainingAttendance
from members.selectors import involvement_statement_of, training_of
from proposals.models import Attendance, Proposal
from proposals.models.proposals import ACCEPTED_STATUSES, ProposalStatus
from surgeries.models import Surgery

from ..personal_documents import (
    CertificateContent,
    InvolvementContent,
    RoleLine,
    TrainingLine,
)


def attendance_for_certificate(organisation: Organisation, public_id: str):
    return (
        TrainingAttendance.objects.filter(organisation=organisation, public_id=public_id)
        .select_related("session__course", "session__organisation", "person", "person__rep_profile")
        .first()
    )


def certificate_content(attendance: TrainingAttendance) -> CertificateContent:
    session = attendance.session
    return CertificateContent(
        organisation_name=session.organisation.name,
        person_name=str(attendance.person),
        course_name=session.course.name,
        course_kind=session.course.get_kind_display(),
        course_description=session.course.description,
        hours=session.course.hours,
        date=session.date,
        place=session.place,
        trainer=session.trainer,
        certificate_number=attendance.public_id,
    )


def involvement_content(person, organisation: Organisation) -> InvolvementContent:
    today = timezone.localdate()
    roles = [
        RoleLine(
            label=a.get_role_display(),
            place=a.scope_label,
            starts_on=a.starts_on,
            ends_on=a.ends_on,
        )
        for a in RoleAssignment.objects.filter(
            organisation=organisation, user=person, role=Role.REP
        ).select_related("council", "region")
    ]
    roles += [
        RoleLine(
            label=h.get_office_display() if h.office else str(_seat_label()),
            place=h.council.name,
            starts_on=h.starts_on,
            ends_on=h.ends_on,
        )
        for h in OfficeHolding.objects.filter(
            organisation=organisation, holder=person
        ).select_related("council")
    ]
    roles.sort(key=lambda r: r.starts_on)
    training = [
        TrainingLine(
            course=a.session.course.name, date=a.session.date, hours=a.session.course.hours
        )
        for a in training_of(person, organisation)
    ]
    surgeries = Surgery.objects.filter(
        organisation=organisation, reps=person, cancelled_at__isnull=True, date__lte=today
    ).aggregate(n=Count("id", distinct=True), first=Min("date"), sites=Count("site", distinct=True))
    meetings = Attendance.objects.filter(
        organisation=organisation,
        user=person,
        status=Attendance.Status.ATTENDED,
        meeting__cancelled_at__isnull=True,
        meeting__date__lte=today,
    ).aggregate(n=Count("meeting", distinct=True))
    accepted = list(
        Proposal.objects.filter(
            organisation=organisation, authors=person, status__in=ACCEPTED_STATUSES
        )
        .order_by("decided_at", "title")
        .values_list("title", "status")
    )
    statement = involvement_statement_of(person, organisation)
    return InvolvementContent(
        organisation_name=organisation.name,
        person_name=str(person),
        made_on=today,
        roles=roles,
        training=training,
        surgeries_attended=surgeries["n"] or 0,
        surgery_sites=surgeries["sites"] or 0,
        meetings_attended=meetings["n"] or 0,
        accepted_proposals=[
            (title, str(ProposalStatus(status).label)) for title, status in accepted
        ],
        own_words=statement.text if statement else "",
    )


def _seat_label():
    from django.utils.translation import gettext

    return gettext("Council seat")
