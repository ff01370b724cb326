"""Elections by peers: opening, standing, a secret ballot, paper ballots
confirmed by a second person, counting with the chosen tie rule, and offices
held for a term.

A vote is written in the same transaction as the voter's line on the roll;
the roll's unique constraint refuses a second vote, even from two phones at
once (the second insert waits for the first transaction and then fails).

The reps are told when nominations open and when voting opens. Each notice is
claimed (``Election.nominations_notice_sent_at``, ``voting_notice_sent_at``)
in the same transaction that writes its letters and sends its emails, so it
is marked sent only once it has gone: a task that could not be queued (the
broker was down) or that failed part way leaves it unmarked, and the
schedule sends it on its next run. Two runs at once send it once.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext

from councils.after_commit import after_commit
from councils.audit import audit_record
from councils.models import Council, Role, RoleAssignment

from .. import access, notifications, tasks
from ..models import (
    Election,
    Nomination,
    OfficeHolding,
    PaperBallotCount,
    PaperCountLine,
    Vote,
    VoterRoll,
)

logger = logging.getLogger(__name__)

STATEMENT_MAX = 600


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def council_reps(council: Council, *, on: dt.date | None = None):
    """The people who hold a current rep role on the council: its voters."""
    from django.contrib.auth import get_user_model

    ids = (
        RoleAssignment.objects.active(on)
        .filter(council=council, role=Role.REP)
        .values_list("user_id", flat=True)
    )
    return get_user_model().objects.filter(pk__in=ids).order_by("display_name", "username")


def _check_statement(text: str) -> str:
    # The personal-data check is a pure function with no models: the one
    # place that reads text for phone numbers, addresses and the like.
    from councils.privacy import check_no_personal_data

    text = (text or "").strip()
    if not text:
        raise ValidationError(
            {"statement": gettext("Write a few words about why you are standing.")}
        )
    if len(text) > STATEMENT_MAX:
        raise ValidationError(
            {"statement": gettext("Keep it to %(n)s characters or fewer.") % {"n": STATEMENT_MAX}}
        )
    check_no_personal_data(statement=text)
    return text


@transaction.atomic
def election_open(
    *,
    council: Council,
    kind: str,
    office: str = "",
    seats: int = 1,
    voting_opens_at: dt.datetime,
    voting_closes_at: dt.datetime,
    tie_rule: str,
    term_months: int,
    actor,
    rerun_of: Election | None = None,
) -> Election:
    access.require(
        access.may_manage_election(actor, council),
        gettext("Only a coordinator of this council can open an election."),
    )
    errors = {}
    if kind == Election.Kind.OFFICE:
        if not office:
            errors["office"] = gettext("Choose the office.")
        seats = 1
    else:
        office = ""
        if seats < 1:
            errors["seats"] = gettext("There must be at least 1 seat.")
    if voting_closes_at <= voting_opens_at:
        errors["voting_closes_at"] = gettext("Voting must close after it opens.")
    if rerun_of is None and voting_opens_at <= timezone.now():
        errors["voting_opens_at"] = gettext(
            "Voting must open later than now, so that people can stand first."
        )
    if not 1 <= term_months <= 60:
        errors["term_months"] = gettext("A term is between 1 and 60 months.")
    if errors:
        raise ValidationError(errors)
    election = Election.objects.create(
        organisation=council.organisation,
        council=council,
        kind=kind,
        office=office,
        seats=seats,
        voting_opens_at=voting_opens_at,
        voting_closes_at=voting_closes_at,
        tie_rule=tie_rule,
        term_months=term_months,
        rerun_of=rerun_of,
        opened_by=actor,
        # A vote again between tied people has its candidates already: no
        # notice to stand, and the reps are told only when its voting opens.
        # Any other election's notice is marked once it has gone.
        nominations_notice_sent_at=timezone.now() if rerun_of is not None else None,
    )
    if rerun_of is None:
        after_commit(tasks.send_nominations_open_notice, election.pk)
    audit_record(
        organisation=council.organisation,
        actor=actor,
        action="election.opened",
        obj=election,
        changes={"kind": kind, "office": office, "seats": seats, "tie_rule": tie_rule},
    )
    return election


@transaction.atomic
def nomination_add(*, election: Election, candidate, statement: str, actor) -> Nomination:
    """A rep stands themself; a coordinator may enter a rep's nomination."""
    standing_self = candidate.pk == actor.pk
    if standing_self:
        access.require(
            access.may_vote_in(actor, election.council),
            gettext("Only reps of this council can stand."),
        )
    else:
        access.require(
            access.may_manage_election(actor, election.council),
            gettext("Only a coordinator of this council can nominate someone else."),
        )
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.stage(timezone.now()) != "nominations":
        raise ValidationError(gettext("Nominations have closed for this election."))
    if not council_reps(election.council).filter(pk=candidate.pk).exists():
        raise ValidationError({"candidate": gettext("Only reps of this council can stand.")})
    earlier = Nomination.objects.filter(election=election, candidate=candidate).first()
    if earlier is not None and earlier.withdrawn_at is None:
        raise ValidationError({"candidate": gettext("This person is already standing.")})
    if earlier is not None:
        # Withdrew, and stands again before nominations close: the same
        # nomination, with the new statement.
        nomination = earlier
        nomination.statement = _check_statement(statement)
        nomination.nominated_by = actor
        nomination.withdrawn_at = None
        nomination.withdrawn_by = None
        nomination.withdrawal_reason = ""
        nomination.save(
            update_fields=[
                "statement",
                "nominated_by",
                "withdrawn_at",
                "withdrawn_by",
                "withdrawal_reason",
            ]
        )
    else:
        nomination = Nomination.objects.create(
            organisation=election.organisation,
            election=election,
            candidate=candidate,
            statement=_check_statement(statement),
            nominated_by=actor,
        )
    audit_record(
        organisation=election.organisation,
        actor=actor,
        action="election.nominated",
        obj=election,
        changes={"candidate": str(candidate.public_id)},
    )
    return nomination


