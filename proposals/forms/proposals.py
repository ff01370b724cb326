"""Forms for writing, filtering, commenting on and withdrawing proposals."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from councils.fields import PublicIdChoiceField, PublicIdMultipleChoiceField
from councils.models import Council
from councils.periods import Period, parse_quarter_key, quarter_choices
from surgeries.forms.fields import no_personal_data
from surgeries.models import Theme

from ..models import Proposal, ProposalStatus
from .common import EvidenceChoice, IsoBoundDateMixin


class ProposalForm(IsoBoundDateMixin, forms.Form):
    title = forms.CharField(
        validators=[no_personal_data],
        label=_("Title"),
        max_length=200,
        help_text=_("A few words, like ‘Customer service training for reception’."),
        error_messages={"required": _("Give the proposal a short title.")},
    )
    problem = forms.CharField(
        validators=[no_personal_data],
        label=_("You said: the problem"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("In the words of the people who raised it. No names."),
        error_messages={"required": _("Say what the problem is.")},
    )
    solution = forms.CharField(
        validators=[no_personal_data],
        label=_("What we propose"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
    )
    business_case = forms.CharField(
        validators=[no_personal_data],
        label=_("Why it is worth doing (business case)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text=_("What it would cost, who would do it, what it saves."),
    )
    cost_band = forms.ChoiceField(
        label=_("Rough cost"),
        choices=Proposal.CostBand.choices,
        widget=forms.RadioSelect,
        initial=Proposal.CostBand.UNKNOWN,
        error_messages={"required": _("Choose a rough cost.")},
    )
    benefits = forms.CharField(
        validators=[no_personal_data],
        label=_("Benefits"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text=_("For people on probation, for staff, for the service."),
    )
    theme = PublicIdChoiceField(
        Theme.objects.none(),
        label=_("Theme"),
        required=False,
        empty_label=_("Choose a theme"),
        error_messages={"invalid_choice": _("Choose a theme from the list.")},
    )
    scope = forms.ChoiceField(
        label=_("Who would the change reach?"),
        choices=Proposal.Scope.choices,
        widget=forms.RadioSelect,
        initial=Proposal.Scope.COUNCIL,
    )
    evidence_note = forms.CharField(
        validators=[no_personal_data],
        label=_("Other evidence (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("For example ‘A survey of 40 people in May: 31 said the same’."),
    )

    def __init__(self, *args, organisation, evidence_items=None, co_author_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(
            organisation=organisation, is_active=True
        )
        if evidence_items is not None:
            self.fields["evidence"] = EvidenceChoice(
                evidence_items,
                label=_("Feedback this proposal is based on"),
                required=False,
                help_text=_("Untick anything that does not belong."),
            )
        if co_author_choices is not None:
            self.fields["co_authors"] = PublicIdMultipleChoiceField(
                co_author_choices,
                label=_("Other reps writing it with you (optional)"),
                required=False,
                error_messages={"invalid_choice": _("Choose reps of this council.")},
            )

    def proposal_data(self) -> dict:
        names = [
            "title",
            "problem",
            "solution",
            "business_case",
            "cost_band",
            "benefits",
            "theme",
            "scope",
            "evidence_note",
        ]
        return {name: self.cleaned_data[name] for name in names}


class CouncilChoiceForm(forms.Form):
    council = PublicIdChoiceField(
        Council.objects.none(),
        label=_("Which council is it for?"),
        empty_label=_("Choose a council"),
        error_messages={"required": _("Choose the council.")},
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils


class CommentForm(forms.Form):
    body = forms.CharField(
        validators=[no_personal_data],
        label=_("Add a comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Write your comment.")},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        validators=[no_personal_data],
        label=_("Why are you withdrawing it?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Say why you are withdrawing it.")},
    )


class AddAuthorForm(forms.Form):
    user = PublicIdChoiceField(
        None,
        label=_("Rep to add"),
        empty_label=_("Choose a rep"),
        error_messages={
            "required": _("Choose a rep."),
            "invalid_choice": _("Choose a rep of this council."),
        },
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people


class ProposalFilterForm(forms.Form):
    council = PublicIdChoiceField(
        Council.objects.none(), required=False, empty_label=_("All councils")
    )
    theme = PublicIdChoiceField(Theme.objects.none(), required=False, empty_label=_("All themes"))
    status = forms.ChoiceField(
        required=False, choices=[("", _("Any status")), *ProposalStatus.choices]
    )
    period = forms.ChoiceField(required=False, label=_("Raised in"))

    def __init__(self, *args, councils, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["theme"].queryset = Theme.objects.filter(organisation=organisation).only(
            "public_id", "name"
        )
        self.fields["period"].choices = [("", _("Any time")), *quarter_choices()]
        if self.is_bound and self.data.get("period"):
            # Links made before quarter keys were shared said "2026-q3".
            data = self.data.copy()
            data["period"] = data["period"].upper()
            self.data = data

    # Fields whose choices are read from the database.
    LISTED = ("council", "theme")

    def listed_choices(self) -> dict[str, list[tuple[str, str]]]:
        """The councils' and themes' choices as they are shown, to be
        remembered (``use_listed_choices``)."""
        return {
            name: [(str(value), str(label)) for value, label in self.fields[name].widget.choices]
            for name in self.LISTED
        }

    def use_listed_choices(self, choices: dict[str, list[tuple[str, str]]]) -> None:
        """Show these choices (checking a chosen one still asks the database)."""
        for name in self.LISTED:
            self.fields[name].widget.choices = choices[name]

    def chosen_period(self) -> Period | None:
        """The quarter chosen, or None for any time."""
        key = self.cleaned_data.get("period") if self.is_valid() else ""
        return parse_quarter_key(key) if key else None
