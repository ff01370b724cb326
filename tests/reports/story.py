"""A council's quarter, April to June 2025, with things that must appear in
its reports and things that must never appear."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from members.models import RepProfile
from proposals.models import Attendance, ProposalStatus
from surgeries.models import FeedbackItem
from tests.reports.factories import (
    ActionPointFactory,
    AttendanceFactory,
    FeedbackItemFactory,
    MeetingFactory,
    SurgeryFactory,
    ThemeFactory,
    aware,
    decided_proposal,
    rep_profile,
)

Q_START, Q_END = dt.date(2025, 4, 1), dt.date(2025, 6, 30)
IN_Q = dt.date(2025, 5, 14)
BEFORE_Q = dt.date(2025, 2, 10)

RAW_SECRET = "My officer Dave Smith at 12 Elm Road shouted at me"
UNAPPROVED_QUOTE = "Nobody listens to us at Brindle Street, ever."
REJECTED_QUOTE = "This quote was rejected by the coordinator."
APPROVED_QUOTE = "The new waiting room feels calmer and safer."
NO_CONSENT_QUOTE = "Approved wording but the person did not agree to be quoted."


@dataclass
class Story:
    council: object
    reception: object
    housing: object
    rep_names: list[str] = field(default_factory=list)


def build(tenant, council=None) -> Story:
    council = council or tenant.council
    org = tenant.organisation
    chair = tenant["chair"]
    reception = ThemeFactory(organisation=org, name="Reception and buildings", position=1)
    housing = ThemeFactory(organisation=org, name="Housing and accommodation", position=3)
    story = Story(council, reception, housing)

    # Reach: two surgeries this quarter, one the quarter before, one cancelled.
    SurgeryFactory(
        council=council, date=IN_Q, people_approached=30, people_engaged=20, people_declined=10
    )
    SurgeryFactory(
        council=council, date=Q_END, people_approached=10, people_engaged=5, people_declined=5
    )
    SurgeryFactory(
        council=council, date=BEFORE_Q, people_approached=8, people_engaged=4, people_declined=4
    )
    from django.utils import timezone

    SurgeryFactory(
        council=council,
        date=IN_Q,
        people_approached=99,
        people_engaged=99,
        people_declined=0,
        cancelled_at=timezone.now(),
    )

    # Feedback: 7 about reception and 2 about housing this quarter, 3 about
    # reception the quarter before. Women 6, men 2, 1 not recorded.
    for i in range(7):
        FeedbackItemFactory(
            council=council,
            theme=reception,
            received_on=IN_Q,
            said=RAW_SECRET if i == 0 else "The queue was long.",
            gender="woman" if i < 6 else "",
            age_band="25-34",
        )
    FeedbackItemFactory(
        council=council,
        theme=housing,
        received_on=IN_Q,
        gender="man",
        said="Housing advice came too late.",
        consent_to_quote=True,
        quote_status=FeedbackItem.QuoteStatus.APPROVED,
        approved_quote=APPROVED_QUOTE,
    )
    FeedbackItemFactory(
        council=council,
        theme=housing,
        received_on=IN_Q,
        gender="man",
        said=UNAPPROVED_QUOTE,
        consent_to_quote=True,
    )
    for _ in range(3):
        FeedbackItemFactory(council=council, theme=reception, received_on=BEFORE_Q)
    FeedbackItemFactory(
        council=council,
        theme=reception,
        received_on=BEFORE_Q,
        consent_to_quote=True,
        quote_status=FeedbackItem.QuoteStatus.REJECTED,
        approved_quote=REJECTED_QUOTE,
    )
    FeedbackItemFactory(
        council=council,
        theme=reception,
        received_on=IN_Q - dt.timedelta(days=200),
        consent_to_quote=False,
        approved_quote=NO_CONSENT_QUOTE,
    )

    # Proposals, decided with published decisions (unless said otherwise).
    decided_proposal(
        council=council,
        chair=chair,
        status=ProposalStatus.IMPLEMENTED,
        decided_on=dt.date(2025, 3, 20),
        implemented_on=dt.date(2025, 5, 30),
        title="Customer service training for reception staff",
        problem="Reception staff were rude and made people feel judged.",
        we_did="All reception staff had customer service training in May.",
        theme=reception,
    )
    decided_proposal(
        council=council,
        chair=chair,
        status=ProposalStatus.IN_PROGRESS,
        decided_on=dt.date(2025, 6, 2),
        title="Officers read your case first",
        problem="You had to retell your story to every new officer.",
        target_date=dt.date(2025, 9, 30),
    )
    decided_proposal(
        council=council,
        chair=chair,
        status=ProposalStatus.NOT_ACCEPTED,
        decided_on=dt.date(2025, 6, 2),
        title="Water cups in reception",
        problem="There was no water in reception.",
        reason="There is no budget for this. We will ask again in April.",
    )
    decided_proposal(
        council=council,
        chair=chair,
        status=ProposalStatus.NOT_ACCEPTED,
        decided_on=dt.date(2025, 6, 3),
        title="Secret unpublished decision",
        problem="Weekend opening.",
        reason="Not enough staff at weekends.",
        published=False,
    )

    # Meetings: one council and one hub meeting; 3 attended, 1 apologies.
    council_meeting = MeetingFactory(council=council, date=dt.date(2025, 6, 2))
    hub = MeetingFactory(council=council, date=dt.date(2025, 5, 1), kind="hub")
    for status in (Attendance.Status.ATTENDED, Attendance.Status.ATTENDED):
        AttendanceFactory(meeting=council_meeting, status=status)
    AttendanceFactory(meeting=hub, status=Attendance.Status.ATTENDED)
    AttendanceFactory(meeting=hub, status=Attendance.Status.APOLOGIES)
    # Action points: one overdue at the end of the quarter, one not yet due,
    # one closed in time.
    ActionPointFactory(meeting=council_meeting, due_on=dt.date(2025, 6, 15))
    ActionPointFactory(meeting=council_meeting, due_on=dt.date(2025, 8, 1))
    closed = ActionPointFactory(meeting=hub, due_on=dt.date(2025, 5, 20))
    actions = type(closed).objects.filter(council=council)
    actions.filter(meeting=council_meeting).update(created_at=aware(council_meeting.date))
    actions.filter(pk=closed.pk).update(
        status="closed", created_at=aware(hub.date), closed_at=aware(IN_Q)
    )

    # Reps: the tenant's rep (no dates) counts as active; two new this
    # quarter, one trained, one moved on to work.
    for name, kwargs in [
        (
            "Ray Daniels",
            {"joined_on": dt.date(2025, 4, 10), "trained_on": dt.date(2025, 5, 1), "gender": "man"},
        ),
        ("Jo Whitfield", {"joined_on": dt.date(2025, 6, 1), "gender": "woman"}),
        (
            "Sam Moved",
            {
                "joined_on": dt.date(2024, 1, 1),
                "left_on": dt.date(2025, 5, 5),
                "status": RepProfile.Status.MOVED_ON,
            },
        ),
    ]:
        profile = rep_profile(council=council, **kwargs)
        profile.user.display_name = name
        profile.user.save(update_fields=["display_name"])
        story.rep_names.append(name)
    story.rep_names.append(str(tenant["rep"]))
    return story
