"""The form for asking for an export: which table, which format, the
place and the period (the same places and periods as reports)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..forms import ReportRequestForm
from .registry import EXPORT_FORMATS, EXPORT_KINDS


class ExportRequestForm(ReportRequestForm):
    file_format = forms.ChoiceField(
        label=gettext_lazy("Which format?"),
        choices=[(key, label) for key, (_type, label) in EXPORT_FORMATS.items()],
        widget=forms.RadioSelect,
        initial="xlsx",
        error_messages={"required": gettext_lazy("Choose CSV or a spreadsheet.")},
    )

    def __init__(self, *args, **kwargs):
        from . import kinds  # noqa: F401  (registers the built-in kinds)

        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        self.fields["export_kind"] = forms.ChoiceField(
            label=_("Which table?"),
            choices=[(key, kind.label) for key, kind in EXPORT_KINDS.items()],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose which table you want.")},
        )
        self.fields["scope"].error_messages["invalid_choice"] = _(
            "Choose a place you can read reports of."
        )
        self.order_fields(["export_kind", "file_format", "scope", "period", "start", "end"])
