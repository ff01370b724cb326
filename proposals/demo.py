"""Demo proposals, meetings, decisions and implementation, across the last two
quarters, drawn from DOMAIN.md's examples.

Everything goes through the real services (with ``at=`` set to when it
happened), so the timelines, audit log and figures are exactly what the
product would have recorded. Most proposals are accepted and most of those
are done; some were not accepted, with reasons; one is deferred, one replaced,
one withdrawn; a few are in progress (one with an update overdue) and there
are drafts waiting for the next hub meeting.

Idempotent: an organisation that already has proposals is left alone.
Deterministic: dates are fixed fractions of the two quarters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from councils.models import Council


@dataclass
class Story:
    """One council's two quarters, told in order."""

    council: Council
    people: dict
    start: dt.date
    span: int
    themes: dict
    proposals: dict = field(default_factory=dict)

    def day(self, fraction: float) -> dt.date:
        return self.start + dt.timedelta(days=round(fraction * self.span))

    def at(self, fraction: float, hour: int = 11) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.day(fraction), dt.time(hour, 0)))


def seed(context: dict) -> None:
    from surgeries.models import Theme

    from .models import Proposal
    from .services import notifications_paused

    people = context["people"]
    today = timezone.localdate()
    this_quarter = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    last = (this_quarter - dt.timedelta(days=1)).replace(day=1)
    start = dt.date(last.year, 3 * ((last.month - 1) // 3) + 1, 1)  # last quarter's first day
    span = (today - start).days
    # History: nothing that "happened" months ago should email anyone today.
    with notifications_paused():
        for org in context["organisations"]:
            if Proposal.objects.filter(organisation=org).exists():
                continue
            themes = {t.name: t for t in Theme.objects.filter(organisation=org)}
            if org.slug == "northmoor":
                council = Council.objects.get(organisation=org, slug="ashford-vale")
                _ashford_vale(Story(council, _people(people, "nm"), start, span, themes))
                _drafts_elsewhere(org, people, themes, start, span)
            elif org.slug == "southfen":
                council = Council.objects.get(organisation=org, slug="fenmouth")
                _fenmouth(Story(council, _people(people, "sf"), start, span, themes))


def _people(people: dict, prefix: str) -> dict:
    return {
        key.removeprefix(f"{prefix}-"): user
        for key, user in people.items()
        if key.startswith(f"{prefix}-")
    }


# ---------------------------------------------------------------------------
# Helpers: each is one real service call, at a given moment


def _evidence(story: Story, words: list[str], theme, before: dt.date, limit: int = 12):
    from surgeries.models import FeedbackItem

    # Evidence is only what was heard before the proposal was written: items
    # with the proposal's words, or else problems and ideas on its theme.
    items = FeedbackItem.objects.filter(council=story.council, received_on__lte=before).order_by(
        "received_on", "id"
    )
    chosen = []
    for word in words:
        matches = items.filter(said__icontains=word)
        chosen += [i for i in matches if i not in chosen][: limit - len(chosen)]
    if not chosen:
        chosen = list(items.filter(theme=theme).exclude(kind="positive")[:5])
    return chosen


def _draft(story: Story, key: str, when: float, *, by: str, co: tuple = (), words=(), **data):
    from . import services

    raised = story.at(when, 15)
    data.setdefault("scope", "council")
    data.setdefault("cost_band", "low")
    data["theme"] = story.themes[data["theme"]]
    proposal = services.proposal_create(
        organisation=story.council.organisation,
        council=story.council,
        actor=story.people[by],
        data=data,
        evidence=_evidence(story, list(words), data["theme"], story.day(when)),
        co_authors=[story.people[c] for c in co],
        at=raised,
    )
    story.proposals[key] = proposal
    return proposal


def _meeting(story: Story, kind: str, when: float, *, hour: int = 14, venue: str = ""):
    from . import services
    from .selectors import reps_of_council

    people = story.people
    council_reps = set(reps_of_council(story.council))
    reps = [people[k] for k in ("rep", "rep2") if people.get(k) in council_reps]
    return services.meeting_create(
        organisation=story.council.organisation,
        council=story.council,
        kind=kind,
        date=story.day(when),
        starts_at=dt.time(hour, 0),
        venue=venue or ("Meeting room 2, probation office" if kind == "hub" else "The board room"),
        chair=people["chair"] if kind == "council" else reps[0],
        invited=reps if kind == "hub" else [*reps, people["lead"], people["coordinator"]],
        actor=people["coordinator"],
    )


def _hold(story: Story, meeting, *, attended=(), apologies=(), minutes=(), by="coordinator"):
    from . import services

    people = story.people
    statuses = {people[k]: "attended" for k in attended}
    statuses.update({people[k]: "apologies" for k in apologies})
    services.attendance_record(meeting=meeting, statuses=statuses, actor=people["coordinator"])
    for text in minutes:
        services.minute_add(meeting=meeting, text=text, actor=people[by])


def _ready(story: Story, meeting, *keys: str):
    from . import services

    for key in keys:
        services.proposal_mark_ready(
            proposal=story.proposals[key],
            meeting=meeting,
            actor=story.people["rep"],
            at=timezone.make_aware(dt.datetime.combine(meeting.date, dt.time(16, 0))),
        )


def _decide(story: Story, meeting, key: str, outcome: str, **kwargs):
    from . import services

    return services.decision_record(
        meeting=meeting,
        proposal=story.proposals[key],
        outcome=outcome,
        actor=story.people["chair"],
        at=timezone.make_aware(dt.datetime.combine(meeting.date, dt.time(16, 30))),
        **kwargs,
    )


def _publish(story: Story, meeting, days_after: int = 1):
    from . import services

    when = timezone.make_aware(
        dt.datetime.combine(meeting.date + dt.timedelta(days=days_after), dt.time(10, 0))
    )
    services.decisions_publish(meeting=meeting, actor=story.people["chair"], at=when)


def _own(story: Story, key: str, when: float, target: float):
    from . import services

    proposal = story.proposals[key]
    proposal.refresh_from_db()
    services.proposal_assign_owner(
        proposal=proposal,
        owner=story.people["lead"],
        target_date=story.day(target),
        actor=story.people["chair"],
        at=story.at(when, 9),
    )


def _update(story: Story, key: str, when: float, status: str, note: str):
    from . import services

    services.implementation_update_add(
        proposal=story.proposals[key],
        status=status,
        note=note,
        actor=story.people["lead"],
        at=story.at(when, 12),
    )


def _done(story: Story, key: str, when: float, we_did: str):
    from . import services

    services.proposal_mark_implemented(
        proposal=story.proposals[key], we_did=we_did, actor=story.people["lead"], at=story.at(when)
    )


def _action(story: Story, meeting, description: str, owner: str, due_in_days: int):
    from . import services

    return services.action_point_create(
        meeting=meeting,
        description=description,
        owner=story.people[owner],
        due_on=meeting.date + dt.timedelta(days=due_in_days),
        actor=story.people["coordinator"],
        at=timezone.make_aware(dt.datetime.combine(meeting.date, dt.time(15, 0))),
    )


def _note(story: Story, point, meeting, note: str, close: bool = False, by: str = "coordinator"):
    from . import services

    services.action_point_note(
        action_point=point,
        meeting=meeting,
        note=note,
        close=close,
        actor=story.people[by],
        at=timezone.make_aware(dt.datetime.combine(meeting.date, dt.time(15, 0))),
    )


def _complete(story: Story, meeting):
    from . import services

    services.meeting_complete_minutes(
        meeting=meeting,
        actor=story.people["coordinator"],
        at=timezone.make_aware(
            dt.datetime.combine(meeting.date + dt.timedelta(days=2), dt.time(9, 0))
        ),
    )


def _comment(story: Story, key: str, who: str, when: float, body: str):
    from . import services

    services.proposal_comment(
        proposal=story.proposals[key], actor=story.people[who], body=body, at=story.at(when, 13)
    )


# ---------------------------------------------------------------------------
# Ashford Vale Council: the full story


def _ashford_vale(story: Story) -> None:  # noqa: PLR0915 - it is a story, told in order
    from . import services

    _draft(
        story,
        "training",
        0.03,
        by="rep",
        co=("rep2",),
        words=["reception staff talk"],
        theme="Reception and buildings",
        title="Customer service training for reception staff",
        problem=(
            "“The reception staff talk to you like you’re nothing. They shout your name "
            "across the room.” We heard this again and again at surgeries."
        ),
        solution=(
            "Customer service training for everyone on the front desk, with reps helping to "
            "run one session so staff hear it from us."
        ),
        business_case="One training day from the existing learning budget. Reps give their time.",
        benefits=(
            "People feel respected when they arrive, so they are calmer in appointments and "
            "more likely to come back. Fewer complaints for staff to deal with."
        ),
    )
    _draft(
        story,
        "read_case",
        0.05,
        by="rep2",
        co=("rep",),
        words=["tell my whole story", "two minutes"],
        theme="Appointments and officers",
        title="Officers read the case before the first appointment",
        problem=(
            "People keep getting a new officer and have to tell their whole story again. "
            "“It sets me back every time.”"
        ),
        solution="Every new officer reads the case notes before the first appointment.",
        business_case="No extra cost: ten minutes of reading saves a wasted appointment.",
        benefits=(
            "People do not relive the worst parts of their lives each time. Appointments start "
            "where the last one ended."
        ),
        cost_band="none",
    )
    _draft(
        story,
        "label",
        0.06,
        by="rep",
        words=[],
        theme="Communication",
        title="Stop using a label that sums us up by our crime",
        problem=(
            "Letters, leaflets and the reception screen use a label for us that people hate. "
            "People told us the word makes them feel they will never be anything else."
        ),
        solution="Use ‘people on probation’ in every letter, leaflet, poster and screen.",
        business_case="Templates are being reprinted anyway this year.",
        benefits="People feel they can change. Staff say it changes how they speak too.",
        cost_band="none",
        evidence_note="Raised at 5 surgeries and in the suggestion box.",
        scope="organisation",
    )
    _draft(
        story,
        "water",
        0.07,
        by="rep2",
        words=["no water in reception"],
        theme="Reception and buildings",
        title="Water and cups in the waiting room",
        problem=(
            "“There’s no water in reception. I saw a man drinking out of the tap with his hands.”"
        ),
        solution="A water cooler and paper cups in the waiting area.",
        business_case="A cooler costs about £300 a year to rent, plus cups.",
        benefits="People waiting a long time, often in summer, can have a drink.",
    )
    _draft(
        story,
        "numbers",
        0.08,
        by="rep",
        words=["Little Book of Numbers"],
        theme="Induction and information",
        title="A Little Book of Numbers for everyone at induction",
        problem=(
            "People do not know where to go for food, housing or debt help. The few who have the "
            "Little Book of Numbers say it is brilliant."
        ),
        solution=(
            "Print the Little Book of Numbers and give one to everyone at induction. Reps keep it "
            "up to date."
        ),
        business_case="About £400 to print 1,000 copies.",
        benefits="People find help before things go wrong.",
    )
    hub1 = _meeting(story, "hub", 0.12)
    _hold(
        story,
        hub1,
        attended=("rep", "rep2"),
        minutes=[
            "Reps went through the five drafts. All five go to the council meeting.",
            "Ray and Jo will present the training and water proposals.",
        ],
        by="rep",
    )
    board = _action(
        story,
        hub1,
        "Ask estates if there is a notice board we can use in reception.",
        "coordinator",
        21,
    )
    _ready(story, hub1, "training", "read_case", "label", "water", "numbers")
    _complete(story, hub1)

    council1 = _meeting(story, "council", 0.25)
    _hold(
        story,
        council1,
        attended=("rep", "rep2", "chair", "lead", "coordinator"),
        minutes=[
            "The chair thanked the reps for the evidence from the surgeries.",
            "Training: the chair said she had heard this from staff too.",
            (
                "Water: the chair explained there is no budget this year and asked the reps to "
                "bring it back if that changes."
            ),
        ],
    )
    _note(
        story,
        board,
        council1,
        "Estates say there is space by the door. Waiting for a board to be fitted.",
    )
    _decide(story, council1, "training", "accepted")
    _decide(
        story,
        council1,
        "read_case",
        "accepted_with_changes",
        changes_required=(
            "Start with new cases from next month, and reps help write a one-page summary sheet."
        ),
    )
    _decide(story, council1, "label", "accepted")
    _decide(
        story,
        council1,
        "water",
        "not_accepted",
        reason_category="cost",
        reason=(
            "There is no budget for a water cooler this year. Until there is, reception will "
            "offer a cup of water from the staff kitchen to anyone who asks."
        ),
    )
    _decide(story, council1, "numbers", "accepted")
    _publish(story, council1)
    _own(story, "training", 0.27, 0.45)
    _own(story, "read_case", 0.27, 0.60)
    _own(story, "label", 0.28, 0.50)
    _own(story, "numbers", 0.28, 0.40)
    _complete(story, council1)

    _update(
        story,
        "training",
        0.30,
        "in_progress",
        "Trainer booked for the 14th. Two reps will help run the afternoon session.",
    )
    _update(story, "numbers", 0.31, "in_progress", "Reps checked every number. Printing ordered.")
    _done(
        story,
        "numbers",
        0.36,
        (
            "We printed 1,000 copies of the Little Book of Numbers. Everyone gets one at "
            "induction, and there is a pile in reception."
        ),
    )
    _update(story, "label", 0.33, "in_progress", "Letter templates changed. Leaflets are next.")
    _update(
        story,
        "read_case",
        0.34,
        "not_started",
        (
            "No progress yet, because the summary sheet needs agreeing with the union first. "
            "Meeting booked."
        ),
    )
    _done(
        story,
        "training",
        0.40,
        (
            "All 12 reception staff had a day of customer service training, and two reps ran part "
            "of it. Names are no longer called out across the room."
        ),
    )

    # The second round.
    _draft(
        story,
        "weekend",
        0.30,
        by="rep2",
        words=["working hours"],
        theme="Appointments and officers",
        title="Open on Saturday mornings",
        problem=(
            "People in work have to take time off for appointments, and some lose their jobs over "
            "it."
        ),
        solution="Open the office on Saturday mornings for people who work.",
        business_case="Overtime for two officers and a receptionist, about £9,000 a year.",
        benefits="People keep their jobs. Fewer missed appointments.",
        cost_band="high",
    )
    _draft(
        story,
        "ten_minutes",
        0.33,
        by="rep",
        co=("rep2",),
        words=["15 minutes late"],
        theme="Appointments and officers",
        title="The ten minute rule should apply both ways",
        problem=(
            "“I got warned for being 15 minutes late, but last week I waited 40 minutes for my "
            "officer and nobody said sorry.”"
        ),
        solution=(
            "If an officer is more than ten minutes late, reception tells the person why and how "
            "long, and it is recorded, just as lateness by people on probation is."
        ),
        business_case="No cost: a change to reception practice.",
        benefits=(
            "Fairness. People trust the service more when the rules are the same for everyone."
        ),
        cost_band="none",
    )
    _draft(
        story,
        "about_me",
        0.35,
        by="rep2",
        words=["About Me form"],
        theme="Induction and information",
        title="An ‘About Me’ form that goes on the file",
        problem="People repeat themselves to every new worker.",
        solution="A one-page About Me form, written by the person, kept at the front of the file.",
        business_case="Design by reps; printing only.",
        benefits="Better first appointments. Links to the ‘read the case’ proposal.",
    )
    _draft(
        story,
        "private",
        0.37,
        by="rep",
        words=["hear what you say"],
        theme="Reception and buildings",
        title="Somewhere private to speak to reception",
        problem="“Everyone in the waiting room can hear what you say at the front desk.”",
        solution="A screen and a quiet corner at the end of the front desk.",
        business_case="A screen costs about £600.",
        benefits="People can say what they need without the whole room hearing.",
    )
    _draft(
        story,
        "longer",
        0.38,
        by="rep2",
        words=["two minutes"],
        theme="Appointments and officers",
        title="Fewer but longer appointments",
        problem="“My appointment lasted two minutes. It feels like a waste of a bus fare.”",
        solution="Fewer appointments that are long enough to talk.",
    )
    _draft(
        story,
        "screen",
        0.38,
        by="rep",
        words=["TV in reception"],
        theme="Reception and buildings",
        title="Show what the council changed on the reception screen",
        problem="“The TV in reception just shows adverts.”",
        solution="Use the screen to show ‘You said, we did’: what the council asked for and "
        "what changed.",
        business_case="No cost: the communications team update the screen already.",
        benefits="People waiting see that speaking up changes things, and more of them talk "
        "to reps.",
        cost_band="none",
    )
    _comment(
        story,
        "weekend",
        "coordinator",
        0.39,
        "Could you add how many reps heard this? The chair will ask.",
    )
    _comment(
        story,
        "weekend",
        "rep2",
        0.40,
        "Nine people at four surgeries, all in work or starting work.",
    )
    hub2 = _meeting(story, "hub", 0.42)
    _hold(
        story,
        hub2,
        attended=("rep", "rep2"),
        minutes=[
            (
                "‘Fewer but longer appointments’ is covered by ‘officers read the case’: Jo "
                "withdrew it."
            ),
            "Four drafts go forward to the council.",
        ],
        by="rep2",
    )
    _note(
        story,
        board,
        hub2,
        "No progress, because estates are waiting for the fitter. Cora will chase.",
        by="coordinator",
    )
    services.proposal_withdraw(
        proposal=story.proposals["longer"],
        actor=story.people["rep2"],
        reason="Covered by ‘Officers read the case before the first appointment’.",
        at=story.at(0.42, 16),
    )
    _ready(story, hub2, "weekend", "ten_minutes", "about_me", "private", "screen")
    _complete(story, hub2)

    _update(
        story,
        "label",
        0.45,
        "in_progress",
        "Leaflets reprinted. The reception screen is being changed this week.",
    )
    _done(
        story,
        "label",
        0.48,
        (
            "We replaced that label with ‘person on probation’ in every letter, leaflet and "
            "poster, and on the reception screen."
        ),
    )
    _update(
        story,
        "read_case",
        0.50,
        "in_progress",
        (
            "Summary sheet agreed. New officers now read the case and the sheet before the first "
            "appointment."
        ),
    )

    council2 = _meeting(story, "council", 0.55)
    _hold(
        story,
        council2,
        attended=("rep", "chair", "lead", "coordinator"),
        apologies=("rep2",),
        minutes=[
            "Reps presented four proposals. Jo sent apologies; Ray presented hers.",
            (
                "Weekend opening: the chair explained why it cannot happen now, and offered a late"
                " evening instead for discussion at the hub."
            ),
        ],
    )
    _note(
        story,
        board,
        council2,
        "Notice board fitted. Reps put up the first ‘You said, we did’ poster.",
        close=True,
    )
    _decide(
        story,
        council2,
        "weekend",
        "not_accepted",
        reason_category="practicality",
        reason=(
            "We do not have enough staff to open safely at weekends: two officers must be on "
            "site, and we cannot cover that without cancelling weekday appointments. We will "
            "look at one late evening a month instead."
        ),
    )
    _decide(story, council2, "ten_minutes", "accepted")
    _decide(story, council2, "about_me", "accepted")
    _decide(story, council2, "screen", "accepted")
    _decide(
        story,
        council2,
        "private",
        "replaced",
        changes_required=(
            "Make it a small interview room that officers can book too, not only a screen."
        ),
        reason=(
            "A screen alone will not stop people hearing. Estates have a room that could be used."
        ),
    )
    _publish(story, council2)
    council2_decision = story.proposals["private"].decisions.get()
    story.proposals["private_room"] = council2_decision.replaced_by
    _own(story, "ten_minutes", 0.57, 0.80)
    _own(story, "about_me", 0.57, 0.75)
    _own(story, "screen", 0.58, 0.70)
    _complete(story, council2)
    _update(
        story,
        "ten_minutes",
        0.58,
        "in_progress",
        "Reception have a script for when officers run late. Recording starts next month.",
    )
    _done(
        story,
        "read_case",
        0.60,
        (
            "New officers now read the case and a one-page summary, written with reps, before the "
            "first appointment. Nobody should have to tell their whole story again."
        ),
    )
    _update(story, "about_me", 0.62, "in_progress", "Reps designed the form. Printing next week.")
    _done(
        story,
        "screen",
        0.65,
        "The reception screen now shows what the council asked for and what changed, "
        "updated every month.",
    )
    _done(
        story,
        "about_me",
        0.68,
        (
            "We made an About Me form with reps. You fill it in once and it stays at the front of "
            "your file."
        ),
    )

    # The third round.
    services.proposal_update(
        proposal=story.proposals["private_room"],
        actor=story.people["rep"],
        data={
            "title": "A small private room by reception",
            "problem": story.proposals["private"].problem,
            "solution": (
                "Turn the old store room by reception into a small room that people and officers "
                "can use for private conversations."
            ),
            "benefits": (
                "People can say what they need in private. Officers get a room for quick check-ins."
            ),
            "business_case": "Estates can do the work in their normal programme: about £1,500.",
            "theme": story.themes["Reception and buildings"],
            "cost_band": "medium",
            "scope": "council",
            "evidence_note": "",
        },
        at=story.at(0.60, 15),
    )
    _draft(
        story,
        "lived_experience",
        0.62,
        by="rep",
        words=[],
        theme="Other",
        title="Engagement officers with lived experience",
        problem=(
            "People said they would talk more openly to someone who has been on probation "
            "themselves."
        ),
        solution=(
            "Create paid engagement officer posts for people with lived experience of probation."
        ),
        business_case="Two part-time posts, about £30,000 a year.",
        benefits="More people engaged at surgeries, and a route into work for former reps.",
        cost_band="high",
        scope="organisation",
        evidence_note=(
            "In other areas, engagement officers with lived experience doubled surgery numbers."
        ),
    )
    _draft(
        story,
        "one_stop",
        0.64,
        by="rep2",
        words=["Old debts", "nobody helped me find"],
        theme="Housing and accommodation",
        title="A one-stop shop for housing, benefits and debt",
        problem=(
            "People are sent to five different places for housing, benefits and debt help, and "
            "give up."
        ),
        solution=(
            "Housing, benefits and debt advisers at the probation office on the same morning each "
            "week."
        ),
        business_case="Partners already fund the advisers; we provide the room.",
        benefits="People get help in one trip. Officers spend less time on referrals.",
    )
    _draft(
        story,
        "sentence_plan",
        0.66,
        by="rep",
        words=["sentence plan"],
        theme="Induction and information",
        title="A plain English leaflet about the sentence plan",
        problem="“I didn’t know what my sentence plan meant until month three.”",
        solution="A one-page leaflet, written with reps, that explains the sentence plan.",
        business_case="Printing only; reps write it.",
        benefits="People understand what is expected of them from the start.",
    )
    hub3 = _meeting(story, "hub", 0.72)
    _hold(
        story,
        hub3,
        attended=("rep", "rep2"),
        minutes=["Three proposals go forward, including the new version of the private room."],
        by="rep",
    )
    _ready(story, hub3, "private_room", "lived_experience", "one_stop", "sentence_plan")
    _complete(story, hub3)
    _update(
        story,
        "ten_minutes",
        0.74,
        "blocked",
        (
            "No progress, because the new recording system is delayed. Reception are using the "
            "script meanwhile."
        ),
    )

    council3 = _meeting(story, "council", 0.85)
    _hold(
        story,
        council3,
        attended=("rep", "rep2", "chair", "lead", "coordinator"),
        minutes=[
            "The chair praised the About Me form: other areas want it.",
            (
                "Engagement officers: the chair supports the idea but the budget is set in the new"
                " financial year."
            ),
        ],
    )
    water_check = _action(
        story,
        council3,
        "Check the cost of a water cooler again for next year’s budget.",
        "lead",
        60,
    )
    _decide(story, council3, "private_room", "accepted")
    _decide(
        story,
        council3,
        "lived_experience",
        "deferred",
        deferred_to=story.day(1.0 + 24 / story.span),
        reason="The posts need next year’s budget, which is agreed next month. It comes back then.",
    )
    _decide(story, council3, "one_stop", "accepted")
    _decide(story, council3, "sentence_plan", "accepted")
    _publish(story, council3)
    _own(story, "private_room", 0.87, 1.0 + 60 / story.span)
    _own(story, "one_stop", 0.87, 1.0 + 45 / story.span)
    _own(story, "sentence_plan", 0.87, 0.99)
    _complete(story, council3)
    _update(story, "sentence_plan", 0.90, "in_progress", "Reps have written the leaflet.")
    _done(
        story,
        "sentence_plan",
        0.96,
        "We made a one-page leaflet about the sentence plan with reps. Officers go through it "
        "at the first appointment.",
    )
    _update(
        story,
        "one_stop",
        0.95,
        "in_progress",
        "Two partners have agreed. Starting on Tuesday mornings next month.",
    )
    _update(
        story,
        "private_room",
        0.97,
        "not_started",
        "Not started yet, because estates start the work in two weeks. Plans agreed.",
    )

    # Coming up: drafts for the next hub, and the next meetings.
    _draft(
        story,
        "evenings",
        0.90,
        by="rep",
        words=["working hours"],
        theme="Appointments and officers",
        title="One late evening a month for people in work",
        problem="People in work cannot come in working hours. Weekend opening was not accepted.",
        solution="Open until 7pm on the first Thursday of each month.",
        business_case="Time off in lieu for two officers.",
        benefits="People keep their jobs and their appointments.",
    )
    _draft(
        story,
        "induction",
        0.94,
        by="rep2",
        words=["induction"],
        theme="Induction and information",
        title="A plain English induction, with a rep there",
        problem="“At induction I got a pile of papers and didn’t understand half of it.”",
        solution="A short induction in plain English, with a rep there to explain.",
    )
    _comment(
        story,
        "induction",
        "coordinator",
        0.96,
        "Good idea. Could you add what it would cost in rep time?",
    )
    hub4 = _meeting(story, "hub", 0.92)
    _hold(story, hub4, attended=("rep", "rep2"), minutes=["Evenings goes forward."], by="rep")
    _note(
        story,
        water_check,
        hub4,
        "No progress yet, because next year's budget is set next month. Lena will ask then.",
        by="rep",
    )
    _ready(story, hub4, "evenings")
    _complete(story, hub4)
    _meeting(story, "hub", 1.0 + 6 / story.span)
    _meeting(story, "council", 1.0 + 24 / story.span)


def _drafts_elsewhere(org, people, themes, start, span) -> None:
    """A couple of drafts in the other Northmoor councils, so their reps have
    something to open."""
    women = Council.objects.get(organisation=org, slug="northmoor-women")
    story = Story(women, {"rep": people["nm-rep3"]}, start, span, themes)
    _draft(
        story,
        "women_hub",
        0.80,
        by="rep",
        words=[],
        theme="Women",
        title="Women-only reporting sessions",
        problem=(
            "Women told us they feel unsafe in a waiting room full of men, some of whom they know."
        ),
        solution="Women-only reporting mornings at the women’s centre.",
        benefits="Women keep their appointments and feel safe.",
    )
    coast = Council.objects.get(organisation=org, slug="calder-coast")
    story = Story(coast, {"rep": people["nm-rep4"]}, start, span, themes)
    _draft(
        story,
        "fares",
        0.90,
        by="rep",
        words=[],
        theme="Money and benefits",
        title="Bus fares paid before the appointment, not after",
        problem="People miss appointments because they cannot pay the fare up front.",
        solution="Give a bus ticket for the next appointment at the end of each appointment.",
    )


# ---------------------------------------------------------------------------
# Fenmouth Council (Southfen): a shorter story


def _fenmouth(story: Story) -> None:
    _draft(
        story,
        "fares",
        0.05,
        by="rep",
        theme="Money and benefits",
        title="Bus fares paid before the appointment",
        problem="People miss appointments because they cannot pay the fare up front.",
        solution="A bus ticket for the next appointment, given at the end of each one.",
        benefits="Fewer missed appointments and fewer breaches.",
        business_case="About £2,000 a year; cheaper than the breach process.",
    )
    _draft(
        story,
        "ten_minutes",
        0.08,
        by="rep",
        words=["15 minutes late"],
        theme="Appointments and officers",
        title="The ten minute rule both ways",
        problem="People are warned when they are late but wait for ages without an apology.",
        solution="Reception tells people when an officer is running late, and why.",
        benefits="Fairness and trust.",
        cost_band="none",
    )
    _draft(
        story,
        "water",
        0.10,
        by="rep",
        words=["no water in reception"],
        theme="Reception and buildings",
        title="Water in the waiting room",
        problem="There is nothing to drink in reception, even in summer.",
        solution="A water cooler and cups.",
        benefits="People waiting a long time can have a drink.",
    )
    _draft(
        story,
        "phone",
        0.11,
        by="rep",
        theme="Communication",
        title="Phone credit so reps can keep in touch",
        problem="Reps miss messages about meetings because they have no phone credit.",
        solution="A monthly phone top-up for every rep.",
        benefits="Reps hear about meetings and surgeries in time.",
    )
    _draft(
        story,
        "job_club",
        0.12,
        by="rep",
        theme="Employment, training and education",
        title="A job club at the probation office",
        problem="People want work but do not know where to start. The job centre feels hostile.",
        solution="A weekly job club at the office, run by a partner charity.",
        benefits="More people into work; the charity already runs clubs elsewhere.",
    )
    hub = _meeting(story, "hub", 0.15, venue="Harbour Road community hub")
    _hold(story, hub, attended=("rep",), minutes=["All five go forward."], by="rep")
    _ready(story, hub, "fares", "ten_minutes", "water", "phone", "job_club")
    _complete(story, hub)
    council = _meeting(story, "council", 0.30)
    _hold(
        story,
        council,
        attended=("rep", "chair", "lead", "coordinator"),
        minutes=["The chair agreed two of the three."],
    )
    _decide(story, council, "fares", "accepted")
    _decide(story, council, "ten_minutes", "accepted")
    _decide(story, council, "job_club", "accepted")
    _decide(
        story,
        council,
        "phone",
        "accepted_with_changes",
        changes_required="Top-ups only in the weeks a rep has council work: surgeries or meetings.",
    )
    _decide(
        story,
        council,
        "water",
        "not_accepted",
        reason_category="already_in_place",
        reason=(
            "There is a water fountain by the lifts. We will put up a sign so people know it is "
            "there."
        ),
    )
    _publish(story, council)
    _own(story, "fares", 0.32, 0.60)
    _own(story, "ten_minutes", 0.32, 0.90)
    _own(story, "job_club", 0.33, 0.70)
    _complete(story, council)
    _update(story, "fares", 0.40, "in_progress", "Tickets bought in bulk from the bus company.")
    _done(
        story,
        "fares",
        0.55,
        (
            "You now get a bus ticket for your next appointment before you leave. Nobody should "
            "miss one because of the fare."
        ),
    )
    _update(
        story,
        "ten_minutes",
        0.62,
        "in_progress",
        "Reception have a script for when officers run late.",
    )
    _update(story, "job_club", 0.45, "in_progress", "The charity is looking for a volunteer.")
    from . import services

    services.proposal_mark_not_implemented(
        proposal=story.proposals["job_club"],
        reason=(
            "The charity lost its funding and nobody else could run it. We now give everyone "
            "the times of the job centre's own club, and a rep will go along the first time."
        ),
        actor=story.people["lead"],
        at=story.at(0.60),
    )
    # Decided two days ago and not yet published: the chair's next job.
    _draft(
        story,
        "evening",
        0.70,
        by="rep",
        theme="Appointments and officers",
        title="One evening appointment slot a week",
        problem="People in work lose pay or their jobs to come to appointments.",
        solution="One evening a week with appointments until 7pm.",
        benefits="People keep their jobs and their appointments.",
    )
    hub2 = _meeting(story, "hub", 0.80, venue="Harbour Road community hub")
    _hold(story, hub2, attended=("rep",), minutes=["Evening appointments go forward."], by="rep")
    _ready(story, hub2, "evening")
    _complete(story, hub2)
    council2 = _meeting(story, "council", 1.0 - 2 / story.span)
    _hold(story, council2, attended=("rep", "chair", "coordinator"), apologies=("lead",))
    _decide(story, council2, "evening", "accepted")
    _meeting(story, "council", 1.0 + 30 / story.span)
