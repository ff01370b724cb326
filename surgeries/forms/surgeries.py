"""Planning a surgery and counting the people at it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.fields import PublicIdChoiceField
from councils.models import Council, Site

from ..models import Surgery
from ..services import NOTE_MAX, REASON_MAX, count_errors
from .fields import CountField, DateField, RepChoiceField, interpolate_lazy, no_personal_data

NOTES_TOO_LONG = interpolate_lazy(
    _("Notes must be %(max)s characters or fewer."), {"max": NOTE_MAX}
)


class SurgeryForm(forms.Form):
    council = PublicIdChoiceField(
        Council.objects.none(),
        label=_("Council"),
        empty_label=_("Choose a council"),
        error_messages={
            "required": _("Choose the council."),
            "invalid_choice": _("Choose a council you plan surgeries for."),
        },
    )
    site = PublicIdChoiceField(
        Site.objects.none(),
        label=_("Site"),
        empty_label=_("Choose a site"),
        error_messages={
            "required": _("Choose where the surgery is."),
            "invalid_choice": _("Choose a site from this organisation."),
        },
    )
    date = DateField(label=_("Date"))
    starts_at = forms.TimeField(
        label=_("Start time"),
        help_text=_("For example 10:00"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={
            "required": _("Enter the start time."),
            "invalid": _("Enter a time, like 10:00."),
        },
    )
    ends_at = forms.TimeField(
        label=_("End time"),
        help_text=_("For example 12:30"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={
            "required": _("Enter the end time."),
            "invalid": _("Enter a time, like 12:30."),
        },
    )
    reps = RepChoiceField(
        queryset=None,
        label=_("Reps going"),
        help_text=_("Only reps of the council can go. You can add them later."),
        required=False,
        error_messages={"invalid_choice": _("Choose reps of this council.")},
    )
    notes = forms.CharField(
        label=_("Notes for the reps (optional)"),
        help_text=_("For example which room, or who to ask for at reception."),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": NOTES_TOO_LONG},
    )

    def __init__(self, *args, councils, sites, reps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["site"].queryset = sites
        self.fields["reps"].queryset = reps

    def clean_notes(self):
        return no_personal_data(self.cleaned_data["notes"])

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
        choices=[
            ("engaged", _("talked")),
            ("declined", _("said no")),
            ("approached", _("approached")),
            ("interested", _("wants to get involved")),
        ],
        error_messages={
            "required": _("Choose who to count."),
            "invalid_choice": _("Choose who to count."),
        },
    )
    reason = forms.CharField(
        label=_("Why they said no (optional)"),
        required=False,
        max_length=REASON_MAX,
        error_messages={
            "max_length": interpolate_lazy(
                _("Keep the reason to %(max)s characters or fewer."), {"max": REASON_MAX}
            )
        },
    )
    token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_reason(self):
        return no_personal_data(self.cleaned_data["reason"])


class SurgeryCountsForm(forms.Form):
    people_approached = CountField(label=_("People approached"))
    people_engaged = CountField(label=_("People who talked"))
    people_declined = CountField(label=_("People who said no"))
    people_interested = CountField(
        label=_("People who want to get involved"),
        help_text=_("Counted among the people who talked."),
        required=False,
    )
    # The reps' note about the numbers; the planner's note is kept apart.
    counts_note = forms.CharField(
        label=_("Your note about the numbers (optional)"),
        help_text=_("For example, the room was not booked. No names."),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": NOTES_TOO_LONG},
    )

    def clean_counts_note(self):
        return no_personal_data(self.cleaned_data["counts_note"])

    def clean(self):
        data = super().clean()
        counts = {
            name: data.get(name)
            for name in ("people_approached", "people_engaged", "people_declined")
        }
        if data.get("people_interested") is not None:
            counts["people_interested"] = data["people_interested"]
        if None not in counts.values():
            # The same rule and words as the service, beside the field.
            for name, message in count_errors(**counts).items():
                self.add_error(name, ValidationError(message))
        return data
