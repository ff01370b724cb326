"""Logging and correcting feedback; closing follow-ups; checking quotes;
naming themes."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.fields import DateInputField, PublicIdChoiceField
from councils.models import Site
from members.bands import AgeBand, Ethnicity, Gender, OrderType

from ..models import FeedbackItem, Theme
from ..services import NOTE_MAX, QUOTE_MAX, SAID_MAX, SIGNPOSTED_OTHER_MAX, THEME_NAME_MAX
from .fields import interpolate_lazy, new_token, no_personal_data

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
NOT_ASKED = ("", _("Not asked"))
KIND_ERROR = _("Choose whether it is a problem, something good or an idea.")


def _given_on_field() -> DateInputField:
    # A date the rep knows (when the form or the call came in): typed, not picked.
    return DateInputField(
        label=_("Date it was given"),
        name=_("The date it was given"),
        past=True,
        error_messages={"required": _("Enter the date it was given.")},
    )


def _site_field(organisation) -> PublicIdChoiceField:
    return PublicIdChoiceField(
        Site.objects.filter(organisation=organisation, is_active=True),
        label=_("Place (optional)"),
        required=False,
        empty_label=_("No particular place"),
        error_messages={"invalid_choice": _("Choose a site from this organisation.")},
    )


class FeedbackItemForm(forms.Form):
    """One person's feedback. With ``other_channel`` it also asks for the
    council, channel, date and (optionally) site: feedback from outside a
    surgery."""

    theme = PublicIdChoiceField(
        Theme.objects.none(),
        label=_("Theme"),
        empty_label=_("Choose a theme"),
        error_messages={
            "required": _("Choose a theme."),
            "invalid_choice": _("Choose a theme from the list."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Is it a problem, something good, or an idea?"),
        choices=FeedbackItem.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": KIND_ERROR, "invalid_choice": KIND_ERROR},
    )
    said = forms.CharField(
        label=_("What they said"),
        help_text=_("Their words, as near as you can. No names, numbers or addresses."),
        max_length=SAID_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write what the person said."),
            "max_length": interpolate_lazy(
                _("What the person said must be %(max)s characters or fewer."), {"max": SAID_MAX}
            ),
        },
    )
    suggestion = forms.CharField(
        label=_("What would make it better? (optional)"),
        required=False,
        max_length=SAID_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": interpolate_lazy(
                _("What they suggest must be %(max)s characters or fewer."), {"max": SAID_MAX}
            )
        },
    )
    consent_to_quote = forms.ChoiceField(
        label=_("Are they happy for their words to be quoted, without their name?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    follow_up = forms.ChoiceField(
        label=_("Does anything need to happen next?"),
        choices=FeedbackItem.FollowUp.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose whether a follow-up is needed.")},
    )
    # In a closed "Where you signposted them" section, both optional.
    signposted_to = forms.ChoiceField(
        label=_("Where to?"),
        required=False,
        choices=[("", _("Choose where")), *FeedbackItem.SignpostedTo.choices],
        error_messages={"invalid_choice": _("Choose from the list, or leave it blank.")},
    )
    signposted_to_other = forms.CharField(
        label=_("If somewhere else, where?"),
        help_text=_("For example, a food bank. No names of people."),
        required=False,
        max_length=SIGNPOSTED_OTHER_MAX,
        error_messages={
            "max_length": interpolate_lazy(
                _("Keep it to %(max)s characters or fewer."), {"max": SIGNPOSTED_OTHER_MAX}
            )
        },
    )
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[NOT_ASKED, *Gender.choices]
    )
    age_band = forms.ChoiceField(
        label=_("Age"), required=False, choices=[NOT_ASKED, *AgeBand.choices]
    )
    ethnicity = forms.ChoiceField(
        label=_("Ethnicity"), required=False, choices=[NOT_ASKED, *Ethnicity.choices]
    )
    order_type = forms.ChoiceField(
        label=_("Order or licence"), required=False, choices=[NOT_ASKED, *OrderType.choices]
    )
    submission_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    BAND_FIELDS = ["gender", "age_band", "ethnicity", "order_type"]

    def __init__(
        self, *args, organisation, other_channel: bool = False, councils=None, item=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        themes = Theme.objects.filter(organisation=organisation, is_active=True)
        if item is not None and not item.theme.is_active:
            # A retired theme stays choosable on the items that already have it.
            themes = Theme.objects.filter(organisation=organisation).filter(
                Q(is_active=True) | Q(pk=item.theme_id)
            )
        self.fields["theme"].queryset = themes
        self.other_channel = other_channel
        if other_channel:
            self.fields["council"] = PublicIdChoiceField(
                councils,
                label=_("Council"),
                empty_label=_("Choose a council"),
                error_messages={
                    "required": _("Choose the council."),
                    "invalid_choice": _("Choose a council you log feedback for."),
                },
            )
            self.fields["channel"] = forms.ChoiceField(
                label=_("Where did the feedback come from?"),
                choices=[
                    c for c in FeedbackItem.Channel.choices if c[0] != FeedbackItem.Channel.SURGERY
                ],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose where the feedback came from."),
                    "invalid_choice": _("Choose where the feedback came from."),
                },
            )
            self.fields["received_on"] = _given_on_field()
            self.fields["site"] = _site_field(organisation)
            self.order_fields(["council", "channel", "received_on", "site"])

    def clean_said(self):
        return no_personal_data(self.cleaned_data["said"])

    def clean_suggestion(self):
        return no_personal_data(self.cleaned_data["suggestion"])

    def clean_signposted_to_other(self):
        return no_personal_data(self.cleaned_data["signposted_to_other"])

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "theme": data["theme"],
            "kind": data["kind"],
            "said": data["said"],
            "suggestion": data["suggestion"],
            "consent_to_quote": data["consent_to_quote"] == "yes",
            "follow_up": data["follow_up"] or "",
            "signposted_to": data["signposted_to"] or "",
            "signposted_to_other": data["signposted_to_other"] or "",
            **{name: data[name] for name in self.BAND_FIELDS},
        }
        if self.other_channel:
            kwargs.update(
                council=data["council"],
                channel=data["channel"],
                received_on=data["received_on"],
                site=data["site"],
            )
        return kwargs

    @classmethod
    def initial_for_new(cls) -> dict:
        return {
            "consent_to_quote": "no",
            "follow_up": "",
            "submission_token": new_token(),
            "received_on": timezone.localdate().isoformat(),
        }

    @classmethod
    def initial_for_item(cls, item: FeedbackItem) -> dict:
        return {
            "theme": item.theme.public_id,
            "kind": item.kind,
            "said": item.said,
            "suggestion": item.suggestion,
            "consent_to_quote": "yes" if item.consent_to_quote else "no",
            "follow_up": item.follow_up,
            "signposted_to": item.signposted_to,
            "signposted_to_other": item.signposted_to_other,
            "received_on": item.received_on.isoformat(),
            "site": item.site.public_id if item.site_id else "",
            **{name: getattr(item, name) for name in cls.BAND_FIELDS},
        }


class FeedbackCorrectForm(FeedbackItemForm):
    """Correcting an item: the same questions, without the token. Date and
    place can change only for feedback that did not come from a surgery."""

    def __init__(self, *args, organisation, item: FeedbackItem, **kwargs):
        super().__init__(*args, organisation=organisation, item=item, **kwargs)
        del self.fields["submission_token"]
        if item.surgery_id is None:
            self.fields["received_on"] = _given_on_field()
            self.fields["site"] = _site_field(organisation)
            self.order_fields(["received_on", "site"])

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        if "received_on" in self.fields:
            kwargs["received_on"] = self.cleaned_data["received_on"]
            kwargs["site"] = self.cleaned_data["site"]
        return kwargs


class FollowUpCloseForm(forms.Form):
    note = forms.CharField(
        label=_("What was done?"),
        help_text=_("For example: passed to the duty officer the same day. No names."),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write what was done, so the follow-up can be closed."),
            "max_length": interpolate_lazy(
                _("The note must be %(max)s characters or fewer."), {"max": NOTE_MAX}
            ),
        },
    )

    def clean_note(self):
        return no_personal_data(self.cleaned_data["note"])


class QuoteForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        error_messages={"required": _("Choose to approve or reject the quote.")},
    )
    text = forms.CharField(
        label=_("Words to publish"),
        help_text=_(
            "Remove the names of staff and anything else that could identify someone. "
            "You can write [officer] instead of a name."
        ),
        required=False,
        max_length=QUOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": interpolate_lazy(
                _("A quote must be %(max)s characters or fewer."), {"max": QUOTE_MAX}
            )
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "approve":
            if not data.get("text", "").strip():
                self.add_error("text", _("Write the words to publish."))
            else:
                try:
                    no_personal_data(data["text"])
                except ValidationError as error:
                    self.add_error("text", error)
        return data


class ThemeForm(forms.Form):
    name = forms.CharField(
        label=_("Theme name"),
        max_length=THEME_NAME_MAX,
        error_messages={
            "required": _("Enter the theme's name."),
            "max_length": interpolate_lazy(
                _("Keep the name to %(max)s characters or fewer."), {"max": THEME_NAME_MAX}
            ),
        },
    )
