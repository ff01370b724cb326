"""Form fields that choose records by their public id.

A form never posts a primary key: the choices carry the record's public id,
so ids in pages and URLs tell nothing about how many records exist, and a
tampered id is just "not one of the choices"."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

NOT_A_CHOICE = _("Choose one of the options shown.")


class PublicIdChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("to_field_name", "public_id")
        super().__init__(queryset, **kwargs)
        self.error_messages["invalid_choice"] = kwargs.get("error_messages", {}).get(
            "invalid_choice", NOT_A_CHOICE
        )


class PublicIdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Ticked boxes by default: easier on a phone than a multiple select."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("to_field_name", "public_id")
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(queryset, **kwargs)
        self.error_messages["invalid_choice"] = kwargs.get("error_messages", {}).get(
            "invalid_choice", NOT_A_CHOICE
        )
