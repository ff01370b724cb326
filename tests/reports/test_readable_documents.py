"""Documents a person can read: whole sentences on the poster, captions with
their tables, columns apart, and a QR code that says what it is."""

import re

from reports.content import ProposalOutcome, Quote
from reports.renderers import PRINT_CSS, YouSaidWeDidPosterRenderer, qr_code_svg
from tests.reports import samples
from tests.reports.pdftext import pdf_reader, pdf_text, says

SENTENCE = "Reception staff now say hello and tell you how long the wait will be."


def test_poster_prints_whole_sentences_and_the_closing_quote_mark():
    long = "This is a long sentence that keeps going on and on about the problem. " * 8
    content = samples.you_said_we_did(
        we_did=[
            ProposalOutcome("Short one", "The wait was long.", SENTENCE),
            *[ProposalOutcome(f"Change {i}", long, long) for i in range(5)],
        ],
        quotes=[Quote(long, "Other"), Quote("They listened to me.", "Reception")],
    )
    renderer = YouSaidWeDidPosterRenderer(content)
    data = renderer.render()
    text = pdf_text(data)
    assert len(pdf_reader(data).pages) == 1
    assert "…" not in text and "..." not in text
    assert says(text, f"We did: {SENTENCE}")
    assert says(text, "“They listened to me.”")
    assert not says(text, "keeps going on")


def test_qr_code_has_alternative_text_saying_where_it_leads():
    svg = qr_code_svg("http://testserver/public/a/b/")
    assert "<title>QR code</title>" in svg
    assert "<desc>QR code: a link to http://testserver/public/a/b/</desc>" in svg


def test_print_css_keeps_captions_with_tables_and_number_columns_apart():
    css = PRINT_CSS.read_text()
    assert re.search(r"caption \{[^}]*break-after: avoid", css)
    assert re.search(r"td\.num \+ td[^{]*\{[^}]*padding-left", css)
