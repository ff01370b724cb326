"""What the proposals forms share: date and time inputs the browser
understands, and the field that shows feedback as evidence."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext
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
    """Feedback shown by its theme and when it was heard, with the words a
    coordinator approved for quoting; never who said it, and never words the
    person did not agree to share."""

    def label_from_instance(self, obj: FeedbackItem) -> str:
        heard = f"({obj.theme}, {date_format(obj.received_on, 'j M Y')})"
        quote = obj.approved_quote.strip()
        if obj.consent_to_quote and obj.quote_status == FeedbackItem.QuoteStatus.APPROVED and quote:
            quote = quote if len(quote) <= 140 else quote[:137] + "…"
            return f"“{quote}” {heard}"
        return gettext("Feedback, not for quoting %(heard)s") % {"heard": heard}
