"""How to fill each URL parameter with a real object of one organisation.

The URL × tenant matrix walks every URL pattern; a parameter missing here
fails that test with a message, so each new view must say how to fill it.
Each value is a function of the Tenant (tests/conftest.py) returning the
public id to put in the URL. Add your app's parameters in its own section.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.urls import resolve

from councils.models import RoleAssignment

URL_PARAM_FACTORIES = {
    # councils
    "region_id": lambda t: t.region.public_id,
    "council_id": lambda t: t.council.public_id,
    "site_id": lambda t: t.site.public_id,
    "problem_id": lambda t: _problem_for(t).public_id,
    # members
    "person_id": lambda t: t["rep"].public_id,
    "assignment_id": lambda t: (
        RoleAssignment.objects.filter(organisation=t.organisation, user=t["lead"]).first().public_id
    ),
    # members, the reps' journey: the tenant's rep's profile, a referral for
    # the tenant's council, and a letter waiting to be posted to the rep
    "rep_id": lambda t: t["rep"].rep_profile.public_id,
    "referral_id": lambda t: _referral_for(t).public_id,
    "letter_id": lambda t: _letter_for(t).public_id,
    # surgeries: a surgery today with the rep going; an item the rep logged
    # just now, with consent to quote and an open safeguarding follow-up, so
    # that every feedback page (correct, close, quote) has something to show.
    "surgery_id": lambda t: _surgery_for(t).public_id,
    "feedback_id": lambda t: _feedback_for(t).public_id,
    "theme_id": lambda t: _theme_for(t).public_id,
    # a tap the rep made just now at that surgery ("Add 1 who talked")
    "tap_id": lambda t: _tap_for(t).public_id,
    # reports: a council's You Said We Did booklet (reps of the council may
    # read it), shared with the rep
    "report_id": lambda t: _report_for(t),
    # proposals: one council meeting (today, chaired by the tenant's chair) that
    # every meeting URL shares, a ready proposal on its agenda, an agenda item
    # and an open action point carried to it from an earlier meeting.
    "proposal_id": lambda t: _proposal_for(t).public_id,
    "meeting_id": lambda t: _meeting_for(t).public_id,
    "item_id": lambda t: _agenda_item_for(t).public_id,
    "action_id": lambda t: _action_point_for(t).public_id,
    # a request for a new target date waiting for the chair, and a milestone,
    # on a proposal being put in place by the tenant's lead
    "target_request_id": lambda t: _target_request_for(t).public_id,
    "milestone_id": lambda t: _milestone_for(t).public_id,
    # expenses: one submitted claim of the tenant's rep (shared by every claim
    # URL), its cost, and that cost's receipt (a real photo).
    "claim_id": lambda t: _claim_for(t).public_id,
    "line_id": lambda t: _claim_for(t).lines.first().public_id,
    "receipt_id": lambda t: _claim_for(t).lines.first().receipt.public_id,
    # an involvement payment for the rep's time, waiting for payment
    "payment_id": lambda t: _involvement_payment_for(t).public_id,
    # members: elections and training. An election of the rep's council with
    # voting open and the rep standing; paper ballots entered by the
    # coordinator and not yet confirmed; a course, a session of it yesterday
    # and the rep's attendance (their certificate).
    "election_id": lambda t: _election_for(t).public_id,
    "count_id": lambda t: _paper_count_for(t).public_id,
    "nomination_id": lambda t: _election_for(t).nominations.get().public_id,
    "course_id": lambda t: _attendance_for(t).session.course.public_id,
    "session_id": lambda t: _attendance_for(t).session.public_id,
    "attendance_id": lambda t: _attendance_for(t).public_id,
}


def object_ids(route, tenant) -> dict:
    """A real object of ``tenant`` for each object parameter of ``route``."""
    missing = [p for p in route.object_params if p not in URL_PARAM_FACTORIES]
    if missing:
        pytest.fail(
            f"{route.route}: add {missing} to tests/url_params.py so the matrices cover it",
            pytrace=False,
        )
    return {p: URL_PARAM_FACTORIES[p](tenant) for p in route.object_params}


def fill(route, tenant, ids: dict | None = None) -> str:
    """The URL of ``route`` at ``tenant``'s slug, with ``ids`` (by default
    real objects of the same tenant). The URL must lead back to the route's
    own view, so a pattern we fill wrongly fails here, not silently."""
    values = {"org_slug": tenant.organisation.slug}
    values.update(object_ids(route, tenant) if ids is None else ids)
    url = route.fill(values)
    match = resolve(url)
    assert match.func is route.callback, f"{url} resolved to {match.view_name}, not {route.name}"
    return url


_themes = itertools.count(1)


def _problem_for(t):
    from councils.models import ProblemReport

    return ProblemReport.objects.create(
        organisation=t.organisation, reporter=t["rep"], what_happened="The page was blank."
    )


def _referral_for(t):
    from members.models import Referral

    referral = Referral.objects.filter(organisation=t.organisation).first()
    if referral is None:
        referral = Referral.objects.create(
            organisation=t.organisation,
            council=t.council,
            name="Sam Referred",
            source=Referral.Source.SELF,
            how_to_reach="Through their officer",
            status_changed_on=dt.date.today(),
        )
    return referral


def _letter_for(t):
    from members.models import Letter

    letter = Letter.objects.filter(organisation=t.organisation).first()
    if letter is None:
        letter = Letter.objects.create(
            organisation=t.organisation, person=t["rep"], subject="A decision", body="Words"
        )
    return letter


def _report_for(t):
    from guardian.shortcuts import assign_perm

    from reports.models import GeneratedReport

    report = GeneratedReport.objects.create(
        organisation=t.organisation,
        kind=GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET,
        scope=GeneratedReport.ScopeLevel.COUNCIL,
        council=t.council,
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2025, 6, 30),
    )
    # Shared with the rep (person_id), so that "stop sharing" has someone to
    # stop sharing with and is not a 404 for its own organisation either.
    assign_perm("reports.view_report", t["rep"], report)
    return report.public_id


# surgeries
def _surgery_for(t):
    from tests.surgeries.factories import surgery_for

    return surgery_for(t)


def _tap_for(t):
    from surgeries.models import Surgery
    from surgeries.services import surgery_count_person

    # At the surgery filled in just before it in the same URL (surgery_id
    # comes first in the pattern): the newest surgery of the tenant.
    surgery = Surgery.objects.filter(organisation=t.organisation).order_by("-pk").first()
    return surgery_count_person(
        surgery=surgery or _surgery_for(t), outcome="engaged", actor=t["rep"]
    )


def _theme_for(t):
    from tests.surgeries.factories import theme_for

    # A name no factory's sequence ("Theme 7") can also give: the surgeries
    # and proposals factories count separately, and one org holds both.
    return theme_for(t, name=f"URL matrix theme {next(_themes)}")


def _feedback_for(t):
    # Straight from the factory: item_for() would also make a theme with a
    # sequence name, which can clash with one the proposals factory made.
    from tests.surgeries.factories import FeedbackItemFactory

    return FeedbackItemFactory(
        organisation=t.organisation,
        council=t.council,
        logged_by=t["rep"],
        theme=_theme_for(t),
        surgery=_surgery_for(t),
        channel="surgery",
        site=t.site,
        consent_to_quote=True,
        follow_up="safeguarding",
    )


# proposals
def _meeting_for(t):
    from proposals.models import Meeting
    from tests.proposals.factories import MeetingFactory

    meeting = Meeting.objects.filter(council=t.council, venue="URL matrix room").first()
    return meeting or MeetingFactory(council=t.council, chair=t["chair"], venue="URL matrix room")


def _proposal_for(t):
    from tests.proposals.factories import AgendaItemFactory, ProposalFactory

    proposal = ProposalFactory(council=t.council, status="ready", authors=[t["rep"]])
    AgendaItemFactory(meeting=_meeting_for(t), kind="proposal", proposal=proposal, title="")
    return proposal


def _owned_proposal_for(t):
    import datetime as dt

    from guardian.shortcuts import assign_perm

    from tests.proposals.factories import ProposalFactory

    proposal = ProposalFactory(
        council=t.council,
        status="in_progress",
        authors=[t["rep"]],
        owner=t["lead"],
        target_date=dt.date.today() + dt.timedelta(days=30),
    )
    assign_perm("proposals.update_implementation", t["lead"], proposal)
    return proposal


def _target_request_for(t):
    import datetime as dt

    from django.utils import timezone

    from proposals.models import TargetDateRequest

    proposal = _owned_proposal_for(t)
    return TargetDateRequest.objects.create(
        organisation=t.organisation,
        proposal=proposal,
        asked_by=t["lead"],
        asked_at=timezone.now(),
        old_target_date=proposal.target_date,
        new_target_date=proposal.target_date + dt.timedelta(days=30),
        reason="The supplier is late.",
    )


def _milestone_for(t):
    import datetime as dt

    from django.utils import timezone

    from proposals.models import Milestone

    proposal = _owned_proposal_for(t)
    return Milestone.objects.create(
        organisation=t.organisation,
        proposal=proposal,
        title="Trainer booked",
        due_on=dt.date.today() + dt.timedelta(days=10),
        created_at=timezone.now(),
    )


def _agenda_item_for(t):
    from tests.proposals.factories import AgendaItemFactory

    return AgendaItemFactory(meeting=_meeting_for(t))


def _action_point_for(t):
    import datetime as dt

    from tests.proposals.factories import ActionPointFactory, MeetingFactory

    earlier = MeetingFactory(
        council=t.council, kind="hub", date=dt.date.today() - dt.timedelta(days=30)
    )
    return ActionPointFactory(meeting=earlier, owner=t["coordinator"])


# expenses
def _claim_for(t):
    from expenses.models import Claim
    from tests.expenses.factories import claim_for_url_matrix

    claim = Claim.objects.filter(
        organisation=t.organisation, activity_description="URL matrix claim"
    ).first()
    return claim or claim_for_url_matrix(t)


def _involvement_payment_for(t):
    from decimal import Decimal

    from expenses.models import InvolvementPayment

    payment = InvolvementPayment.objects.filter(organisation=t.organisation).first()
    if payment is None:
        payment = InvolvementPayment.objects.create(
            organisation=t.organisation,
            council=t.council,
            rep=t["rep"],
            created_by=t["coordinator"],
            activity_date=dt.date.today(),
            description="URL matrix payment",
            hours=Decimal("2"),
            rate_pence=1221,
            amount_pence=2442,
        )
    return payment


# members: elections and training
def _election_for(t):
    from tests.members.factories import election_for_url_matrix

    return election_for_url_matrix(t)


def _paper_count_for(t):
    from tests.members.factories import paper_count_for_url_matrix

    return paper_count_for_url_matrix(t)


def _attendance_for(t):
    from tests.members.factories import attendance_for_url_matrix

    return attendance_for_url_matrix(t)