WITHDRAW_REASON_MAX = 300


def withdrawal_closed_message(*, standing_self: bool) -> str:
    """Why a withdrawal is refused once voting has opened, and what to do."""
    if standing_self:
        return gettext(
            "Voting has opened, so you can no longer withdraw here. "
            "If you do not want to stand any more, tell your coordinator."
        )
    return gettext("Voting has opened, so nominations can no longer be withdrawn.")


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, actor, reason: str = "") -> Nomination:
    """A rep withdraws their own nomination, or a coordinator withdraws it on
    their behalf with a reason. Only while nominations are open: once voting
    has opened the ballot is fixed."""
    election = nomination.election
    standing_self = nomination.candidate_id == actor.pk
    access.require(
        access.may_withdraw_nomination(actor, nomination),
        gettext("Only the person standing, or a coordinator of this council, can withdraw."),
    )
    election = Election.objects.select_for_update().get(pk=election.pk)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.withdrawn_at is not None:
        raise ValidationError(gettext("This nomination has already been withdrawn."))
    if not access.nominations_are_open(election, timezone.now()):
        raise ValidationError(withdrawal_closed_message(standing_self=standing_self))
    reason = (reason or "").strip()
    if not standing_self:
        if not reason:
            raise ValidationError(
                {"reason": gettext("Say why you are withdrawing this nomination.")}
            )
        if len(reason) > WITHDRAW_REASON_MAX:
            raise ValidationError(
                {
                    "reason": gettext("Keep it to %(n)s characters or fewer.")
                    % {"n": WITHDRAW_REASON_MAX}
                }
            )
    nomination.withdrawn_at = timezone.now()
    nomination.withdrawn_by = actor
    nomination.withdrawal_reason = reason
    nomination.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    audit_record(
        organisation=election.organisation,
        actor=actor,
        action="election.nomination_withdrawn",
        obj=election,
        changes={
            "candidate": str(nomination.candidate.public_id),
            "on_behalf": not standing_self,
            "reason": reason,
        },
    )
    return nomination


def _chosen_nominations(election: Election, nominations: Iterable[Nomination]) -> list:
    chosen = list({n.pk: n for n in nominations}.values())
    if not chosen:
        raise ValidationError({"choices": gettext("Choose who you are voting for.")})
    if len(chosen) > election.seats:
        raise ValidationError(
            {
                "choices": gettext("You can choose up to %(n)s people.") % {"n": election.seats},
            }
        )
    valid = set(
        Nomination.objects.filter(
            election=election, withdrawn_at__isnull=True, pk__in=[n.pk for n in chosen]
        ).values_list("pk", flat=True)
    )
    if len(valid) != len(chosen):
        raise ValidationError({"choices": gettext("Choose people standing in this election.")})
    return chosen


