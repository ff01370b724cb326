"""The personal-data detector: what it refuses, what it lets through, and
what it tells the rep to remove."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from surgeries.privacy import check_no_personal_data, find_personal_data

TODAY = dt.date(2026, 11, 20)


def kinds(text):
    return [f.kind for f in find_personal_data(text, today=TODAY)]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("ring me on 07700 900123 about it", "a phone number"),
        ("ring me on 07700900123", "a phone number"),
        ("call 0113 496 0000 for the hostel", "a phone number"),
        ("my number is (0161) 496-0000", "a phone number"),
        ("text +44 7700 900 123", "a phone number"),
        ("his number in Dublin is +353 87 123 4567", "a phone number"),
        ("case ref 123456789 keeps getting lost", "a long number (a phone or reference number)"),
        ("email me at sam.jones@example.org please", "an email address"),
        ("SAM_J+probation@mail.example.co.uk", "an email address"),
        ("my NI number is QQ 12 34 56 C", "a National Insurance number"),
        ("ni: ab123456d", "a National Insurance number"),
        ("prison number A1234BC from last time", "a prison number"),
        ("I was born on 3/4/1985", "a date of birth"),
        ("DOB 12.03.85", "a date of birth"),
        ("my date of birth is 14-02-2001", "a date of birth"),
        ("12th March 1979 is my birthday", "a date of birth"),
        ("born on March 12, 1979", "a date of birth"),
        ("3rd of Sept 1990", "a date of birth"),
        ("the hostel at LS1 4AP is awful", "a postcode"),
        ("lives near sw1a1aa", "a postcode"),
        ("office in M1 1AE", "a postcode"),
    ],
)
def test_refuses_personal_data(text, kind):
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Reception staff were rude when I asked for water.",
        "I had to tell my story again to a new officer, third time this year.",
        "My appointment on 12/03/2025 was cancelled with no notice.",
        "Waited 40 minutes, the ten minute rule should apply both ways.",
        "Appointments at 9am or 4pm clash with work.",
        "The group is on the 2nd floor, room B2 3rd door on the left.",
        "I have done 120 hours of unpaid work out of 200.",
        "Bus fare is £4.50 each way, 2 times a week.",
        "Open on Saturdays 10 till 2 please.",
        "In 2019 2020 and 2021 I had five different officers.",
        "Covid19 made everything worse.",
        "The Little Book of Numbers helped me find a food bank.",
        "",
    ],
)
def test_lets_ordinary_feedback_through(text):
    assert kinds(text) == []


def test_recent_dates_are_not_birthdays_but_dates_after_birth_words_are():
    assert kinds("seen on 1/10/2026") == []
    assert kinds("date of birth 1/10/2026") == ["a date of birth"]


def test_message_names_what_to_remove_in_each_field():
    with pytest.raises(ValidationError) as caught:
        check_no_personal_data(
            today=TODAY,
            said="Call me on 07700 900123 or email jo@example.org",
            suggestion="Nothing identifying here",
        )
    errors = caught.value.message_dict
    assert set(errors) == {"said"}
    message = errors["said"][0]
    assert message.startswith("Remove a phone number (“07700 900123”) and an email address")
    assert "jo@example.org" in message
    assert "could identify someone" in message


def test_clean_text_passes():
    check_no_personal_data(today=TODAY, said="The waiting room is cold", suggestion="")
