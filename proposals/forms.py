"""Forms for proposals, meetings, decisions and implementation. Choices are
always limited to the organisation (and usually the council), and carry
public ids, so a tampered form is refused beside the field."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from councils.models import Council
from surgeries.models import FeedbackItem, Theme

from . import selectors
from .models import (
    AgendaItem,
    Attendance,
    Decision,
    ImplementationUpdate,
    Meeting,
    Proposal,
    ProposalStatus,
)


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
        error_messages={"required": "Enter the date.", "invalid": "Enter a real date."},
    )


class PublicIdChoice(forms.ModelChoiceField):
    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("to_field_name", "public_id")
        super().__init__(queryset, **kwargs)


class PublicIdMultipleChoice(forms.ModelMultipleChoiceField):
    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("to_field_name", "public_id")
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(queryset, **kwargs)


class EvidenceChoice(PublicIdMultipleChoice):
    """Feedback shown by its words and when it was heard; never who said it."""

    def label_from_instance(self, obj: FeedbackItem) -> str:
        said = obj.said if len(obj.said) <= 140 else obj.said[:137] + "…"
        return f"“{said}” ({obj.theme}, {obj.received_on:%-d %b %Y})"


# ---------------------------------------------------------------------------
# Proposals


class ProposalForm(IsoBoundDateMixin, forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="A few words, like ‘Customer service training for reception’.",
        error_messages={"required": "Give the proposal a short title."},
    )
    problem = forms.CharField(
        label="You said: the problem",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text="In the words of the people who raised it. No names.",
        error_messages={"required": "Say what the problem is."},
    )
    solution = forms.CharField(
        label="What we propose",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
    )
    business_case = forms.CharField(
        label="Why it is worth doing (business case)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text="What it would cost, who would do it, what it saves.",
    )
    cost_band = forms.ChoiceField(
        label="Rough cost",
        choices=Proposal.CostBand.choices,
        widget=forms.RadioSelect,
        initial=Proposal.CostBand.UNKNOWN,
        error_messages={"required": "Choose a rough cost."},
    )
    benefits = forms.CharField(
        label="Benefits",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text="For people on probation, for staff, for the service.",
    )
    theme = PublicIdChoice(
        Theme.objects.none(),
        label="Theme",
        required=False,
        empty_label="Choose a theme",
        error_messages={"invalid_choice": "Choose a theme from the list."},
    )
    scope = forms.ChoiceField(
        label="Who would the change reach?",
        choices=Proposal.Scope.choices,
        widget=forms.RadioSelect,
        initial=Proposal.Scope.COUNCIL,
    )
    evidence_note = forms.CharField(
        label="Other evidence (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text="For example ‘A survey of 40 people in May: 31 said the same’.",
    )

    def __init__(self, *args, organisation, evidence_items=None, co_author_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(
            organisation=organisation, is_active=True
        )
        if evidence_items is not None:
            self.fields["evidence"] = EvidenceChoice(
                evidence_items,
                label="Feedback this proposal is based on",
                required=False,
                help_text="Untick anything that does not belong.",
            )
        if co_author_choices is not None:
            self.fields["co_authors"] = PublicIdMultipleChoice(
                co_author_choices,
                label="Other reps writing it with you (optional)",
                required=False,
                error_messages={"invalid_choice": "Choose reps of this council."},
            )
            self.fields["co_authors"].to_field_name = "public_id"

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
    council = PublicIdChoice(
        Council.objects.none(),
        label="Which council is it for?",
        empty_label="Choose a council",
        error_messages={"required": "Choose the council."},
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Add a comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Write your comment."},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing it?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Say why you are withdrawing it."},
    )


class AddAuthorForm(forms.Form):
    user = PublicIdChoice(
        None,
        label="Rep to add",
        empty_label="Choose a rep",
        error_messages={
            "required": "Choose a rep.",
            "invalid_choice": "Choose a rep of this council.",
        },
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people


class ProposalFilterForm(forms.Form):
    council = PublicIdChoice(Council.objects.none(), required=False, empty_label="All councils")
    theme = PublicIdChoice(Theme.objects.none(), required=False, empty_label="All themes")
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *ProposalStatus.choices]
    )
    period = forms.ChoiceField(required=False, label="Raised in")

    def __init__(self, *args, councils, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["theme"].queryset = Theme.objects.filter(organisation=organisation)
        self.fields["period"].choices = [("", "Any time")] + [
            (key, label) for key, label, _, _ in quarter_choices()
        ]

    def period_dates(self) -> tuple[dt.date | None, dt.date | None]:
        key = self.cleaned_data.get("period") if self.is_valid() else ""
        for choice, _, start, end in quarter_choices():
            if choice == key:
                return start, end
        return None, None


def quarter_choices(today: dt.date | None = None, count: int = 8):
    """The current quarter and the ones before it: (key, label, start, end)."""
    today = today or timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3
    out = []
    for _ in range(count):
        start = dt.date(year, quarter * 3 + 1, 1)
        end_month = quarter * 3 + 3
        end = (
            dt.date(year + 1, 1, 1) if end_month == 12 else dt.date(year, end_month + 1, 1)
        ) - dt.timedelta(days=1)
        label = f"{start:%B} to {end:%B %Y}"
        out.append((f"{year}-q{quarter + 1}", label, start, end))
        quarter -= 1
        if quarter < 0:
            quarter, year = 3, year - 1
    return out


# ---------------------------------------------------------------------------
# Meetings


class MeetingStartForm(forms.Form):
    council = PublicIdChoice(
        Council.objects.none(),
        label="Council",
        empty_label="Choose a council",
        error_messages={"required": "Choose the council."},
    )
    kind = forms.ChoiceField(
        label="Kind of meeting",
        choices=Meeting.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a hub meeting or a council meeting."},
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils


class MeetingForm(IsoBoundDateMixin, forms.Form):
    date = date_field("Date")
    starts_at = forms.TimeField(
        label="Start time",
        widget=TimeInput(),
        error_messages={"required": "Enter the start time.", "invalid": "Enter a time like 14:00."},
    )
    venue = forms.CharField(
        label="Where",
        max_length=200,
        error_messages={"required": "Say where the meeting is."},
    )
    chair = PublicIdChoice(
        None,
        label="Chair",
        required=False,
        empty_label="Choose the chair",
        error_messages={"invalid_choice": "Choose a chair from the list."},
    )
    invited = PublicIdMultipleChoice(
        None,
        label="Who is invited",
        required=False,
        error_messages={"invalid_choice": "Choose people from the list."},
    )

    def __init__(self, *args, council: Council, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if kind == Meeting.Kind.COUNCIL:
            self.fields["chair"].queryset = selectors.chairs_for_council(council)
            self.fields["chair"].required = True
            self.fields["chair"].error_messages["required"] = "Choose who chairs the meeting."
            self.fields["chair"].help_text = "A senior chair for this council."
            self.fields["invited"].queryset = selectors.people_for_council(council)
        else:
            reps = selectors.reps_of_council(council)
            self.fields["chair"].queryset = reps
            self.fields["chair"].label = "Chair (optional)"
            self.fields["chair"].empty_label = "No chair yet"
            self.fields["invited"].queryset = reps
            self.fields["invited"].help_text = "Hub meetings are for reps only."


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        help_text="Everyone invited, and the chair, get an email with this reason.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Say why the meeting is cancelled."},
    )


class AgendaItemAddForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of item?",
        choices=[
            (AgendaItem.Kind.OTHER, "Other business"),
            (AgendaItem.Kind.PROPOSAL, "A proposal"),
        ],
        widget=forms.RadioSelect,
        initial=AgendaItem.Kind.OTHER,
    )
    title = forms.CharField(label="Title (for other business)", max_length=200, required=False)
    proposal = PublicIdChoice(
        None,
        label="Proposal",
        required=False,
        empty_label="Choose a proposal",
        error_messages={"invalid_choice": "Choose a proposal of this council."},
    )
    notes = forms.CharField(
        label="Notes (optional)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Any proposal of the organisation: the service explains if it belongs
        # to another council, rather than the form silently hiding it.
        self.fields["proposal"].queryset = Proposal.objects.filter(
            organisation=organisation
        ).select_related("council")

    def clean(self):
        data = super().clean()
        if data.get("kind") == AgendaItem.Kind.OTHER and not data.get("title"):
            self.add_error("title", "Give the item a title.")
        if data.get("kind") == AgendaItem.Kind.PROPOSAL and not data.get("proposal"):
            self.add_error("proposal", "Choose a proposal.")
        return data


class AgendaItemEditForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, required=False)
    notes = forms.CharField(
        label="Notes", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class AttendanceForm(forms.Form):
    def __init__(self, *args, people, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {}
        choices = [("", "Not recorded"), *Attendance.Status.choices]
        for person in people:
            name = f"person_{person.public_id.hex}"
            self.people[name] = person
            self.fields[name] = forms.ChoiceField(
                label=str(person),
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=current.get(person.pk, ""),
            )

    def statuses(self) -> dict:
        return {self.people[name]: value for name, value in self.cleaned_data.items()}


class MinuteForm(forms.Form):
    text = forms.CharField(
        label="Add a point to the minutes",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text="One short point, like ‘Chair agreed to ask estates about water.’",
        error_messages={"required": "Write the point."},
    )
    agenda_item = forms.ModelChoiceField(
        AgendaItem.objects.none(),
        label="About which agenda item? (optional)",
        required=False,
        to_field_name="public_id",
        empty_label="General",
    )

    def __init__(self, *args, meeting, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        if items is not None:
            self.fields["agenda_item"].choices = [("", "General")] + [
                (i.public_id, str(i)) for i in items
            ]


class ActionPointForm(IsoBoundDateMixin, forms.Form):
    description = forms.CharField(
        label="What needs doing",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Say what needs doing."},
    )
    owner = PublicIdChoice(
        None,
        label="Who will do it",
        empty_label="Choose a person",
        error_messages={
            "required": "Choose who will do it.",
            "invalid_choice": "Choose someone who works with this council.",
        },
    )
    due_on = date_field("Due by")

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.people_for_council(council)


class ActionNoteForm(forms.Form):
    note = forms.CharField(
        label="Update for this meeting",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="If nothing has happened, say so and why.",
        error_messages={"required": "Write an update. If nothing has happened, say so and why."},
    )
    close = forms.BooleanField(label="This action is done: close it", required=False)


# ---------------------------------------------------------------------------
# Decisions and implementation


class DecisionForm(IsoBoundDateMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision."},
    )
    changes_required = forms.CharField(
        label="What must change (if accepted with changes, or replaced)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    deferred_to = date_field("Comes back by (if deferred)", required=False)
    deferred_to_meeting = PublicIdChoice(
        None,
        label="Or at this council meeting (if deferred)",
        required=False,
        empty_label="No meeting chosen",
    )
    reason_category = forms.ChoiceField(
        label="Kind of reason (needed if not accepted)",
        choices=[c for c in Decision.ReasonCategory.choices if c[0]],
        widget=forms.RadioSelect,
        required=False,
    )
    reason = forms.CharField(
        label="Why, in plain English",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text="Needed if it is not accepted or deferred. The reps will read this.",
    )
    replaced_by = PublicIdChoice(
        None,
        label="Replaced by (if replaced)",
        required=False,
        empty_label="Start a new draft for the reps from this one",
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
    owner = PublicIdChoice(
        None,
        label="Who will put it in place",
        empty_label="Choose a probation lead",
        error_messages={
            "required": "Choose a probation lead.",
            "invalid_choice": "Choose a probation lead who works with this council.",
        },
    )
    target_date = date_field("Target date")

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.leads_for_council(council)


class ImplementationUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Where is it up to?",
        choices=ImplementationUpdate.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose not started, in progress or blocked."},
    )
    note = forms.CharField(
        label="What has happened",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="If nothing has happened, say so and why. The reps read every update.",
        error_messages={"required": "Say what has happened. If nothing has, say so and why."},
    )


class ImplementedForm(forms.Form):
    we_did = forms.CharField(
        label="We did",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="In plain words, for the ‘You said, we did’ poster in reception.",
        error_messages={"required": "Say in plain words what was done."},
    )


class NotImplementedForm(forms.Form):
    reason = forms.CharField(
        label="Why could it not be done?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="In plain English. The reps and the people they speak for will read this.",
        error_messages={"required": "Explain why it could not be done."},
    )
