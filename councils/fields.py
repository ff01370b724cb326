"""Form fields shared by every app.

Fields that choose records by their public id: a form never posts a primary
key: the choices carry the record's public id, so ids in pages and URLs tell
nothing about how many records exist, and a tampered id is just "not one of
the choices".

``DateInputField``: the GOV.UK date input (day, month and year in three
boxes) for dates people already know and type, such as when an order ends or
when an activity took place. Dates people choose near today (a meeting, a
target) keep the browser's date picker."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.utils import dates as django_dates
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NOT_A_CHOICE = _("Choose one of the options shown.")


class PublicIdChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("to_field_name", "public_id")
        super().__init__(queryset, **kwargs)
        self.error_messages["invalid_choice"] = kwargs.get("error_messages", {}).get(
            "invalid_choice", NOT_A_CHOICE
        )


class PublicIdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Ticked boxes by default: easier on a phone than a multiple select."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("to_field_name", "public_id")
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(queryset, **kwargs)
        self.error_messages["invalid_choice"] = kwargs.get("error_messages", {}).get(
            "invalid_choice", NOT_A_CHOICE
        )


DATE_PARTS = ("day", "month", "year")
# Years before this are typing slips ("0226" for 2026), not dates in a record.
EARLIEST_YEAR = 1900
DATE_EXAMPLE = _("For example, 27 3 2007")
ENGLISH_MONTHS = (
    "january february march april may june july august september october november december"
).split()


class DateCheck(NamedTuple):
    """What three typed boxes add up to: a date, or the error and the boxes
    to mark (every box when the date as a whole is wrong)."""

    date: dt.date | None
    code: str | None = None
    wrong: tuple[str, ...] = ()


def date_parts(value) -> list[str]:
    """The three boxes' text for a value: as typed (a list of parts), or
    from a date or an ISO date (an initial value, or a program's post)."""
    if isinstance(value, list | tuple):
        return [("" if part is None else str(part)) for part in (list(value) + ["", "", ""])[:3]]
    if isinstance(value, str) and value:
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return ["", "", ""]
    if isinstance(value, dt.date):
        return [str(value.day), str(value.month), str(value.year)]
    return ["", "", ""]


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def _month(text: str) -> int | None:
    number = _number(text)
    if number is not None:
        return number
    # A month's name, or its first three letters or more ("Sept"), in English
    # or the page's language.
    word = text.lower().rstrip(".")
    if len(word) < 3:
        return None
    for number in range(1, 13):
        names = (ENGLISH_MONTHS[number - 1], str(django_dates.MONTHS[number]).lower())
        if any(name.startswith(word) for name in names):
            return number
    return None


def check_date_parts(parts) -> DateCheck:
    """The one place that reads three typed boxes; the field cleans with it
    and the template tag asks it which boxes to mark."""
    day_text, month_text, year_text = (part.strip() for part in date_parts(parts))
    missing = tuple(
        name
        for name, text in zip(DATE_PARTS, (day_text, month_text, year_text), strict=True)
        if not text
    )
    if len(missing) == 3:
        return DateCheck(None, "required", DATE_PARTS)
    if missing:
        return DateCheck(None, "missing_" + "_".join(missing), missing)
    day, month, year = _number(day_text), _month(month_text), _number(year_text)
    if year is not None and len(year_text) != 4:
        return DateCheck(None, "year_digits", ("year",))
    wrong = tuple(
        name
        for name, number, top in (("day", day, 31), ("month", month, 12), ("year", year, 9999))
        if number is None or not 1 <= number <= top or (name == "year" and number < EARLIEST_YEAR)
    )
    if wrong:
        return DateCheck(None, "invalid", wrong)
    try:
        return DateCheck(dt.date(year, month, day))
    except ValueError:  # 31 in a 30-day month, or 29 February out of a leap year
        return DateCheck(None, "invalid", ("day",))


class DateInputWidget(forms.MultiWidget):
    """Three text boxes named ``<name>_day``, ``<name>_month`` and
    ``<name>_year``. ``{% govuk_field %}`` draws them with GOV.UK markup.

    A post that carries one ISO date under the field's own name (a program,
    a link, a test) is read as that date."""

    def __init__(self, attrs=None, *, autocomplete: str = ""):
        numeric = {"inputmode": "numeric"}
        super().__init__({part: forms.TextInput(attrs=numeric) for part in DATE_PARTS}, attrs)
        # "bday" for a date of birth: the boxes become bday-day, bday-month, bday-year.
        self.autocomplete = autocomplete

    def decompress(self, value):
        return date_parts(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id")
        for part, sub in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
            if id_:
                sub["attrs"]["id"] = f"{id_}_{part}"
        return context

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_

    def value_from_datadict(self, data, files, name):
        parts = [data.get(f"{name}_{part}") for part in DATE_PARTS]
        if all(part is None for part in parts) and data.get(name) is not None:
            return data.get(name)
        return ["" if part is None else part for part in parts]

    def value_omitted_from_data(self, data, files, name):
        return name not in data and all(f"{name}_{part}" not in data for part in DATE_PARTS)


class DateInputField(forms.Field):
    """A date typed in three boxes, with GOV.UK's messages.

    ``name`` starts the messages ("The date of the activity must include a
    month."); ``past=True`` refuses a date after today; ``autocomplete="bday"``
    for a date of birth."""

    widget = DateInputWidget
    default_error_messages = {
        "required": _("Enter the date."),
        "missing_day": _("%(name)s must include a day."),
        "missing_month": _("%(name)s must include a month."),
        "missing_year": _("%(name)s must include a year."),
        "missing_day_month": _("%(name)s must include a day and month."),
        "missing_day_year": _("%(name)s must include a day and year."),
        "missing_month_year": _("%(name)s must include a month and year."),
        "year_digits": _("%(name)s must have 4 numbers in the year, for example 2007."),
        "invalid": _("%(name)s must be a real date."),
        "past": _("%(name)s must be today or in the past."),
    }

    def __init__(
        self,
        *,
        name=None,
        past: bool = False,
        autocomplete: str = "",
        example=None,
        **kwargs,
    ):
        kwargs.setdefault("widget", DateInputWidget(autocomplete=autocomplete))
        super().__init__(**kwargs)
        self.name = name or self.label or _("The date")
        self.past = past
        self.example = example or DATE_EXAMPLE

    def _error(self, code: str) -> ValidationError:
        return ValidationError(self.error_messages[code], code=code, params={"name": self.name})

    def to_python(self, value) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise self._error("invalid") from None
        checked = check_date_parts(value)
        if checked.code == "required":
            return None
        if checked.code:
            raise self._error(checked.code)
        return checked.date

    def validate(self, value) -> None:
        if value is None and self.required:
            raise self._error("required")
        if value is not None and self.past and value > timezone.localdate():
            raise self._error("past")

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True

    def wrong_parts(self, value) -> tuple[str, ...]:
        """The boxes to mark when the field has an error: those the typing
        got wrong, or all three when the date as a whole is wrong."""
        if isinstance(value, list | tuple):
            return check_date_parts(value).wrong or DATE_PARTS
        return DATE_PARTS
