"""Reading PDFs back in tests: text, pages, and the size of each line of text."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def pdf_reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-"), "not a PDF"
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    """All the text, with runs of white space made single spaces, so that a
    phrase wrapped over two lines still matches."""
    reader = pdf_reader(data)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def text_sizes(data: bytes) -> list[tuple[str, float]]:
    """(text, size in points) for each run of text drawn."""
    runs: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((text.strip(), round(size * abs(cm[0]) * abs(tm[0]), 1)))

    for page in pdf_reader(data).pages:
        page.extract_text(visitor_text=visit)
    return runs


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def says(text: str, phrase: str) -> bool:
    """Does the PDF text contain the phrase, ignoring where lines and table
    cells broke it up?"""
    return squash(phrase) in squash(text)


def page_fill(page, footer_height: float = 45.0) -> float:
    """How far down the page its text goes, from 0 (nothing but the footer)
    to 1 (down to the footer): the lowest line of text that is not the
    footer, measured from the first line."""
    heights = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            heights.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    body = [y for y in heights if y > footer_height]
    if not body:
        return 0.0
    top = float(page.mediabox.height) - 60
    return max(0.0, (top - min(body)) / (top - footer_height))
