"""Forms for decisions and for putting a proposal in place."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from councils.fields import PublicIdChoiceField
from surgeries.forms.fields import no_personal_data

from .. import selectors
from ..models import Decision, ImplementationUpdate, Meeting, Proposal, ProposalStatus
from .common import IsoBoundDateMixin, date_field

Out = Decision.Outcome

# Each outcome's own fields on the decision form, and the argument of
# ``services.decision_record`` each one fills. Outcomes share arguments (a
# deferral and a refusal both have a reason), but each has its own field, so
# that the GOV.UK conditional reveal can show one outcome's questions at a
# time, and without JavaScript every question stands under its own outcome.
OUTCOME_FIELDS: dict[str, dict[str, str]] = {
    Out.ACCEPTED: {},
    Out.ACCEPTED_WITH_CHANGES: {"changes_required": "changes_required"},
    Out.DEFERRED: {
        "deferred_to": "deferred_to",
        "deferred_to_meeting": "deferred_to_meeting",
        "deferred_reason": "reason",
    },
    Out.NOT_ACCEPTED: {"reason_category": "reason_category", "not_accepted_reason": "reason"},
    Out.REPLACED: {"replaced_by": "replaced_by", "replaced_changes": "changes_required"},
    Out.WITHDRAWN: {"withdrawn_reason": "reason"},
}

# Where a service error about an argument that is not one of the outcome's
# own goes: a replaced proposal's explanation is "what it should do
# differently" (the service accepts it as a change or a reason).
EXTRA_ERROR_FIELDS: dict[str, dict[str, str]] = {
    Out.REPLACED: {"reason": "replaced_changes"},
}

READ_BY_REPS = _("The reps, and the people who raised this idea, will read this.")


def _words(label, *, help_text=READ_BY_REPS, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        validators=[no_personal_data],
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=False,
        max_length=2000,
        help_text=help_text,
    )


class DecisionForm(IsoBoundDateMixin, forms.Form):
    """The chair's decision: the outcome, then only that outcome's questions.

    Which questions must be answered is the service's rule
    (``services.decision_record``); its errors come back beside this form's
    field for the chosen outcome. Whatever was typed under another outcome
    is kept on the page but neither checked nor saved.
    """

    outcome = forms.ChoiceField(
        label=_("What did the council decide?"),
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision.")},
        help_text=_("After you publish an acceptance, you choose who puts it in place."),
    )
    changes_required = _words(_("What must change for it to be accepted?"), rows=3)
    deferred_to = date_field(
        _("Deferred until this date"),
        required=False,
        help_text=_("Give a date or choose a later meeting."),
    )
    deferred_to_meeting = PublicIdChoiceField(
        None,
        label=_("Or deferred to this council meeting"),
        required=False,
        empty_label=_("No meeting chosen"),
    )
    deferred_reason = _words(_("Why is it deferred?"))
    reason_category = forms.ChoiceField(
        label=_("What kind of reason is it not accepted for?"),
        choices=[c for c in Decision.ReasonCategory.choices if c[0]],
        widget=forms.RadioSelect,
        required=False,
    )
    not_accepted_reason = _words(_("Why is it not accepted?"))
    replaced_by = PublicIdChoiceField(
        None,
        label=_("Which proposal replaces it?"),
        required=False,
        empty_label=_("Start a new draft for the reps from this one"),
    )
    replaced_changes = _words(_("What should the new proposal do differently?"))
    withdrawn_reason = _words(_("Why is it withdrawn? (optional)"))

    def __init__(self, *args, meeting: Meeting, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deferred_to_meeting"].queryset = Meeting.objects.filter(
            council=meeting.council,
            kind=Meeting.Kind.COUNCIL,
            date__gt=meeting.date,
            cancelled_at__isnull=True,
        )
        if not self.fields["deferred_to_meeting"].queryset.exists():
            # No later council meeting to choose: only the date is asked.
            self.fields["deferred_to_meeting"].widget = forms.HiddenInput()
            self.fields["deferred_to"].help_text = ""
        self.fields["replaced_by"].queryset = Proposal.objects.filter(
            council=meeting.council, status__in=[ProposalStatus.DRAFT, ProposalStatus.READY]
        ).exclude(pk=proposal.pk)

    @staticmethod
    def initial_from(decision: Decision | None) -> dict:
        """The form's answers for a decision already recorded."""
        if decision is None:
            return {}
        values = {
            "changes_required": decision.changes_required,
            "deferred_to": decision.deferred_to,
            "deferred_to_meeting": decision.deferred_to_meeting.public_id
            if decision.deferred_to_meeting_id
            else "",
            "reason_category": decision.reason_category,
            "reason": decision.reason,
            "replaced_by": decision.replaced_by.public_id if decision.replaced_by_id else "",
        }
        if decision.outcome == Out.REPLACED:
            # One question on the form: what it should do differently
            # (kept as a change or a reason before it had its own question).
            values["changes_required"] = "\n\n".join(
                words for words in (decision.changes_required, decision.reason) if words
            )
        initial = {"outcome": decision.outcome}
        for name, argument in OUTCOME_FIELDS.get(decision.outcome, {}).items():
            initial[name] = values[argument]
        return initial

    def clean(self):
        data = super().clean()
        # Only the chosen outcome's answers count: a date mistyped under
        # "Deferred" does not stop an acceptance.
        own = set(OUTCOME_FIELDS.get(data.get("outcome") or "", {}))
        for name in list(self._errors):
            if name not in own and name in self.fields and name != "outcome":
                del self._errors[name]
        return data

    def decision_kwargs(self) -> dict:
        data = self.cleaned_data
        outcome = data["outcome"]
        kwargs = {"outcome": outcome}
        for name, argument in OUTCOME_FIELDS[outcome].items():
            kwargs[argument] = data.get(name)
        for argument in ("changes_required", "reason", "reason_category"):
            kwargs[argument] = kwargs.get(argument) or ""
        return kwargs

    def add_service_errors(self, error: ValidationError) -> None:
        """A service error beside the field the chair answered it in."""
        outcome = self.cleaned_data.get("outcome", "")
        where = {argument: name for name, argument in OUTCOME_FIELDS.get(outcome, {}).items()}
        where = {**EXTRA_ERROR_FIELDS.get(outcome, {}), **where}
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for argument, messages in error.message_dict.items():
            name = "outcome" if argument == "outcome" else where.get(argument)
            self.add_error(name, messages)


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