@transaction.atomic
def ballot_cast(*, election: Election, nominations: Iterable[Nomination], actor) -> None:
    """One secret vote. The roll records that ``actor`` voted; the votes
    record the choices; nothing joins the two."""
    access.require(
        access.may_vote_in(actor, election.council),
        gettext("Only reps of this council can vote in its elections."),
    )
    if election.stage(timezone.now()) != "voting":
        raise ValidationError(gettext("Voting is not open for this election."))
    chosen = _chosen_nominations(election, nominations)
    try:
        with transaction.atomic():
            VoterRoll.objects.create(election=election, voter=actor, method=VoterRoll.Method.ONLINE)
    except IntegrityError as error:
        raise ValidationError(gettext("You have already voted in this election.")) from error
    Vote.objects.bulk_create(Vote(election=election, nomination=n) for n in chosen)
    # The audit log says that a person voted (as the roll does), never how.
    audit_record(
        organisation=election.organisation, actor=actor, action="election.voted", obj=election
    )


@transaction.atomic
def paper_count_enter(
    *,
    election: Election,
    meeting: str,
    voters: Iterable,
    votes: dict[int, int],
    actor,
) -> PaperBallotCount:
    """Paper ballots counted at a meeting: who handed one in (they are ticked
    off the roll) and the votes for each person. It counts only once a second
    person confirms it."""
    access.require(
        access.may_manage_election(actor, election.council),
        gettext("Only a coordinator of this council can enter paper ballots."),
    )
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.stage(timezone.now()) not in {"voting", "closed"}:
        raise ValidationError(
            gettext("Paper ballots are entered once voting has opened, before the count.")
        )
    voters = list({v.pk: v for v in voters}.values())
    errors = {}
    if not voters:
        errors["voters"] = gettext("Tick the reps who handed in a paper ballot.")
    eligible = set(council_reps(election.council).values_list("pk", flat=True))
    if any(v.pk not in eligible for v in voters):
        errors["voters"] = gettext("Only reps of this council can vote.")
    if not meeting.strip():
        errors["meeting"] = gettext("Say at which meeting the ballots were counted.")
    nominations = {n.pk: n for n in election.nominations.filter(withdrawn_at__isnull=True)}
    if set(votes) - set(nominations):
        errors["__all__"] = gettext("Votes can only be for people standing in this election.")
    ballots = len(voters)
    if any(v < 0 for v in votes.values()):
        errors["__all__"] = gettext("A number of votes cannot be below 0.")
    elif any(v > ballots for v in votes.values()):
        errors["__all__"] = gettext("Nobody can have more votes than there were ballots.")
    elif sum(votes.values()) > ballots * election.seats:
        errors["__all__"] = gettext(
            "There are more votes than the ballots allow: each ballot has at most %(n)s."
        ) % {"n": election.seats}
    if errors:
        raise ValidationError(errors)
    count = PaperBallotCount.objects.create(
        organisation=election.organisation,
        election=election,
        ballots=ballots,
        counted_at_meeting=meeting.strip(),
        entered_by=actor,
    )
    try:
        with transaction.atomic():
            VoterRoll.objects.bulk_create(
                VoterRoll(
                    election=election, voter=v, method=VoterRoll.Method.PAPER, paper_count=count
                )
                for v in voters
            )
    except IntegrityError as error:
        already = VoterRoll.objects.filter(election=election, voter__in=voters)
        names = ", ".join(str(r.voter) for r in already.select_related("voter"))
        raise ValidationError(
            {"voters": gettext("Already voted: %(names)s.") % {"names": names}}
        ) from error
    PaperCountLine.objects.bulk_create(
        PaperCountLine(paper_count=count, nomination=nominations[pk], votes=n)
        for pk, n in votes.items()
    )
    audit_record(
        organisation=election.organisation,
        actor=actor,
        action="election.paper_ballots_entered",
        obj=election,
        changes={"ballots": ballots, "meeting": count.counted_at_meeting},
    )
    return count


