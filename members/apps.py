from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members"

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added
        from django.utils.translation import gettext_lazy as _

        from councils import email, home, navigation
        from councils.models import Role

        from .services import letter_instead_of_email

        email.register_diversion(letter_instead_of_email)
        navigation.register(_("Reps"), "reps_home", "members.manage_reps", order=65)
        navigation.register(_("My details"), "my_details", None, order=95, roles={Role.REP})
        home.register_panel(
            "coordinator-reps-journey",
            roles={Role.COORDINATOR, Role.ADMIN},
            template="members/panels/reps_journey.html",
            context=_reps_journey_panel,
            order=81,
            remembered=_reps_scope,
        )
        authenticator_added.connect(_second_factor_passed_on_activation, dispatch_uid="members-2fa")
        navigation.register(_("People"), "people_list", "members.manage_reps", order=70)
        navigation.register(
            _("Elections"),
            "election_list",
            None,
            order=71,
            roles={Role.REP, Role.COORDINATOR, Role.ADMIN},
        )
        navigation.register(_("Training"), "training_list", "members.manage_training", order=72)
        navigation.register(_("Your record"), "my_record", "members.view_own_record", order=65)
        home.register_panel(
            "rep-council",
            roles={Role.REP},
            template="members/panels/rep.html",
            context=_rep_panel,
            order=5,
        )
        home.register_panel(
            "rep-elections",
            roles={Role.REP},
            template="members/panels/elections.html",
            context=_rep_elections_panel,
            order=6,
        )
        home.register_panel(
            "coordinator-reps",
            roles={Role.COORDINATOR},
            template="members/panels/coordinator.html",
            context=_coordinator_panel,
            order=80,
            remembered=_reps_scope,
        )


def _second_factor_passed_on_activation(sender, request, user, authenticator, **kwargs) -> None:
    # Activating an authenticator means typing a code from it: this session
    # has used the second factor, so staff need not sign in again.
    from councils.tenancy import mark_second_factor_passed

    if request is not None and request.user.is_authenticated and request.user.pk == user.pk:
        mark_second_factor_passed(request.session, user)


def _rep_panel(request) -> dict:
    councils = [a.council for a in request.role_assignments if a.role == "rep" and a.council]
    return {"councils": councils}


def _reps_counts(request) -> dict:
    """The reps panels' figures, counted once for both panels of a page."""
    from .selectors import reps_attention_counts

    counts = getattr(request, "_reps_counts", None)
    if counts is None:
        counts = request._reps_counts = reps_attention_counts(request.user, request.organisation)
    return counts


def _coordinator_panel(request) -> dict:
    counts = _reps_counts(request)
    return {"organisation": request.organisation, "rep_count": counts["rep_count"]}


def _rep_elections_panel(request) -> dict:
    """Elections of the rep's council they can act on: open for voting and
    not voted in yet, or open for people to stand and not standing yet. One
    query, remembered for the rep until an election, a vote or a nomination
    changes; which of them are open is asked of the clock on every view."""
    from django.utils import timezone

    from councils.freshness import remember

    council_ids = sorted(a.council_id for a in request.role_assignments if a.role == "rep")
    elections = remember(
        request.organisation,
        "rep_elections",
        (request.user.pk, council_ids),
        lambda: _elections_not_closed(request, council_ids),
    )
    now = timezone.now()
    # Closed since they were remembered: gone, as from the query.
    elections = [e for e in elections if e.voting_closes_at > now]
    return {
        "organisation": request.organisation,
        "elections": [e for e in elections if e.voting_opens_at <= now],
        "to_stand": [e for e in elections if e.voting_opens_at > now and not e.standing],
    }


def _elections_not_closed(request, council_ids) -> list:
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from .models import Election, Nomination, VoterRoll

    voted = VoterRoll.objects.filter(election=OuterRef("pk"), voter=request.user)
    standing = Nomination.objects.filter(
        election=OuterRef("pk"), candidate=request.user, withdrawn_at__isnull=True
    )
    return list(
        Election.objects.filter(
            organisation=request.organisation,
            council_id__in=council_ids,
            voting_closes_at__gt=timezone.now(),
            counted_at__isnull=True,
        )
        .exclude(Exists(voted))
        .annotate(standing=Exists(standing))
        .select_related("council")
        .order_by("voting_closes_at", "pk")
    )


def _reps_scope(request) -> tuple:
    """The reps panels count the reps of the councils the person coordinates
    (and reads the restricted records of)."""
    from .selectors import reps_scope

    return reps_scope(request.user, request.organisation)


def _reps_journey_panel(request) -> dict:
    return _reps_counts(request)
