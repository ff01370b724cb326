"""The renderers on their own: plain content in, PDF out, text read back."""

import re

import pytest

from councils.disclosure import Cell, people_count, people_counts
from reports import charts
from reports.content import ProposalOutcome, Quote
from reports.renderers import (
    QuarterlyReportRenderer,
    YouSaidWeDidPosterRenderer,
    YouSaidWeDidRenderer,
    qr_code_svg,
)
from tests.reports import samples
from tests.reports.pdftext import pdf_reader, pdf_text, says, text_sizes


@pytest.fixture(scope="module")
def booklet():
    renderer = YouSaidWeDidRenderer(samples.you_said_we_did())
    data = renderer.render()
    return renderer, data, pdf_text(data)


def test_booklet_tells_what_was_said_done_in_progress_and_not_done(booklet):
    renderer, data, text = booklet
    assert says(text, "You said, we did")
    assert says(text, "Ashford Vale Council") and says(text, "April to June 2025")
    assert says(text, "Our council reps held 12 surgeries.")
    assert says(text, "They talked with 143 people.")
    assert says(text, "Reception and buildings – 21 comments")
    assert says(text, "Women – fewer than 5 comments")
    assert says(text, "“The staff at the desk made me feel like a person for once.”")
    assert says(text, "Customer service training for reception staff")
    assert says(text, "We did: All reception staff had customer service training in May.")
    assert says(text, "What is happening: The council agreed to this in June 2025.")
    assert says(text, "What we could not do, and why")
    assert says(text, "Why not: There is no budget for this.")
    assert says(text, "http://testserver/public/northmoor/ashford-vale/")
    assert renderer.page_count == len(pdf_reader(data).pages) >= 3


def test_booklet_body_is_large_print(booklet):
    _, data, _ = booklet
    footer = re.compile(r"^(Page \d+ of \d+|You said, we did – .*)$")
    sizes = [size for text, size in text_sizes(data) if not footer.match(text)]
    assert sizes and min(sizes) >= 14, sorted(set(sizes))


def test_booklet_is_friendly_when_there_is_nothing_yet():
    content = samples.you_said_we_did(
        surgeries_held=0,
        people_engaged=0,
        top_themes=[],
        quotes=[],
        we_did=[],
        in_progress=[],
        could_not=[],
        public_url="",
    )
    text = pdf_text(YouSaidWeDidRenderer(content).render())
    assert says(text, "We did not hear any feedback in this time.")
    assert says(text, "Nothing was finished in this time.")
    assert says(text, "There is nothing in progress right now.")
    assert not says(text, "Scan the code")


def test_text_is_escaped_not_interpreted():
    content = samples.you_said_we_did(
        we_did=[ProposalOutcome("<b>Tea</b> & biscuits", "Long waits", "Tea & biscuits <now>")]
    )
    renderer = YouSaidWeDidRenderer(content)
    assert "&lt;b&gt;Tea&lt;/b&gt; &amp; biscuits" in renderer.html()
    assert "<b>Tea</b> & biscuits" in pdf_text(renderer.render())


def test_poster_is_one_page_with_a_qr_code_even_with_a_lot_to_say():
    long = "This is a long sentence that keeps going on and on about the problem. " * 8
    content = samples.you_said_we_did(
        we_did=[ProposalOutcome(f"Change {i}", long, long) for i in range(12)],
        quotes=[Quote(long, "Other")],
    )
    renderer = YouSaidWeDidPosterRenderer(content)
    html = renderer.html()
    assert 'aria-label="QR code"' in html and "<path" in html
    data = renderer.render()
    assert renderer.page_count == 1
    assert len(pdf_reader(data).pages) == 1
    text = pdf_text(data)
    assert says(text, "You said, we did")
    assert says(text, "http://testserver/public/northmoor/ashford-vale/")


def test_poster_shows_the_first_three_things_done():
    content = samples.you_said_we_did(
        we_did=[
            ProposalOutcome(f"Title {i}", f"Problem number {i}", f"Fixed number {i}")
            for i in range(5)
        ]
    )
    text = pdf_text(YouSaidWeDidPosterRenderer(content).render())
    for i in range(3):
        assert says(text, f"We did: Fixed number {i}")
    assert not says(text, "Fixed number 3")


