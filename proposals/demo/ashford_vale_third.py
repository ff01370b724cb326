"""Ashford Vale Council, the third round and what is coming up: the new
version goes forward, work in progress (one update overdue), and drafts
for the next hub meeting."""

from __future__ import annotations

from proposals import services

from .story import (
    Story,
    action,
    comment,
    complete,
    decide,
    done,
    draft,
    hold,
    meeting,
    note,
    own,
    publish,
    ready,
    update,
)


def third_round(story: Story) -> None:
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
    draft(
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
    draft(
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
    draft(
        story,
        "sentence_plan",
        0.66,
        by="rep",
        words=["sentence plan"],
        theme="Induction and information",
        title="A plain English leaflet about the sentence plan",
        problem="People do not understand their sentence plan until months into their order.",
        solution="A one-page leaflet, written with reps, that explains the sentence plan.",
        business_case="Printing only; reps write it.",
        benefits="People understand what is expected of them from the start.",
    )
    hub3 = meeting(story, "hub", 0.72)
    hold(
        story,
        hub3,
        attended=("rep", "rep2"),
        minutes=["Three proposals go forward, including the new version of the private room."],
        by="rep",
    )
    ready(story, hub3, "private_room", "lived_experience", "one_stop", "sentence_plan")
    complete(story, hub3)
    update(
        story,
        "ten_minutes",
        0.74,
        "blocked",
        (
            "No progress, because the new recording system is delayed. Reception are using the "
            "script meanwhile."
        ),
    )

    council3 = meeting(story, "council", 0.85)
    hold(
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
    water_check = action(
        story,
        council3,
        "Check the cost of a water cooler again for next year’s budget.",
        "lead",
        60,
    )
    decide(story, council3, "private_room", "accepted")
    decide(
        story,
        council3,
        "lived_experience",
        "deferred",
        deferred_to=story.day(1.0 + 24 / story.span),
        reason="The posts need next year’s budget, which is agreed next month. It comes back then.",
    )
    decide(story, council3, "one_stop", "accepted")
    decide(story, council3, "sentence_plan", "accepted")
    publish(story, council3)
    own(story, "private_room", 0.87, 1.0 + 60 / story.span)
    own(story, "one_stop", 0.87, 1.0 + 45 / story.span)
    own(story, "sentence_plan", 0.87, 0.99)
    complete(story, council3)
    update(story, "sentence_plan", 0.90, "in_progress", "Reps have written the leaflet.")
    done(
        story,
        "sentence_plan",
        0.96,
        "We made a one-page leaflet about the sentence plan with reps. Officers go through it "
        "at the first appointment.",
    )
    update(
        story,
        "one_stop",
        0.95,
        "in_progress",
        "Two partners have agreed. Starting on Tuesday mornings next month.",
    )
    update(
        story,
        "private_room",
        0.97,
        "not_started",
        "Not started yet, because estates start the work in two weeks. Plans agreed.",
    )

    # Coming up: drafts for the next hub, and the next meetings.
    draft(
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
    draft(
        story,
        "induction",
        0.94,
        by="rep2",
        words=["induction"],
        theme="Induction and information",
        title="A plain English induction, with a rep there",
        problem="People get a pile of papers at induction and do not understand much of it.",
        solution="A short induction in plain English, with a rep there to explain.",
    )
    comment(
        story,
        "induction",
        "coordinator",
        0.96,
        "Good idea. Could you add what it would cost in rep time?",
    )
    hub4 = meeting(story, "hub", 0.92)
    hold(story, hub4, attended=("rep", "rep2"), minutes=["Evenings goes forward."], by="rep")
    note(
        story,
        water_check,
        hub4,
        "No progress yet, because next year's budget is set next month. Lena will ask then.",
        by="rep",
    )
    ready(story, hub4, "evenings")
    complete(story, hub4)
    meeting(story, "hub", 1.0 + 6 / story.span)
    meeting(story, "council", 1.0 + 24 / story.span)
