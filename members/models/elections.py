"""Elections by peers: seats on a council or an office, nominations, a secret
ballot, paper ballots counted at a meeting, results and offices held.

Secrecy is kept by the schema. A ``Vote`` says which nomination it is for and
nothing else: no voter, no time, and a random primary key, so the order in
which votes were written cannot be matched to the order of the roll. The
``VoterRoll`` says who has voted (one row per voter per election, unique),
and holds no choice. Nothing joins the two.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from councils.models import OrganisationOwned


class Office(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    SECRETARY = "secretary", _("Secretary")


class Election(OrganisationOwned):
    class Kind(models.TextChoices):
        SEATS = "seats", _("Seats on the council")
        OFFICE = "office", _("An office")

    class TieRule(models.TextChoices):
        LOTS = "lots", _("Draw lots (the draw is recorded)")
        RERUN = "rerun", _("Hold the vote again between the tied people")

    class Outcome(models.TextChoices):
        PENDING = "", _("Not counted yet")
        ELECTED = "elected", _("Elected")
        TIED = "tied", _("Tied: to be voted on again")

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="elections"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    office = models.CharField(max_length=20, choices=Office.choices, blank=True)
    seats = models.PositiveSmallIntegerField(default=1)
    voting_opens_at = models.DateTimeField()
    voting_closes_at = models.DateTimeField()
    tie_rule = models.CharField(max_length=10, choices=TieRule.choices)
    term_months = models.PositiveSmallIntegerField(default=12)
    rerun_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reruns"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    counted_at = models.DateTimeField(null=True, blank=True)
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    lots_note = models.CharField(max_length=300, blank=True)
    # When the reps were told that nominations, then voting, opened: each
    # notice goes once, and is marked only once it has gone
    # (members.services.election_notice_send claims it as it sends).
    nominations_notice_sent_at = models.DateTimeField(null=True, blank=True)
    voting_notice_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-voting_opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voting_closes_at__gt=F("voting_opens_at")),
                name="election_voting_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=(Q(kind="office") & ~Q(office="") & Q(seats=1))
                | (Q(kind="seats") & Q(office="") & Q(seats__gte=1)),
                name="election_office_has_one_seat_and_seats_no_office",
            ),
            models.CheckConstraint(
                condition=Q(term_months__gte=1, term_months__lte=60),
                name="election_term_is_one_month_to_five_years",
            ),
            models.CheckConstraint(
                condition=Q(counted_at__isnull=True, outcome="")
                | Q(counted_at__isnull=False) & ~Q(outcome=""),
                name="election_counted_has_an_outcome",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.OFFICE:
            return _("%(office)s of %(council)s") % {
                "office": self.get_office_display(),
                "council": self.council,
            }
        return _("Seats on %(council)s") % {"council": self.council}

    def stage(self, now) -> str:
        """nominations | voting | closed | counted"""
        if self.counted_at:
            return "counted"
        if now < self.voting_opens_at:
            return "nominations"
        if now < self.voting_closes_at:
            return "voting"
        return "closed"


class Nomination(OrganisationOwned):
    """A person standing, with a short statement in their own words."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="nominations")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="nominations"
    )
    statement = models.TextField(max_length=600)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Given by a coordinator who withdraws a nomination on a rep's behalf.
    withdrawal_reason = models.CharField(max_length=300, blank=True)
    # Filled when the votes are counted.
    online_votes = models.PositiveIntegerField(default=0)
    paper_votes = models.PositiveIntegerField(default=0)
    elected = models.BooleanField(default=False)
    won_by_lot = models.BooleanField(default=False)

    class Meta:
        ordering = ["candidate__display_name", "candidate__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "candidate"], name="nomination_one_per_candidate"
            ),
            models.CheckConstraint(
                condition=Q(won_by_lot=False) | Q(elected=True),
                name="nomination_won_by_lot_only_if_elected",
            ),
        ]

    def __str__(self) -> str:
        return str(self.candidate)

    @property
    def total_votes(self) -> int:
        return self.online_votes + self.paper_votes


class Vote(models.Model):
    """One choice on one ballot. Deliberately no voter, no timestamp and no
    sequential id: see the module's docstring."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="votes")

    class Meta:
        # Never ordered by anything that follows the order of writing.
        ordering = ["id"]

    def __str__(self) -> str:
        return str(_("A vote"))


class VoterRoll(models.Model):
    """Who has voted in an election: stops a second vote. Holds no choice."""

    class Method(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("On paper")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="roll")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=10, choices=Method.choices)
    # Paper voters are ticked off when their meeting's count is entered (so
    # they cannot vote online as well); the count holds totals, never choices.
    paper_count = models.ForeignKey(
        "PaperBallotCount", on_delete=models.CASCADE, null=True, blank=True, related_name="voters"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "voter"], name="voter_roll_one_vote_each"),
            models.CheckConstraint(
                condition=Q(method="paper", paper_count__isnull=False)
                | Q(method="online", paper_count__isnull=True),
                name="voter_roll_paper_voters_belong_to_a_count",
            ),
        ]

    def __str__(self) -> str:
        return str(self.voter)


class PaperBallotCount(OrganisationOwned):
    """Paper ballots counted at a meeting, entered by one staff member and
    counted only once a second, different person has confirmed them."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="paper_counts")
    ballots = models.PositiveIntegerField()
    counted_at_meeting = models.CharField(max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["entered_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("entered_by")),
                name="paper_count_confirmed_by_a_second_person",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True, confirmed_at__isnull=True)
                | Q(confirmed_by__isnull=False, confirmed_at__isnull=False),
                name="paper_count_confirmation_has_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Paper ballots: %(n)s") % {"n": self.ballots})


class PaperCountLine(models.Model):
    paper_count = models.ForeignKey(
        PaperBallotCount, on_delete=models.CASCADE, related_name="lines"
    )
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="+")
    votes = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["paper_count", "nomination"], name="paper_count_line_one_per_candidate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.votes}"


class OfficeHolding(OrganisationOwned):
    """A person holding an office or a seat for a term that ends."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="office_holdings"
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="office_holdings"
    )
    office = models.CharField(max_length=20, choices=Office.choices, blank=True)
    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, null=True, blank=True, related_name="holdings"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["office", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="office_term_ends_after_it_starts"
            )
        ]

    def __str__(self) -> str:
        label = self.get_office_display() if self.office else _("Council seat")
        return f"{label}: {self.holder}"
