"""Demo people: one of every role in each organisation. See the README's table."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.utils import timezone

from councils.models import Council, Role, RoleAssignment

from .models import RepProfile

User = get_user_model()

DEMO_PASSWORD = "said-and-done-demo"
# Published in the README so that the demo's staff accounts can pass their
# second factor. Never use a known secret outside the demo.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"

# (username suffix, name, role, scope: None = organisation, "region:<name>", or council slug)
PEOPLE = {
    "northmoor": [
        ("admin", "Ada Okafor", Role.ADMIN, None),
        ("coordinator", "Cora Lindqvist", Role.COORDINATOR, None),
        ("chair", "Charles Ambrose", Role.CHAIR, "region:Ashford Vale"),
        ("lead", "Lena Marsh", Role.LEAD, None),
        ("manager", "Morgan Reyes", Role.MANAGER, None),
        ("rep", "Ray Daniels", Role.REP, "ashford-vale"),
        ("rep2", "Jo Whitfield", Role.REP, "ashford-vale"),
        ("rep3", "Rita Kaur", Role.REP, "northmoor-women"),
        ("rep4", "Dev Patel", Role.REP, "calder-coast"),
    ],
    "southfen": [
        ("admin", "Sam Hartley", Role.ADMIN, None),
        ("coordinator", "Priya Nair", Role.COORDINATOR, None),
        ("chair", "Helen Brooke", Role.CHAIR, None),
        ("lead", "Tom Ashby", Role.LEAD, None),
        ("manager", "Grace Obi", Role.MANAGER, None),
        ("rep", "Lee Carter", Role.REP, "fenmouth"),
        ("rep2", "Mia Stone", Role.REP, "southfen-women"),
    ],
}
PREFIX = {"northmoor": "nm", "southfen": "sf"}


def seed(context: dict) -> None:
    today = timezone.localdate()
    start = today.replace(year=today.year - 1)
    context["people"] = {}
    for org in context["organisations"]:
        for suffix, name, role, scope in PEOPLE[org.slug]:
            username = f"{PREFIX[org.slug]}-{suffix}"
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"display_name": name, "email": f"{username}@example.org"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            region = council = None
            if scope and scope.startswith("region:"):
                region = org.region_set.get(name=scope.removeprefix("region:"))
            elif scope:
                council = Council.objects.get(organisation=org, slug=scope)
            RoleAssignment.objects.get_or_create(
                organisation=org,
                user=user,
                role=role,
                region=region,
                council=council,
                defaults={"starts_on": start},
            )
            if role == Role.REP:
                RepProfile.objects.get_or_create(
                    user=user,
                    defaults={"organisation": org, "council": council, "joined_on": start},
                )
            elif not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
            context["people"][username] = user
    from .demo_national import seed as seed_national_viewer

    seed_national_viewer(context, password=DEMO_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    seed_elections_and_training(context)
    # The reps' journey: referrals, eligibility, restricted records, letters.
    from .demo_reps import seed as seed_reps_journey

    seed_reps_journey(context)


# Elections, offices and training (issue 13) -------------------------------

DEMO_COURSES = [
    (
        "Induction for new reps",
        "induction",
        "3",
        "What the council does, how surgeries work, and who to ask.",
    ),
    (
        "Safeguarding",
        "safeguarding",
        "2.5",
        "Spotting harm, and what to do when someone is at risk.",
    ),
    ("Chairing meetings", "chairing", "2", "Running a meeting so that everyone is heard."),
    (
        "Data protection",
        "data_protection",
        "1.5",
        "Keeping what people tell us safe, and never writing names.",
    ),
]


def seed_elections_and_training(context: dict) -> None:
    """An open election with nominations at Ashford Vale, offices held after
    an earlier count, and courses with attendance. Idempotent."""
    import datetime as dt
    from decimal import Decimal

    from councils.workdays import working_day_on_or_before

    from .models import (
        Course,
        Election,
        Nomination,
        OfficeHolding,
        TrainingAttendance,
        TrainingSession,
        Vote,
        VoterRoll,
    )
    from .services import add_months

    people = context["people"]
    now = timezone.now()
    today = timezone.localdate()
    for org in context["organisations"]:
        prefix = PREFIX[org.slug]
        coordinator = people[f"{prefix}-coordinator"]
        home = Council.objects.get(
            organisation=org, slug="ashford-vale" if org.slug == "northmoor" else "fenmouth"
        )
        reps = [people[u] for u in (f"{prefix}-rep", f"{prefix}-rep2") if u in people]
        reps = [r for r in reps if RoleAssignment.objects.filter(user=r, council=home).exists()]
        if not Election.objects.filter(council=home).exists() and reps:
            # An earlier election, counted: its winner holds the office.
            held = Election.objects.create(
                organisation=org,
                council=home,
                kind=Election.Kind.OFFICE,
                office="chair" if org.slug == "northmoor" else "secretary",
                voting_opens_at=now - dt.timedelta(days=75),
                voting_closes_at=now - dt.timedelta(days=68),
                tie_rule=Election.TieRule.LOTS,
                term_months=12,
                opened_by=coordinator,
                counted_at=now - dt.timedelta(days=67),
                counted_by=coordinator,
                outcome=Election.Outcome.ELECTED,
                nominations_notice_sent_at=now - dt.timedelta(days=89),
                voting_notice_sent_at=now - dt.timedelta(days=75),
            )
            winner = reps[-1]
            nomination = Nomination.objects.create(
                organisation=org,
                election=held,
                candidate=winner,
                statement=(
                    "I have been a rep for a year. "
                    "I want our meetings to stay friendly and on time."
                ),
                nominated_by=winner,
                online_votes=len(reps),
                elected=True,
            )
            for voter in reps:
                VoterRoll.objects.create(election=held, voter=voter, method=VoterRoll.Method.ONLINE)
                Vote.objects.create(election=held, nomination=nomination)
            starts = today - dt.timedelta(days=67)
            OfficeHolding.objects.create(
                organisation=org,
                council=home,
                holder=winner,
                office=held.office,
                election=held,
                starts_on=starts,
                ends_on=add_months(starts, 12),
            )
            # Open now: voting has started and closes in ten days.
            open_now = Election.objects.create(
                organisation=org,
                council=home,
                kind=Election.Kind.OFFICE,
                office="vice_chair",
                voting_opens_at=now - dt.timedelta(days=1),
                voting_closes_at=now + dt.timedelta(days=10),
                tie_rule=Election.TieRule.RERUN,
                term_months=12,
                opened_by=coordinator,
                # History: nobody is emailed about it (the schedule would
                # otherwise tell the demo reps that voting opened).
                nominations_notice_sent_at=now - dt.timedelta(days=14),
                voting_notice_sent_at=now - dt.timedelta(days=1),
            )
            statements = [
                (
                    "I know what it is like to sit in that waiting room. "
                    "I will make sure people are listened to."
                ),
                "I would like to help new reps settle in, like others helped me.",
            ]
            for rep, statement in zip(reps, statements, strict=False):
                Nomination.objects.create(
                    organisation=org,
                    election=open_now,
                    candidate=rep,
                    statement=statement,
                    nominated_by=rep,
                )
        courses = []
        for name, kind, hours, description in DEMO_COURSES:
            course, _ = Course.objects.get_or_create(
                organisation=org,
                name=name,
                defaults={"kind": kind, "hours": Decimal(hours), "description": description},
            )
            courses.append(course)
        trainees = [
            p
            for u, p in people.items()
            if u.startswith(f"{prefix}-rep") and getattr(p, "rep_profile", None) is not None
        ]
        for weeks_ago, course in zip((40, 30, 12, 4), courses, strict=True):
            session, _ = TrainingSession.objects.get_or_create(
                organisation=org,
                course=course,
                date=working_day_on_or_before(today - dt.timedelta(weeks=weeks_ago)),
                defaults={
                    "place": "Training room, main office",
                    "trainer": "Nadia Shah",
                    "created_by": coordinator,
                },
            )
            # Everyone did induction and safeguarding; chairing and data
            # protection only the first two reps.
            came = trainees if weeks_ago >= 30 else trainees[:2]
            for person in came:
                TrainingAttendance.objects.get_or_create(
                    organisation=org,
                    session=session,
                    person=person,
                    defaults={"recorded_by": coordinator},
                )
