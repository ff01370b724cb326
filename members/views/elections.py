"""Elections by peers: the list, opening one, standing, voting on a phone,
paper ballots with a second person confirming, counting and results, and who
holds each office."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.models import Council
from councils.permissions import council_ids_where
from councils.tenancy import get_for_org, org_view

from .. import access, selectors, services
from ..forms import (
    BallotForm,
    ElectionOpenForm,
    NominationForm,
    PaperCountForm,
    RerunForm,
    WithdrawalForm,
)
from ..models import Election, Nomination, PaperBallotCount, VoterRoll


def _election_or_404(request, election_id: str) -> Election:
    election = selectors.election_for_page(request.organisation, election_id)
    if election is None:
        raise Http404("Not found.")
    access.require(
        access.may_see_election(request.user, election),
        gettext("Only reps and coordinators of this council can see its elections."),
    )
    return election


def _managed_election_or_404(request, election_id: str) -> Election:
    election = _election_or_404(request, election_id)
    access.require(
        access.may_manage_election(request.user, election.council),
        gettext("Only a coordinator of this council can do this."),
    )
    return election


def _message_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@org_view
def election_list(request):
    org, user = request.organisation, request.user
    access.require(
        access.may_see_elections(user, org),
        gettext("Only reps and coordinators take part in elections."),
    )
    now = timezone.now()
    elections = list(selectors.elections_for(user, org))
    voted = set(
        VoterRoll.objects.filter(voter=user, election__in=elections).values_list(
            "election_id", flat=True
        )
    )
    standing = set(
        Nomination.objects.filter(
            candidate=user, election__in=elections, withdrawn_at__isnull=True
        ).values_list("election_id", flat=True)
    )
    voter_in = council_ids_where(user, org, "members.vote_in_elections")

    def action(e: Election, stage: str) -> str:
        """What the person can do now: stand, or vote."""
        if voter_in is not None and e.council_id not in voter_in:
            return ""
        if stage == "nominations" and e.pk not in standing:
            return "stand"
        if stage == "voting" and e.pk not in voted:
            return "vote"
        return ""

    rows = []
    for e in elections:
        stage = e.stage(now)
        rows.append(
            {
                "election": e,
                "stage": stage,
                "voted": e.pk in voted,
                "standing": e.pk in standing,
                "action": action(e, stage),
            }
        )
    return render(
        request,
        "members/elections/election_list.html",
        {
            "rows": rows,
            "can_open": access.may_manage_elections_somewhere(user, org),
        },
    )


def _managed_councils(request):
    org = request.organisation
    ids = council_ids_where(request.user, org, "members.manage_elections")
    councils = Council.objects.filter(organisation=org, is_active=True)
    return councils if ids is None else councils.filter(pk__in=ids)


@org_view
@require_http_methods(["GET", "POST"])
def election_new(request):
    org = request.organisation
    access.require(
        access.may_manage_elections_somewhere(request.user, org),
        gettext("Only coordinators open elections."),
    )
    form = ElectionOpenForm(request.POST or None, councils=_managed_councils(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            election = services.election_open(
                council=data["council"],
                kind=data["kind"],
                office=data["office"],
                seats=data["seats"],
                voting_opens_at=data["voting_opens_at"],
                voting_closes_at=data["voting_closes_at"],
                tie_rule=data["tie_rule"],
                term_months=data["term_months"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Election opened. Reps can now stand."))
            return redirect("election_detail", org.slug, election.public_id)
    return render(request, "members/elections/election_new.html", {"form": form})


@org_view
def election_detail(request, election_id: str):
    user = request.user
    election = _election_or_404(request, election_id)
    now = timezone.now()
    stage = election.stage(now)
    nominations = list(selectors.nominations_for(election))
    can_manage = access.may_manage_election(user, election.council)
    can_vote = access.may_vote_in(user, election.council)
    has_voted = VoterRoll.objects.filter(election=election, voter=user).exists()
    paper_counts = (
        list(election.paper_counts.select_related("entered_by", "confirmed_by"))
        if can_manage
        else []
    )
    if stage == "counted":
        nominations.sort(key=lambda n: (-n.total_votes, str(n.candidate)))
    return render(
        request,
        "members/elections/election_detail.html",
        {
            "election": election,
            "stage": stage,
            "nominations": nominations,
            "can_manage": can_manage,
            "can_vote": can_vote and not has_voted and stage == "voting",
            "can_stand": can_vote
            and stage == "nominations"
            and not any(n.candidate_id == user.pk for n in nominations),
            "has_voted": has_voted,
            "paper_counts": paper_counts,
            "withdrawn": list(selectors.withdrawn_nominations_for(election)) if can_manage else [],
            "turnout": election.roll.count() if can_manage else None,
            "voters": services.council_reps(election.council).count() if can_manage else None,
            "rerun": election.reruns.first(),
            "tied": services.tied_nominations(election) if stage == "counted" else [],
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def nomination_new(request, election_id: str):
    org, user = request.organisation, request.user
    election = _election_or_404(request, election_id)
    standing_self = not access.may_manage_election(user, election.council)
    if election.stage(timezone.now()) != "nominations":
        messages.error(request, gettext("Nominations have closed for this election."))
        return redirect("election_detail", org.slug, election.public_id)
    form = NominationForm(
        request.POST or None,
        candidates=services.council_reps(election.council),
        standing_self=standing_self,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_add(
                election=election,
                candidate=user if standing_self else form.cleaned_data["candidate"],
                statement=form.cleaned_data["statement"],
                actor=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("You are standing.") if standing_self else gettext("Nomination added."),
            )
            return redirect("election_detail", org.slug, election.public_id)
    return render(
        request,
        "members/elections/nomination_new.html",
        {"election": election, "form": form, "standing_self": standing_self},
    )


@org_view
@require_http_methods(["GET", "POST"])
def nomination_withdraw(request, election_id: str, nomination_id: str):
    """'Are you sure you want to withdraw?' A rep withdraws their own
    nomination; a coordinator withdraws one on a rep's behalf, saying why."""
    org, user = request.organisation, request.user
    election = _election_or_404(request, election_id)
    nomination = get_for_org(
        Nomination.objects.select_related("candidate", "election__council"),
        request,
        public_id=nomination_id,
        election=election,
    )
    access.require(
        access.may_withdraw_nomination(user, nomination),
        gettext("Only the person standing, or a coordinator of this council, can withdraw."),
    )
    standing_self = nomination.candidate_id == user.pk
    back = redirect("election_detail", org.slug, election.public_id)
    if nomination.withdrawn_at is not None:
        messages.info(request, gettext("This nomination has already been withdrawn."))
        return back
    if not access.nominations_are_open(election, timezone.now()):
        messages.error(request, services.withdrawal_closed_message(standing_self=standing_self))
        return back
    # A rep confirming sends no field: the form is bound on any POST.
    data = request.POST if request.method == "POST" else None
    form = WithdrawalForm(data, on_behalf=not standing_self)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_withdraw(
                nomination=nomination, actor=user, reason=form.given_reason()
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors(form, error)
            else:
                _message_errors(request, error)
                return back
        else:
            if standing_self:
                messages.success(
                    request,
                    gettext(
                        "You have withdrawn your nomination. "
                        "You can stand again until voting opens."
                    ),
                )
            else:
                messages.success(
                    request,
                    gettext("Nomination withdrawn: %(name)s.") % {"name": nomination.candidate},
                )
            return back
    return render(
        request,
        "members/elections/nomination_withdraw.html",
        {
            "election": election,
            "nomination": nomination,
            "form": form,
            "standing_self": standing_self,
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def ballot(request, election_id: str):
    org, user = request.organisation, request.user
    election = _election_or_404(request, election_id)
    access.require(
        access.may_vote_in(user, election.council),
        gettext("Only reps of this council can vote in its elections."),
    )
    if election.stage(timezone.now()) != "voting":
        messages.error(request, gettext("Voting is not open for this election."))
        return redirect("election_detail", org.slug, election.public_id)
    if VoterRoll.objects.filter(election=election, voter=user).exists():
        messages.info(request, gettext("You have already voted in this election. Thank you."))
        return redirect("election_detail", org.slug, election.public_id)
    nominations = selectors.nominations_for(election)
    form = BallotForm(request.POST or None, election=election, nominations=nominations)
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast(election=election, nominations=form.chosen(), actor=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Your vote has been counted. It is secret."))
            return redirect("election_detail", org.slug, election.public_id)
    return render(
        request,
        "members/elections/ballot.html",
        {"election": election, "form": form, "nominations": nominations},
    )


@org_view
@require_http_methods(["GET", "POST"])
def paper_count_new(request, election_id: str):
    org = request.organisation
    election = _managed_election_or_404(request, election_id)
    if election.stage(timezone.now()) not in {"voting", "closed"}:
        messages.error(
            request, gettext("Paper ballots are entered once voting has opened, before the count.")
        )
        return redirect("election_detail", org.slug, election.public_id)
    form = PaperCountForm(
        request.POST or None,
        voters=services.council_reps(election.council),
        nominations=selectors.nominations_for(election),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_count_enter(
                election=election,
                meeting=form.cleaned_data["meeting"],
                voters=form.cleaned_data["voters"],
                votes=form.votes(),
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext(
                    "Paper ballots entered. A second person must confirm them before they count."
                ),
            )
            return redirect("election_detail", org.slug, election.public_id)
    return render(
        request, "members/elections/paper_count_new.html", {"election": election, "form": form}
    )


def _paper_count(request, election: Election, count_id: str) -> PaperBallotCount:
    return get_for_org(PaperBallotCount, request, public_id=count_id, election=election)


@org_view
@require_POST
def paper_count_confirm(request, election_id: str, count_id: str):
    org = request.organisation
    election = _managed_election_or_404(request, election_id)
    count = _paper_count(request, election, count_id)
    try:
        services.paper_count_confirm(paper_count=count, actor=request.user)
    except ValidationError as error:
        _message_errors(request, error)
    else:
        messages.success(request, gettext("Paper ballots confirmed. They will be counted."))
    return redirect("election_detail", org.slug, election.public_id)


@org_view
@require_POST
def paper_count_discard(request, election_id: str, count_id: str):
    org = request.organisation
    election = _managed_election_or_404(request, election_id)
    count = _paper_count(request, election, count_id)
    try:
        services.paper_count_discard(paper_count=count, actor=request.user)
    except ValidationError as error:
        _message_errors(request, error)
    else:
        messages.success(request, gettext("Paper ballots taken out. Enter them again."))
    return redirect("election_detail", org.slug, election.public_id)


@org_view
@require_POST
def election_count(request, election_id: str):
    org = request.organisation
    election = _managed_election_or_404(request, election_id)
    try:
        election = services.election_count(election=election, actor=request.user)
    except ValidationError as error:
        _message_errors(request, error)
    else:
        if election.outcome == Election.Outcome.TIED:
            messages.warning(request, gettext("People tied for the last place: vote again."))
        else:
            messages.success(request, gettext("The votes are counted."))
    return redirect("election_detail", org.slug, election.public_id)


@org_view
@require_http_methods(["GET", "POST"])
def election_rerun(request, election_id: str):
    org = request.organisation
    election = _managed_election_or_404(request, election_id)
    if election.outcome != Election.Outcome.TIED or election.reruns.exists():
        messages.error(request, gettext("Only a tied election is voted on again, once."))
        return redirect("election_detail", org.slug, election.public_id)
    form = RerunForm(request.POST or None, initial={"tie_rule": Election.TieRule.LOTS})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rerun = services.election_rerun(
                election=election,
                voting_opens_at=data["voting_opens_at"],
                voting_closes_at=data["voting_closes_at"],
                tie_rule=data["tie_rule"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The vote between the tied people is open."))
            return redirect("election_detail", org.slug, rerun.public_id)
    return render(
        request,
        "members/elections/election_rerun.html",
        {"election": election, "form": form, "tied": services.tied_nominations(election)},
    )


@org_view
def office_list(request):
    org = request.organisation
    access.require(
        access.may_see_offices(request.user, org),
        gettext("Your role does not let you see the councils' offices."),
    )
    return render(
        request, "members/elections/office_list.html", {"holdings": selectors.offices_held(org)}
    )
