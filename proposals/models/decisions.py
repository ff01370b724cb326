"""The chair's decision about one proposal at one council meeting."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.models import OrganisationOwned

from .meetings import Meeting
from .proposals import STATUS_TAG_CLASSES, Proposal

# Outcomes that carry a reason (why not, why later, why replaced or withdrawn).
REASONED_OUTCOMES = ["not_accepted", "deferred", "replaced", "withdrawn"]


class Decision(OrganisationOwned):
    """What the chair decided about one proposal at one council meeting.

    Recorded during the meeting (``published_at`` empty: nobody else sees it),
    then published together with the meeting's other decisions. Publication is
    claimed with ``UPDATE ... WHERE published_at IS NULL`` so it happens once.
    """

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        ACCEPTED_WITH_CHANGES = "accepted_with_changes", _("Accepted with changes")
        DEFERRED = "deferred", _("Deferred")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        REPLACED = "replaced", _("Replaced by a new proposal")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class ReasonCategory(models.TextChoices):
        NONE = "", _("No reason category")
        COST = "cost", _("Cost")
        POLICY = "policy", _("Policy")
        PRACTICALITY = "practicality", _("Practicality")
        ALREADY_IN_PLACE = "already_in_place", _("Already in place")
        OTHER = "other", _("Other")

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    changes_required = models.TextField(max_length=2000, blank=True)
    deferred_to = models.DateField(null=True, blank=True)
    deferred_to_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason_category = models.CharField(
        max_length=20, choices=ReasonCategory.choices, default="", blank=True
    )
    # The explanation in plain English.
    reason = models.TextField(max_length=2000, blank=True)
    replaced_by = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Claimed by the notification task, so a retried task never emails twice.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "meeting"], name="decision_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="not_accepted") | (~Q(reason_category="") & ~Q(reason="")),
                name="decision_not_accepted_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="accepted_with_changes") | ~Q(changes_required=""),
                name="decision_changes_are_stated",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="deferred")
                | Q(deferred_to__isnull=False)
                | Q(deferred_to_meeting__isnull=False),
                name="decision_deferred_says_until_when",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="deferred") | ~Q(reason=""),
                name="decision_deferred_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(outcome="deferred")
                | (Q(deferred_to__isnull=True) & Q(deferred_to_meeting__isnull=True)),
                name="decision_deferral_only_when_deferred",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="replaced") | ~Q(reason="") | ~Q(changes_required=""),
                name="decision_replaced_is_explained",
            ),
            models.CheckConstraint(
                condition=Q(outcome="replaced") | Q(replaced_by__isnull=True),
                name="decision_replaced_by_only_when_replaced",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=False)
                | (Q(published_by__isnull=True) & Q(notified_at__isnull=True)),
                name="decision_published_before_told",
            ),
            # A decision carries only its own outcome's words: an acceptance
            # has no reason for refusing, a refusal no change to make.
            models.CheckConstraint(
                condition=Q(outcome__in=REASONED_OUTCOMES) | Q(reason=""),
                name="decision_reason_only_when_reasoned",
            ),
            models.CheckConstraint(
                condition=Q(outcome="not_accepted") | Q(reason_category=""),
                name="decision_reason_category_only_when_not_accepted",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["accepted_with_changes", "replaced"])
                | Q(changes_required=""),
                name="decision_changes_only_when_changed",
            ),
        ]

    def __str__(self) -> str:
        return _("%(outcome)s: %(proposal)s") % {
            "outcome": self.get_outcome_display(),
            "proposal": self.proposal,
        }

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def outcome_tag_class(self) -> str:
        return STATUS_TAG_CLASSES.get(self.outcome, "")
