"""Choosing what the feedback board and summary show: council, period,
filters."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from councils.fields import PublicIdChoiceField
from councils.models import Council, Site
from councils.periods import PERIOD_CHOICES

from ..models import FeedbackItem, Surgery, Theme
from .fields import DateField


class PeriodFields(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
    date_from = DateField(label=_("From"), required=False)
    date_to = DateField(label=_("To"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        today = timezone.localdate()
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        for name in ("date_from", "date_to"):
            value = data.get(name)
            if value and value > today + dt.timedelta(days=366):
                self.add_error(name, _("Choose a date in the next 12 months or earlier."))
            if value and value < dt.date(2000, 1, 1):
                self.add_error(name, _("Choose a date from the year 2000 onwards."))
        if bool(start) != bool(end) and not self.errors:
            missing = "date_to" if start else "date_from"
            self.add_error(missing, _("Enter both dates, or neither."))
        return data


class ReadOnceChoiceIterator(ModelChoiceIterator):
    """The options from the field's queryset as read once. Django's own
    iterator runs the query again each time the options are drawn, through
    a server-side cursor on PostgreSQL (three round trips for a few dozen
    rows)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class FilterChoiceField(PublicIdChoiceField):
    """A filter's select: its options are read once a request, and the
    chosen one is found among them rather than fetched again. ``records()``
    gives the view the same rows (the councils, the themes)."""

    iterator = ReadOnceChoiceIterator

    def records(self) -> list:
        return list(self.queryset)

    def use_records(self, records: list) -> None:
        """Offer ``records``, the rows of the field's queryset as read before
        (remembered until the data changes): no query."""
        self.queryset._result_cache = list(records)
        self.queryset._prefetch_done = True

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        for obj in self.queryset:
            if str(getattr(obj, key)) == str(value):
                return obj
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class SurgeryChoiceField(FilterChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{date_format(obj.date, 'j M Y')}, {obj.site.name}"


class BoardFilterForm(PeriodFields):
    council = FilterChoiceField(
        Council.objects.none(),
        required=False,
        empty_label=None,
        label=_("Council"),
        error_messages={"invalid_choice": _("Choose one of your councils.")},
    )
    theme = FilterChoiceField(
        Theme.objects.none(),
        required=False,
        label=_("Theme"),
        empty_label=_("All themes"),
        error_messages={"invalid_choice": _("Choose a theme from the list.")},
    )
    site = FilterChoiceField(
        Site.objects.none(),
        required=False,
        empty_label=_("All places"),
        label=_("Place"),
        error_messages={"invalid_choice": _("Choose a place from the list.")},
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("All channels")), *FeedbackItem.Channel.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *FeedbackItem.Kind.choices],
    )
    surgery = SurgeryChoiceField(
        Surgery.objects.none(),
        required=False,
        empty_label=_("All surgeries"),
        label=_("Surgery"),
        error_messages={"invalid_choice": _("Choose a surgery from the list.")},
    )

    def __init__(self, *args, councils, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["theme"].queryset = Theme.objects.filter(organisation=organisation)
        # A place's name is all its option shows (a site also has an address).
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation).only(
            "public_id", "name"
        )
        self.order_fields(
            ["council", "period", "date_from", "date_to", "theme", "site", "channel", "kind"]
        )

    def council_to_show(self, requested: str | None) -> Council | None:
        """The council the board is about: the one asked for if it is one of
        the person's, else their first."""
        councils = self.fields["council"].records()
        council = next((c for c in councils if c.public_id == requested), None)
        return council or (councils[0] if councils else None)

    def offer_surgeries(self, surgeries: QuerySet[Surgery], records: list | None = None) -> None:
        self.fields["surgery"].queryset = surgeries
        if records is not None:
            self.fields["surgery"].use_records(records)

    def use_records(self, themes: list[Theme], sites: list[Site]) -> None:
        """The organisation's themes and places as read before."""
        self.fields["theme"].use_records(themes)
        self.fields["site"].use_records(sites)

    def themes(self) -> list[Theme]:
        return self.fields["theme"].records()

    def sites(self) -> list[Site]:
        return self.fields["site"].records()


class SummaryFilterForm(PeriodFields):
    council = FilterChoiceField(
        Council.objects.none(),
        required=False,
        empty_label=_("All your councils"),
        label=_("Council"),
        error_messages={"invalid_choice": _("Choose one of your councils.")},
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.order_fields(["council", "period", "date_from", "date_to"])


class QuoteFilterForm(forms.Form):
    """Which waiting quotes to show, and in what order: a GET form that works
    without JavaScript; the page links keep the choices."""

    council = FilterChoiceField(
        Council.objects.none(),
        required=False,
        empty_label=_("All your councils"),
        label=_("Council"),
        error_messages={"invalid_choice": _("Choose one of your councils.")},
    )
    theme = FilterChoiceField(
        Theme.objects.none(),
        required=False,
        label=_("Theme"),
        empty_label=_("All themes"),
        error_messages={"invalid_choice": _("Choose a theme from the list.")},
    )
    period = forms.ChoiceField(
        label=_("Said in"),
        required=False,
        choices=[("", _("Any time")), *PERIOD_CHOICES],
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("newest", _("Newest first")), ("oldest", _("Oldest first"))],
    )

    def __init__(self, *args, councils, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["theme"].queryset = Theme.objects.filter(organisation=organisation)
