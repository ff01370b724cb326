"""Fields and checks shared by the surgeries forms."""

from __future__ import annotations

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from councils.fields import PublicIdMultipleChoiceField
from councils.privacy import find_personal_data, personal_data_message, require_visible_text

from ..services import COUNT_MAX


def _interpolate(message, values) -> str:
    return str(message) % values


# A message with numbers in it, translated when shown rather than when this
# module is imported (a Welsh reader gets Welsh).
interpolate_lazy = lazy(_interpolate, str)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def no_personal_data(value: str) -> str:
    require_visible_text(value)
    findings = find_personal_data(value or "")
    if findings:
        raise ValidationError(personal_data_message(findings))
    return value


DATE_ERRORS = {
    "invalid": _("Enter a real date, like 21/11/2026."),
    "required": _("Enter the date."),
}


class DateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"})

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", DATE_ERRORS)
        super().__init__(**kwargs)


class RepChoiceField(PublicIdMultipleChoiceField):
    """Reps by public id, each shown with their council."""

    def label_from_instance(self, obj) -> str:
        profile = getattr(obj, "rep_profile", None)
        return f"{obj} ({profile.council.name})" if profile else str(obj)


COUNT_ERRORS = {
    "required": _("Enter a number. Use 0 if nobody."),
    "invalid": _("Enter a whole number, like 3."),
    "min_value": _("Enter 0 or more."),
    "max_value": interpolate_lazy(_("Enter a number up to %(max)s."), {"max": COUNT_MAX}),
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
