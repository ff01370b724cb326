"""Plain report content for the renderer tests: no database needed."""

from __future__ import annotations

import datetime as dt

from councils.disclosure import people_count
from councils.periods import quarter_containing
from councils.rates import Rate
from reports.content import (
    Comparison,
    DiversityGroup,
    FollowThrough,
    Funnel,
    Meetings,
    ProposalOutcome,
    QuarterlyContent,
    Quote,
    Reach,
    Reps,
    ThemeCount,
    YouSaidWeDidContent,
)

QUARTER = quarter_containing(dt.date(2025, 5, 1))


def you_said_we_did(**overrides) -> YouSaidWeDidContent:
    values = dict(
        organisation_name="Northmoor Probation Service",
        scope_label="Ashford Vale Council",
        period=QUARTER,
        surgeries_held=12,
        people_engaged=143,
        feedback_count=88,
        top_themes=[
            ThemeCount("Reception and buildings", people_count(21)),
            ThemeCount("Appointments and officers", people_count(15)),
            ThemeCount("Women", people_count(3)),
        ],
        quotes=[Quote("The staff at the desk made me feel like a person for once.", "Reception")],
        we_did=[
            ProposalOutcome(
                "Customer service training for reception staff",
                "Reception staff were rude and made people feel judged.",
                "All reception staff had customer service training in May.",
            )
        ],
        in_progress=[
            ProposalOutcome(
                "Officers read your case first",
                "You had to retell your story to every new officer.",
                "The council agreed to this in June 2025. We aim to finish by September 2025.",
            )
        ],
        could_not=[
            ProposalOutcome(
                "Water cups in reception",
                "There was no water in reception.",
                "There is no budget for this. We will ask again in April.",
            )
        ],
        public_url="http://testserver/public/northmoor/ashford-vale/",
    )
    values.update(overrides)
    return YouSaidWeDidContent(**values)


def quarterly(**overrides) -> QuarterlyContent:
    values = dict(
        organisation_name="Northmoor Probation Service",
        scope_label="Ashford Vale Council",
        period=QUARTER,
        previous_period=QUARTER.previous(),
        reach=Reach(
            Comparison("Surgeries held", 12, 9),
            Comparison("People approached", 200, 150),
            Comparison("People engaged", 143, 100),
            Comparison("People who said no thanks", 57, 50),
            Rate(143, 200, "engaged", "approached"),
        ),
        feedback_by_theme=[
            Comparison("Reception and buildings", 21, 10),
            Comparison("Employment, training and education", 15, 18),
        ],
        funnel=Funnel(
            raised=20,
            presented=13,
            accepted=12,
            implemented=9,
            not_accepted=1,
            median_days_to_decision=21.5,
            median_days_to_implementation=60.0,
            decided_count=13,
            implemented_count_for_median=9,
        ),
        follow_through=FollowThrough(
            open_actions=10, overdue_actions=3, open_implementations=5, overdue_updates=2
        ),
        meetings=Meetings(hub_meetings=3, council_meetings=1, attended=30, apologies=4, absent=2),
        reps=Reps(active=12, new=3, trained=2, moved_on=1, left=2),
        engaged_diversity=[
            DiversityGroup.from_counts(
                "Gender", [("Woman", 30), ("Man", 50), ("In another way", 2)], 6
            )
        ],
        rep_diversity=[DiversityGroup.from_counts("Gender", [("Woman", 4), ("Man", 8)], 0)],
    )
    values.update(overrides)
    return QuarterlyContent(**values)