def test_qr_code_is_inline_svg_for_the_url():
    svg = qr_code_svg("http://testserver/public/a/b/")
    assert svg.startswith("<svg") and "viewBox" in svg and 'role="img"' in svg
    assert svg != qr_code_svg("http://testserver/public/a/c/")


@pytest.fixture(scope="module")
def quarterly():
    renderer = QuarterlyReportRenderer(samples.quarterly())
    html = renderer.html()
    data = renderer.render()
    return renderer, html, data


def test_quarterly_starts_with_a_one_page_summary(quarterly):
    _, _, data = quarterly
    first = pdf_reader(data).pages[0].extract_text()
    assert "Summary" in first
    assert "12 accepted out of 13 presented" in first
    assert "1. Reach" not in first
    assert pdf_reader(data).pages[1].extract_text().startswith("1. Reach")


def test_quarterly_rates_have_their_denominators(quarterly):
    _, _, data = quarterly
    text = pdf_text(data)
    assert says(text, "92% accepted")
    assert says(text, "Accepted 12 92% 12 accepted out of 13 presented")
    assert says(text, "Implemented 9 75% 9 implemented out of 12 accepted")
    assert says(text, "Presented 13 65% 13 presented out of 20 raised")
    assert says(text, "Raised to decision 21.5 13 decided")
    assert says(text, "Engaged ÷ approached 72% 143 engaged out of 200 approached")


def test_quarterly_sections_and_change_on_last_quarter(quarterly):
    _, _, data = quarterly
    text = pdf_text(data)
    assert says(text, "Reception and buildings 21 10 up 11")
    assert says(text, "Employment, training and education 15 18 down 3")
    assert says(text, "All themes 36 28 up 8")
    assert says(text, "Action points 3 10")
    assert says(text, "Accepted proposals waiting for an update 2 5")
    assert says(text, "Council meetings 1") and says(text, "Proposal hub meetings 3")
    assert says(text, "30 places taken out of 36 places expected")
    assert says(text, "Active on 30 June 2025 12")
    assert says(text, "Moved on to education or work fewer than 5")


def test_quarterly_charts_are_svg_each_beside_a_table(quarterly):
    _, html, _ = quarterly
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 6
    for caption in [
        "Surgeries and people reached",
        "Feedback items by theme",
        "From raised to implemented",
        "Meetings held in",
        "Council reps in",
        "<caption>Gender</caption>",
    ]:
        assert caption in html


def test_quarterly_suppresses_small_numbers(quarterly):
    _, _, data = quarterly
    text = pdf_text(data)
    # 2 people "in another way": hidden, and "not recorded" (6) hidden too,
    # since the total would give the 2 away.
    assert says(text, "In another way fewer than 5")
    assert says(text, "Not recorded not shown, to protect a small number")
    assert says(text, "Woman 30") and says(text, "Man 50")
    # Reps: 4 women is hidden, so 8 men is hidden too, and says why.
    assert says(text, "Woman fewer than 5 Man not shown, to protect a small number")


def test_the_booklet_and_quarterly_use_the_one_disclosure_rule():
    """councils.disclosure is tested in tests/councils; here, that the
    reports' tables use it: zero shows, and the protecting cell says why."""
    from reports.content import DiversityGroup

    group = DiversityGroup.from_counts(
        "Gender", [("Woman", 2), ("Man", 40), ("In another way", 9)], 0
    )
    cells = dict(group.rows)
    assert cells["Woman"].text == "fewer than 5"
    assert cells["In another way"].text == "not shown, to protect a small number"
    assert cells["Man"].text == "40"
    group = DiversityGroup.from_counts("Age", [("18-24", 7), ("25-34", 9)], 0)
    assert group.not_recorded.text == "0"
    assert dict(people_counts([("a", 0), ("b", 3), ("c", 9)]))["a"].text == "0"


def test_bar_chart_escapes_labels_and_draws_no_bar_for_hidden_values():
    svg = charts.bar_chart(
        "Ages <b>", [("18 & over", 10), ("Hidden", people_count(3)), ("Also", Cell(12))]
    )
    assert "18 &amp; over" in svg and "Ages &lt;b&gt;" in svg
    assert svg.count("<rect") == 2
    assert "fewer than 5" in svg and ">12<" in svg
