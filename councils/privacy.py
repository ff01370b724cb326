"""Spotting personal data in text people type, so that it is never saved.

Feedback is anonymous by design. Reps type quickly, on a phone, while someone
talks to them; a phone number or a date of birth can slip in. These checks
refuse text that looks like it identifies someone and say exactly what to
remove. They err on the side of refusing: a rep can always rephrase.

Pure functions, no database: easy to test and to reuse in every form.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from phonenumbers import Leniency

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
# dashes, dots or brackets between them. Google's phonenumbers (below) finds
# most; this catches made-up and unusual ones too (we would rather refuse).
PHONE = re.compile(r"(?<![\w+])(?:\+\s?44\s?(?:\(0\))?|0)(?:[\s\-().]{0,2}\d){9,10}(?![\d])")
# Numbers from abroad: a plus sign and 8 to 14 digits.
INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])\+\s?\d(?:[\s\-().]{0,2}\d){7,13}(?![\d])")
# A mobile number split by a word or two: "07700 call me 900123".
SPLIT_PHONE = re.compile(r"(?<![\d+])(07\d{2,3})[\s\-]+(?:[^\W\d]+[\s,:-]+){1,3}(\d{6,7})(?!\d)")
# Any other long run of digits, like a case reference.
LONG_NUMBER = re.compile(r"(?<![\w])\d(?:-?\d){8,}(?![\d])")

# National Insurance number: two letters, six digits, a letter A–D, with any
# spaces, dots or dashes between the parts.
NI_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}[\s.\-]?\d{2}[\s.\-]?\d{2}[\s.\-]?\d{2}[\s.\-]?[A-Da-d]"
    r"(?![A-Za-z0-9])"
)

# Prison number (NOMIS): a letter, four digits, two letters, like A1234BC,
# also typed "A 1234 BC" or "a1234-bc".
PRISON_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]([\s\-]?)\d{4}([\s\-]?)([A-Za-z]{2})(?![A-Za-z0-9])"
)
# "a 2019 in", "a 1234 to": a year or a number followed by a short word.
SHORT_WORDS = {
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me",
    "my", "no", "of", "on", "or", "pm", "so", "to", "up", "us", "we",
}  # fmt: skip

# UK postcode, like "LS1 4AP" or "sw1a1aa". The inward part never uses the
# letters C, I, K, M, O or V, which keeps "4pm" and "3am" out.
POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})"
    r"(?![A-Za-z0-9])"
)

ORDINALS = {"st", "nd", "rd", "th"}

# Emails, written out or disguised: "john dot smith at gmail dot com",
# "jo(at)example(dot)org", "jo [at] mail.com".
_AT = r"(?:\s*@\s*|\s*[(\[{<]\s*at\s*[)\]}>]\s*|\s+at\s+)"
_DOT = r"(?:\s*\.\s*|\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+)"
_PART = r"[A-Za-z0-9_+'\-]+"
SPELLED_EMAIL = re.compile(
    rf"(?<![\w.+'-])({_PART}(?:{_DOT}{_PART})*){_AT}([A-Za-z0-9\-]+(?:{_DOT}[A-Za-z0-9\-]+)*)",
    re.IGNORECASE,
)
_DOT_SPLIT = re.compile(_DOT, re.IGNORECASE)
EMAIL_PROVIDERS = {
    "aol", "btinternet", "gmail", "googlemail", "hotmail", "icloud", "live", "msn",
    "outlook", "proton", "protonmail", "sky", "talktalk", "virginmedia", "yahoo", "ymail",
}  # fmt: skip
TOP_LEVEL_DOMAINS = {
    "ac", "biz", "co", "com", "cymru", "edu", "gov", "ie", "info", "io", "me", "net",
    "nhs", "org", "scot", "uk", "wales",
}  # fmt: skip

MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
ORDINAL_WORDS = (
    r"(?:twenty|thirty)[\s-]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|thirtieth"
)
YEAR_WORDS = (
    rf"nineteen[\s-]+(?:(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?|{_TEENS}|(?:oh|o)[\s-]+(?:{_UNITS}))"
    rf"|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?|{_TEENS}|{_UNITS}))?"
)
_DAY = rf"(\d{{1,2}}|{ORDINAL_WORDS})(?:st|nd|rd|th)?"
_YEAR = rf"(\d{{4}}|'\d{{2}}|{YEAR_WORDS})"
NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?![\d/.\-])")
ISO_DATE = re.compile(r"(?<![\d/.\-])(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?![\d/.\-])")
WORDY_DATE = re.compile(
    rf"(?<![\w])(?:the\s+)?{_DAY}\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+{_YEAR}(?![\w])"
    rf"|(?<![\w])(?:{MONTHS})\.?\s+(?:the\s+)?{_DAY},?\s+{_YEAR}(?![\w])",
    re.IGNORECASE,
)
# With a birth word, a day and month alone, or a month and year, say enough.
PARTIAL_DATE = re.compile(
    rf"(?<![\w])(?:the\s+)?{_DAY}\s+(?:of\s+)?(?:{MONTHS})(?![\w])"
    rf"|(?<![\w])(?:{MONTHS})\.?\s+(?:the\s+)?{_DAY}(?![\w])"
    rf"|(?<![\w])(?:{MONTHS})\.?,?\s+{_YEAR}(?![\w])",
    re.IGNORECASE,
)
BIRTH_WORDS = re.compile(
    r"(?<![\w])(?:d\.?\s?o\.?\s?b\.?|date of birth|born|birthday|b'?day|birth date|"
    r"birthdate)(?![\w])",
    re.IGNORECASE,
)
# Words just before a date that make it an event, not a birthday: "It happened
# on 1 January 2010", "since 3 March 2012".
EVENT_WORDS = re.compile(
    r"(?:\b(?:on|since|from|in|until|till|to|between|by|after|before|and|dated|of|at)"
    r"|[-–])\s*(?:the\s+)?$",
    re.IGNORECASE,
)

# How far back a full date has to be before it looks like someone's birthday
# rather than an appointment.
BIRTH_YEAR_GAP = 10

# Look-alike letters typed for digits inside numbers: O for 0, I/l/| for 1.
LOOKALIKE_RUN = re.compile(r"(?<![^\W\d])[0-9OoIl|]{3,}(?![^\W\d])")
LOOKALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def normalise(text: str) -> str:
    """The text as a check should read it: Unicode NFKC (full-width digits
    become 0–9), invisible and direction characters removed, every kind of
    dash a "-", and O, I or l inside a run of digits read as 0 or 1."""
    text = unicodedata.normalize("NFKC", text or "")
    text = INVISIBLE.sub("", text)
    text = DASHES.sub("-", text)

    def digits(match: re.Match) -> str:
        run = match.group(0)
        if not any(ch.isdigit() for ch in run):
            return run
        return run.translate(LOOKALIKES)

    return LOOKALIKE_RUN.sub(digits, text)


_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_NUMBER_WORDS.update(
    {
        w: 10 * (i + 2)
        for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
    }
)


def _year_value(year: str, today: dt.date) -> int:
    year = year.strip().lower()
    if year.startswith("'"):
        year = year[1:]
    if year.isdigit():
        value = int(year)
        if len(year) == 2:
            value += 2000 if value <= today.year % 100 else 1900
        return value
    words = [w for w in re.split(r"[\s-]+", year) if w not in {"and", "oh", "o"}]
    if words[:1] == ["nineteen"]:
        return 1900 + sum(_NUMBER_WORDS.get(w, 0) for w in words[1:])
    return 2000 + sum(_NUMBER_WORDS.get(w, 0) for w in words[2:])


def _near_birth_words(text: str, start: int, end: int) -> bool:
    return bool(
        BIRTH_WORDS.search(text[max(0, start - 40) : start])
        or BIRTH_WORDS.search(text[end : end + 25])
    )


def _is_birth_date(text: str, start: int, end: int, year: str | None, today: dt.date) -> bool:
    if _near_birth_words(text, start, end):
        return True
    if year is None or EVENT_WORDS.search(text[max(0, start - 15) : start]):
        return False
    return _year_value(year, today) <= today.year - BIRTH_YEAR_GAP


def _is_spelled_email(match: re.Match) -> bool:
    domain = [part.lower() for part in _DOT_SPLIT.split(match.group(2)) if part]
    if not domain:
        return False
    if domain[0] in EMAIL_PROVIDERS:
        return True
    return len(domain) >= 2 and domain[-1] in TOP_LEVEL_DOMAINS


def _uk_phone_spans(text: str) -> list[tuple[int, int]]:
    """UK numbers in the forms people write them, found by Google's library.
    Short matches (a year, a house number) and bare digit runs with no
    leading 0 or + (a case reference: reported as a long number) are left out."""
    spans = []
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=Leniency.POSSIBLE):
        starts_like_a_phone = match.raw_string.lstrip("(").startswith(("0", "+"))
        if starts_like_a_phone and len(str(match.number.national_number)) >= 9:
            spans.append((match.start, match.end))
    return spans


def find_personal_data(text: str, *, today: dt.date | None = None) -> list[Finding]:
    """Everything in ``text`` that looks like it could identify a person.
    The text is read as ``normalise`` leaves it; findings quote that form."""
    if not text:
        return []
    text = normalise(text)
    today = today or timezone.localdate()
    findings: list[tuple[int, Finding]] = []
    taken: list[tuple[int, int]] = []

    def add(kind, start: int, end: int) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        findings.append((start, Finding(str(kind), text[start:end].strip())))

    for match in EMAIL.finditer(text):
        add(EMAIL_ADDRESS, *match.span())
    for match in SPELLED_EMAIL.finditer(text):
        if _is_spelled_email(match):
            add(EMAIL_ADDRESS, *match.span())
    for match in NI_NUMBER.finditer(text):
        add(NI, *match.span())
    for match in PRISON_NUMBER.finditer(text):
        spaced = match.group(1) or match.group(2)
        if spaced and match.group(3).lower() in SHORT_WORDS:
            continue
        add(PRISON, *match.span())
    for match in ISO_DATE.finditer(text):
        if _is_birth_date(text, *match.span(), match.group(1), today):
            add(BIRTH_DATE, *match.span())
    for pattern in (NUMERIC_DATE, WORDY_DATE):
        for match in pattern.finditer(text):
            year = next(g for g in reversed(match.groups()) if g)
            if _is_birth_date(text, *match.span(), year, today):
                add(BIRTH_DATE, *match.span())
    for match in PARTIAL_DATE.finditer(text):
        if _near_birth_words(text, *match.span()):
            add(BIRTH_DATE, *match.span())
    for span in _uk_phone_spans(text):
        add(PHONE_NUMBER, *span)
    for pattern in (PHONE, INTERNATIONAL_PHONE, SPLIT_PHONE):
        for match in pattern.finditer(text):
            add(PHONE_NUMBER, *match.span())
    for match in LONG_NUMBER.finditer(text):
        add(LONG_NUMBER_KIND, *match.span())
    for match in POSTCODE.finditer(text):
        inward = match.group(2)
        if inward[1:] in ORDINALS:  # "B2 3rd floor" is a room, not a postcode
            continue
        add(POSTCODE_KIND, *match.span())
    return [finding for _, finding in sorted(findings, key=lambda pair: pair[0])]


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
