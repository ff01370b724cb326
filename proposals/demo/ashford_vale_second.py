"""Ashford Vale Council, the second round: new drafts, one withdrawn, and a
proposal the council asks to be replaced."""

from __future__ import annotations

from proposals import services
from proposals.models import ActionPoint

from .story import (
    Story,
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


def second_round(story: Story, board: ActionPoint) -> None:
    # The second round.
    draft(
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
    draft(
        story,
        "ten_minutes",
        0.33,
        by="rep",
        co=("rep2",),
        words=["15 minutes late"],
        theme="Appointments and officers",
        title="The ten minute rule should apply both ways",
        problem=(
            "People are warned for being a few minutes late, but wait much longer for their "
            "officer with no apology. “I waited 40 minutes and nobody said sorry.”"
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
    draft(
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
    draft(
        story,
        "private",
        0.37,
        by="rep",
        words=["hear what you say"],
        theme="Reception and buildings",
        title="Somewhere private to speak to reception",
        problem="People at the front desk are overheard by everyone in the waiting room.",
        solution="A screen and a quiet corner at the end of the front desk.",
        business_case="A screen costs about £600.",
        benefits="People can say what they need without the whole room hearing.",
    )
    draft(
        story,
        "longer",
        0.38,
        by="rep2",
        words=["two minutes"],
        theme="Appointments and officers",
        title="Fewer but longer appointments",
        problem="Some appointments last two minutes, which people feel wastes their bus fare.",
        solution="Fewer appointments that are long enough to talk.",
    )
    draft(
        story,
        "screen",
        0.38,
        by="rep",
        words=["TV in reception"],
        theme="Reception and buildings",
        title="Show what the council changed on the reception screen",
        problem="The screen in reception only shows adverts.",
        solution="Use the screen to show ‘You said, we did’: what the council asked for and "
        "what changed.",
        business_case="No cost: the communications team update the screen already.",
        benefits="People waiting see that speaking up changes things, and more of them talk "
        "to reps.",
        cost_band="none",
    )
    comment(
        story,
        "weekend",
        "coordinator",
        0.39,
        "Could you add how many reps heard this? The chair will ask.",
    )
    comment(
        story,
        "weekend",
        "rep2",
        0.40,
        "Nine people at four surgeries, all in work or starting work.",
    )
    hub2 = meeting(story, "hub", 0.42)
    hold(
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
    note(
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
    ready(story, hub2, "weekend", "ten_minutes", "about_me", "private", "screen")
    complete(story, hub2)

    update(
        story,
        "label",
        0.45,
        "in_progress",
        "Leaflets reprinted. The reception screen is being changed this week.",
    )
    done(
        story,
        "label",
        0.48,
        (
            "We replaced that label with ‘person on probation’ in every letter, leaflet and "
            "poster, and on the reception screen."
        ),
    )
    update(
        story,
        "read_case",
        0.50,
        "in_progress",
        (
            "Summary sheet agreed. New officers now read the case and the sheet before the first "
            "appointment."
        ),
    )

    council2 = meeting(story, "council", 0.55)
    hold(
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
    note(
        story,
        board,
        council2,
        "Notice board fitted. Reps put up the first ‘You said, we did’ poster.",
        close=True,
    )
    decide(
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
    decide(story, council2, "ten_minutes", "accepted")
    decide(story, council2, "about_me", "accepted")
    decide(story, council2, "screen", "accepted")
    decide(
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
    publish(story, council2)
    council2_decision = story.proposals["private"].decisions.get()
    story.proposals["private_room"] = council2_decision.replaced_by
    own(story, "ten_minutes", 0.57, 0.80)
    own(story, "about_me", 0.57, 0.75)
    own(story, "screen", 0.58, 0.70)
    complete(story, council2)
    update(
        story,
        "ten_minutes",
        0.58,
        "in_progress",
        "Reception have a script for when officers run late. Recording starts next month.",
    )
    done(
        story,
        "read_case",
        0.60,
        (
            "New officers now read the case and a one-page summary, written with reps, before the "
            "first appointment. Nobody should have to tell their whole story again."
        ),
    )
    update(story, "about_me", 0.62, "in_progress", "Reps designed the form. Printing next week.")
    done(
        story,
        "screen",
        0.65,
        "The reception screen now shows what the council asked for and what changed, "
        "updated every month.",
    )
    done(
        story,
        "about_me",
        0.68,
        (
            "We made an About Me form with reps. You fill it in once and it stays at the front of "
            "your file."
        ),
    )
