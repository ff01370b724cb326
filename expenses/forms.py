"""Forms for expenses. Amounts are typed in pounds and parsed to pence with
Decimal. Every error is shown beside its field, and what was typed is kept."""

from __future__ import annotations

import copy
import datetime as dt
import secrets
from decimal import Decimal
from typing import ClassVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.fields import DateInputField, PublicIdChoiceField, PublicIdMultipleChoiceField

from .models import ActivityKind, AdvanceMethod, BenefitsChoice, LineKind, PaymentMethod
from .money import BUDGET_MAX_PENCE, LINE_MAX_PENCE, pence_from_text


def new_token() -> str:
    return secrets.token_urlsafe(24)


class DateField(DateInputField):
    """Every date in expenses is one people know (when they travelled, when
    it was paid): typed as day, month and year, never picked."""

    def __init__(self, *, required_message, **kwargs):
        kwargs.setdefault("error_messages", {"required": required_message})
        super().__init__(**kwargs)


class AmountField(forms.CharField):
    """Pounds and pence as typed ('4.50', '£4.50'); cleans to whole pence."""

    def __init__(self, *, max_pence: int = LINE_MAX_PENCE, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.max_pence = max_pence
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return None
        return pence_from_text(value, max_pence=self.max_pence)


class ClaimStartForm(forms.Form):
    """Step 1: what the costs were for."""

    council = PublicIdChoiceField(None, label=_("Council"), empty_label=None)
    rep = PublicIdChoiceField(None, label=_("Which rep is this claim for?"), empty_label=None)
    activity_kind = forms.ChoiceField(
        label=_("What were the costs for?"),
        choices=ActivityKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the costs were for.")},
    )
    activity_date = DateField(
        label=_("Date of the activity"),
        past=True,
        required_message=_("Enter the date of the activity."),
    )
    activity_description = forms.CharField(
        label=_("What was it? (needed for training or something else)"),
        required=False,
        max_length=200,
    )
    surgery = PublicIdChoiceField(
        None, label=_("Which surgery? (optional)"), required=False, empty_label=_("Not a surgery")
    )
    meeting = PublicIdChoiceField(
        None, label=_("Which meeting? (optional)"), required=False, empty_label=_("Not a meeting")
    )
    submission_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, councils, reps, surgeries, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        if reps is None:
            del self.fields["rep"]
        else:
            self.fields["rep"].queryset = reps
        self.fields["surgery"].queryset = surgeries
        self.fields["meeting"].queryset = meetings
        if not surgeries.exists():
            del self.fields["surgery"]
        if not meetings.exists():
            del self.fields["meeting"]


class LineForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What did you spend money on?"),
        choices=LineKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the cost was for.")},
    )
    amount = AmountField(label=_("How much did it cost?"), required=False)
    miles = forms.DecimalField(
        label=_("How many miles did you drive? (for mileage only)"),
        required=False,
        max_digits=6,
        decimal_places=1,
        min_value=0,
        error_messages={
            "invalid": _("Enter the miles as a number, for example 12.5."),
            "min_value": _("The miles cannot be less than 0."),
            "max_digits": _("Enter 1,000 miles or fewer."),
            "max_decimal_places": _("Enter the miles with no more than 1 number after the point."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    description = forms.CharField(
        label=_("Details (optional, needed for something else)"), required=False, max_length=200
    )
    receipt = forms.FileField(label=_("Photo of the receipt, or a PDF"), required=False)
    receipt_lost = forms.BooleanField(
        label=_("I have no receipt for this (it was lost or not given)"), required=False
    )
    submission_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == LineKind.MILEAGE:
            if data.get("miles") in (None, 0) and "miles" not in self.errors:
                self.add_error("miles", _("Enter how many miles you drove."))
        elif kind and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter the amount, for example 4.50."))
        return data


class SubmitForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer to the question"), required=False, widget=forms.Textarea
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=[
            ("approve", _("Approve the claim")),
            ("query", _("Ask the rep a question")),
            ("reject", _("Do not approve the claim")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you want to do.")},
    )
    question = forms.CharField(
        label=_("Your question for the rep (if you ask one)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Why it is not approved (if you do not approve it)"),
        help_text=_("Write it so the rep understands, in a full sentence."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BatchPayForm(forms.Form):
    """Finance marks what it paid, with the date and how: one form for claims
    and for involvement payments, each with its own list (never mixed). The
    list's field comes first and is named by ``chosen_field``."""

    chosen_field: ClassVar[str]
    chosen_label: ClassVar[str]
    chosen_required: ClassVar[str]
    method_required: ClassVar[str]

    paid_on = DateField(
        label=_("Date of payment"), past=True, required_message=_("Enter the date of payment.")
    )
    method = forms.ChoiceField(
        label=_("How was it paid?"), choices=PaymentMethod.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, chosen, **kwargs):
        kwargs.setdefault("initial", {"paid_on": timezone.localdate().isoformat()})
        super().__init__(*args, **kwargs)
        field = PublicIdMultipleChoiceField(
            chosen, label=self.chosen_label, error_messages={"required": self.chosen_required}
        )
        field.label_from_instance = lambda row: row.public_id
        self.fields = {self.chosen_field: field, **self.fields}
        self.fields["method"].error_messages["required"] = self.method_required


class PayForm(BatchPayForm):
    chosen_field = "claims"
    chosen_label = _("Claims paid")
    chosen_required = _("Choose at least one claim to mark as paid.")
    method_required = _("Choose how the claims were paid.")


class AdvanceForm(forms.Form):
    council = PublicIdChoiceField(None, label=_("Council"), empty_label=None)
    rep = PublicIdChoiceField(None, label=_("Rep"), empty_label=None)
    amount = AmountField(label=_("Amount or value of the ticket"))
    method = forms.ChoiceField(
        label=_("How was it given?"),
        choices=AdvanceMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the advance was given.")},
    )
    given_on = DateField(
        label=_("Date it was given"),
        past=True,
        required_message=_("Enter the date the advance was given."),
    )
    activity_date = DateField(
        label=_("Date of the journey or activity"),
        required_message=_("Enter the date of the journey or activity."),
    )
    description = forms.CharField(label=_("What is it for?"), max_length=200)

    def __init__(self, *args, councils, reps, **kwargs):
        kwargs.setdefault("initial", {"given_on": timezone.localdate().isoformat()})
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["rep"].queryset = reps


class ReconcileForm(forms.Form):
    advance = PublicIdChoiceField(None, label=_("Advance to set against this claim"))

    def __init__(self, *args, advances, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advance"].queryset = advances


class PolicyForm(forms.Form):
    mileage_rate_pence = forms.IntegerField(
        label=_("Mileage rate in pence per mile"), min_value=0, max_value=500
    )
    second_approval_above = AmountField(
        label=_("Claims above this amount need a second approver (in pounds)")
    )
    payment_target_working_days = forms.IntegerField(
        label=_("Pay claims within this many working days"),
        min_value=1,
        max_value=60,
        help_text=_(
            "Working days are Monday to Friday, not counting bank holidays in England and Wales."
        ),
    )
    involvement_payments_enabled = forms.BooleanField(
        label=_("Offer involvement payments (payments for reps’ time)"), required=False
    )
    involvement_hourly_rate = AmountField(
        label=_("Involvement payment per hour (in pounds)"),
        help_text=_("At least the National Living Wage."),
        required=False,
    )


class AdviceForm(forms.Form):
    """A coordinator records that a rep was offered independent benefits advice."""

    offered_on = DateField(
        label=_("Date the advice was offered"),
        past=True,
        required_message=_("Enter the date the advice was offered."),
    )
    choice = forms.ChoiceField(
        label=_("What did the rep choose?"),
        choices=BenefitsChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the rep chose.")},
    )
    wants_payment = forms.ChoiceField(
        label=_("Does the rep want to be paid for their time? (optional)"),
        choices=[("", _("They did not say")), ("yes", _("Yes")), ("no", _("No"))],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"offered_on": timezone.localdate().isoformat()})
        super().__init__(*args, **kwargs)

    def clean_wants_payment(self):
        return {"yes": True, "no": False}.get(self.cleaned_data.get("wants_payment"))


class InvolvementPaymentForm(forms.Form):
    council = PublicIdChoiceField(None, label=_("Council"), empty_label=None)
    activity_date = DateField(
        label=_("Date of the activity"),
        past=True,
        required_message=_("Enter the date of the activity."),
    )
    description = forms.CharField(label=_("What was the time for?"), max_length=200)
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=Decimal("0.01"),
        max_digits=4,
        decimal_places=2,
        error_messages={
            "required": _("Enter how many hours, for example 2.5."),
            "invalid": _("Enter how many hours, for example 2.5."),
            "min_value": _("Enter how many hours, for example 2.5."),
            "max_digits": _("Enter 24 hours or fewer."),
            "max_whole_digits": _("Enter 24 hours or fewer."),
            "max_decimal_places": _("Enter the hours with no more than 2 numbers after the point."),
        },
    )

    def __init__(self, *args, councils, **kwargs):
        kwargs.setdefault("initial", {"activity_date": timezone.localdate().isoformat()})
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["hours"].widget.attrs.update({"inputmode": "decimal"})


class InvolvementPayForm(BatchPayForm):
    chosen_field = "payments"
    chosen_label = _("Payments paid")
    chosen_required = _("Choose at least one payment.")
    method_required = _("Choose how it was paid.")


class InvolvementCorrectForm(forms.Form):
    """Put right a payment for time recorded wrongly, saying why."""

    activity_date = DateField(
        label=_("Date of the activity"),
        past=True,
        required_message=_("Enter the date of the activity."),
    )
    description = forms.CharField(label=_("What was the time for?"), max_length=200)
    hours = copy.deepcopy(InvolvementPaymentForm.base_fields["hours"])
    reason = forms.CharField(
        label=_("What was wrong?"),
        help_text=_("Write it in a full sentence. It is kept with the payment."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say why, so that anyone reading the record later understands.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].widget.attrs.update({"inputmode": "decimal"})


class ReasonForm(forms.Form):
    """A reason in a full sentence: to cancel a payment, or record it as paid in error."""

    reason = forms.CharField(
        label=_("Why?"),
        help_text=_("Write it in a full sentence. It is kept with the payment."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say why, so that anyone reading the record later understands.")
        },
    )


def financial_year_label(year: int) -> str:
    return _("April %(start)s to March %(end)s") % {"start": year, "end": year + 1}


class BudgetForm(forms.Form):
    """A council's budget for one financial year (April to March)."""

    council = PublicIdChoiceField(None, label=_("Council"), empty_label=None)
    year = forms.TypedChoiceField(label=_("Financial year"), coerce=int)
    amount = AmountField(
        label=_("Budget for the year (in pounds)"),
        max_pence=BUDGET_MAX_PENCE,
        help_text=_("For example 1500.00. Enter 0 if there is no money for expenses."),
    )

    def __init__(self, *args, councils, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["year"].choices = [(y, financial_year_label(y)) for y in years]


def financial_year_of(day: dt.date) -> int:
    """The calendar year the financial year (April to March) of ``day`` starts in."""
    return day.year if day.month >= 4 else day.year - 1
