"""The figures oracle: random histories, every figure recounted by hand.

Hypothesis makes histories of surgeries (some cancelled, some still to come),
feedback, proposals whose status changes at random moments (written as the
services write them: the row as it stands now, and one ProposalEvent per
change with its time), meetings with attendance, reps joining and leaving,
and action points. For a random scope and period (the quarter in progress,
earlier quarters, and periods that end before a later change) every figure
the quarterly report and the You Said We Did documents show is compared with
a plain Python recount from the history: what was true at the end of the
period, and nothing that had not happened yet.

Each example runs in a transaction that is rolled back, so examples share
nothing.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councils.disclosure import people_count
from councils.periods import Period, quarter_containing
from members.bands import AgeBand, Ethnicity, Gender, OrderType
from members.models import RepProfile
from proposals.models import (
    ActionPoint,
    Attendance,
    Decision,
    ImplementationUpdate,
    Meeting,
    Proposal,
    ProposalEvent,
    ProposalStatus,
)
from reports.content import DiversityGroup
from reports.selectors import ReportScope, quarterly_content, you_said_we_did_content
from reports.selectors.scope import report_period
from surgeries.models import FeedbackItem, Surgery, Theme
from tests.factories import (
    CouncilFactory,
    OrganisationFactory,
    RegionFactory,
    SiteFactory,
    UserFactory,
)
from tests.proposals.factories import approve_words

pytestmark = pytest.mark.django_db

S = ProposalStatus
Out = Decision.Outcome
THEMES = ["Reception", "Housing", "Appointments"]
FIRST_DAY = -290  # days before today that histories start
ACCEPTED = {S.ACCEPTED, S.ACCEPTED_WITH_CHANGES, S.IN_PROGRESS, S.IMPLEMENTED, S.NOT_IMPLEMENTED}
DECIDED = ACCEPTED | {S.NOT_ACCEPTED, S.REPLACED, S.WITHDRAWN}
BEING_DONE = {S.ACCEPTED, S.ACCEPTED_WITH_CHANGES, S.IN_PROGRESS}
LEFT = [RepProfile.Status.MOVED_ON, RepProfile.Status.STEPPED_DOWN, RepProfile.Status.ALUMNI]


def today() -> dt.date:
    return timezone.localdate()


def day(offset: int) -> dt.date:
    return today() + dt.timedelta(days=offset)


def moment(offset: int, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day(offset), dt.time(hour, 0)))


# --- The history, as plain data -------------------------------------------


@dataclass
class SurgeryH:
    council: int
    offset: int
    cancelled: bool
    approached: int
    engaged: int
    declined: int


@dataclass
class FeedbackH:
    council: int
    offset: int
    theme: int
    bands: tuple[str, str, str, str]
    quote: str  # approved words, or "" for none


@dataclass
class MeetingH:
    council: int
    kind: str
    offset: int
    cancelled: bool
    attendance: list[str]


@dataclass
class RepH:
    council: int
    joined: int | None  # None: no joining date, joined when the account was made
    account_made: int
    left: int | None
    status: str
    trained: int | None
    bands: tuple[str, str, str]


@dataclass
class ActionH:
    council: int
    created: int
    due: int
    closed: int | None


@dataclass
class ProposalH:
    council: int
    title: str
    raised: dt.datetime
    # (moment, to_status, kind, decision outcome or "") in order
    changes: list[tuple[dt.datetime, str, str, str]] = field(default_factory=list)
    presented_at: dt.datetime | None = None
    decisions: list[tuple[dt.datetime, dt.datetime | None, str]] = field(default_factory=list)
    owner_assigned_at: dt.datetime | None = None
    target: dt.date | None = None
    updates: list[dt.datetime] = field(default_factory=list)
    implemented_at: dt.datetime | None = None
    not_implemented_at: dt.datetime | None = None

    def status_at(self, when: dt.datetime) -> str | None:
        status = None
        for at, to_status, _kind, _outcome in self.changes:
            if at < when:
                status = to_status
        return status

    def changed_at(self, when: dt.datetime) -> dt.datetime | None:
        """When it took the status it had at ``when``."""
        last = None
        for at, _to, _kind, _outcome in self.changes:
            if at < when:
                last = at
        return last

    @property
    def status(self) -> str:
        return self.changes[-1][1]

    @property
    def decided_at(self) -> dt.datetime | None:
        """The decision published last (as the proposal row keeps it)."""
        published = [d for d in self.decisions if d[1] is not None]
        return published[-1][0] if published else None


@dataclass
class History:
    surgeries: list[SurgeryH]
    feedback: list[FeedbackH]
    meetings: list[MeetingH]
    reps: list[RepH]
    actions: list[ActionH]
    proposals: list[ProposalH]


# --- Strategies -----------------------------------------------------------

councils = st.integers(0, 1)
offsets = st.integers(FIRST_DAY, 0)


@st.composite
def surgeries(draw):
    offset = draw(st.integers(FIRST_DAY, 20))
    cancelled = draw(st.booleans()) and draw(st.booleans())
    if offset > 0 or cancelled:
        approached = engaged = declined = 0  # nobody is seen at a surgery still to come
    else:
        approached = draw(st.integers(0, 12))
        engaged = draw(st.integers(0, approached))
        declined = draw(st.integers(0, approached - engaged))
    return SurgeryH(draw(councils), offset, cancelled, approached, engaged, declined)


def band(choices):
    return st.sampled_from(["", *choices.values])


@st.composite
def feedback(draw):
    bands = (draw(band(Gender)), draw(band(AgeBand)), draw(band(Ethnicity)), draw(band(OrderType)))
    quote = draw(st.sampled_from(["", "", "", "They listened.", "The wait was long."]))
    return FeedbackH(draw(councils), draw(offsets), draw(st.integers(0, 2)), bands, quote)


@st.composite
def meetings(draw):
    attendance = draw(st.lists(st.sampled_from(Attendance.Status.values), max_size=4))
    return MeetingH(
        draw(councils),
        draw(st.sampled_from(Meeting.Kind.values)),
        draw(st.integers(FIRST_DAY, 20)),
        draw(st.booleans()) and draw(st.booleans()),
        attendance,
    )


@st.composite
def reps(draw):
    made = draw(offsets)
    joined = draw(st.one_of(st.none(), st.integers(made, 0)))
    start = made if joined is None else joined
    left = draw(st.one_of(st.none(), st.integers(start, 10)))
    if left is None:
        status = draw(st.sampled_from([RepProfile.Status.ACTIVE, RepProfile.Status.PAUSED]))
    elif left > 0:
        status = RepProfile.Status.ACTIVE  # leaving on a date still to come
    else:
        status = draw(st.sampled_from(LEFT))
    trained = draw(st.one_of(st.none(), st.integers(start, 0)))
    bands = (draw(band(Gender)), draw(band(AgeBand)), draw(band(Ethnicity)))
    return RepH(draw(councils), joined, made, left, status, trained, bands)


@st.composite
def actions(draw):
    # Written by someone already: never later than yesterday in this history.
    created = draw(st.integers(FIRST_DAY, -1))
    closed = draw(st.one_of(st.none(), st.integers(created, -1)))
    return ActionH(draw(councils), created, draw(st.integers(created, created + 60)), closed)


@st.composite
def proposals(draw, number: int):
    """A proposal's life, cut off at now: nothing happens in the future."""
    now = timezone.now()
    raised = moment(draw(offsets), draw(st.integers(8, 17)))
    p = ProposalH(draw(councils), f"Proposal {number}", raised)
    p.changes.append((raised, S.DRAFT, ProposalEvent.Kind.RAISED, ""))

    def happen(at, to_status, kind, outcome=""):
        if at >= now:
            return False
        p.changes.append((at, to_status, kind, outcome))
        return True

    at = raised
    if draw(st.booleans()):
        at += dt.timedelta(days=draw(st.integers(0, 20)), hours=1)
        if not happen(at, S.READY, ProposalEvent.Kind.READY):
            return p
    for _round in range(2):
        if not draw(st.booleans()):
            return p
        meeting = moment((at.date() - today()).days + draw(st.integers(1, 40)), 10)
        if not happen(meeting, S.PRESENTED, ProposalEvent.Kind.PRESENTED):
            return p
        p.presented_at = p.presented_at or meeting
        outcomes = Out.values if _round == 0 else [o for o in Out.values if o != Out.DEFERRED]
        outcome = draw(st.sampled_from(outcomes))
        published = meeting + dt.timedelta(days=draw(st.integers(0, 12)), hours=6)
        if published >= now:
            p.decisions.append((meeting, None, outcome))
            return p
        p.decisions.append((meeting, published, outcome))
        happen(published, outcome, ProposalEvent.Kind.DECISION, outcome)
        at = published
        if outcome != Out.DEFERRED:
            break
    if p.status not in (S.ACCEPTED, S.ACCEPTED_WITH_CHANGES) or not draw(st.booleans()):
        return p
    assigned = at + dt.timedelta(days=draw(st.integers(0, 30)), hours=1)
    if not happen(assigned, S.IN_PROGRESS, ProposalEvent.Kind.OWNER_ASSIGNED):
        return p
    p.owner_assigned_at = assigned
    p.target = assigned.date() + dt.timedelta(days=draw(st.integers(0, 120)))
    for gap in draw(st.lists(st.integers(1, 45), max_size=3)):
        at = (p.updates[-1] if p.updates else assigned) + dt.timedelta(days=gap)
        if at >= now:
            break
        p.updates.append(at)
    ending = draw(st.sampled_from(["", "", S.IMPLEMENTED, S.NOT_IMPLEMENTED]))
    if ending:
        end = (p.updates[-1] if p.updates else assigned) + dt.timedelta(
            days=draw(st.integers(0, 60)), hours=1
        )
        kind = ProposalEvent.Kind.IMPLEMENTED if ending == S.IMPLEMENTED else "not_implemented"
        if happen(end, ending, kind):
            if ending == S.IMPLEMENTED:
                p.implemented_at = end
            else:
                p.not_implemented_at = end
    return p


