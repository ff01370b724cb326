"""Ready for Welsh: every word a person reads in the reports templates is
inside a translation tag, and the pages render in another language."""

import re
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2] / "templates" / "reports"
# The product's name is the same in every language.
UNTRANSLATED = {"Said and Done"}

BLOCKS = re.compile(
    r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}"
    # A CSS class name set by a block is not read by anyone.
    r"|{%\s*block body_class\s*%}.*?{%\s*endblock\s*%}",
    re.S,
)
TAGS = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}|<[^>]*>|&[a-z]+;", re.S)


def loose_words(text: str) -> list[str]:
    for name in UNTRANSLATED:
        text = text.replace(name, "")
    text = TAGS.sub(" ", BLOCKS.sub(" ", text))
    return re.findall(r"[A-Za-z]{2,}", text)


@pytest.mark.parametrize(
    "template", sorted(p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.*")), ids=str
)
def test_no_words_outside_translation_tags(template):
    assert loose_words((ROOT / template).read_text()) == []


def test_the_check_finds_loose_words():
    assert loose_words('<p class="x">Hello {{ name }}</p>') == ["Hello"]
    assert loose_words('<p>{% translate "Hello" %} {{ name }}</p>') == []


@pytest.mark.django_db
def test_the_public_page_renders_in_welsh_without_error(tenant_a, client):
    council = tenant_a.council
    type(council).objects.filter(pk=council.pk).update(public_page_enabled=True)
    with translation.override("cy"):
        response = client.get(
            f"/public/{tenant_a.organisation.slug}/{council.slug}/", HTTP_ACCEPT_LANGUAGE="cy"
        )
    assert response.status_code == 200
