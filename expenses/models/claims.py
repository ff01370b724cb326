"""Expense claims, their lines and receipts, advances and each organisation's
policy.

Money is whole pence in integer fields, never floats: totals add up to the
penny on every page, in the CSV and in reports. Receipts live in a private
storage (``expenses.storage``) and are read only through a view that checks
permission and writes an audit event.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.models import Council, Organisation, OrganisationOwned, PublicIdModel
from expenses.money import NATIONAL_LIVING_WAGE_PENCE
from proposals.models import Meeting
from surgeries.models import Surgery


class ExpensePolicy(models.Model):
    """One per organisation, made with its defaults the first time it is needed."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="expense_policy"
    )
    mileage_rate_pence = models.IntegerField(
        _("mileage rate in pence per mile"),
        default=45,
        help_text=_("What a rep gets for each mile driven. For example 45."),
    )
    second_approval_above_pence = models.IntegerField(
        _("second approver needed above (pence)"),
        default=10000,
        help_text=_("Claims for more than this need two different approvers."),
    )
    payment_target_working_days = models.IntegerField(
        _("payment target in working days"),
        default=10,
        help_text=_("Claims waiting longer than this show as overdue."),
    )
    involvement_payments_enabled = models.BooleanField(
        _("involvement payments are offered"), default=False
    )
    # What a rep is paid for an hour of their time, when involvement payments
    # are offered. Never below the legal minimum (expenses.money).
    involvement_hourly_rate_pence = models.IntegerField(
        _("involvement payment per hour (pence)"), default=NATIONAL_LIVING_WAGE_PENCE
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "expense policies"
        constraints = [
            models.CheckConstraint(
                condition=Q(mileage_rate_pence__gte=0) & Q(mileage_rate_pence__lte=500),
                name="expense_policy_mileage_rate_sane",
            ),
            models.CheckConstraint(
                condition=Q(second_approval_above_pence__gte=0),
                name="expense_policy_threshold_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(payment_target_working_days__gte=1)
                & Q(payment_target_working_days__lte=60),
                name="expense_policy_target_sane",
            ),
            models.CheckConstraint(
                condition=Q(involvement_hourly_rate_pence__gte=0),
                name="expense_policy_hourly_rate_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Expense policy of {self.organisation}"


class ActivityKind(models.TextChoices):
    SURGERY = "surgery", _("A surgery")
    MEETING = "meeting", _("A meeting")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Something else")


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Not sent yet")
    SUBMITTED = "submitted", _("Waiting for approval")
    QUERIED = "queried", _("Question for you")
    APPROVED = "approved", _("Approved, waiting for payment")
    REJECTED = "rejected", _("Not approved")
    PAID = "paid", _("Paid")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CASH = "cash", _("Cash")
    VOUCHER = "voucher", _("Voucher")


class Claim(OrganisationOwned):
    """What one rep spent for one activity, and where it is on its way to payment."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="expense_claims")
    rep = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expense_claims"
    )
    # The rep themself, or a coordinator who claimed on the rep's behalf.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    activity_kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    activity_date = models.DateField()
    activity_description = models.CharField(max_length=200, blank=True)
    surgery = models.ForeignKey(
        Surgery, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default="draft")
    # The first time the claim was sent: the rep's wait is measured from here,
    # and a query does not restart the clock.
    submitted_at = models.DateTimeField(null=True, blank=True)
    first_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    first_approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    question = models.TextField(blank=True)
    rejection_reason = models.TextField(blank=True)
    paid_on = models.DateField(null=True, blank=True)
    payment_method = models.CharField(
        max_length=20, choices=PaymentMethod.choices, blank=True, default=""
    )
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount_paid_pence = models.IntegerField(null=True, blank=True)
    days_to_pay = models.IntegerField(null=True, blank=True)
    # The last overdue reminder; claimed with a conditional update so that a
    # reminder goes at most once a week, even if the task runs twice.
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The form sends a random token; the same token again is the same claim.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "status", "submitted_at"]),
            models.Index(fields=["organisation", "rep", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="paid")
                | (
                    Q(paid_on__isnull=False)
                    & ~Q(payment_method="")
                    & Q(amount_paid_pence__gte=0)
                    & Q(days_to_pay__gte=0)
                ),
                name="claim_paid_has_payment",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="claim_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="queried") | ~Q(question=""),
                name="claim_query_has_question",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="claim_sent_has_submitted_at",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "paid"]) | Q(approved_by__isnull=False),
                name="claim_approved_has_approver",
            ),
            # Separation of duties, kept by the database too: nobody approves
            # their own claim, one they made for a rep, or twice.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | (~Q(approved_by=models.F("rep")) & ~Q(approved_by=models.F("created_by"))),
                name="claim_not_approved_by_claimant",
            ),
            models.CheckConstraint(
                condition=Q(first_approved_by__isnull=True)
                | (
                    ~Q(first_approved_by=models.F("rep"))
                    & ~Q(first_approved_by=models.F("created_by"))
                    & ~Q(first_approved_by=models.F("approved_by"))
                ),
                name="claim_two_different_approvers",
            ),
        ]

    def __str__(self) -> str:
        return f"Claim {self.public_id}"

    @property
    def activity_label(self) -> str:
        return self.activity_description or str(self.get_activity_kind_display())


class ClaimStatusChange(models.Model):
    """One row per change of a claim's status: when, by whom, and why."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=ClaimStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ClaimStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.claim} {self.from_status} → {self.to_status}"


class LineKind(models.TextChoices):
    FARES = "fares", _("Bus, train or taxi fares")
    MILEAGE = "mileage", _("Mileage (driving your own car)")
    MEALS = "meals", _("Meals and drinks")
    CHILDCARE = "childcare", _("Childcare")
    PHONE = "phone", _("Phone credit")
    STAMPS = "stamps", _("Stamps")
    STATIONERY = "stationery", _("Stationery")
    OTHER = "other", _("Something else")


class ClaimLine(PublicIdModel):
    """One cost. Mileage lines keep the miles and the rate used, so the amount
    can be checked later even if the organisation changes its rate."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=20, choices=LineKind.choices)
    description = models.CharField(max_length=200, blank=True)
    miles = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    rate_pence = models.IntegerField(null=True, blank=True)
    amount_pence = models.IntegerField()
    receipt_lost = models.BooleanField(default=False)
    # The "Add a cost" form sends a random token: the same form sent again (a
    # retry on a lost connection) is the same cost, not a second one.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gte=0), name="claim_line_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(kind="mileage") | (Q(miles__gt=0) & Q(rate_pence__gte=0)),
                name="claim_line_mileage_has_miles",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_pence}p"


class Receipt(PublicIdModel):
    """A photo (re-encoded without its camera and location data) or a PDF."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    line = models.OneToOneField(ClaimLine, on_delete=models.CASCADE, related_name="receipt")
    # The file's name inside the private receipt storage (expenses.storage).
    # A plain name rather than a FileField, so that nothing can turn it into a
    # public address.
    stored_name = models.CharField(max_length=200, unique=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Receipt {self.public_id}"

    @property
    def download_name(self) -> str:
        extension = "pdf" if self.content_type == "application/pdf" else "jpg"
        return f"receipt-{self.public_id}.{extension}"


class AdvanceMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    TICKET = "ticket", _("A travel ticket")
    VOUCHER = "voucher", _("Voucher")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")


class Advance(OrganisationOwned):
    """Money or a ticket given before a journey, so a rep never pays up front.
    The rep's later claim is reconciled against it."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    rep = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expense_advances"
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    given_on = models.DateField()
    method = models.CharField(max_length=20, choices=AdvanceMethod.choices)
    amount_pence = models.IntegerField()
    activity_date = models.DateField()
    description = models.CharField(max_length=200)
    claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="advances"
    )
    reconciled_at = models.DateTimeField(null=True, blank=True)
    reconciled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gte=0), name="advance_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(claim__isnull=True) | Q(reconciled_at__isnull=False),
                name="advance_reconciled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Advance {self.public_id}"


class CouncilBudget(OrganisationOwned):
    """What a council may spend on expenses in one financial year (April to March)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    # The calendar year the financial year starts in: 2026 is April 2026 to March 2027.
    year_starting = models.PositiveSmallIntegerField()
    amount_pence = models.IntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year_starting"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year_starting"], name="budget_unique"),
            models.CheckConstraint(
                condition=Q(amount_pence__gte=0), name="budget_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"Budget of {self.council} for {self.year_starting}"
