"""What the proposals forms share: date and time inputs the browser
understands, and the field that shows feedback as evidence."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from councils.fields import PublicIdMultipleChoiceField
from surgeries.models import FeedbackItem


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)

    def format_value(self, value):
        if isinstance(value, dt.date):
            return value.isoformat()
        return value


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class IsoBoundDateMixin:
    """GOV.UK field templates print ``value`` as it is: give dates and times
    to the browser in ISO form."""

    def get_initial_for_field(self, field, field_name):
        value = super().get_initial_for_field(field, field_name)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dt.time):
            return value.strftime("%H:%M")
        return value


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        error_messages={"required": _("Enter the date."), "invalid": _("Enter a real date.")},
    )


class EvidenceChoice(PublicIdMultipleChoiceField):
    """Feedback shown by its words and when it was heard; never who said it."""

    def label_from_instance(self, obj: FeedbackItem) -> str:
        said = obj.said if len(obj.said) <= 140 else obj.said[:137] + "…"
        return f"“{said}” ({obj.theme}, {date_format(obj.received_on, 'j M Y')})"