@transaction.atomic
def paper_count_confirm(*, paper_count: PaperBallotCount, actor) -> PaperBallotCount:
    access.require(
        access.may_manage_election(actor, paper_count.election.council),
        gettext("Only a coordinator of this council can confirm paper ballots."),
    )
    count = PaperBallotCount.objects.select_for_update().get(pk=paper_count.pk)
    if count.entered_by_id == actor.pk:
        raise ValidationError(
            gettext("A second person must confirm these ballots: you entered them.")
        )
    if count.confirmed_at is not None:
        raise ValidationError(gettext("These ballots have already been confirmed."))
    if count.election.counted_at is not None:
        raise ValidationError(gettext("The votes have already been counted."))
    count.confirmed_by = actor
    count.confirmed_at = timezone.now()
    count.save(update_fields=["confirmed_by", "confirmed_at"])
    audit_record(
        organisation=count.organisation,
        actor=actor,
        action="election.paper_ballots_confirmed",
        obj=count.election,
        changes={"ballots": count.ballots},
    )
    return count


@transaction.atomic
def paper_count_discard(*, paper_count: PaperBallotCount, actor) -> None:
    """An unconfirmed count entered wrongly: take it out (its voters come off the roll)."""
    access.require(
        access.may_manage_election(actor, paper_count.election.council),
        gettext("Only a coordinator of this council can take out paper ballots."),
    )
    count = PaperBallotCount.objects.select_for_update().get(pk=paper_count.pk)
    if count.confirmed_at is not None:
        raise ValidationError(gettext("Confirmed ballots cannot be taken out."))
    audit_record(
        organisation=count.organisation,
        actor=actor,
        action="election.paper_ballots_discarded",
        obj=count.election,
        changes={"ballots": count.ballots},
    )
    count.delete()


def _draw(tied: list[Nomination], places: int) -> list[Nomination]:
    return secrets.SystemRandom().sample(tied, places)


@transaction.atomic
def election_count(*, election: Election, actor, draw=_draw) -> Election:
    """Count online and confirmed paper votes; elect, settling a tie at the
    last seat by the rule chosen when the election was opened."""
    access.require(
        access.may_manage_election(actor, election.council),
        gettext("Only a coordinator of this council can count the votes."),
    )
    election = Election.objects.select_for_update().get(pk=election.pk)
    now = timezone.now()
    stage = election.stage(now)
    if stage == "counted":
        raise ValidationError(gettext("The votes have already been counted."))
    if stage != "closed":
        raise ValidationError(gettext("Votes are counted once voting has closed."))
    if election.paper_counts.filter(confirmed_at__isnull=True).exists():
        raise ValidationError(
            gettext("Some paper ballots are waiting for a second person to confirm them.")
        )
    nominations = list(election.nominations.filter(withdrawn_at__isnull=True))
    online = dict(
        Vote.objects.filter(election=election)
        .values_list("nomination")
        .annotate(n=Count("id"))
        .values_list("nomination", "n")
    )
    paper = dict(
        PaperCountLine.objects.filter(
            paper_count__election=election, paper_count__confirmed_at__isnull=False
        )
        .values_list("nomination")
        .annotate(n=Sum("votes"))
        .values_list("nomination", "n")
    )
    for n in nominations:
        n.online_votes = online.get(n.pk, 0)
        n.paper_votes = paper.get(n.pk, 0) or 0
    ranked = sorted(nominations, key=lambda n: -n.total_votes)
    seats = election.seats
    elected: list[Nomination] = []
    outcome = Election.Outcome.ELECTED
    lots_note = ""
    if len(ranked) <= seats:
        elected = ranked
    else:
        boundary = ranked[seats - 1].total_votes
        above = [n for n in ranked if n.total_votes > boundary]
        tied = [n for n in ranked if n.total_votes == boundary]
        places = seats - len(above)
        elected = above
        if len(tied) == places:
            elected += tied
        elif election.tie_rule == Election.TieRule.LOTS:
            drawn = draw(tied, places)
            for n in drawn:
                n.won_by_lot = True
            elected += drawn
            lots_note = gettext("Lots drawn between %(tied)s: %(drawn)s.") % {
                "tied": ", ".join(str(n) for n in tied),
                "drawn": ", ".join(str(n) for n in drawn),
            }
        else:
            outcome = Election.Outcome.TIED
    for n in nominations:
        n.elected = n in elected
        n.save(update_fields=["online_votes", "paper_votes", "elected", "won_by_lot"])
    election.counted_at = now
    election.counted_by = actor
    election.outcome = outcome
    election.lots_note = lots_note
    election.save(update_fields=["counted_at", "counted_by", "outcome", "lots_note"])
    today = timezone.localdate()
    OfficeHolding.objects.bulk_create(
        OfficeHolding(
            organisation=election.organisation,
            council=election.council,
            holder=n.candidate,
            office=election.office,
            election=election,
            starts_on=today,
            ends_on=add_months(today, election.term_months),
        )
        for n in elected
    )
    audit_record(
        organisation=election.organisation,
        actor=actor,
        action="election.counted",
        obj=election,
        changes={
            "outcome": outcome,
            "votes": {str(n.candidate.public_id): n.total_votes for n in nominations},
            "elected": [str(n.candidate.public_id) for n in elected],
            "lots": lots_note,
        },
    )
    return election


