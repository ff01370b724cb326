"""Forms for surgeries and feedback. Choices of councils, sites, themes and
reps are always limited to the organisation, so a tampered form is refused
beside the field with a plain message."""

from __future__ import annotations

import datetime as dt
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from councils.models import Council, Site
from members.bands import AgeBand, Ethnicity, Gender, OrderType

from .models import FeedbackItem, Surgery, Theme
from .privacy import find_personal_data, personal_data_message
from .selectors import PERIOD_CHOICES
from .services import COUNT_MAX, NOTE_MAX, QUOTE_MAX, REASON_MAX, SAID_MAX


def new_token() -> str:
    return secrets.token_urlsafe(24)


class PublicIdChoiceField(forms.ModelChoiceField):
    """Choices carry public ids, never primary keys."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("to_field_name", "public_id")
        super().__init__(queryset, **kwargs)


class RepChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        profile = getattr(obj, "rep_profile", None)
        return f"{obj} ({profile.council.name})" if profile else str(obj)


def _no_personal_data(value: str) -> str:
    findings = find_personal_data(value or "")
    if findings:
        raise ValidationError(personal_data_message(findings))
    return value


DATE_ERRORS = {"invalid": "Enter a real date, like 21/11/2026.", "required": "Enter the date."}


class DateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"})

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", DATE_ERRORS)
        super().__init__(**kwargs)


class SurgeryForm(forms.Form):
    council = PublicIdChoiceField(
        Council.objects.none(),
        empty_label="Choose a council",
        error_messages={
            "required": "Choose the council.",
            "invalid_choice": "Choose a council you plan surgeries for.",
        },
    )
    site = PublicIdChoiceField(
        Site.objects.none(),
        empty_label="Choose a site",
        error_messages={
            "required": "Choose where the surgery is.",
            "invalid_choice": "Choose a site from this organisation.",
        },
    )
    date = DateField(label="Date")
    starts_at = forms.TimeField(
        label="Start time",
        help_text="For example 10:00",
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={
            "required": "Enter the start time.",
            "invalid": "Enter a time, like 10:00.",
        },
    )
    ends_at = forms.TimeField(
        label="End time",
        help_text="For example 12:30",
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": "Enter the end time.", "invalid": "Enter a time, like 12:30."},
    )
    reps = RepChoiceField(
        queryset=None,
        label="Reps going",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose reps of this council."},
    )
    notes = forms.CharField(
        label="Notes for the reps (optional)",
        help_text="For example which room, or who to ask for at reception.",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Notes must be {NOTE_MAX} characters or fewer."},
    )

    def __init__(self, *args, councils, sites, reps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["site"].queryset = sites
        self.fields["reps"].queryset = reps
        self.fields["reps"].to_field_name = "public_id"
        self.fields["reps"].help_text = "Only reps of the council can go. You can add them later."

    def clean_notes(self):
        return _no_personal_data(self.cleaned_data["notes"])

    @staticmethod
    def initial_for(surgery: Surgery | None, *, default_council=None) -> dict:
        if surgery is None:
            return {
                "council": default_council.public_id if default_council else "",
                "date": timezone.localdate().isoformat(),
                "starts_at": "10:00",
                "ends_at": "12:00",
            }
        return {
            "council": surgery.council.public_id,
            "site": surgery.site.public_id,
            "date": surgery.date.isoformat(),
            "starts_at": f"{surgery.starts_at:%H:%M}",
            "ends_at": f"{surgery.ends_at:%H:%M}",
            "reps": [str(r.public_id) for r in surgery.reps.all()],
            "notes": surgery.notes,
        }


class CountTapForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[("engaged", "talked"), ("declined", "said no"), ("approached", "approached")],
        error_messages={
            "required": "Choose who to count.",
            "invalid_choice": "Choose who to count.",
        },
    )
    reason = forms.CharField(
        label="Why they said no (optional)",
        required=False,
        max_length=REASON_MAX,
        error_messages={"max_length": f"Keep the reason to {REASON_MAX} characters or fewer."},
    )
    token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_reason(self):
        return _no_personal_data(self.cleaned_data["reason"])


COUNT_ERRORS = {
    "required": "Enter a number. Use 0 if nobody.",
    "invalid": "Enter a whole number, like 3.",
    "min_value": "Enter 0 or more.",
    "max_value": f"Enter a number up to {COUNT_MAX}.",
}


class CountField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(
            min_value=0,
            max_value=COUNT_MAX,
            error_messages=COUNT_ERRORS,
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            **kwargs,
        )


class SurgeryCountsForm(forms.Form):
    people_approached = CountField(label="People approached")
    people_engaged = CountField(label="People who talked")
    people_declined = CountField(label="People who said no")
    notes = forms.CharField(
        label="Notes about the surgery (optional)",
        help_text="For example, the room was not booked. No names.",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": f"Notes must be {NOTE_MAX} characters or fewer."},
    )

    def clean_notes(self):
        return _no_personal_data(self.cleaned_data["notes"])

    def clean(self):
        data = super().clean()
        approached = data.get("people_approached")
        engaged = data.get("people_engaged")
        declined = data.get("people_declined")
        if None in (approached, engaged, declined):
            return data
        if engaged > approached:
            self.add_error(
                "people_engaged",
                f"People who talked ({engaged}) cannot be more than the people "
                f"approached ({approached}).",
            )
        elif engaged + declined > approached:
            self.add_error(
                "people_declined",
                f"People who talked ({engaged}) and people who said no ({declined}) add up to "
                f"more than the people approached ({approached}).",
            )
        return data


YES_NO = [("yes", "Yes"), ("no", "No")]


class FeedbackItemForm(forms.Form):
    """One person's feedback. With ``other_channel`` it also asks for the
    council, channel, date and (optionally) site: feedback from outside a
    surgery."""

    theme = PublicIdChoiceField(
        Theme.objects.none(),
        empty_label="Choose a theme",
        error_messages={
            "required": "Choose a theme.",
            "invalid_choice": "Choose a theme from the list.",
        },
    )
    kind = forms.ChoiceField(
        label="Is it a problem, something good, or an idea?",
        choices=FeedbackItem.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether it is a problem, something good or an idea.",
            "invalid_choice": "Choose whether it is a problem, something good or an idea.",
        },
    )
    said = forms.CharField(
        label="What they said",
        help_text="Their words, as near as you can. No names, numbers or addresses.",
        max_length=SAID_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Write what the person said.",
            "max_length": f"What the person said must be {SAID_MAX} characters or fewer.",
        },
    )
    suggestion = forms.CharField(
        label="What would make it better? (optional)",
        required=False,
        max_length=SAID_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": f"What they suggest must be {SAID_MAX} characters or fewer."},
    )
    consent_to_quote = forms.ChoiceField(
        label="Are they happy for their words to be quoted, without their name?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no."},
    )
    follow_up = forms.ChoiceField(
        label="Does anything need to happen next?",
        choices=FeedbackItem.FollowUp.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose whether a follow-up is needed."},
    )
    gender = forms.ChoiceField(
        label="Gender", required=False, choices=[("", "Not asked"), *Gender.choices]
    )
    age_band = forms.ChoiceField(
        label="Age", required=False, choices=[("", "Not asked"), *AgeBand.choices]
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity", required=False, choices=[("", "Not asked"), *Ethnicity.choices]
    )
    order_type = forms.ChoiceField(
        label="Order or licence",
        required=False,
        choices=[("", "Not asked"), *OrderType.choices],
    )
    submission_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    BAND_FIELDS = ["gender", "age_band", "ethnicity", "order_type"]

    def __init__(
        self, *args, organisation, other_channel: bool = False, councils=None, item=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        themes = Theme.objects.filter(organisation=organisation, is_active=True)
        if item is not None and not item.theme.is_active:
            # A retired theme stays choosable on the items that already have it.
            themes = Theme.objects.filter(organisation=organisation).filter(
                Q(is_active=True) | Q(pk=item.theme_id)
            )
        self.fields["theme"].queryset = themes
        self.other_channel = other_channel
        if other_channel:
            self.fields["council"] = PublicIdChoiceField(
                councils,
                empty_label="Choose a council",
                error_messages={
                    "required": "Choose the council.",
                    "invalid_choice": "Choose a council you log feedback for.",
                },
            )
            self.fields["channel"] = forms.ChoiceField(
                label="Where did the feedback come from?",
                choices=[
                    c for c in FeedbackItem.Channel.choices if c[0] != FeedbackItem.Channel.SURGERY
                ],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose where the feedback came from.",
                    "invalid_choice": "Choose where the feedback came from.",
                },
            )
            self.fields["received_on"] = DateField(label="Date it was given")
            self.fields["site"] = PublicIdChoiceField(
                Site.objects.filter(organisation=organisation, is_active=True),
                label="Place (optional)",
                required=False,
                empty_label="No particular place",
                error_messages={"invalid_choice": "Choose a site from this organisation."},
            )
            self.order_fields(["council", "channel", "received_on", "site"])

    def clean_said(self):
        return _no_personal_data(self.cleaned_data["said"])

    def clean_suggestion(self):
        return _no_personal_data(self.cleaned_data["suggestion"])

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "theme": data["theme"],
            "kind": data["kind"],
            "said": data["said"],
            "suggestion": data["suggestion"],
            "consent_to_quote": data["consent_to_quote"] == "yes",
            "follow_up": data["follow_up"] or "",
            **{name: data[name] for name in self.BAND_FIELDS},
        }
        if self.other_channel:
            kwargs.update(
                council=data["council"],
                channel=data["channel"],
                received_on=data["received_on"],
                site=data["site"],
            )
        return kwargs

    @classmethod
    def initial_for_new(cls) -> dict:
        return {
            "consent_to_quote": "no",
            "follow_up": "",
            "submission_token": new_token(),
            "received_on": timezone.localdate().isoformat(),
        }

    @classmethod
    def initial_for_item(cls, item: FeedbackItem) -> dict:
        return {
            "theme": item.theme.public_id,
            "kind": item.kind,
            "said": item.said,
            "suggestion": item.suggestion,
            "consent_to_quote": "yes" if item.consent_to_quote else "no",
            "follow_up": item.follow_up,
            "received_on": item.received_on.isoformat(),
            "site": item.site.public_id if item.site_id else "",
            **{name: getattr(item, name) for name in cls.BAND_FIELDS},
        }


class FeedbackCorrectForm(FeedbackItemForm):
    """Correcting an item: the same questions, without the token. Date and
    place can change only for feedback that did not come from a surgery."""

    def __init__(self, *args, organisation, item: FeedbackItem, **kwargs):
        super().__init__(*args, organisation=organisation, item=item, **kwargs)
        del self.fields["submission_token"]
        if item.surgery_id is None:
            self.fields["received_on"] = DateField(label="Date it was given")
            self.fields["site"] = PublicIdChoiceField(
                Site.objects.filter(organisation=organisation, is_active=True),
                label="Place (optional)",
                required=False,
                empty_label="No particular place",
                error_messages={"invalid_choice": "Choose a site from this organisation."},
            )
            self.order_fields(["received_on", "site"])

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        if "received_on" in self.fields:
            kwargs["received_on"] = self.cleaned_data["received_on"]
            kwargs["site"] = self.cleaned_data["site"]
        return kwargs


class FollowUpCloseForm(forms.Form):
    note = forms.CharField(
        label="What was done?",
        help_text="For example: passed to the duty officer the same day. No names.",
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Write what was done, so the follow-up can be closed.",
            "max_length": f"The note must be {NOTE_MAX} characters or fewer.",
        },
    )

    def clean_note(self):
        return _no_personal_data(self.cleaned_data["note"])


class QuoteForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject")],
        error_messages={"required": "Choose to approve or reject the quote."},
    )
    text = forms.CharField(
        label="Words to publish",
        help_text=(
            "Remove the names of staff and anything else that could identify someone. "
            "You can write [officer] instead of a name."
        ),
        required=False,
        max_length=QUOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": f"A quote must be {QUOTE_MAX} characters or fewer."},
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "approve":
            if not data.get("text", "").strip():
                self.add_error("text", "Write the words to publish.")
            else:
                try:
                    _no_personal_data(data["text"])
                except ValidationError as error:
                    self.add_error("text", error)
        return data


class ThemeForm(forms.Form):
    name = forms.CharField(
        label="Theme name",
        max_length=100,
        error_messages={
            "required": "Enter the theme's name.",
            "max_length": "Keep the name to 100 characters or fewer.",
        },
    )


# ---------------------------------------------------------------- filters


class PeriodFields(forms.Form):
    period = forms.ChoiceField(label="Period", choices=PERIOD_CHOICES, required=False)
    date_from = DateField(label="From", required=False)
    date_to = DateField(label="To", required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        today = timezone.localdate()
        if start and end and start > end:
            self.add_error("date_to", "The end date must be on or after the start date.")
        for name in ("date_from", "date_to"):
            value = data.get(name)
            if value and value > today + dt.timedelta(days=366):
                self.add_error(name, "Choose a date in the next 12 months or earlier.")
            if value and value < dt.date(2000, 1, 1):
                self.add_error(name, "Choose a date from the year 2000 onwards.")
        if bool(start) != bool(end) and not self.errors:
            missing = "date_to" if start else "date_from"
            self.add_error(missing, "Enter both dates, or neither.")
        return data


class BoardFilterForm(PeriodFields):
    council = PublicIdChoiceField(
        Council.objects.none(),
        required=False,
        empty_label=None,
        label="Council",
        error_messages={"invalid_choice": "Choose one of your councils."},
    )
    theme = PublicIdChoiceField(
        Theme.objects.none(),
        required=False,
        empty_label="All themes",
        error_messages={"invalid_choice": "Choose a theme from the list."},
    )
    site = PublicIdChoiceField(
        Site.objects.none(),
        required=False,
        empty_label="All places",
        label="Place",
        error_messages={"invalid_choice": "Choose a place from the list."},
    )
    channel = forms.ChoiceField(
        label="Channel",
        required=False,
        choices=[("", "All channels"), *FeedbackItem.Channel.choices],
    )
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "All kinds"), *FeedbackItem.Kind.choices]
    )
    surgery = PublicIdChoiceField(
        Surgery.objects.none(),
        required=False,
        empty_label="All surgeries",
        label="Surgery",
        error_messages={"invalid_choice": "Choose a surgery from the list."},
    )

    def __init__(self, *args, councils, organisation, surgeries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["theme"].queryset = Theme.objects.filter(organisation=organisation)
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation)
        self.fields["surgery"].queryset = surgeries
        self.fields["surgery"].label_from_instance = lambda s: f"{s.date:%-d %b %Y}, {s.site.name}"
        self.order_fields(
            ["council", "period", "date_from", "date_to", "theme", "site", "channel", "kind"]
        )


class SummaryFilterForm(PeriodFields):
    council = PublicIdChoiceField(
        Council.objects.none(),
        required=False,
        empty_label="All your councils",
        label="Council",
        error_messages={"invalid_choice": "Choose one of your councils."},
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.order_fields(["council", "period", "date_from", "date_to"])
