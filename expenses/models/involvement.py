"""Involvement payments: money for a rep's time, optional per organisation.

Kept apart from expense claims in every list, export and figure: expenses pay
back what a rep spent; an involvement payment is income, and income can
change a person's state benefits. So none is paid until a coordinator has
recorded that the rep was offered independent benefits advice, and what they
chose.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from councils.models import Council, Organisation, OrganisationOwned

from .claims import PaymentMethod


class BenefitsChoice(models.TextChoices):
    TOOK_ADVICE = "took_advice", _("Took the advice")
    DECLINED_ADVICE = "declined_advice", _("Declined the advice")
    NO_BENEFITS = "no_benefits", _("Does not receive benefits")


class BenefitsAdvice(OrganisationOwned):
    """A coordinator's record that a rep was offered independent benefits
    advice, and what the rep chose. The newest record for a rep is the one in
    force."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    rep = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="benefits_advice"
    )
    offered_on = models.DateField(_("date the advice was offered"))
    choice = models.CharField(
        _("what the rep chose"), max_length=20, choices=BenefitsChoice.choices
    )
    # None: the rep did not say. False: the rep asked not to be paid.
    wants_payment = models.BooleanField(_("the rep wants to be paid"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-offered_on", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(recorded_by=F("rep")), name="benefits_advice_not_self_recorded"
            ),
        ]

    def __str__(self) -> str:
        return f"Benefits advice {self.public_id}"

    @property
    def allows_payment(self) -> bool:
        return self.wants_payment is not False


class InvolvementPaymentStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for payment")
    PAID = "paid", _("Paid")
    # Recorded wrongly and never paid: kept, with the reason, never deleted.
    CANCELLED = "cancelled", _("Cancelled")
    # Paid, then found to be wrong: finance records it; the payment stays on
    # record with its payment details and the reason.
    REVERSED = "reversed", _("Paid in error")


class InvolvementPayment(OrganisationOwned):
    """Hours of a rep's time × the organisation's hourly rate. The rate used is
    kept, so the amount can be checked later even if the rate changes."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    rep = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="involvement_payments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    activity_date = models.DateField()
    description = models.CharField(max_length=200)
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    rate_pence = models.IntegerField()
    amount_pence = models.IntegerField()
    status = models.CharField(
        max_length=20,
        choices=InvolvementPaymentStatus.choices,
        default=InvolvementPaymentStatus.WAITING,
    )
    # The benefits-advice record in force when it was paid.
    advice = models.ForeignKey(
        BenefitsAdvice, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_on = models.DateField(null=True, blank=True)
    payment_method = models.CharField(
        max_length=20, choices=PaymentMethod.choices, blank=True, default=""
    )
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Why it was cancelled, or recorded as paid in error.
    cancel_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-activity_date", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(rate_pence__gte=0) & Q(amount_pence__gte=0),
                name="involvement_payment_amounts_sane",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["paid", "reversed"])
                | (
                    Q(paid_on__isnull=False)
                    & ~Q(payment_method="")
                    & Q(paid_by__isnull=False)
                    & Q(advice__isnull=False)
                ),
                name="involvement_payment_paid_has_payment_and_advice",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["cancelled", "reversed"]) | ~Q(cancel_reason=""),
                name="involvement_payment_cancel_has_reason",
            ),
            # Separation of duties, as for claims: nobody adds or pays their
            # own, and the person who added it does not pay it.
            models.CheckConstraint(
                condition=~Q(created_by=F("rep")), name="involvement_payment_not_self_added"
            ),
            models.CheckConstraint(
                condition=Q(paid_by__isnull=True)
                | (~Q(paid_by=F("rep")) & ~Q(paid_by=F("created_by"))),
                name="involvement_payment_not_paid_by_adder",
            ),
        ]

    def __str__(self) -> str:
        return f"Involvement payment {self.public_id}"


class InvolvementStatusChange(models.Model):
    """One row per change of an involvement payment's status, or correction
    (from and to the same status, with the reason in ``note``)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    payment = models.ForeignKey(
        InvolvementPayment, on_delete=models.CASCADE, related_name="history"
    )
    from_status = models.CharField(
        max_length=20, choices=InvolvementPaymentStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=20, choices=InvolvementPaymentStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.payment} {self.from_status} → {self.to_status}"
