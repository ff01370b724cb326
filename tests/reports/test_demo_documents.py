"""Every document the demo makes, read back as text.

The demo is seeded once for this module (inside a transaction rolled back at
the end), then for each demo organisation the booklet and poster of each
council, and the quarterly report of each council, region and the whole
organisation, are rendered for the quarter in progress and the last one.
Read back from the PDFs:

- no words of a feedback item unless a coordinator approved them as a quote
  for a council the document covers;
- no person's name;
- no count of people from 1 to 4 printed as a number;
- every decision published in the period, in the You Said We Did booklet;
- no near-empty last page.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from councils.models import Council, Organisation, Region
from councils.periods import last_quarter, quarter_containing
from proposals.models import Decision, Proposal
from reports.renderers import RENDERERS
from reports.selectors import (
    ReportScope,
    public_page_url,
    quarterly_content,
    you_said_we_did_content,
)
from reports.selectors.scope import end_of_period, start_of_day
from surgeries.models import FeedbackItem
from tests.reports.pdftext import page_fill, pdf_reader, says, squash

# Words of fewer than this many are too common to say whose they are.
SENTENCE_WORDS = 5
# A page whose text stops before this share of its height is near-empty.
NEAR_EMPTY = 0.2


@dataclass
class Document:
    name: str
    kind: str
    text: str
    pages: list[str]
    fills: list[float]  # how far down each page its text goes (0 to 1)
    html: str
    forbidden: list[str]  # sentences nobody approved for these councils
    decisions: list[str]  # titles of proposals decided and published in the period


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [p.strip() for p in parts if len(p.split()) >= SENTENCE_WORDS]


def normalise(text: str) -> str:
    return re.sub(r"[‘’]", "'", re.sub(r"[“”]", '"', text))


def forbidden_sentences(organisation, council_ids: set[int]) -> list[str]:
    """Sentences of feedback that no coordinator approved, as a quote with the
    person's consent, for one of these councils."""
    approved = " ".join(
        FeedbackItem.objects.filter(
            organisation=organisation,
            council_id__in=council_ids,
            quote_status=FeedbackItem.QuoteStatus.APPROVED,
            consent_to_quote=True,
        ).values_list("approved_quote", flat=True)
    )
    forbidden = set()
    for said, suggestion in FeedbackItem.objects.values_list("said", "suggestion"):
        for sentence in sentences(said) + sentences(suggestion):
            if not says(normalise(approved), normalise(sentence)):
                forbidden.add(sentence)
    return sorted(forbidden)


def published_decisions(organisation, council_ids: set[int], period) -> list[str]:
    return sorted(
        set(
            Decision.objects.filter(
                organisation=organisation,
                proposal__council_id__in=council_ids,
                published_at__gte=start_of_day(period.start),
                published_at__lt=end_of_period(period),
            )
            .exclude(outcome=Decision.Outcome.WITHDRAWN)
            .values_list("proposal__title", flat=True)
        )
    )


def render(name, kind, content, organisation, council_ids, period) -> Document:
    renderer = RENDERERS[kind](content)
    html = renderer.html()
    data = renderer.pdf_from_html(html)
    reader = pdf_reader(data)
    pages = [page.extract_text() or "" for page in reader.pages]
    text = re.sub(r"\s+", " ", " ".join(pages))
    return Document(
        name=name,
        kind=kind,
        text=text,
        pages=[re.sub(r"\s+", " ", page) for page in pages],
        fills=[page_fill(page) for page in reader.pages],
        html=html,
        forbidden=forbidden_sentences(organisation, council_ids),
        decisions=published_decisions(organisation, council_ids, content.period),
    )


_MADE: dict = {}


@pytest.fixture
def documents(db):
    """The demo's documents, made once per module: the first test to ask
    seeds the demo and renders them (its transaction is rolled back as
    usual); the plain text and HTML are kept for the others."""
    if not _MADE:
        _MADE["documents"] = make_documents()
    return _MADE["documents"]


def make_documents() -> tuple[list[Document], list[str], list[str]]:
    made: list[Document] = []
    call_command("seed_demo", stdout=io.StringIO())
    today = timezone.localdate()
    periods = {"last quarter": last_quarter(), "this quarter": quarter_containing(today)}
    for organisation in Organisation.objects.filter(slug__in=["northmoor", "southfen"]):
        councils = list(Council.objects.filter(organisation=organisation))
        scopes = [(organisation.name, ReportScope(organisation), {c.pk for c in councils})]
        for region in Region.objects.filter(organisation=organisation):
            ids = {c.pk for c in councils if c.region_id == region.pk}
            scopes.append((region.name, ReportScope(organisation, region=region), ids))
        for council in councils:
            scopes.append((council.name, ReportScope(organisation, council=council), {council.pk}))
        for period_name, period in periods.items():
            for scope_name, scope, ids in scopes:
                name = f"{scope_name}, {period_name}"
                content = quarterly_content(scope, period)
                made.append(render(name, "quarterly", content, organisation, ids, content.period))
                if scope.council is None:
                    continue
                content = you_said_we_did_content(
                    scope, period, public_url=public_page_url(organisation, scope.council)
                )
                for kind in ("you_said_we_did_booklet", "you_said_we_did_poster"):
                    made.append(render(name, kind, content, organisation, ids, content.period))
    names = list(
        get_user_model().objects.exclude(display_name="").values_list("display_name", flat=True)
    )
    proposal_words = [
        words
        for row in Proposal.objects.values_list("problem", "we_did", "not_implemented_reason")
        for words in row
        if words
    ] + [
        words
        for row in Decision.objects.values_list("reason", "changes_required")
        for words in row
        if words
    ]
    assert made and names
    return made, names, proposal_words


