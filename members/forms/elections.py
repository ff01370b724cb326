"""Forms for elections: opening one, standing, the ballot, paper ballots."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from councils.fields import PublicIdChoiceField, PublicIdMultipleChoiceField
from councils.models import Council

from ..models import Election, Office


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _when(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class VotingWindowMixin:
    def clean(self):
        data = super().clean()
        if all(data.get(k) for k in ("opens_on", "opens_at", "closes_on", "closes_at")):
            data["voting_opens_at"] = _when(data["opens_on"], data["opens_at"])
            data["voting_closes_at"] = _when(data["closes_on"], data["closes_at"])
        return data


def _window_fields(form) -> None:
    today = timezone.localdate()
    form.fields["opens_on"] = forms.DateField(
        label=_("Voting opens on"), widget=DateInput(), initial=today + dt.timedelta(days=14)
    )
    form.fields["opens_at"] = forms.TimeField(
        label=_("at"), widget=TimeInput(), initial=dt.time(9, 0)
    )
    form.fields["closes_on"] = forms.DateField(
        label=_("Voting closes on"), widget=DateInput(), initial=today + dt.timedelta(days=21)
    )
    form.fields["closes_at"] = forms.TimeField(
        label=_("at"), widget=TimeInput(), initial=dt.time(17, 0)
    )


class ElectionOpenForm(VotingWindowMixin, forms.Form):
    council = PublicIdChoiceField(Council.objects.none(), label=_("Council"))
    kind = forms.ChoiceField(
        label=_("What is the election for?"),
        choices=Election.Kind.choices,
        widget=forms.RadioSelect,
    )
    office = forms.ChoiceField(
        label=_("Which office (for an office)"),
        choices=[("", _("Not an office"))] + list(Office.choices),
        required=False,
    )
    seats = forms.IntegerField(
        label=_("How many seats (for seats on the council)"), min_value=1, max_value=30, initial=1
    )
    tie_rule = forms.ChoiceField(
        label=_("If people tie for the last place"),
        choices=Election.TieRule.choices,
        widget=forms.RadioSelect,
    )
    term_months = forms.IntegerField(
        label=_("Length of the term, in months"), min_value=1, max_value=60, initial=12
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        _window_fields(self)
        for name in ("opens_on", "opens_at", "closes_on", "closes_at"):
            self.fields[name] = self.fields.pop(name)


class RerunForm(VotingWindowMixin, forms.Form):
    tie_rule = forms.ChoiceField(
        label=_("If they tie again"), choices=Election.TieRule.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _window_fields(self)
        today = timezone.localdate()
        self.fields["opens_on"].initial = today
        self.fields["opens_at"].initial = (
            timezone.localtime().time().replace(second=0, microsecond=0)
        )
        self.fields["closes_on"].initial = today + dt.timedelta(days=7)


class NominationForm(forms.Form):
    candidate = PublicIdChoiceField(None, label=_("Who is standing"))
    statement = forms.CharField(
        label=_("Why are you standing? (a few sentences, in your own words)"),
        help_text=_("Do not write names, phone numbers, addresses or dates of birth."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=600,
    )

    def __init__(self, *args, candidates, standing_self: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if standing_self:
            del self.fields["candidate"]
        else:
            self.fields["candidate"].queryset = candidates
            self.fields["candidate"].to_field_name = "public_id"
            self.fields["statement"].label = _("Their statement (in their own words)")


class WithdrawalForm(forms.Form):
    """Withdrawing a nomination. A coordinator doing it on a rep's behalf
    says why; a rep withdrawing their own just confirms."""

    reason = forms.CharField(
        label=_("Why are you withdrawing this nomination?"),
        help_text=_("For example: they told you at the meeting that they no longer want to stand."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=300,
        error_messages={"required": _("Say why you are withdrawing this nomination.")},
    )

    def __init__(self, *args, on_behalf: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not on_behalf:
            del self.fields["reason"]

    def given_reason(self) -> str:
        return self.cleaned_data.get("reason", "")


class BallotForm(forms.Form):
    def __init__(self, *args, election: Election, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        label = (
            _("Choose one person")
            if election.seats == 1
            else gettext("Choose up to %(n)s people") % {"n": election.seats}
        )
        field_class = (
            forms.ModelChoiceField if election.seats == 1 else forms.ModelMultipleChoiceField
        )
        widget = forms.RadioSelect if election.seats == 1 else forms.CheckboxSelectMultiple
        self.fields["choices"] = field_class(
            nominations,
            to_field_name="public_id",
            label=label,
            widget=widget,
            error_messages={"required": _("Choose who you are voting for.")},
        )
        self.fields["choices"].label_from_instance = lambda n: str(n.candidate)

    def chosen(self) -> list:
        value = self.cleaned_data["choices"]
        return list(value) if hasattr(value, "__iter__") else [value]


class PaperCountForm(forms.Form):
    meeting = forms.CharField(
        label=_("Where and when the ballots were counted"),
        help_text=_("For example: council meeting, 3 March, Ashford office."),
        max_length=200,
    )
    voters = PublicIdMultipleChoiceField(None, label=_("Reps who handed in a paper ballot"))

    def __init__(self, *args, voters, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voters"].queryset = voters
        self.nominations = list(nominations)
        for n in self.nominations:
            self.fields[f"votes_{n.public_id}"] = forms.IntegerField(
                label=gettext("Votes for %(name)s") % {"name": n.candidate},
                min_value=0,
                initial=0,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def votes(self) -> dict[int, int]:
        return {n.pk: self.cleaned_data[f"votes_{n.public_id}"] for n in self.nominations}
