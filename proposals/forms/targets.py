"""Forms for a new target date (asked by the owner, answered by a chair) and
for milestones."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from surgeries.forms.fields import no_personal_data

from .common import IsoBoundDateMixin, date_field


class TargetDateRequestForm(IsoBoundDateMixin, forms.Form):
    new_target_date = date_field(_("The new target date you ask for"))
    reason = forms.CharField(
        validators=[no_personal_data],
        label=_("Why you need a new target date"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("The chair reads this, and the reps see it on the proposal."),
        error_messages={"required": _("Say why you need a new target date.")},
    )


class TargetDateAnswerForm(forms.Form):
    agree = forms.ChoiceField(
        label=_("Do you agree to the new target date?"),
        choices=[("yes", _("Yes, agree")), ("no", _("No, keep the target date"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    answer = forms.CharField(
        validators=[no_personal_data],
        label=_("Your reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("The lead reads this, and the reps see it on the proposal."),
        error_messages={"required": _("Say why, so the lead knows.")},
    )


class MilestoneForm(IsoBoundDateMixin, forms.Form):
    title = forms.CharField(
        validators=[no_personal_data],
        label=_("Milestone"),
        max_length=200,
        help_text=_("A step on the way, in plain words. The reps see it."),
        error_messages={"required": _("Say what the milestone is.")},
    )
    due_on = date_field(_("Due"))