def unapproved_words(d: Document, text: str) -> list[str]:
    return [
        f"{d.name} ({d.kind}): {sentence}"
        for sentence in d.forbidden
        if squash(normalise(sentence)) in text
    ]


def test_no_words_anyone_did_not_agree_to_publish(documents):
    """Everything but what proposals say ("you said", "we did", reasons):
    the quotes, the themes, the sentences the documents build."""
    made, _names, proposal_words = documents
    problems = []
    for d in made:
        text = squash(normalise(d.text))
        for words in proposal_words:
            text = text.replace(squash(normalise(words)), " ")
        problems += unapproved_words(d, text)
    assert problems == []


def test_no_words_anyone_did_not_agree_to_publish_in_what_proposals_say(documents):
    made, _names, _proposal_words = documents
    problems = []
    for d in made:
        problems += unapproved_words(d, squash(normalise(d.text)))
    assert problems == []


def test_no_names(documents):
    made, names, _proposal_words = documents
    problems = [
        f"{d.name} ({d.kind}): {name}"
        for d in made
        for name in names
        if re.search(rf"\b{re.escape(name)}\b", d.text)
    ]
    assert problems == []


# Printed numbers next to words that say they count people.
SMALL = r"(?<![\d,.])[1-4](?![\d,.%])"
PEOPLE_PHRASES = [
    rf"{SMALL} (people|person|reps?|comments?)\b",
    rf"{SMALL} (new|trained|moved on|engaged|approached|places taken|places expected)\b",
    rf"talked with {SMALL}\b",
    rf"Apologies sent: {SMALL}\b",
    rf"{SMALL} reps were active",
]
# Table rows (and chart labels) that count people: the label, then a number.
PEOPLE_ROWS = [
    "People approached",
    "People engaged",
    "People who said no thanks",
    r"Active on \d{1,2} \w+ \d{4}",
    "Left for any reason",
]


SMALL_CELLS = {"1", "2", "3", "4"}
PEOPLE_CHARTS = {"Council reps", "Gender", "Age", "Ethnicity", "Order or licence"}


def test_no_count_of_people_under_5_is_printed_as_a_number(documents):
    made, _names, _proposal_words = documents
    problems = []
    for d in made:
        for pattern in PEOPLE_PHRASES:
            problems += [f"{d.name} ({d.kind}): {m.group(0)}" for m in re.finditer(pattern, d.text)]
        for label in PEOPLE_ROWS:
            for m in re.finditer(rf"{label}</th>((?:<td[^>]*>[^<]*</td>)+)", d.html):
                cells = re.findall(r"<td[^>]*>([^<]*)</td>", m.group(1))
                problems += [f"{d.name}: {label} {cell}" for cell in cells if cell in SMALL_CELLS]
        # Every table of the people who commented or of reps: no cell is 1 to 4.
        for table in re.findall(r"<table>.*?</table>", d.html, re.S):
            if "Comments</th>" in table or ">Reps</th>" in table:
                cells = re.findall(r'<td class="num">([^<]*)</td>', table)
                problems += [f"{d.name}: a cell of {cell}" for cell in cells if cell in SMALL_CELLS]
        # Charts of people print their value labels by the same rule.
        for title, chart in re.findall(
            r"<svg[^>]*><title>([^<]*)</title>(.*?)</svg>", d.html, re.S
        ):
            if title in PEOPLE_CHARTS:
                labels = re.findall(r"<text[^>]*>([^<]*)</text>", chart)
                problems += [
                    f"{d.name}: chart {title} shows {v}" for v in labels if v in SMALL_CELLS
                ]
    assert problems == []


def test_every_decision_published_in_the_period_is_in_the_booklet(documents):
    made, _names, _proposal_words = documents
    booklets = [d for d in made if d.kind == "you_said_we_did_booklet"]
    assert any(d.decisions for d in booklets), "the demo publishes decisions"
    missing = [
        f"{d.name}: {title}" for d in booklets for title in d.decisions if not says(d.text, title)
    ]
    assert missing == []


def test_no_near_empty_page(documents):
    """No last page with a line or two on it, and no page of a quarterly
    report left nearly blank because what follows would not fit."""
    made, _names, _proposal_words = documents
    near_empty = []
    for d in made:
        if d.kind == "you_said_we_did_poster":
            continue  # one page, its parts placed on it
        numbered = list(enumerate(d.fills, start=1))
        for number, fill in numbered if d.kind == "quarterly" else numbered[-1:]:
            if fill < NEAR_EMPTY:
                near_empty.append(f"{d.name} ({d.kind}) page {number}: {d.pages[number - 1]!r}")
    assert near_empty == []
