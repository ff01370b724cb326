"""Objects for the elections and training tests (and the URL matrices)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from members.models import (
    Course,
    Election,
    Nomination,
    PaperBallotCount,
    TrainingAttendance,
    TrainingSession,
)


def election(
    council, *, stage="voting", kind="office", office="chair", seats=1, tie_rule="lots", **kw
):
    """An election at a stage: nominations (voting opens tomorrow), voting
    (opened an hour ago) or closed (closed an hour ago)."""
    now = timezone.now()
    opens, closes = {
        "nominations": (now + dt.timedelta(days=1), now + dt.timedelta(days=8)),
        "voting": (now - dt.timedelta(hours=1), now + dt.timedelta(days=7)),
        "closed": (now - dt.timedelta(days=8), now - dt.timedelta(hours=1)),
    }[stage]
    return Election.objects.create(
        organisation=council.organisation,
        council=council,
        kind=kind,
        office=office if kind == "office" else "",
        seats=seats if kind == "seats" else 1,
        voting_opens_at=opens,
        voting_closes_at=closes,
        tie_rule=tie_rule,
        term_months=kw.pop("term_months", 12),
        **kw,
    )


def nominate(election, person, statement="I want to help people be heard."):
    return Nomination.objects.create(
        organisation=election.organisation,
        election=election,
        candidate=person,
        statement=statement,
        nominated_by=person,
    )


def election_for_url_matrix(t):
    found = Election.objects.filter(organisation=t.organisation, lots_note="URL matrix").first()
    if found:
        return found
    made = election(t.council, stage="voting")
    # lots_note marks the matrix's election (it is empty until a count).
    Election.objects.filter(pk=made.pk).update(lots_note="URL matrix")
    made.refresh_from_db()
    nominate(made, t["rep"])
    return made


def paper_count_for_url_matrix(t):
    e = election_for_url_matrix(t)
    return PaperBallotCount.objects.filter(election=e).first() or PaperBallotCount.objects.create(
        organisation=t.organisation,
        election=e,
        ballots=0,
        counted_at_meeting="URL matrix meeting",
        entered_by=t["coordinator"],
    )


def course(organisation, name="Safeguarding basics", kind="safeguarding", hours="3"):
    return Course.objects.get_or_create(
        organisation=organisation,
        name=name,
        defaults={
            "kind": kind,
            "hours": Decimal(hours),
            "description": "Spotting harm and what to do.",
        },
    )[0]


def attend(person, session, recorded_by=None):
    return TrainingAttendance.objects.create(
        organisation=session.organisation, session=session, person=person, recorded_by=recorded_by
    )


def training_session(course_, *, date=None, place="Ashford office", trainer="Nadia Shah"):
    return TrainingSession.objects.create(
        organisation=course_.organisation,
        course=course_,
        date=date or timezone.localdate() - dt.timedelta(days=1),
        place=place,
        trainer=trainer,
    )


def attendance_for_url_matrix(t):
    c = course(t.organisation, name="URL matrix course")
    existing = TrainingAttendance.objects.filter(session__course=c, person=t["rep"]).first()
    return existing or attend(t["rep"], training_session(c))
