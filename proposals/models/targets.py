"""A lead asking the chair for a new target date, and the milestones of a
long piece of work. Both belong to a proposal being put in place."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.models import OrganisationOwned

from .proposals import Proposal


class TargetDateRequest(OrganisationOwned):
    """The owner asks for a new target date with a reason; a chair of the
    council agrees or not, with a reason. Kept whatever the answer, so the
    history shows both."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the chair")
        AGREED = "agreed", _("Agreed")
        REFUSED = "refused", _("Not agreed")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="target_date_requests"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField()
    # The target date when the lead asked, and the one they asked for.
    old_target_date = models.DateField(null=True, blank=True)
    new_target_date = models.DateField()
    reason = models.TextField(_("why you need more time"), max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("the chair's reason"), max_length=2000, blank=True)
    # Claimed by the email tasks, so a retried task sends nothing.
    asked_notified_at = models.DateTimeField(null=True, blank=True)
    answer_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("target date request")
        verbose_name_plural = _("target date requests")
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="target_request_has_reason"),
            models.CheckConstraint(
                condition=Q(status__in=["waiting", "agreed", "refused"]),
                name="target_request_status_is_known",
            ),
            # An answer says who, when and why.
            models.CheckConstraint(
                condition=Q(status="waiting", decided_at__isnull=True)
                | (Q(status__in=["agreed", "refused"], decided_at__isnull=False) & ~Q(answer="")),
                name="target_request_answer_says_when_and_why",
            ),
            # One question at a time for each proposal.
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(status="waiting"),
                name="target_request_one_waiting_per_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.new_target_date}"

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING


class Milestone(OrganisationOwned):
    """A step on the way on a long piece of work, recorded by the owner and
    shown to the reps on the proposal's page."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(null=True, blank=True)
    # Claimed by the email task, so a retried task tells nobody twice.
    done_notified_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "id"]
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="milestone_has_title")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
