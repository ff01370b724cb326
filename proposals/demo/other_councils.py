"""The other councils: a couple of drafts in Northmoor's other councils, and
Fenmouth Council's shorter story (Southfen)."""

from __future__ import annotations

from councils.models import Council
from proposals import services

from .story import (
    Story,
    complete,
    decide,
    done,
    draft,
    hold,
    meeting,
    own,
    publish,
    ready,
    update,
)


def drafts_elsewhere(org, people, themes, start, span) -> None:
    """A couple of drafts in the other Northmoor councils, so their reps have
    something to open."""
    women = Council.objects.get(organisation=org, slug="northmoor-women")
    story = Story(women, {"rep": people["nm-rep3"]}, start, span, themes)
    draft(
        story,
        "women_hub",
        0.80,
        by="rep",
        words=["waiting room full of men"],
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
    draft(
        story,
        "fares",
        0.90,
        by="rep",
        words=["bus fare"],
        theme="Money and benefits",
        title="Bus fares paid before the appointment, not after",
        problem="People miss appointments because they cannot pay the fare up front.",
        solution="Give a bus ticket for the next appointment at the end of each appointment.",
    )


# ---------------------------------------------------------------------------
# Fenmouth Council (Southfen): a shorter story


def fenmouth(story: Story) -> None:
    draft(
        story,
        "fares",
        0.05,
        by="rep",
        words=["bus fare"],
        theme="Money and benefits",
        title="Bus fares paid before the appointment",
        problem="People miss appointments because they cannot pay the fare up front.",
        solution="A bus ticket for the next appointment, given at the end of each one.",
        benefits="Fewer missed appointments and fewer breaches.",
        business_case="About £2,000 a year; cheaper than the breach process.",
    )
    draft(
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
    draft(
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
    draft(
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
    draft(
        story,
        "job_club",
        0.12,
        by="rep",
        words=["nobody gives me a start"],
        theme="Employment, training and education",
        title="A job club at the probation office",
        problem="People want work but do not know where to start. The job centre feels hostile.",
        solution="A weekly job club at the office, run by a partner charity.",
        benefits="More people into work; the charity already runs clubs elsewhere.",
    )
    hub = meeting(story, "hub", 0.15, venue="Harbour Road community hub")
    hold(story, hub, attended=("rep",), minutes=["All five go forward."], by="rep")
    ready(story, hub, "fares", "ten_minutes", "water", "phone", "job_club")
    complete(story, hub)
    council = meeting(story, "council", 0.30)
    hold(
        story,
        council,
        attended=("rep", "chair", "lead", "coordinator"),
        minutes=["The chair agreed two of the three."],
    )
    decide(story, council, "fares", "accepted")
    decide(story, council, "ten_minutes", "accepted")
    decide(story, council, "job_club", "accepted")
    decide(
        story,
        council,
        "phone",
        "accepted_with_changes",
        changes_required="Top-ups only in the weeks a rep has council work: surgeries or meetings.",
    )
    decide(
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
    publish(story, council)
    own(story, "fares", 0.32, 0.60)
    own(story, "ten_minutes", 0.32, 0.90)
    own(story, "job_club", 0.33, 0.70)
    complete(story, council)
    update(story, "fares", 0.40, "in_progress", "Tickets bought in bulk from the bus company.")
    done(
        story,
        "fares",
        0.55,
        (
            "You now get a bus ticket for your next appointment before you leave. Nobody should "
            "miss one because of the fare."
        ),
    )
    update(
        story,
        "ten_minutes",
        0.62,
        "in_progress",
        "Reception have a script for when officers run late.",
    )
    update(story, "job_club", 0.45, "in_progress", "The charity is looking for a volunteer.")
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
    draft(
        story,
        "evening",
        0.70,
        by="rep",
        words=["working hours"],
        theme="Appointments and officers",
        title="One evening appointment slot a week",
        problem="People in work lose pay or their jobs to come to appointments.",
        solution="One evening a week with appointments until 7pm.",
        benefits="People keep their jobs and their appointments.",
    )
    hub2 = meeting(story, "hub", 0.80, venue="Harbour Road community hub")
    hold(story, hub2, attended=("rep",), minutes=["Evening appointments go forward."], by="rep")
    ready(story, hub2, "evening")
    complete(story, hub2)
    council2 = meeting(story, "council", 1.0 - 2 / story.span)
    hold(story, council2, attended=("rep", "chair", "coordinator"), apologies=("lead",))
    decide(story, council2, "evening", "accepted")
    meeting(story, "council", 1.0 + 30 / story.span)