@st.composite
def histories(draw):
    n = draw(st.integers(0, 8))
    return History(
        surgeries=draw(st.lists(surgeries(), max_size=8)),
        feedback=draw(st.lists(feedback(), max_size=14)),
        meetings=draw(st.lists(meetings(), max_size=5)),
        reps=draw(st.lists(reps(), max_size=6)),
        actions=draw(st.lists(actions(), max_size=4)),
        proposals=[draw(proposals(i)) for i in range(n)],
    )


@st.composite
def periods(draw):
    """Whole quarters (the one in progress, and earlier ones) or any run of days."""
    if draw(st.booleans()):
        quarter = quarter_containing(today())
        for _ in range(draw(st.integers(0, 3))):
            quarter = quarter_containing(quarter.start - dt.timedelta(days=1))
        return Period(quarter.start, quarter.end)
    start = draw(st.integers(FIRST_DAY + 30, 0))
    return Period(day(start), day(start + draw(st.integers(0, 120))))


# --- Writing the history as the services would ---------------------------


@dataclass
class World:
    organisation: object
    councils: list
    regions: list


def build_world() -> World:
    organisation = OrganisationFactory()
    regions = [RegionFactory(organisation=organisation) for _ in range(2)]
    councils = [CouncilFactory(organisation=organisation, region=r) for r in regions]
    return World(organisation, councils, regions)


