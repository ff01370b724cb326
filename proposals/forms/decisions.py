"""Forms for decisions and for putting a proposal in place."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from councils.fields import PublicIdChoiceField
from surgeries.forms.fields import no_personal_data

from .. import selectors
from ..models import Decision, ImplementationUpdate, Meeting, Proposal, ProposalStatus
from .common import IsoBoundDateMixin, date_field


class DecisionForm(IsoBoundDateMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision.")},
    )
    changes_required = forms.CharField(
        validators=[no_personal_data],
        label=_("What must change (if accepted with changes, or replaced)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    deferred_to = date_field(_("Comes back by (if deferred)"), required=False)
    deferred_to_meeting = PublicIdChoiceField(
        None,
        label=_("Or at this council meeting (if deferred)"),
        required=False,
        empty_label=_("No meeting chosen"),
    )
    reason_category = forms.ChoiceField(
        label=_("Kind of reason (needed if not accepted)"),
        choices=[c for c in Decision.ReasonCategory.choices if c[0]],
        widget=forms.RadioSelect,
        required=False,
    )
    reason = forms.CharField(
        validators=[no_personal_data],
        label=_("Why, in plain English"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text=_("Needed if it is not accepted or deferred. The reps will read this."),
    )
    replaced_by = PublicIdChoiceField(
        None,
        label=_("Replaced by (if replaced)"),
        required=False,
        empty_label=_("Start a new draft for the reps from this one"),
    )

    def __init__(self, *args, meeting: Meeting, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deferred_to_meeting"].queryset = Meeting.objects.filter(
            council=meeting.council,
            kind=Meeting.Kind.COUNCIL,
            date__gt=meeting.date,
            cancelled_at__isnull=True,
        )
        self.fields["replaced_by"].queryset = Proposal.objects.filter(
            council=meeting.council, status__in=[ProposalStatus.DRAFT, ProposalStatus.READY]
        ).exclude(pk=proposal.pk)

    def decision_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "changes_required": data["changes_required"],
            "deferred_to": data["deferred_to"],
            "deferred_to_meeting": data["deferred_to_meeting"],
            "reason_category": data["reason_category"],
            "reason": data["reason"],
            "replaced_by": data["replaced_by"],
        }


class OwnerForm(IsoBoundDateMixin, forms.Form):
    owner = PublicIdChoiceField(
        None,
        label=_("Who will put it in place"),
        empty_label=_("Choose a probation lead"),
        error_messages={
            "required": _("Choose a probation lead."),
            "invalid_choice": _("Choose a probation lead who works with this council."),
        },
    )
    target_date = date_field(_("Target date"))

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.leads_for_council(council)


class ImplementationUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Where is it up to?"),
        choices=ImplementationUpdate.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose not started, in progress or blocked.")},
    )
    note = forms.CharField(
        validators=[no_personal_data],
        label=_("What has happened"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("If nothing has happened, say so and why. The reps read every update."),
        error_messages={"required": _("Say what has happened. If nothing has, say so and why.")},
    )


class ImplementedForm(forms.Form):
    we_did = forms.CharField(
        validators=[no_personal_data],
        label=_("We did"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("In plain words, for the ‘You said, we did’ poster in reception."),
        error_messages={"required": _("Say in plain words what was done.")},
    )


class NotImplementedForm(forms.Form):
    reason = forms.CharField(
        validators=[no_personal_data],
        label=_("Why could it not be done?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("In plain English. The reps and the people they speak for will read this."),
        error_messages={"required": _("Explain why it could not be done.")},
    )
