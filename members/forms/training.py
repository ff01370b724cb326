"""Forms for training: courses, sessions, attendance, and a rep's own words."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from councils.fields import PublicIdMultipleChoiceField

from ..models import Course
from .elections import DateInput


class CourseForm(forms.Form):
    name = forms.CharField(label=_("Course name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind of course"), choices=Course.Kind.choices)
    hours = forms.DecimalField(
        label=_("Length in hours"), min_value=0.5, max_value=99, decimal_places=1
    )
    description = forms.CharField(
        label=_("What it covers (printed on the certificate)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class TrainingSessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    place = forms.CharField(label=_("Where"), max_length=200)
    trainer = forms.CharField(label=_("Who ran it"), max_length=150)


class AttendanceForm(forms.Form):
    people = PublicIdMultipleChoiceField(None, label=_("Reps who came"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people


class InvolvementStatementForm(forms.Form):
    text = forms.CharField(
        label=_("In your own words (optional)"),
        help_text=_(
            "A few sentences about what you did and what you learned. It is printed on"
            " your record. Do not write names, phone numbers, addresses or dates of birth."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=800,
        required=False,
    )