def write(world: World, history: History) -> None:
    org = world.organisation
    council = world.councils
    themes = [Theme.objects.create(organisation=org, name=name) for name in THEMES]
    sites = [SiteFactory(organisation=org, region=r) for r in world.regions]
    staff = UserFactory()
    for s in history.surgeries:
        Surgery.objects.create(
            organisation=org,
            council=council[s.council],
            site=sites[s.council],
            date=day(s.offset),
            starts_at=dt.time(10),
            ends_at=dt.time(12),
            people_approached=s.approached,
            people_engaged=s.engaged,
            people_declined=s.declined,
            cancelled_at=moment(min(s.offset, 0) - 1, 9) if s.cancelled else None,
        )
    for f in history.feedback:
        gender, age, ethnicity, order = f.bands
        FeedbackItem.objects.create(
            organisation=org,
            council=council[f.council],
            channel=FeedbackItem.Channel.SUGGESTION_BOX,
            theme=themes[f.theme],
            kind=FeedbackItem.Kind.PROBLEM,
            said="Words nobody agreed to print.",
            received_on=day(f.offset),
            gender=gender,
            age_band=age,
            ethnicity=ethnicity,
            order_type=order,
            consent_to_quote=bool(f.quote),
            quote_status=FeedbackItem.QuoteStatus.APPROVED if f.quote else "",
            approved_quote=f.quote,
        )
    for m in history.meetings:
        meeting = Meeting.objects.create(
            organisation=org,
            council=council[m.council],
            kind=m.kind,
            date=day(m.offset),
            starts_at=dt.time(10),
            venue="Room 1",
            cancelled_at=moment(min(m.offset, 0) - 1, 9) if m.cancelled else None,
            cancelled_reason="The room flooded." if m.cancelled else "",
        )
        for status in m.attendance:
            Attendance.objects.create(
                organisation=org, meeting=meeting, user=UserFactory(), status=status
            )
    for r in history.reps:
        user = UserFactory()
        type(user).objects.filter(pk=user.pk).update(date_joined=moment(r.account_made, 9))
        gender, age, ethnicity = r.bands
        RepProfile.objects.create(
            organisation=org,
            user=user,
            council=council[r.council],
            status=r.status,
            joined_on=None if r.joined is None else day(r.joined),
            left_on=None if r.left is None else day(r.left),
            trained_on=None if r.trained is None else day(r.trained),
            gender=gender,
            age_band=age,
            ethnicity=ethnicity,
        )
    for a in history.actions:
        meeting = Meeting.objects.create(
            organisation=org,
            council=council[a.council],
            kind=Meeting.Kind.HUB,
            date=day(a.created),
            starts_at=dt.time(10),
            venue="Room 2",
            cancelled_at=moment(a.created, 9),  # only the action point matters here
            cancelled_reason="Not part of this history.",
        )
        point = ActionPoint.objects.create(
            organisation=org,
            council=council[a.council],
            meeting=meeting,
            description="Ask for a notice board.",
            owner=staff,
            due_on=day(a.due),
            status=ActionPoint.Status.CLOSED if a.closed is not None else ActionPoint.Status.OPEN,
            closed_at=None if a.closed is None else moment(a.closed, 15),
        )
        ActionPoint.objects.filter(pk=point.pk).update(created_at=moment(a.created, 11))
    for p in history.proposals:
        write_proposal(org, council[p.council], themes[0], staff, p)


