"""Build a national-scale data set for the report benchmarks.

12 organisations, 100 councils, 150,000 feedback items, 5,000 proposals,
2,000 reps, over the 3 years up to the end of last quarter, inserted with
bulk_create. Names are invented; nobody real is in it. Deterministic
(``--seed``). Run it against a database of its own, for example:

    createdb -h 127.0.0.1 -U postgres sad_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sad_bench python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sad_bench \\
        python manage.py build_national_dataset

``--scale 0.01`` builds a hundredth of it (the tests use a small scale).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from councils.models import Council, Organisation, Region, Role, RoleAssignment, Site
from councils.periods import last_quarter, quarter_containing
from members.bands import AgeBand, Ethnicity, Gender, OrderType
from members.models import RepProfile
from proposals.models import (
    ActionPoint,
    Attendance,
    Decision,
    Meeting,
    Proposal,
    ProposalEvent,
    ProposalStatus,
)
from surgeries.demo import DEFAULT_THEMES
from surgeries.models import FeedbackItem, Surgery, Theme

PREFIX = "bench"
BATCH = 5000

FIRST = (
    "Ada Ben Cal Dee Eli Fay Gus Hal Ivy Jo Kit Lee Mo Ned Ola Pat Ray Sam Tia Uma Vic Wes".split()
)
LAST = (
    "Ashby Brook Carter Dale Ellis Frost Grant Hale Irving Jones Kerr Lowe Marsh Nash Oakes".split()
)
PLACES = (
    "Ashford Brindle Calder Dunmere Elmsworth Fenmouth Greyholt Harrowby Ingleby Jarrow "
    "Kestle Larkhill Marsh Northwick Oakham Pellow Quarry Rosehip Saltmere Thornby"
).split()
SAID = [
    "The waiting room is cold and there is nothing to drink.",
    "I had to tell my story again to a new officer.",
    "Letters come late and I miss appointments.",
    "Reception staff were kind and explained everything.",
    "I need help with housing before I am released.",
    "The bus fare to appointments is too much on benefits.",
    "Nobody told me what happened to the things we said.",
    "A women-only reporting day would help me feel safe.",
    "Unpaid work started late and we waited for hours.",
    "I did not understand the induction papers.",
]
QUOTES = [
    "The new waiting room feels calmer.",
    "Someone finally listened to us.",
    "The Little Book of Numbers helped me find a food bank.",
    "Being asked what I think made me feel like a person.",
]
REASONS = [
    "There is no budget for this this year. We will look again in April.",
    "There are not enough staff at weekends to open safely.",
    "National policy does not allow this, but we have asked for a change.",
]


def band(rng: random.Random, choices, filled: float = 0.6) -> str:
    return rng.choice(choices.values) if rng.random() < filled else ""


def aware(day: dt.date, hour: int = 11) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class Command(BaseCommand):
    help = "Build the national-scale benchmark data set (run against its own database)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args, scale: float, seed: int, **options):
        if Organisation.objects.filter(slug__startswith=f"{PREFIX}-").exists():
            raise CommandError(
                "This database already has the benchmark data set. Use a fresh database."
            )
        self.rng = random.Random(seed)
        self.scale = scale
        self.end = last_quarter().end
        self.start = quarter_containing(self.end.replace(year=self.end.year - 3)).start
        self.start = quarter_containing(self.start + dt.timedelta(days=92)).start
        started = time.monotonic()
        with transaction.atomic():
            self.step("tenancy", self.build_tenancy)
            self.step("people and reps", self.build_people)
            self.step("surgeries", self.build_surgeries)
            self.step("feedback", self.build_feedback)
            self.step("meetings", self.build_meetings)
            self.step("proposals and decisions", self.build_proposals)
            self.step("attendance and action points", self.build_attendance)
        self.stdout.write(
            self.style.SUCCESS(
                f"Built {self.start} to {self.end} in {time.monotonic() - started:.1f} s: "
                f"{len(self.orgs)} organisations, {len(self.councils)} councils, "
                f"{self.counts['feedback']:,} feedback items, "
                f"{self.counts['proposals']:,} proposals, {self.counts['reps']:,} reps."
            )
        )

    def n(self, full: int, least: int = 1) -> int:
        return max(least, round(full * self.scale))

    def step(self, label, fn):
        t = time.monotonic()
        fn()
        self.stdout.write(f"  {label}: {time.monotonic() - t:.1f} s")

    # ------------------------------------------------------------------

    def build_tenancy(self):
        rng = self.rng
        self.counts = {}
        self.orgs = Organisation.objects.bulk_create(
            [
                Organisation(slug=f"{PREFIX}-{i + 1:02d}", name=f"{PLACES[i]} Probation Service")
                for i in range(12)
            ]
        )
        self.regions = Region.objects.bulk_create(
            [
                Region(organisation=org, name=f"{PLACES[(i + j * 5) % len(PLACES)]} {j + 1}")
                for i, org in enumerate(self.orgs)
                for j in range(3)
            ]
        )
        regions_of = defaultdict(list)
        for region in self.regions:
            regions_of[region.organisation_id].append(region)
        councils = []
        for i in range(self.n(100, 12)):
            org = self.orgs[i % 12]
            region = regions_of[org.pk][(i // 12) % 3]
            cohort = i % 10 == 9
            councils.append(
                Council(
                    organisation=org,
                    region=region,
                    name=f"{region.name} {'Women’s ' if cohort else ''}Council {i // 12 + 1}",
                    slug=f"council-{i + 1}",
                    kind=Council.Kind.COHORT if cohort else Council.Kind.COMMUNITY,
                    public_page_enabled=rng.random() < 0.5,
                )
            )
        self.councils = Council.objects.bulk_create(councils)
        self.sites = {
            region.pk: site
            for region, site in zip(
                self.regions,
                Site.objects.bulk_create(
                    [
                        Site(organisation_id=r.organisation_id, region=r, name=f"{r.name} office")
                        for r in self.regions
                    ]
                ),
                strict=True,
            )
        }
        self.themes = defaultdict(list)
        for theme in Theme.objects.bulk_create(
            [
                Theme(organisation=org, name=name, position=p)
                for org in self.orgs
                for p, name in enumerate(DEFAULT_THEMES)
            ]
        ):
            self.themes[theme.organisation_id].append(theme)

    def build_people(self):
        rng = self.rng
        User = get_user_model()
        users, staff_roles = [], []
        for org in self.orgs:
            for role in (Role.COORDINATOR, Role.CHAIR, Role.MANAGER, Role.LEAD, Role.ADMIN):
                users.append(
                    User(
                        username=f"{org.slug}-{role}",
                        display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        email=f"{org.slug}-{role}@example.org",
                        password="!",
                    )
                )
                staff_roles.append((org, role))
        reps = self.n(2000, 12)
        for i in range(reps):
            users.append(
                User(
                    username=f"{PREFIX}-rep-{i + 1:05d}",
                    display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    password="!",
                )
            )
        users = User.objects.bulk_create(users, batch_size=BATCH)
        staff, rep_users = users[: len(staff_roles)], users[len(staff_roles) :]
        self.staff = {}
        assignments = []
        for user, (org, role) in zip(staff, staff_roles, strict=True):
            self.staff[(org.pk, role)] = user
            assignments.append(
                RoleAssignment(organisation=org, user=user, role=role, starts_on=self.start)
            )
        statuses = (
            [RepProfile.Status.ACTIVE] * 12
            + [RepProfile.Status.TRAINED] * 2
            + [RepProfile.Status.PAUSED]
            + [RepProfile.Status.STEPPED_DOWN] * 2
            + [RepProfile.Status.MOVED_ON] * 2
            + [RepProfile.Status.ALUMNI]
        )
        span = (self.end - self.start).days
        profiles = []
        self.reps_of = defaultdict(list)
        for i, user in enumerate(rep_users):
            council = self.councils[i % len(self.councils)]
            joined = self.start + dt.timedelta(days=rng.randrange(span))
            status = rng.choice(statuses)
            left = None
            if status in {
                RepProfile.Status.STEPPED_DOWN,
                RepProfile.Status.MOVED_ON,
                RepProfile.Status.ALUMNI,
            }:
                left = min(self.end, joined + dt.timedelta(days=rng.randrange(60, 500)))
            profiles.append(
                RepProfile(
                    organisation_id=council.organisation_id,
                    user=user,
                    council=council,
                    status=status,
                    joined_on=joined,
                    trained_on=joined + dt.timedelta(days=rng.randrange(10, 60))
                    if rng.random() < 0.8
                    else None,
                    left_on=left,
                    gender=band(rng, Gender),
                    age_band=band(rng, AgeBand),
                    ethnicity=band(rng, Ethnicity),
                )
            )
            assignments.append(
                RoleAssignment(
                    organisation_id=council.organisation_id,
                    user=user,
                    role=Role.REP,
                    council=council,
                    starts_on=joined,
                    ends_on=left,
                )
            )
            self.reps_of[council.pk].append(user.pk)
        RepProfile.objects.bulk_create(profiles, batch_size=BATCH)
        RoleAssignment.objects.bulk_create(assignments, batch_size=BATCH)
        self.counts["reps"] = len(profiles)

    def build_surgeries(self):
        rng = self.rng
        surgeries = []
        for council in self.councils:
            day = self.start + dt.timedelta(days=rng.randrange(14))
            while day <= self.end:
                approached = rng.randrange(5, 40)
                engaged = rng.randrange(1, approached + 1)
                surgeries.append(
                    Surgery(
                        organisation_id=council.organisation_id,
                        council=council,
                        site=self.sites[council.region_id],
                        date=day,
                        starts_at=dt.time(10, 0),
                        ends_at=dt.time(12, 0),
                        people_approached=approached,
                        people_engaged=engaged,
                        people_declined=approached - engaged,
                    )
                )
                day += dt.timedelta(days=rng.randrange(10, 20))
        self.surgeries = defaultdict(list)
        for surgery in Surgery.objects.bulk_create(surgeries, batch_size=BATCH):
            self.surgeries[surgery.council_id].append((surgery.pk, surgery.date))

    def build_feedback(self):
        rng = self.rng
        total = self.n(150_000, 100)
        items = []
        kinds = FeedbackItem.Kind.values
        for _ in range(total):
            council = self.councils[rng.randrange(len(self.councils))]
            surgery_id, day = rng.choice(self.surgeries[council.pk])
            consent = rng.random() < 0.3
            approved = consent and rng.random() < 0.15
            items.append(
                FeedbackItem(
                    organisation_id=council.organisation_id,
                    council=council,
                    surgery_id=surgery_id,
                    theme=rng.choice(self.themes[council.organisation_id]),
                    kind=rng.choice(kinds),
                    said=rng.choice(SAID),
                    received_on=day,
                    gender=band(rng, Gender),
                    age_band=band(rng, AgeBand),
                    ethnicity=band(rng, Ethnicity),
                    order_type=band(rng, OrderType),
                    consent_to_quote=consent,
                    quote_status=FeedbackItem.QuoteStatus.APPROVED if approved else "",
                    approved_quote=rng.choice(QUOTES) if approved else "",
                )
            )
            if len(items) == BATCH:
                FeedbackItem.objects.bulk_create(items)
                items = []
        FeedbackItem.objects.bulk_create(items)
        self.counts["feedback"] = total

    def build_meetings(self):
        """A hub meeting and a council meeting in every council, every quarter."""
        meetings = []
        quarter = quarter_containing(self.start)
        while quarter.start <= self.end:
            for council in self.councils:
                middle = quarter.start + dt.timedelta(days=45)
                for kind, day in (
                    (Meeting.Kind.HUB, middle - dt.timedelta(days=14)),
                    (Meeting.Kind.COUNCIL, middle),
                ):
                    meetings.append(
                        Meeting(
                            organisation_id=council.organisation_id,
                            council=council,
                            kind=kind,
                            date=day,
                            starts_at=dt.time(10, 0),
                            venue="Meeting room",
                            chair=self.staff[(council.organisation_id, Role.CHAIR)]
                            if kind == Meeting.Kind.COUNCIL
                            else None,
                        )
                    )
            quarter = quarter_containing(quarter.end + dt.timedelta(days=1))
        self.meetings = Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        self.council_meetings = defaultdict(list)
        for meeting in self.meetings:
            if meeting.kind == Meeting.Kind.COUNCIL:
                self.council_meetings[meeting.council_id].append(meeting)

    def build_proposals(self):
        rng = self.rng
        total = self.n(5000, 20)
        span = (self.end - self.start).days
        proposals, plans = [], []
        for i in range(total):
            council = self.councils[i % len(self.councils)]
            raised = self.start + dt.timedelta(days=rng.randrange(span))
            meeting = next((m for m in self.council_meetings[council.pk] if m.date > raised), None)
            status = ProposalStatus.READY
            decided = implemented = None
            outcome = None
            roll = rng.random()
            if meeting is not None and roll < 0.95:
                decided = meeting.date
                if roll < 0.05:
                    outcome, status = Decision.Outcome.NOT_ACCEPTED, ProposalStatus.NOT_ACCEPTED
                elif roll < 0.08:
                    outcome, status = Decision.Outcome.DEFERRED, ProposalStatus.DEFERRED
                else:
                    outcome = Decision.Outcome.ACCEPTED
                    done = decided + dt.timedelta(days=rng.randrange(30, 240))
                    if done <= self.end and rng.random() < 0.78:
                        status, implemented = ProposalStatus.IMPLEMENTED, done
                    else:
                        status = ProposalStatus.IN_PROGRESS
            adjective = rng.choice(["Better", "Clearer", "Fairer", "Quicker"])
            subject = rng.choice(["letters", "reception", "inductions", "travel help"])
            title = f"{adjective} {subject} ({i + 1})"
            proposals.append(
                Proposal(
                    organisation_id=council.organisation_id,
                    council=council,
                    title=title,
                    problem=rng.choice(SAID),
                    solution="Reps suggest a change, worked out with staff.",
                    theme=rng.choice(self.themes[council.organisation_id]),
                    status=status,
                    raised_at=aware(raised),
                    ready_at=aware(raised),
                    presented_at=aware(decided, 10) if decided else None,
                    decided_at=aware(decided, 11) if decided else None,
                    published_at=aware(decided, 16) if decided else None,
                    owner=self.staff[(council.organisation_id, Role.LEAD)]
                    if status in (ProposalStatus.IN_PROGRESS, ProposalStatus.IMPLEMENTED)
                    else None,
                    target_date=decided + dt.timedelta(days=120) if decided else None,
                    last_update_at=aware(decided + dt.timedelta(days=rng.randrange(1, 90)))
                    if decided
                    else None,
                    implemented_at=aware(implemented) if implemented else None,
                    we_did="We made the change with the reps. " + rng.choice(QUOTES)
                    if implemented
                    else "",
                )
            )
            plans.append((meeting, outcome))
        proposals = Proposal.objects.bulk_create(proposals, batch_size=BATCH)
        decisions = []
        for proposal, (meeting, outcome) in zip(proposals, plans, strict=True):
            if outcome is None:
                continue
            reason = rng.choice(REASONS) if outcome != Decision.Outcome.ACCEPTED else ""
            decisions.append(
                Decision(
                    organisation_id=proposal.organisation_id,
                    proposal=proposal,
                    meeting=meeting,
                    outcome=outcome,
                    # Only a refusal has a reason category; the database
                    # refuses one on any other outcome.
                    reason_category=Decision.ReasonCategory.COST
                    if outcome == Decision.Outcome.NOT_ACCEPTED
                    else "",
                    reason=reason,
                    deferred_to=meeting.date + dt.timedelta(days=91)
                    if outcome == Decision.Outcome.DEFERRED
                    else None,
                    decided_by=self.staff[(proposal.organisation_id, Role.CHAIR)],
                    decided_at=proposal.decided_at,
                    published_at=proposal.published_at,
                )
            )
        decisions = Decision.objects.bulk_create(decisions, batch_size=BATCH)
        by_proposal = {d.proposal_id: d for d in decisions}
        for proposal in proposals:
            proposal.published_decision = by_proposal.get(proposal.pk)
        Proposal.objects.bulk_update(proposals, ["published_decision"], batch_size=1000)
        self.build_status_history(proposals, by_proposal)
        self.counts["proposals"] = len(proposals)

    def build_status_history(self, proposals, decisions):
        """Each proposal's status changes, as the services write them: the
        figures "as at" a period's end read this history, so without it
        every such figure counted no proposal as accepted, and the pages'
        queries read an empty table."""
        S, E = ProposalStatus, ProposalEvent.Kind
        events = []
        for p in proposals:
            steps = [
                (E.RAISED, p.raised_at, "", S.DRAFT),
                (E.READY, p.raised_at + dt.timedelta(minutes=1), S.DRAFT, S.READY),
            ]
            decision = decisions.get(p.pk)
            if decision is not None:
                steps.append((E.PRESENTED, p.presented_at, S.READY, S.PRESENTED))
                steps.append((E.DECISION, p.published_at, S.PRESENTED, decision.outcome))
                if p.status in (S.IN_PROGRESS, S.IMPLEMENTED):
                    steps.append(
                        (
                            E.OWNER_ASSIGNED,
                            p.published_at + dt.timedelta(days=1),
                            decision.outcome,
                            S.IN_PROGRESS,
                        )
                    )
                if p.status == S.IMPLEMENTED:
                    steps.append((E.IMPLEMENTED, p.implemented_at, S.IN_PROGRESS, S.IMPLEMENTED))
            events.extend(
                ProposalEvent(
                    organisation_id=p.organisation_id,
                    proposal=p,
                    kind=kind,
                    at=at,
                    from_status=from_status,
                    to_status=to_status,
                )
                for kind, at, from_status, to_status in steps
            )
        ProposalEvent.objects.bulk_create(events, batch_size=BATCH)

    def build_attendance(self):
        rng = self.rng
        attendance, actions = [], []
        statuses = [Attendance.Status.ATTENDED] * 8 + [
            Attendance.Status.APOLOGIES,
            Attendance.Status.ABSENT,
        ]
        for meeting in self.meetings:
            reps = self.reps_of[meeting.council_id]
            for user_id in rng.sample(reps, min(len(reps), 6)):
                attendance.append(
                    Attendance(
                        organisation_id=meeting.organisation_id,
                        meeting=meeting,
                        user_id=user_id,
                        status=rng.choice(statuses),
                    )
                )
            if meeting.kind == Meeting.Kind.COUNCIL:
                for _ in range(2):
                    due = meeting.date + dt.timedelta(days=30)
                    closed = due < self.end and rng.random() < 0.8
                    actions.append(
                        ActionPoint(
                            organisation_id=meeting.organisation_id,
                            council_id=meeting.council_id,
                            meeting=meeting,
                            description="Find out and report back at the next meeting.",
                            owner=self.staff[(meeting.organisation_id, Role.LEAD)],
                            due_on=due,
                            status=ActionPoint.Status.CLOSED if closed else ActionPoint.Status.OPEN,
                            closed_at=aware(due) if closed else None,
                        )
                    )
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        created = ActionPoint.objects.bulk_create(actions, batch_size=BATCH)
        # created_at is set on insert; move it back to the meeting's date.
        for action in created:
            action.created_at = aware(action.meeting.date)
        ActionPoint.objects.bulk_update(created, ["created_at"], batch_size=1000)
