"""The demo is believable in time and in what it quotes (issue 15).

The demo is loaded once for this module, on 1 December 2026 (the day a
council meeting landed on Christmas Day), inside a transaction rolled back
as usual; what each test checks is worked out then and kept:

- no meeting, surgery, training session, check-in or claimed activity on a
  weekend or bank holiday;
- every feedback item was logged on its own day (during its surgery), not
  when the demo was loaded, and quotes were checked and follow-ups closed
  on a later day, never in the future;
- every piece of evidence linked to a proposal is on the proposal's theme,
  and every quote shown with it is about the proposal's subject;
- no quote printed twice in one proposal's evidence, or in one document.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from dataclasses import fields, is_dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from councils.models import Council
from councils.periods import last_quarter, quarter_containing
from councils.workdays import is_working_day
from expenses.models import Claim
from members.models import CheckIn, TrainingSession
from proposals.models import Meeting, Proposal
from proposals.selectors.evidence import evidence_for, quotable
from reports.content import Quote
from reports.models import GeneratedReport
from reports.selectors import ReportScope, public_page_url, you_said_we_did_content
from reports.selectors.documents import content_for
from surgeries.models import FeedbackItem, Surgery

pytestmark = pytest.mark.django_db

LOADED_ON = dt.datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))

# Words too common to say what a quote is about.
COMMON = set(
    "a about after all also and any are been before being but can could did does "
    "for from get got had has have her him his how into its just like more most "
    "much nobody not now off one only other our out over own said say says she "
    "should some than that the their them then there they this those to too very "
    "was way we were what when where which while who why will with would you your "
    "people person".split()
)


def words_of(text: str) -> set[str]:
    """Words of four letters or more, cut to their first four (so "debts"
    matches "debt"), less the common ones."""
    return {word[:4] for word in re.findall(r"[a-z]+", text.lower()) if len(word) >= 4} - {
        word[:4] for word in COMMON if len(word) >= 4
    }


def normalise(text: str) -> str:
    text = re.sub(r"[‘’]", "'", re.sub(r"[“”]", '"', text))
    return " ".join(text.lower().split()).strip(" .\"'")


def strings_in(value) -> list[str]:
    """Every piece of text in a document's content, however deep, but the quotes."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Quote):
        return []
    if is_dataclass(value) and not isinstance(value, type):
        return [s for f in fields(value) for s in strings_in(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings_in(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    return []


def quotes_in(value) -> list[str]:
    if isinstance(value, Quote):
        return [value.text]
    if is_dataclass(value) and not isinstance(value, type):
        return [q for f in fields(value) for q in quotes_in(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [q for item in value for q in quotes_in(item)]
    return []


def repeated_quotes(name: str, content) -> list[str]:
    """A quote printed twice: the same quote twice, a quote that is also in
    another part of the document, or words in quotation marks twice."""
    quotes = [normalise(q) for q in quotes_in(content)]
    problems = [f"{name}: {q!r} twice" for q, n in Counter(quotes).items() if n > 1]
    others = [normalise(s) for s in strings_in(content)]
    problems += [f"{name}: {q!r} quoted and in {o!r}" for q in quotes for o in others if q in o]
    marked = quotes + [
        normalise(m) for s in strings_in(content) for m in re.findall(r"[“\"]([^”\"]+)[”\"]", s)
    ]
    problems += [f"{name}: “{m}” twice" for m, n in Counter(marked).items() if n > 1]
    return problems


def find_problems() -> dict[str, list[str]]:
    call_command("seed_demo", stdout=io.StringIO())
    now = timezone.now()
    found: dict[str, list[str]] = {}

    found["off days"] = [
        f"{kind} of {council} on {day:%A %d %B %Y}"
        for kind, rows in (
            ("meeting", Meeting.objects.values_list("council__slug", "date")),
            ("surgery", Surgery.objects.values_list("council__slug", "date")),
            ("training", TrainingSession.objects.values_list("organisation__slug", "date")),
            ("check-in", CheckIn.objects.values_list("profile__council__slug", "held_on")),
            ("claimed activity", Claim.objects.values_list("council__slug", "activity_date")),
        )
        for council, day in rows
        if not is_working_day(day)
    ]

    timing = []
    for item in FeedbackItem.objects.select_related("surgery", "council"):
        logged = timezone.localtime(item.created_at)
        where = f"{item.council.slug} item {item.pk} heard {item.received_on}, logged {logged}"
        if logged > now:
            timing.append(f"{where}: in the future")
        if logged.date() != item.received_on:
            timing.append(f"{where}: not on its day")
        surgery = item.surgery
        if surgery is not None and not (
            logged.date() == surgery.date and surgery.starts_at <= logged.time() <= surgery.ends_at
        ):
            timing.append(f"{where}: not during its surgery {surgery.date} {surgery.starts_at}")
        for label, moment in (
            ("quote checked", item.quote_reviewed_at),
            ("follow-up closed", item.follow_up_closed_at),
        ):
            if moment is not None and not (item.created_at < moment <= now):
                timing.append(f"{where}: {label} {timezone.localtime(moment)}")
    found["timing"] = timing

    off_theme, off_subject, repeated = [], [], []
    for proposal in Proposal.objects.select_related("theme", "council"):
        items = list(proposal.evidence.select_related("theme"))
        off_theme += [
            f"{proposal.title}: {item.theme} “{item.said}”"
            for item in items
            if item.theme_id != proposal.theme_id
        ]
        subject = words_of(
            " ".join([proposal.title, proposal.problem, proposal.solution, proposal.benefits])
        ) - words_of(proposal.theme.name)
        off_subject += [
            f"{proposal.title}: “{quote}”"
            for quote in evidence_for(proposal).quotes
            if not words_of(quote) & subject
        ]
        quoted = quotable(proposal.evidence.all(), proposal.council).values_list(
            "approved_quote", flat=True
        )
        repeated += [
            f"{proposal.title}: “{q}” {n} times"
            for q, n in Counter(normalise(q) for q in quoted).items()
            if n > 1
        ]
    found["off theme"] = off_theme
    found["off subject"] = off_subject
    found["repeated in evidence"] = repeated

    documents = []
    for report in GeneratedReport.objects.select_related("organisation", "council"):
        documents += repeated_quotes(f"{report.kind} {report.pk}", content_for(report))
    periods = {"last quarter": last_quarter(), "this quarter": quarter_containing(now.date())}
    for council in Council.objects.select_related("organisation"):
        for period_name, period in periods.items():
            content = you_said_we_did_content(
                ReportScope(council.organisation, council=council),
                period,
                public_url=public_page_url(council.organisation, council),
            )
            documents += repeated_quotes(f"{council.slug}, {period_name}", content)
    found["repeated in documents"] = documents
    return found


_FOUND: dict = {}


@pytest.fixture
def found(db):
    if not _FOUND:
        with time_machine.travel(LOADED_ON):
            _FOUND.update(find_problems())
    return _FOUND


def test_meetings_surgeries_and_other_activities_are_on_working_days(found):
    assert found["off days"] == []


def test_feedback_was_logged_on_its_own_day_during_its_surgery(found):
    assert found["timing"] == []


def test_evidence_is_on_the_proposals_theme(found):
    assert found["off theme"] == []


def test_quotes_with_a_proposal_are_about_its_subject(found):
    assert found["off subject"] == []


def test_no_quote_twice_in_a_proposals_evidence(found):
    assert found["repeated in evidence"] == []


def test_no_quote_twice_in_one_document(found):
    assert found["repeated in documents"] == []