def write_proposal(org, council, theme, staff, p: ProposalH) -> None:
    status = p.status
    proposal = Proposal.objects.create(
        organisation=org,
        council=council,
        title=p.title,
        problem="People said the wait was long.",
        solution="Tell people how long the wait is.",
        theme=theme,
        raised_at=p.raised,
        status=status,
        presented_at=p.presented_at,
        owner=staff if p.owner_assigned_at else None,
        owner_assigned_at=p.owner_assigned_at,
        target_date=p.target,
        last_update_at=(p.updates or [p.owner_assigned_at])[-1],
        implemented_at=p.implemented_at,
        not_implemented_at=p.not_implemented_at,
        we_did="Reception now says how long the wait is." if status == S.IMPLEMENTED else "",
        not_implemented_reason="The building closed." if status == S.NOT_IMPLEMENTED else "",
        withdrawn_at=p.changes[-1][0] if status == S.WITHDRAWN else None,
    )
    published = None
    for decided, published_at, outcome in p.decisions:
        meeting = Meeting.objects.create(
            organisation=org,
            council=council,
            kind=Meeting.Kind.COUNCIL,
            date=timezone.localdate(decided),
            starts_at=dt.time(10),
            venue="Decision room",
            cancelled_at=decided,  # the meeting itself is counted in MeetingH only
            cancelled_reason="Not part of this history.",
        )
        decision = Decision.objects.create(
            organisation=org,
            proposal=proposal,
            meeting=meeting,
            outcome=outcome,
            **decision_fields(outcome),
            decided_by=staff,
            decided_at=decided,
            published_at=published_at,
            published_by=staff if published_at else None,
        )
        if published_at:
            published = decision
    if published is not None:
        Proposal.objects.filter(pk=proposal.pk).update(
            published_decision=published,
            decided_at=published.decided_at,
            published_at=published.published_at,
        )
    previous = ""
    for at, to_status, kind, _outcome in p.changes:
        ProposalEvent.objects.create(
            organisation=org,
            proposal=proposal,
            kind=kind,
            at=at,
            from_status=previous,
            to_status=to_status,
        )
        previous = to_status
    for at in p.updates:
        ImplementationUpdate.objects.create(
            organisation=org,
            proposal=proposal,
            author=staff,
            status="in_progress",
            note="Still going.",
            created_at=at,
        )
    # The words a document prints were approved by a coordinator (issue 9):
    # the oracle checks figures and which proposals appear, so all are.
    approve_words(proposal, by=staff)


