"""Spotting personal data in feedback text, so that it is never saved.

Feedback is anonymous by design. Reps type quickly, on a phone, while someone
talks to them; a phone number or a date of birth can slip in. These checks
refuse text that looks like it identifies someone and say exactly what to
remove. They err on the side of refusing: a rep can always rephrase.

Pure functions, no database: easy to test and to reuse in every form.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Characters that show nothing: zero-width spaces and joiners, the word
# joiner, the byte-order mark, soft hyphen, and the marks that change the
# direction of text (which can also hide or reorder what a reader sees).
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufeff\uffa0\U000e0000-\U000e007f]"
)

NOT_FEEDBACK = gettext_lazy(
    "Type the feedback in words. This box only has spaces or hidden characters in it."
)


def visible_text(text: str) -> str:
    """The text without its invisible and direction characters, trimmed."""
    return INVISIBLE.sub("", text or "").strip()


def require_visible_text(text: str) -> str:
    """Refuse text that is only spaces, invisible or direction characters:
    it looks empty to everyone who reads it, so it is not feedback."""
    if text and not visible_text(text):
        raise ValidationError(NOT_FEEDBACK)
    return text


@dataclass(frozen=True)
class Finding:
    kind: str  # "an email address", "a phone number", ...
    text: str  # the part of the text that looks like personal data


# What each kind of finding is called in the message to the rep.
EMAIL_ADDRESS = gettext_lazy("an email address")
NI = gettext_lazy("a National Insurance number")
PRISON = gettext_lazy("a prison number")
BIRTH_DATE = gettext_lazy("a date of birth")
PHONE_NUMBER = gettext_lazy("a phone number")
LONG_NUMBER_KIND = gettext_lazy("a long number (a phone or reference number)")
POSTCODE_KIND = gettext_lazy("a postcode")


EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

# UK numbers: 0 or +44 followed by 9 or 10 more digits, with any spaces,
# dashes, dots or brackets between them.
PHONE = re.compile(r"(?<![\w+])(?:\+\s?44\s?(?:\(0\))?|0)(?:[\s\-().]{0,2}\d){9,10}(?![\d])")
# Numbers from abroad: a plus sign and 8 to 14 digits.
INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])\+\s?\d(?:[\s\-().]{0,2}\d){7,13}(?![\d])")
# Any other long run of digits, like a case reference.
LONG_NUMBER = re.compile(r"(?<![\w])\d(?:-?\d){8,}(?![\d])")

# National Insurance number: two letters, six digits, a letter A–D.
NI_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d](?![A-Za-z0-9])"
)

# Prison number (NOMIS): a letter, four digits, two letters, like A1234BC.
PRISON_NUMBER = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]\d{4}[A-Za-z]{2}(?![A-Za-z0-9])")

# UK postcode, like "LS1 4AP" or "sw1a1aa". The inward part never uses the
# letters C, I, K, M, O or V, which keeps "4pm" and "3am" out.
POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})"
    r"(?![A-Za-z0-9])"
)

ORDINALS = {"st", "nd", "rd", "th"}

MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?![\d/.\-])")
WORDY_DATE = re.compile(
    rf"(?<![\w])(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\.?,?\s+(\d{{4}})(?![\d])"
    rf"|(?<![\w])({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?![\d])",
    re.IGNORECASE,
)
BIRTH_WORDS = re.compile(
    r"\b(?:d\.?\s?o\.?\s?b\.?|date of birth|born on|born in|birthday)\b", re.IGNORECASE
)

# How far back a full date has to be before it looks like someone's birthday
# rather than an appointment.
BIRTH_YEAR_GAP = 10


def _full_year(year: str, today: dt.date) -> int:
    value = int(year)
    if len(year) == 2:
        value += 2000 if value <= today.year % 100 else 1900
    return value


def _is_birth_date(match: re.Match, text: str, today: dt.date) -> bool:
    year = next(g for g in reversed(match.groups()) if g)
    before = text[max(0, match.start() - 30) : match.start()]
    if BIRTH_WORDS.search(before):
        return True
    return _full_year(year, today) <= today.year - BIRTH_YEAR_GAP


def find_personal_data(text: str, *, today: dt.date | None = None) -> list[Finding]:
    """Everything in ``text`` that looks like it could identify a person."""
    if not text:
        return []
    today = today or timezone.localdate()
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind, match: re.Match) -> None:
        span = match.span()
        if any(span[0] < end and start < span[1] for start, end in taken):
            return
        taken.append(span)
        findings.append(Finding(str(kind), match.group(0).strip()))

    for match in EMAIL.finditer(text):
        add(EMAIL_ADDRESS, match)
    for match in NI_NUMBER.finditer(text):
        add(NI, match)
    for match in PRISON_NUMBER.finditer(text):
        add(PRISON, match)
    for pattern in (NUMERIC_DATE, WORDY_DATE):
        for match in pattern.finditer(text):
            if _is_birth_date(match, text, today):
                add(BIRTH_DATE, match)
    for pattern in (PHONE, INTERNATIONAL_PHONE):
        for match in pattern.finditer(text):
            add(PHONE_NUMBER, match)
    for match in LONG_NUMBER.finditer(text):
        add(LONG_NUMBER_KIND, match)
    for match in POSTCODE.finditer(text):
        inward = match.group(2)
        if inward[1:] in ORDINALS:  # "B2 3rd floor" is a room, not a postcode
            continue
        add(POSTCODE_KIND, match)
    findings.sort(key=lambda f: text.find(f.text))
    return findings


def personal_data_message(findings: list[Finding]) -> str:
    """One plain sentence saying what to remove."""
    parts = [_("%(kind)s (“%(text)s”)") % {"kind": f.kind, "text": f.text} for f in findings]
    if len(parts) > 1:
        listed = _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}
    else:
        listed = parts[0]
    return _(
        "Remove %(listed)s. Feedback must not include anything that could identify someone."
    ) % {"listed": listed}


def check_no_personal_data(*, today: dt.date | None = None, **fields: str) -> None:
    """Raise a ValidationError naming each field that has personal data in it."""
    errors = {}
    for name, text in fields.items():
        findings = find_personal_data(text or "", today=today)
        if findings:
            errors[name] = personal_data_message(findings)
    if errors:
        raise ValidationError(errors)
