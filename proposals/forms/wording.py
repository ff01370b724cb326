"""The coordinator's answer about one part of a proposal's words."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from surgeries.forms.fields import no_personal_data


class WordingForm(forms.Form):
    """Approve the words (as they stand, or edited), or send them back."""

    APPROVE = "approve"
    SEND_BACK = "send_back"

    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)
    text = forms.CharField(
        label=_("Words to publish"),
        help_text=_(
            "Change them if you need to, for example to take out a name. "
            "These exact words will be printed."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
        validators=[no_personal_data],
    )
    note = forms.CharField(
        label=_("If you send the words back, say what should change"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        validators=[no_personal_data],
    )
    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (SEND_BACK, _("Send back"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose whether to approve or send back.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.APPROVE and not data.get("text", "").strip():
            self.add_error("text", _("Write the words to publish."))
        if data.get("decision") == self.SEND_BACK and not data.get("note", "").strip():
            self.add_error("note", _("Say what should change before you send the words back."))
        return data