def decision_fields(outcome: str) -> dict:
    if outcome == Out.NOT_ACCEPTED:
        return {"reason_category": Decision.ReasonCategory.COST, "reason": "There is no money."}
    if outcome == Out.ACCEPTED_WITH_CHANGES:
        return {"changes_required": "Ask reception first."}
    if outcome == Out.DEFERRED:
        return {"deferred_to": today(), "reason": "We need the costs first."}
    if outcome == Out.REPLACED:
        return {"reason": "A better idea came up."}
    return {}


# --- The plain recount ----------------------------------------------------


def within(value: dt.date, period: Period) -> bool:
    return period.start <= value <= period.end


def moment_within(value: dt.datetime | None, period: Period) -> bool:
    return value is not None and within(timezone.localdate(value), period)


def in_scope(council_index: int, scope_councils: set[int]) -> bool:
    return council_index in scope_councils


def surgery_held(s: SurgeryH) -> bool:
    d = day(s.offset)
    return not s.cancelled and (d < today() or (d == today() and s.approached > 0))


def end_moment(period: Period) -> dt.datetime:
    after = timezone.make_aware(dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time()))
    return min(after, timezone.now())


def rep_active_on(r: RepH, d: dt.date) -> bool:
    joined = day(r.joined) if r.joined is not None else day(r.account_made)
    if joined > d:
        return False
    if r.left is None:
        return r.status == RepProfile.Status.ACTIVE
    return day(r.left) > d


def elapsed(later: dt.datetime, earlier: dt.datetime) -> dt.timedelta:
    """Real time between two moments (Python subtracts wall-clock times when
    both carry the same time zone, which is an hour out across a clock change)."""
    return later.astimezone(dt.UTC) - earlier.astimezone(dt.UTC)


def median_days(spans: list[dt.timedelta]) -> float | None:
    if not spans:
        return None
    return round(statistics.median(s.total_seconds() for s in spans) / 86400, 1)


def recount_reach(h: History, mine: set[int], period: Period) -> dict:
    held = [
        s
        for s in h.surgeries
        if in_scope(s.council, mine) and surgery_held(s) and within(day(s.offset), period)
    ]
    return {
        "held": len(held),
        "approached": sum(s.approached for s in held),
        "engaged": sum(s.engaged for s in held),
        "declined": sum(s.declined for s in held),
    }


def recount_feedback(h: History, mine: set[int], period: Period) -> list[FeedbackH]:
    return [f for f in h.feedback if in_scope(f.council, mine) and within(day(f.offset), period)]


def diversity_of(rows, fields) -> list[tuple]:
    groups = []
    for index, (title, choices) in enumerate(fields):
        counts = {}
        for row in rows:
            counts[row[index]] = counts.get(row[index], 0) + 1
        not_recorded = counts.pop("", 0)
        labelled = [(str(label), counts[v]) for v, label in choices.choices if counts.get(v)]
        if labelled:
            group = DiversityGroup.from_counts(title, labelled, not_recorded)
            groups.append(describe_group(group))
    return groups


def describe_group(group: DiversityGroup) -> tuple:
    return (
        str(group.title),
        [(label, cell.value, cell.hidden) for label, cell in group.rows],
        (group.not_recorded.value, group.not_recorded.hidden),
    )


# --- The test -------------------------------------------------------------


def scope_for(world: World, which: str) -> tuple[ReportScope, set[int]]:
    if which == "council":
        return ReportScope(world.organisation, council=world.councils[0]), {0}
    if which == "region":
        return ReportScope(world.organisation, region=world.regions[1]), {1}
    return ReportScope(world.organisation), {0, 1}


@pytest.fixture
def rollback(db):
    class Rollback(Exception):
        pass

    def run(check):
        try:
            with transaction.atomic():
                check()
                raise Rollback
        except Rollback:
            pass

    return run


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    history=histories(),
    asked=periods(),
    which=st.sampled_from(["council", "region", "organisation"]),
)
def test_every_report_figure_matches_a_recount_of_the_history(rollback, history, asked, which):
    rollback(lambda: check_figures(history, asked, which))


