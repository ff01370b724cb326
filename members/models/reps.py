"""The reps' journey, part one: referrals, eligibility, status history,
restricted staff records (suitability, licence conditions, boundaries,
check-ins) and letters for reps who prefer post.

Restricted records hold decisions, never offence details. Only people with
``members.view_rep_restricted`` for the rep's council see them, and every read
is audited (``members.services.reps.restricted_record_read``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.models import OrganisationOwned

from .accounts import RepProfile

SHORT_TEXT = 200


class Referral(OrganisationOwned):
    """Someone who might become a rep, and how to reach them."""

    class Source(models.TextChoices):
        SURGERY = "surgery", _("At a surgery")
        OFFICER = "officer", _("A probation officer")
        SELF = "self", _("The person themself")
        OTHER = "other", _("Somewhere else")

    class Status(models.TextChoices):
        TO_CONTACT = "to_contact", _("To contact")
        CONTACTED = "contacted", _("Contacted")
        BECAME_REP = "became_rep", _("Became a rep")
        NOT_NOW = "not_now", _("Not now")

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150)
    source = models.CharField(max_length=20, choices=Source.choices)
    contact_preference = models.CharField(
        max_length=10, choices=RepProfile.ContactPreference.choices, blank=True
    )
    how_to_reach = models.CharField(max_length=SHORT_TEXT)
    notes = models.CharField(max_length=SHORT_TEXT, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TO_CONTACT)
    status_changed_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status_changed_on", "created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="referral_has_a_name"),
            models.CheckConstraint(
                condition=~Q(how_to_reach=""), name="referral_says_how_to_reach_them"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RepStatusChange(models.Model):
    """One change of a rep's status, on a date, recorded by someone.
    ``RepProfile.status`` is the latest of these."""

    profile = models.ForeignKey(RepProfile, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=RepProfile.Status.choices)
    changed_on = models.DateField()
    moved_on_to = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["profile", "changed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(moved_on_to="") | Q(status="moved_on"),
                name="rep_status_where_to_only_when_moved_on",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.changed_on}"


class EligibilityDecision(models.Model):
    """What the coordinator decided for a rep reaching the end of eligibility."""

    class Decision(models.TextChoices):
        STEP_DOWN = "step_down", _("Step down")
        ALUMNI = "alumni", _("Become an alumni member")
        STAFF_SUPPORTED = "staff_supported", _("Stay on in a staff-supported role")

    profile = models.ForeignKey(
        RepProfile, on_delete=models.CASCADE, related_name="eligibility_decisions"
    )
    # The order end date the decision was about: a new order date needs a new decision.
    order_ends_on = models.DateField()
    decision = models.CharField(max_length=20, choices=Decision.choices)
    decided_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} {self.decided_on}"


class SuitabilityDecision(models.Model):
    """Restricted. Ready, deferred (with a review date) or not now, with a
    short reason. A decision, never offence details."""

    class Decision(models.TextChoices):
        READY = "ready", _("Ready")
        DEFERRED = "deferred", _("Deferred")
        NOT_NOW = "not_now", _("Not now")

    profile = models.ForeignKey(
        RepProfile, on_delete=models.CASCADE, related_name="suitability_decisions"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    decided_on = models.DateField()
    review_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=SHORT_TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="deferred") | Q(review_on__isnull=False),
                name="suitability_deferred_has_a_review_date",
            ),
            models.CheckConstraint(
                condition=Q(review_on__isnull=True) | Q(review_on__gte=models.F("decided_on")),
                name="suitability_review_not_before_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} {self.decided_on}"


class LicenceCondition(models.Model):
    """Restricted. A condition that limits what a rep may do: not a site,
    not a council, not with a group. What, never why."""

    class Kind(models.TextChoices):
        NOT_SITE = "not_site", _("Not at a site")
        NOT_COUNCIL = "not_council", _("Not with a council")
        NOT_GROUP = "not_group", _("Not with a group of people")
        OTHER = "other", _("Something else")

    profile = models.ForeignKey(RepProfile, on_delete=models.CASCADE, related_name="conditions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    site = models.ForeignKey(
        "councils.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.CharField(max_length=SHORT_TEXT, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="not_site") | Q(site__isnull=False),
                name="licence_condition_not_site_names_the_site",
            ),
            models.CheckConstraint(
                condition=~Q(kind="not_council") | Q(council__isnull=False),
                name="licence_condition_not_council_names_the_council",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class BoundariesAgreement(models.Model):
    """Restricted. The date a rep signed the boundaries agreement."""

    profile = models.ForeignKey(
        RepProfile, on_delete=models.CASCADE, related_name="boundaries_agreements"
    )
    signed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return str(self.signed_on)


class CheckIn(models.Model):
    """Restricted. Supervision and welfare: a date, how it went, any action."""

    class HowItWent(models.TextChoices):
        WELL = "well", _("Went well")
        SOME_WORRIES = "some_worries", _("Some worries")
        NEEDS_SUPPORT = "needs_support", _("Needs more support")

    profile = models.ForeignKey(RepProfile, on_delete=models.CASCADE, related_name="check_ins")
    held_on = models.DateField()
    how_it_went = models.CharField(max_length=20, choices=HowItWent.choices)
    notes = models.CharField(max_length=SHORT_TEXT, blank=True)
    action = models.CharField(max_length=SHORT_TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["profile", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_how_it_went_display()}"


class Letter(OrganisationOwned):
    """A notification for a rep who prefers post, waiting to be printed and
    posted, in place of the email it would have been."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="letters"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.subject
