"""Ashford Vale Council, the first round: five drafts, a hub meeting, the
council's decisions, and the work that follows."""

from __future__ import annotations

from proposals.models import ActionPoint

from .story import (
    Story,
    action,
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


def first_round(story: Story) -> ActionPoint:
    """Returns the action point (a notice board) carried into the next round."""

    draft(
        story,
        "training",
        0.03,
        by="rep",
        co=("rep2",),
        words=["reception staff talk"],
        theme="Reception and buildings",
        title="Customer service training for reception staff",
        problem=(
            "People told us reception staff talk down to them and call their names out across "
            "the room. We heard this again and again at surgeries."
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
    draft(
        story,
        "read_case",
        0.05,
        by="rep2",
        co=("rep",),
        words=["tell my whole story"],
        theme="Appointments and officers",
        title="Officers read the case before the first appointment",
        problem=(
            "People keep getting a new officer and have to tell their whole story again. "
            "They told us it sets them back every time."
        ),
        solution="Every new officer reads the case notes before the first appointment.",
        business_case="No extra cost: ten minutes of reading saves a wasted appointment.",
        benefits=(
            "People do not relive the worst parts of their lives each time. Appointments start "
            "where the last one ended."
        ),
        cost_band="none",
    )
    draft(
        story,
        "label",
        0.06,
        by="rep",
        words=["label they put on us"],
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
    draft(
        story,
        "water",
        0.07,
        by="rep2",
        words=["no water in reception"],
        theme="Reception and buildings",
        title="Water and cups in the waiting room",
        problem=(
            "Reception has nothing to drink. People have seen others drink from the tap with "
            "their hands."
        ),
        solution="A water cooler and paper cups in the waiting area.",
        business_case="A cooler costs about £300 a year to rent, plus cups.",
        benefits="People waiting a long time, often in summer, can have a drink.",
    )
    draft(
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
    hub1 = meeting(story, "hub", 0.12)
    hold(
        story,
        hub1,
        attended=("rep", "rep2"),
        minutes=[
            "Reps went through the five drafts. All five go to the council meeting.",
            "Ray and Jo will present the training and water proposals.",
        ],
        by="rep",
    )
    board = action(
        story,
        hub1,
        "Ask estates if there is a notice board we can use in reception.",
        "coordinator",
        21,
    )
    ready(story, hub1, "training", "read_case", "label", "water", "numbers")
    complete(story, hub1)

    council1 = meeting(story, "council", 0.25)
    hold(
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
    note(
        story,
        board,
        council1,
        "Estates say there is space by the door. Waiting for a board to be fitted.",
    )
    decide(story, council1, "training", "accepted")
    decide(
        story,
        council1,
        "read_case",
        "accepted_with_changes",
        changes_required=(
            "Start with new cases from next month, and reps help write a one-page summary sheet."
        ),
    )
    decide(story, council1, "label", "accepted")
    decide(
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
    decide(story, council1, "numbers", "accepted")
    publish(story, council1)
    own(story, "training", 0.27, 0.45)
    own(story, "read_case", 0.27, 0.60)
    own(story, "label", 0.28, 0.50)
    own(story, "numbers", 0.28, 0.40)
    complete(story, council1)

    update(
        story,
        "training",
        0.30,
        "in_progress",
        "Trainer booked for the 14th. Two reps will help run the afternoon session.",
    )
    update(story, "numbers", 0.31, "in_progress", "Reps checked every number. Printing ordered.")
    done(
        story,
        "numbers",
        0.36,
        (
            "We printed 1,000 copies of the Little Book of Numbers. Everyone gets one at "
            "induction, and there is a pile in reception."
        ),
    )
    update(story, "label", 0.33, "in_progress", "Letter templates changed. Leaflets are next.")
    update(
        story,
        "read_case",
        0.34,
        "not_started",
        (
            "No progress yet, because the summary sheet needs agreeing with the union first. "
            "Meeting booked."
        ),
    )
    done(
        story,
        "training",
        0.40,
        (
            "All 12 reception staff had a day of customer service training, and two reps ran part "
            "of it. Names are no longer called out across the room."
        ),
    )
    return board