def check_figures(history: History, asked: Period, which: str) -> None:
    world = build_world()
    write(world, history)
    scope, mine = scope_for(world, which)
    q = quarterly_content(scope, asked)
    y = you_said_we_did_content(scope, asked)

    # The period: one not yet over runs to today and says so.
    expected = report_period(asked.start, asked.end)
    assert (q.period.start, q.period.end) == (expected.start, expected.end)
    assert q.period.end <= today()
    assert ("so far" in q.period.label) == (asked.end >= today())
    period, previous = q.period, q.period.previous()
    assert (y.period.start, y.period.end) == (period.start, period.end)
    when = end_moment(period)

    # Reach, now and before.
    now, before = recount_reach(history, mine, period), recount_reach(history, mine, previous)
    r = q.reach
    assert (r.surgeries_held.now, r.surgeries_held.before) == (now["held"], before["held"])
    assert (r.people_approached.now, r.people_approached.before) == (
        now["approached"],
        before["approached"],
    )
    assert (r.people_engaged.now, r.people_engaged.before) == (now["engaged"], before["engaged"])
    assert (r.people_declined.now, r.people_declined.before) == (
        now["declined"],
        before["declined"],
    )
    assert (r.engagement.numerator, r.engagement.denominator) == (
        now["engaged"],
        now["approached"],
    )
    assert (y.surgeries_held, y.people_engaged) == (now["held"], now["engaged"])

    # Feedback by theme, now and before; the top themes as You Said We Did shows them.
    items, items_before = (
        recount_feedback(history, mine, period),
        recount_feedback(history, mine, previous),
    )
    by_theme = {}
    for f in items:
        by_theme.setdefault(THEMES[f.theme], [0, 0])[0] += 1
    for f in items_before:
        by_theme.setdefault(THEMES[f.theme], [0, 0])[1] += 1
    assert {c.label: [c.now, c.before] for c in q.feedback_by_theme} == by_theme
    assert [c.now for c in q.feedback_by_theme] == sorted(
        (c.now for c in q.feedback_by_theme), reverse=True
    )
    assert y.feedback_count == len(items)
    top = sorted(
        ((THEMES[t], n) for t, n in count_by(items, lambda f: f.theme).items()),
        key=lambda row: (-row[1], row[0]),
    )[:5]
    assert [(t.theme, t.count) for t in y.top_themes] == [(t, people_count(n)) for t, n in top]

    # Approved quotes from the period, newest first, each wording once.
    quoted = []
    for f in sorted((f for f in items if f.quote), key=lambda f: f.offset, reverse=True):
        if f.quote not in quoted:
            quoted.append(f.quote)
    assert {quote.text for quote in y.quotes} == set(quoted[:4])

    # Diversity of what was heard (one row per feedback item) and of reps.
    assert [describe_group(g) for g in q.engaged_diversity] == diversity_of(
        [f.bands for f in items],
        [
            ("Gender", Gender),
            ("Age", AgeBand),
            ("Ethnicity", Ethnicity),
            ("Order or licence", OrderType),
        ],
    )
    active = [r for r in history.reps if in_scope(r.council, mine) and rep_active_on(r, period.end)]
    assert [describe_group(g) for g in q.rep_diversity] == diversity_of(
        [r.bands for r in active], [("Gender", Gender), ("Age", AgeBand), ("Ethnicity", Ethnicity)]
    )

    # Reps.
    mine_reps = [r for r in history.reps if in_scope(r.council, mine)]
    joined_in = [
        r
        for r in mine_reps
        if within(day(r.joined if r.joined is not None else r.account_made), period)
    ]
    left_in = [r for r in mine_reps if r.left is not None and within(day(r.left), period)]
    assert q.reps.active == len(active)
    assert q.reps.new == len(joined_in)
    assert q.reps.trained == sum(
        1 for r in mine_reps if r.trained is not None and within(day(r.trained), period)
    )
    assert q.reps.left == len(left_in)
    assert q.reps.moved_on == sum(1 for r in left_in if r.status == RepProfile.Status.MOVED_ON)

    # Meetings that took place, and who came.
    held = [
        m
        for m in history.meetings
        if in_scope(m.council, mine)
        and not m.cancelled
        and day(m.offset) < today()
        and within(day(m.offset), period)
    ]
    assert q.meetings.hub_meetings == sum(1 for m in held if m.kind == Meeting.Kind.HUB)
    assert q.meetings.council_meetings == sum(1 for m in held if m.kind == Meeting.Kind.COUNCIL)
    statuses = [status for m in held for status in m.attendance]
    assert (q.meetings.attended, q.meetings.apologies, q.meetings.absent) == (
        statuses.count(Attendance.Status.ATTENDED),
        statuses.count(Attendance.Status.APOLOGIES),
        statuses.count(Attendance.Status.ABSENT),
    )

    # Proposals, each as it stood at the end of the period.
    mine_proposals = [p for p in history.proposals if in_scope(p.council, mine)]
    then = {p.title: p.status_at(when) for p in mine_proposals}
    presented = [p for p in mine_proposals if moment_within(p.presented_at, period)]
    funnel = q.funnel
    assert funnel.raised == sum(1 for p in mine_proposals if moment_within(p.raised, period))
    assert funnel.presented == len(presented)
    assert funnel.accepted == sum(1 for p in presented if then[p.title] in ACCEPTED)
    assert funnel.implemented == sum(1 for p in presented if then[p.title] == S.IMPLEMENTED)
    assert funnel.not_accepted == sum(1 for p in presented if then[p.title] == S.NOT_ACCEPTED)
    decided = [
        elapsed(p.decided_at, p.raised)
        for p in mine_proposals
        if then[p.title] in DECIDED - {S.WITHDRAWN} and moment_within(p.decided_at, period)
    ]
    assert funnel.decided_count == len(decided)
    assert funnel.median_days_to_decision == median_days(decided)
    done = [
        elapsed(p.implemented_at, p.decided_at)
        for p in mine_proposals
        if then[p.title] == S.IMPLEMENTED and moment_within(p.implemented_at, period)
    ]
    assert funnel.implemented_count_for_median == len(done)
    assert funnel.median_days_to_implementation == median_days(done)

    # Late work at the end of the period.
    last_day = timezone.localdate(when)
    overdue = 0
    for p in mine_proposals:
        if then[p.title] != S.IN_PROGRESS:
            continue
        said = [u for u in p.updates if u < when]
        updated = said[-1] if said else p.owner_assigned_at
        if p.target < last_day or updated < when - dt.timedelta(days=30):
            overdue += 1
    follow = q.follow_through
    assert follow.overdue_updates == overdue
    assert follow.open_implementations == sum(1 for s in then.values() if s in BEING_DONE)
    open_actions = [
        a
        for a in history.actions
        if in_scope(a.council, mine)
        and moment(a.created, 11) < when
        and (a.closed is None or moment(a.closed, 15) >= when)
    ]
    assert follow.open_actions == len(open_actions)
    assert follow.overdue_actions == sum(1 for a in open_actions if day(a.due) <= period.end)

    # You Said We Did: done in the period; still going (or deferred) at its
    # end; not accepted or not done in the period.
    assert sorted(o.title for o in y.we_did) == sorted(
        p.title
        for p in mine_proposals
        if then[p.title] == S.IMPLEMENTED and moment_within(p.implemented_at, period)
    )
    assert sorted(o.title for o in y.in_progress) == sorted(
        p.title
        for p in mine_proposals
        if then[p.title] in BEING_DONE | {S.DEFERRED}
        or (then[p.title] == S.REPLACED and moment_within(p.changed_at(when), period))
    )
    assert sorted(o.title for o in y.could_not) == sorted(
        p.title
        for p in mine_proposals
        if then[p.title] in (S.NOT_ACCEPTED, S.NOT_IMPLEMENTED)
        and moment_within(p.changed_at(when), period)
    )
    for outcome in y.in_progress:
        p = next(p for p in mine_proposals if p.title == outcome.title)
        assert outcome.deferred == (then[p.title] == S.DEFERRED)


def count_by(rows, key) -> dict:
    counts: dict = {}
    for row in rows:
        counts[key(row)] = counts.get(key(row), 0) + 1
    return counts
