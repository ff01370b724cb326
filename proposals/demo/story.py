"""The demo's storytelling kit: a council's two quarters, and one step of
the story per real service call, at a given moment.

Every day of the story is a working day (no weekends, no bank holidays):
a day in the past moves back to the last working day, a day to come moves
on to the next, so nothing that happened lands in the future. Evidence is
the council's feedback on the proposal's theme that has its words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from councils.models import Council
from councils.workdays import working_day_on_or_after, working_day_on_or_before
from proposals import services
from proposals.selectors import reps_of_council
from surgeries.models import FeedbackItem


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
        day = self.start + dt.timedelta(days=round(fraction * self.span))
        if day < self.start + dt.timedelta(days=self.span):  # before today
            return working_day_on_or_before(day)
        return working_day_on_or_after(day)

    def at(self, fraction: float, hour: int = 11) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.day(fraction), dt.time(hour, 0)))


def evidence(story: Story, words: list[str], theme, before: dt.date, limit: int = 12):
    """What was heard before the proposal was written, about its subject:
    items on the proposal's theme that have one of its words. No words, no
    evidence (the proposal says where its evidence came from instead): a
    theme alone is too broad, and would link words about something else."""
    items = FeedbackItem.objects.filter(
        council=story.council, theme=theme, received_on__lte=before
    ).order_by("received_on", "id")
    chosen: list[FeedbackItem] = []
    for word in words:
        matches = items.filter(said__icontains=word)
        chosen += [i for i in matches if i not in chosen][: limit - len(chosen)]
    return chosen


def draft(story: Story, key: str, when: float, *, by: str, co: tuple = (), words=(), **data):
    raised = story.at(when, 15)
    data.setdefault("scope", "council")
    data.setdefault("cost_band", "low")
    data["theme"] = story.themes[data["theme"]]
    proposal = services.proposal_create(
        organisation=story.council.organisation,
        council=story.council,
        actor=story.people[by],
        data=data,
        evidence=evidence(story, list(words), data["theme"], story.day(when)),
        co_authors=[story.people[c] for c in co],
        at=raised,
    )
    story.proposals[key] = proposal
    return proposal


def meeting(story: Story, kind: str, when: float, *, hour: int = 14, venue: str = ""):

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


def hold(story: Story, meeting, *, attended=(), apologies=(), minutes=(), by="coordinator"):
    people = story.people
    statuses = {people[k]: "attended" for k in attended}
    statuses.update({people[k]: "apologies" for k in apologies})
    services.attendance_record(meeting=meeting, statuses=statuses, actor=people["coordinator"])
    for text in minutes:
        services.minute_add(meeting=meeting, text=text, actor=people[by])


def ready(story: Story, meeting, *keys: str):
    for key in keys:
        services.proposal_mark_ready(
            proposal=story.proposals[key],
            meeting=meeting,
            actor=story.people["rep"],
            at=timezone.make_aware(dt.datetime.combine(meeting.date, dt.time(16, 0))),
        )


def decide(story: Story, meeting, key: str, outcome: str, **kwargs):
    return services.decision_record(
        meeting=meeting,
        proposal=story.proposals[key],
        outcome=outcome,
        actor=story.people["chair"],
        at=timezone.make_aware(dt.datetime.combine(meeting.date, dt.time(16, 30))),
        **kwargs,
    )


def _working_days_after(day: dt.date, days: int) -> dt.date:
    return working_day_on_or_after(day + dt.timedelta(days=days))


def publish(story: Story, meeting, days_after: int = 1):
    when = timezone.make_aware(
        dt.datetime.combine(_working_days_after(meeting.date, days_after), dt.time(10, 0))
    )
    services.decisions_publish(meeting=meeting, actor=story.people["chair"], at=when)


def own(story: Story, key: str, when: float, target: float):
    proposal = story.proposals[key]
    proposal.refresh_from_db()
    services.proposal_assign_owner(
        proposal=proposal,
        owner=story.people["lead"],
        target_date=story.day(target),
        actor=story.people["chair"],
        at=story.at(when, 9),
    )


def update(story: Story, key: str, when: float, status: str, note: str):
    services.implementation_update_add(
        proposal=story.proposals[key],
        status=status,
        note=note,
        actor=story.people["lead"],
        at=story.at(when, 12),
    )


def done(story: Story, key: str, when: float, we_did: str):
    services.proposal_mark_implemented(
        proposal=story.proposals[key], we_did=we_did, actor=story.people["lead"], at=story.at(when)
    )


def action(story: Story, meeting, description: str, owner: str, due_in_days: int):
    return services.action_point_create(
        meeting=meeting,
        description=description,
        owner=story.people[owner],
        due_on=_working_days_after(meeting.date, due_in_days),
        actor=story.people["coordinator"],
        at=timezone.make_aware(dt.datetime.combine(meeting.date, dt.time(15, 0))),
    )


def note(story: Story, point, meeting, note: str, close: bool = False, by: str = "coordinator"):
    services.action_point_note(
        action_point=point,
        meeting=meeting,
        note=note,
        close=close,
        actor=story.people[by],
        at=timezone.make_aware(dt.datetime.combine(meeting.date, dt.time(15, 0))),
    )


def complete(story: Story, meeting):
    services.meeting_complete_minutes(
        meeting=meeting,
        actor=story.people["coordinator"],
        at=timezone.make_aware(
            dt.datetime.combine(_working_days_after(meeting.date, 2), dt.time(9, 0))
        ),
    )


def comment(story: Story, key: str, who: str, when: float, body: str):
    services.proposal_comment(
        proposal=story.proposals[key], actor=story.people[who], body=body, at=story.at(when, 13)
    )


# ---------------------------------------------------------------------------
# Ashford Vale Council: the full story
