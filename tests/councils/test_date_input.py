"""The GOV.UK date input (councils.fields.DateInputField): three boxes drawn
by {% govuk_field %}, read into a date, with GOV.UK's messages beside the
field, the wrong box marked, what was typed kept, and the error summary
linking to the box to put right."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone

from councils.fields import DateInputField, check_date_parts


class WhenForm(forms.Form):
    when = DateInputField(label="When did it happen?", name="The date it happened", past=True)
    ends = DateInputField(label="End date (optional)", name="The end date", required=False)


class BirthdayForm(forms.Form):
    born = DateInputField(label="Date of birth", autocomplete="bday", help_text="As on a letter.")


def render(form, name):
    return Template("{% govuk_field form." + name + " %}").render(Context({"form": form}))


def summary(form):
    return Template("{% govuk_error_summary form %}").render(Context({"form": form}))


def posted(day="", month="", year="", **more):
    return {"when_day": day, "when_month": month, "when_year": year, **more}


def box(html, part):
    """The <input> of one box."""
    return re.search(rf'<input[^>]*id="id_when_{part}"[^>]*>', html).group(0)


def errors_of(data):
    form = WhenForm(data=data)
    assert not form.is_valid()
    return form.errors["when"]


def test_the_three_boxes_in_a_fieldset_with_a_legend_and_the_example():
    html = render(WhenForm(), "when")
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_when-hint">' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">' in html
    assert "When did it happen?</legend>" in html
    assert '<div id="id_when-hint" class="govuk-hint">For example, 27 3 2007</div>' in html
    assert '<div class="govuk-date-input" id="id_when">' in html
    for part, label, width in (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)):
        tag = box(html, part)
        assert f'name="when_{part}"' in tag and 'type="text"' in tag
        assert 'inputmode="numeric"' in tag
        assert f"govuk-input govuk-date-input__input govuk-input--width-{width}" in tag
        assert "value=" not in tag and "autocomplete" not in tag and "--error" not in tag
        label_tag = f'<label class="govuk-label govuk-date-input__label" for="id_when_{part}">'
        assert f"{label_tag}{label}</label>" in html
    assert "govuk-form-group--error" not in html


def test_an_initial_date_fills_the_boxes_from_a_date_or_an_iso_date():
    html = render(WhenForm(initial={"when": dt.date(2026, 3, 7)}), "when")
    assert 'value="7"' in box(html, "day") and 'value="3"' in box(html, "month")
    assert 'value="2026"' in box(html, "year")
    html = render(WhenForm(initial={"when": "2025-12-01"}), "when")
    assert 'value="1"' in box(html, "day") and 'value="12"' in box(html, "month")


def test_a_date_of_birth_asks_the_browser_for_the_birthday_and_keeps_the_hint():
    html = render(BirthdayForm(), "born")
    for part in ("day", "month", "year"):
        assert f'id="id_born_{part}" name="born_{part}"' in html
        assert f'autocomplete="bday-{part}"' in html
    assert "As on a letter. For example, 27 3 2007</div>" in html


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("27", "3", "2007"), dt.date(2007, 3, 27)),
        (("07", "03", "2007"), dt.date(2007, 3, 7)),
        ((" 1 ", " 12 ", " 2020 "), dt.date(2020, 12, 1)),
        (("29", "2", "2024"), dt.date(2024, 2, 29)),
        (("5", "March", "2026"), dt.date(2026, 3, 5)),
        (("5", "sept", "2025"), dt.date(2025, 9, 5)),
        (("5", "Dec.", "2025"), dt.date(2025, 12, 5)),
    ],
)
def test_typed_parts_make_a_date(parts, expected):
    form = WhenForm(data=posted(*parts))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == expected
    assert form.cleaned_data["ends"] is None  # optional and left empty


def test_a_program_may_post_one_iso_date_under_the_field_name():
    form = WhenForm(data={"when": "2026-01-15", "ends": "2027-03-31"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"when": dt.date(2026, 1, 15), "ends": dt.date(2027, 3, 31)}
    assert errors_of({"when": "15/01/2026"}) == ["The date it happened must be a real date."]


@pytest.mark.parametrize(
    ("parts", "message", "marked"),
    [
        (("", "", ""), "Enter the date.", {"day", "month", "year"}),
        (("", "3", "2007"), "The date it happened must include a day.", {"day"}),
        (("27", "", "2007"), "The date it happened must include a month.", {"month"}),
        (("27", "3", ""), "The date it happened must include a year.", {"year"}),
        (("", "", "2007"), "The date it happened must include a day and month.", {"day", "month"}),
        (("", "3", ""), "The date it happened must include a day and year.", {"day", "year"}),
        (("27", "", ""), "The date it happened must include a month and year.", {"month", "year"}),
        (
            ("27", "3", "07"),
            "The date it happened must have 4 numbers in the year, for example 2007.",
            {"year"},
        ),
        (("27", "13", "2007"), "The date it happened must be a real date.", {"month"}),
        (("32", "3", "2007"), "The date it happened must be a real date.", {"day"}),
        (("31", "4", "2007"), "The date it happened must be a real date.", {"day"}),
        (("29", "2", "2025"), "The date it happened must be a real date.", {"day"}),
        (("x", "3", "2007"), "The date it happened must be a real date.", {"day"}),
        (("27", "Marsh", "2007"), "The date it happened must be a real date.", {"month"}),
        (("27", "3", "0207"), "The date it happened must be a real date.", {"year"}),
        (("٢", "3", "2007"), "The date it happened must be a real date.", {"day"}),
    ],
)
def test_each_mistake_has_its_message_beside_the_field_and_marks_the_wrong_box(
    parts, message, marked
):
    form = WhenForm(data=posted(*parts))
    assert not form.is_valid()
    assert form.errors["when"] == [message]
    html = render(form, "when")
    assert "govuk-form-group--error" in html
    assert (
        '<p id="id_when-error" class="govuk-error-message"><span class="govuk-visually-hidden">'
        f"Error:</span> {message}</p>"
    ) in html
    assert 'aria-describedby="id_when-hint id_when-error"' in html
    for part in ("day", "month", "year"):
        assert ("govuk-input--error" in box(html, part)) == (part in marked), part
    in_order = tuple(part for part in ("day", "month", "year") if part in marked)
    assert check_date_parts(parts).wrong == in_order


def test_a_future_date_must_be_today_or_in_the_past_and_marks_every_box():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    form = WhenForm(data=posted(str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)))
    assert form.errors["when"] == ["The date it happened must be today or in the past."]
    html = render(form, "when")
    assert all("govuk-input--error" in box(html, part) for part in ("day", "month", "year"))
    today = timezone.localdate()
    assert WhenForm(data=posted(str(today.day), str(today.month), str(today.year))).is_valid()
    # Only a field that asks for it refuses the future.
    ends = WhenForm(data={"when": today.isoformat(), "ends": tomorrow.isoformat()})
    assert ends.is_valid(), ends.errors


def test_what_was_typed_is_kept_when_there_is_an_error():
    form = WhenForm(data=posted("31", "13", "2026"))
    assert not form.is_valid()
    html = render(form, "when")
    assert 'value="31"' in box(html, "day") and 'value="13"' in box(html, "month")
    assert 'value="2026"' in box(html, "year")
    # Even text that is no number comes back as typed, escaped.
    html = render(WhenForm(data=posted('"><b>', "3", "2026")), "when")
    assert 'value="&quot;&gt;&lt;b&gt;"' in box(html, "day")


@pytest.mark.parametrize(
    ("parts", "target"),
    [
        (("", "", ""), "id_when_day"),
        (("27", "", "2007"), "id_when_month"),
        (("27", "3", ""), "id_when_year"),
        (("27", "", ""), "id_when_month"),
        (("27", "13", "2007"), "id_when_month"),
        (("31", "4", "2007"), "id_when_day"),
        (("1", "1", "2999"), "id_when_day"),  # in the future: the whole date is wrong
    ],
)
def test_the_error_summary_links_to_the_first_box_to_put_right(parts, target):
    form = WhenForm(data=posted(*parts))
    assert not form.is_valid()
    assert f'href="#{target}"' in summary(form)
    assert f'id="{target}"' in render(form, "when")


def test_an_error_added_by_the_view_marks_the_whole_date_and_links_to_the_day():
    form = WhenForm(data=posted("1", "1", "2020"))
    assert form.is_valid()
    form.add_error("when", "The date is before the rep joined.")
    html = render(form, "when")
    assert all("govuk-input--error" in box(html, part) for part in ("day", "month", "year"))
    assert 'href="#id_when_day"' in summary(form)


def test_a_date_typed_again_the_same_has_not_changed():
    field = WhenForm.base_fields["when"]
    assert not field.has_changed("2026-03-07", ["7", "3", "2026"])
    assert field.has_changed(dt.date(2026, 3, 7), ["8", "3", "2026"])
    assert field.has_changed(None, ["x", "", ""])


@pytest.mark.django_db
def test_a_coordinator_types_when_a_reps_order_ends(tenant_a, client_for):
    """On a real page: the form re-shown with the typed boxes, then saved."""
    profile = tenant_a["rep"].rep_profile
    page = f"/{tenant_a.organisation.slug}/reps/{profile.public_id}/order-end/"
    client = client_for(tenant_a["coordinator"])
    html = client.get(page).content.decode()
    assert 'class="govuk-date-input" id="id_order_ends_on"' in html
    assert 'type="date"' not in html

    parts = {"order_ends_on_day": "31", "order_ends_on_month": "9", "order_ends_on_year": "2027"}
    response = client.post(page, parts)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The end date of the order or licence must be a real date." in html
    assert '<a href="#id_order_ends_on_day">' in html
    assert 'name="order_ends_on_month" type="text" inputmode="numeric" value="9"' in html

    response = client.post(page, {**parts, "order_ends_on_day": "30"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.order_ends_on == dt.date(2027, 9, 30)
    # Shown again in the boxes, as the person would type it.
    html = client.get(page).content.decode()
    assert 'name="order_ends_on_day" type="text" inputmode="numeric" value="30"' in html