def tied_nominations(election: Election) -> list[Nomination]:
    """The people tied for the last places of a tied election."""
    if election.outcome != Election.Outcome.TIED:
        return []
    rest = [n for n in election.nominations.filter(withdrawn_at__isnull=True) if not n.elected]
    if not rest:
        return []
    top = max(n.total_votes for n in rest)
    return [n for n in rest if n.total_votes == top]


@transaction.atomic
def election_rerun(
    *,
    election: Election,
    voting_opens_at: dt.datetime,
    voting_closes_at: dt.datetime,
    tie_rule: str,
    actor,
) -> Election:
    """Vote again between the tied people, for the places still to fill."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.outcome != Election.Outcome.TIED:
        raise ValidationError(gettext("Only a tied election is voted on again."))
    if election.reruns.exists():
        raise ValidationError(gettext("This election is already being voted on again."))
    tied = tied_nominations(election)
    places = election.seats - election.nominations.filter(elected=True).count()
    if voting_opens_at < timezone.now() - dt.timedelta(minutes=5):
        raise ValidationError({"voting_opens_at": gettext("Voting cannot open in the past.")})
    rerun = election_open(
        council=election.council,
        kind=election.kind,
        office=election.office,
        seats=places,
        voting_opens_at=voting_opens_at,
        voting_closes_at=voting_closes_at,
        tie_rule=tie_rule,
        term_months=election.term_months,
        actor=actor,
        rerun_of=election,
    )
    Nomination.objects.bulk_create(
        Nomination(
            organisation=rerun.organisation,
            election=rerun,
            candidate=n.candidate,
            statement=n.statement,
            nominated_by=n.nominated_by,
        )
        for n in tied
    )
    return rerun


NOTICE_SENT_AT = {
    "nominations": "nominations_notice_sent_at",
    "voting": "voting_notice_sent_at",
}


def _notice_due(stage: str, now: dt.datetime) -> Q:
    """Elections whose notice for this stage has not gone and still makes
    sense: not counted, and now in that stage (a notice to stand that could
    not go before voting opened is left: the voting notice tells the reps)."""
    due = Q(counted_at__isnull=True, **{f"{NOTICE_SENT_AT[stage]}__isnull": True})
    if stage == "nominations":
        return due & Q(voting_opens_at__gt=now)
    return due & Q(voting_opens_at__lte=now, voting_closes_at__gt=now)


def election_notice_send(*, election_id: int, stage: str, now: dt.datetime | None = None) -> bool:
    """Tell the election's reps that nominations, or voting, are open: claim
    the notice with a conditional update and send it in one transaction.
    Returns True when this call sent it; False when it had gone already or
    is not due. If sending raises, the claim is undone with the letters
    written so far, and the notice is sent again on the schedule's next run
    (a rep emailed before the failure may get it twice; nobody gets none)."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Election.objects.filter(_notice_due(stage, now), pk=election_id).update(
            **{NOTICE_SENT_AT[stage]: now}
        )
        if not claimed:
            return False
        notifications.election_notice(election_id=election_id, stage=stage)
    return True


def election_notices_send(*, now: dt.datetime | None = None) -> int:
    """Run by the schedule: send every notice that is due and has not gone.
    Voting opens at a date and time, not by a button, so its notice is sent
    here; a notice to stand is queued when the election opens, and sent here
    if that did not happen. One election failing does not stop the others.
    Returns how many notices were sent."""
    now = now or timezone.now()
    sent = 0
    for stage in NOTICE_SENT_AT:
        due = Election.objects.filter(_notice_due(stage, now)).values_list("pk", flat=True)
        for pk in list(due):
            try:
                sent += election_notice_send(election_id=pk, stage=stage, now=now)
            except Exception:
                # Left unmarked: the next run tries again.
                logger.exception("election %s: the %s notice could not be sent", pk, stage)
    return sent
