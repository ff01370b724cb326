"""Forms for the reps' journey. They parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.fields import DateInputField, PublicIdChoiceField
from councils.models import Council, Site

from ..bands import AgeBand, Ethnicity, Gender
from ..models import (
    CheckIn,
    EligibilityDecision,
    LicenceCondition,
    Referral,
    RepProfile,
    SuitabilityDecision,
)
from ..models.reps import SHORT_TEXT

DATE_ERRORS = {
    "invalid": _("Enter a real date, like 21/11/2026."),
    "required": _("Enter the date."),
}
NO_OFFENCE_DETAILS = _("A decision in a few words. Never details of an offence.")


class DateField(forms.DateField):
    """The browser's date picker, for a date chosen near today (a review).
    Dates people know are typed in a GOV.UK date input (DateInputField)."""

    # ISO in the value: what a date input shows and sends, in every language.
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", DATE_ERRORS)
        super().__init__(**kwargs)


def _today() -> str:
    # The field template shows the initial value as it is: ISO for a date input.
    return timezone.localdate().isoformat()


def _radios(choices, **kwargs):
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **kwargs)


class ReferralForm(forms.Form):
    name = forms.CharField(label=_("Their name"), max_length=150)
    council = PublicIdChoiceField(
        Council.objects.none(),
        label=_("Council"),
        required=False,
        empty_label=_("Not decided yet"),
    )
    source = _radios(
        Referral.Source.choices,
        label=_("Where the referral came from"),
        error_messages={"required": _("Choose where the referral came from.")},
    )
    how_to_reach = forms.CharField(
        label=_("How to reach them"),
        help_text=_("A phone number, an address, or through their probation officer."),
        max_length=SHORT_TEXT,
    )
    contact_preference = forms.ChoiceField(
        label=_("How they would like to be contacted (optional)"),
        choices=[("", _("Not known"))] + list(RepProfile.ContactPreference.choices),
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        help_text=_("For example, the best time to call. Never details of an offence."),
        max_length=SHORT_TEXT,
        required=False,
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils


class ReferralStatusForm(forms.Form):
    status = _radios(
        Referral.Status.choices,
        label=_("What happened"),
        error_messages={"required": _("Choose what happened.")},
    )


class RepStatusForm(forms.Form):
    status = _radios(
        [],
        label=_("New status"),
        error_messages={"required": _("Choose a status.")},
    )
    changed_on = DateInputField(
        label=_("From"),
        name=_("The date of the new status"),
        past=True,
        initial=_today,
        error_messages={"required": _("Enter the date of the new status.")},
    )
    moved_on_to = forms.CharField(
        label=_("Where they moved on to (optional)"),
        help_text=_("In a few words, if they want: for example, a college course or a job."),
        max_length=100,
        required=False,
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in RepProfile.Status.choices if value in statuses
        ]


class OrderEndForm(forms.Form):
    order_ends_on = DateInputField(
        label=_("When their order or licence ends, or ended"),
        name=_("The end date of the order or licence"),
        help_text=_("The date only. Never what the order was for."),
        required=False,
    )


class EligibilityDecisionForm(forms.Form):
    decision = _radios(
        EligibilityDecision.Decision.choices,
        label=_("What happens as their eligibility ends"),
        error_messages={"required": _("Choose what happens next.")},
    )
    decided_on = DateInputField(
        label=_("Date of the decision"),
        past=True,
        initial=_today,
        error_messages={"required": _("Enter the date of the decision.")},
    )


class SuitabilityForm(forms.Form):
    decision = _radios(
        SuitabilityDecision.Decision.choices,
        label=_("Decision"),
        error_messages={"required": _("Choose a decision.")},
    )
    decided_on = DateInputField(
        label=_("Date of the decision"),
        past=True,
        initial=_today,
        error_messages={"required": _("Enter the date of the decision.")},
    )
    review_on = DateField(
        label=_("Review date"), help_text=_("Needed when the decision is deferred."), required=False
    )
    reason = forms.CharField(
        label=_("Short reason (optional)"),
        help_text=NO_OFFENCE_DETAILS,
        max_length=SHORT_TEXT,
        required=False,
    )


class LicenceConditionForm(forms.Form):
    kind = _radios(
        LicenceCondition.Kind.choices,
        label=_("What the condition limits"),
        error_messages={"required": _("Choose what the condition limits.")},
    )
    site = PublicIdChoiceField(
        Site.objects.none(), label=_("Site (for 'not at a site')"), required=False
    )
    council = PublicIdChoiceField(
        Council.objects.none(), label=_("Council (for 'not with a council')"), required=False
    )
    description = forms.CharField(
        label=_("In a few words (for a group or something else)"),
        help_text=_("What they may not do, never why."),
        max_length=SHORT_TEXT,
        required=False,
    )
    ends_on = DateInputField(
        label=_("Ends on (optional)"), name=_("The end date of the condition"), required=False
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation)
        self.fields["council"].queryset = Council.objects.filter(organisation=organisation)


class BoundariesForm(forms.Form):
    signed_on = DateInputField(
        label=_("Date the boundaries agreement was signed"),
        past=True,
        initial=_today,
        error_messages={"required": _("Enter the date the boundaries agreement was signed.")},
    )


class CheckInForm(forms.Form):
    held_on = DateInputField(
        label=_("Date of the check-in"),
        past=True,
        initial=_today,
        error_messages={"required": _("Enter the date of the check-in.")},
    )
    how_it_went = _radios(
        CheckIn.HowItWent.choices,
        label=_("How it went"),
        error_messages={"required": _("Choose how it went.")},
    )
    notes = forms.CharField(label=_("Notes (optional)"), max_length=SHORT_TEXT, required=False)
    action = forms.CharField(
        label=_("Any action (optional)"), max_length=SHORT_TEXT, required=False
    )


def _optional_band(choices, label):
    return _radios(
        [("", _("I would rather not answer"))] + list(choices.choices),
        label=label,
        required=False,
    )


class MyDetailsForm(forms.Form):
    gender = _optional_band(Gender, _("Gender (optional)"))
    age_band = _optional_band(AgeBand, _("Age (optional)"))
    ethnicity = _optional_band(Ethnicity, _("Ethnic group (optional)"))
    contact_preference = _radios(
        RepProfile.ContactPreference.choices,
        label=_("How would you like to hear from us?"),
        error_messages={"required": _("Choose how you would like to hear from us.")},
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an email address like name@example.org.")},
    )
    address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    access_needs = forms.MultipleChoiceField(
        label=_("Support you need (optional)"),
        choices=RepProfile.AccessNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Tick any that help you take part. Your coordinator uses this to book "
            "an interpreter, send papers you can read, or sort out childcare. "
            "Other reps do not see it. You can change it at any time."
        ),
    )
    accessibility_needs = forms.CharField(
        label=_("Anything else that helps you take part (optional)"),
        max_length=500,
        required=False,
        help_text=_("For example: a room you can get into with a wheelchair, or a quiet seat."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
