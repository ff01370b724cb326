"""Forms for meetings: scheduling, cancelling, the agenda, attendance,
minutes and action points."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.fields import PublicIdChoiceField, PublicIdMultipleChoiceField
from councils.models import Council
from councils.periods import day_label
from members.access import may_see_access_needs_in
from members.needs import needs_of_people
from surgeries.forms.fields import no_personal_data

from .. import selectors
from ..models import AgendaItem, Attendance, Meeting
from ..models.meetings import usual_papers_due
from .common import IsoBoundDateMixin, TimeInput, date_field


class MeetingStartForm(forms.Form):
    council = PublicIdChoiceField(
        Council.objects.none(),
        label=_("Council"),
        empty_label=_("Choose a council"),
        error_messages={"required": _("Choose the council.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of meeting"),
        choices=Meeting.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a hub meeting or a council meeting.")},
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils


class PeopleWithRolesField(PublicIdMultipleChoiceField):
    """Each person with their roles for the council and the scope of each
    ("Chair – Whole organisation"), so whoever plans a meeting knows who is
    who (issue 15)."""

    # The support each person needs (members.needs), by user id: set by
    # the form only for someone who may see it (a coordinator of the council).
    needs: dict = {}

    def label_from_instance(self, obj) -> str:
        roles = getattr(obj, "council_roles", None)
        label = str(obj)
        if roles:
            described = "; ".join(f"{a.get_role_display()} – {a.scope_label}" for a in roles)
            label = f"{obj} ({described})"
        person_needs = self.needs.get(obj.pk)
        if person_needs:
            label += " – " + _("needs: %(needs)s") % {"needs": ", ".join(person_needs.tags)}
        return label


class MeetingForm(IsoBoundDateMixin, forms.Form):
    date = date_field(_("Date"))
    starts_at = forms.TimeField(
        label=_("Start time"),
        widget=TimeInput(),
        error_messages={
            "required": _("Enter the start time."),
            "invalid": _("Enter a time like 14:00."),
        },
    )
    venue = forms.CharField(
        label=_("Where"),
        max_length=200,
        error_messages={"required": _("Say where the meeting is.")},
    )
    chair = PublicIdChoiceField(
        None,
        label=_("Chair"),
        required=False,
        empty_label=_("Choose the chair"),
        error_messages={"invalid_choice": _("Choose a chair from the list.")},
    )
    invited = PeopleWithRolesField(
        None,
        label=_("Who is invited"),
        required=False,
        error_messages={"invalid_choice": _("Choose people from the list.")},
    )

    papers_due = date_field(
        _("When are papers due? (optional)"),
        required=False,
        help_text=_("Leave empty for the usual number of days before the meeting."),
    )

    def __init__(self, *args, council: Council, kind: str, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        if kind == Meeting.Kind.COUNCIL:
            self.fields["chair"].queryset = selectors.chairs_for_council(council)
            self.fields["chair"].required = True
            self.fields["chair"].error_messages["required"] = _("Choose who chairs the meeting.")
            self.fields["chair"].help_text = _("A senior chair for this council.")
            self.fields["invited"].queryset = selectors.people_for_council_with_roles(council)
        else:
            reps = selectors.reps_of_council(council)
            self.fields["chair"].queryset = reps
            self.fields["chair"].label = _("Chair (optional)")
            self.fields["chair"].empty_label = _("No chair yet")
            self.fields["invited"].queryset = reps
            self.fields["invited"].help_text = _("Hub meetings are for reps only.")
        if viewer is not None and may_see_access_needs_in(viewer, council):
            # Issue: needs recorded but not acted on. Whoever plans the
            # meeting sees who needs an interpreter or papers in another
            # format as they choose who to invite.
            self.fields["invited"].needs = needs_of_people(
                viewer=viewer,
                organisation=council.organisation,
                user_ids=self.fields["invited"].queryset.values("pk"),
            )
            if self.fields["invited"].needs:
                hint = _("The support a person needs is after their name.")
                before = self.fields["invited"].help_text
                self.fields["invited"].help_text = f"{before} {hint}" if before else hint

    def clean(self):
        data = super().clean()
        date, papers_due = data.get("date"), data.get("papers_due")
        planned_before = self.initial.get("date")
        if date and papers_due is None and str(date) != str(planned_before or ""):
            usual = usual_papers_due(date, self.council.organisation)
            if usual < timezone.localdate() <= date:
                # Issue 15: a meeting nine days ahead saved "papers are due"
                # on a day already gone. Say so, and let the coordinator choose.
                self.add_error(
                    "papers_due",
                    _(
                        "Papers would usually be due on %(day)s, which has passed. "
                        "Enter the date papers are due, or choose a later meeting date."
                    )
                    % {"day": day_label(usual)},
                )
        if date and papers_due and papers_due > date:
            self.add_error(
                "papers_due", _("Papers must be due on or before the day of the meeting.")
            )
        return data


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        validators=[no_personal_data],
        label=_("Why is the meeting cancelled?"),
        help_text=_("Everyone invited, and the chair, get an email with this reason."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Say why the meeting is cancelled.")},
    )


class AgendaItemAddForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of item?"),
        choices=[
            (AgendaItem.Kind.OTHER, _("Other business")),
            (AgendaItem.Kind.PROPOSAL, _("A proposal")),
        ],
        widget=forms.RadioSelect,
        initial=AgendaItem.Kind.OTHER,
    )
    title = forms.CharField(
        validators=[no_personal_data],
        label=_("Title (for other business)"),
        max_length=200,
        required=False,
    )
    proposal = PublicIdChoiceField(
        None,
        label=_("Proposal"),
        required=False,
        empty_label=_("Choose a proposal"),
        error_messages={
            "invalid_choice": _(
                "Choose one of the proposals in the list. "
                "Only proposals at the right stage for this meeting can be added."
            )
        },
    )
    notes = forms.CharField(
        validators=[no_personal_data],
        label=_("Notes (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, addable, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the agenda can take (proposals_addable_to_agenda): a
        # list that offers drafts and withdrawn proposals, then refuses them,
        # wastes the coordinator's time.
        self.fields["proposal"].queryset = addable

    def clean(self):
        data = super().clean()
        if data.get("kind") == AgendaItem.Kind.OTHER and not data.get("title"):
            self.add_error("title", _("Give the item a title."))
        if data.get("kind") == AgendaItem.Kind.PROPOSAL and not data.get("proposal"):
            self.add_error("proposal", _("Choose a proposal."))
        return data


class AgendaItemEditForm(forms.Form):
    title = forms.CharField(
        validators=[no_personal_data], label=_("Title"), max_length=200, required=False
    )
    notes = forms.CharField(
        validators=[no_personal_data],
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class AttendanceForm(forms.Form):
    def __init__(self, *args, people, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {}
        choices = [("", _("Not recorded")), *Attendance.Status.choices]
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
        validators=[no_personal_data],
        label=_("Add a point to the minutes"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("One short point, like ‘Chair agreed to ask estates about water.’"),
        error_messages={"required": _("Write the point.")},
    )
    agenda_item = PublicIdChoiceField(
        AgendaItem.objects.none(),
        label=_("About which agenda item? (optional)"),
        required=False,
        empty_label=_("General"),
    )

    def __init__(self, *args, meeting, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        if items is not None:
            self.fields["agenda_item"].choices = [("", _("General"))] + [
                (i.public_id, str(i)) for i in items
            ]


class ActionPointForm(IsoBoundDateMixin, forms.Form):
    description = forms.CharField(
        validators=[no_personal_data],
        label=_("What needs doing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Say what needs doing.")},
    )
    owner = PublicIdChoiceField(
        None,
        label=_("Who will do it"),
        empty_label=_("Choose a person"),
        error_messages={
            "required": _("Choose who will do it."),
            "invalid_choice": _("Choose someone who works with this council."),
        },
    )
    due_on = date_field(_("Due by"))

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.people_for_council(council)


class ActionNoteForm(forms.Form):
    note = forms.CharField(
        validators=[no_personal_data],
        label=_("Update for this meeting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("If nothing has happened, say so and why."),
        error_messages={"required": _("Write an update. If nothing has happened, say so and why.")},
    )
    close = forms.BooleanField(label=_("This action is done: close it"), required=False)
