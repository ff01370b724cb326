"""Ready for Welsh: every word a person reads on a surgeries page goes
through the translation tags, so a catalogue can translate it."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "surgeries"


def words_outside_translation(text: str) -> list[str]:
    text = re.sub(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", "", text, flags=re.S)
    text = re.sub(r"{%.*?%}|{{.*?}}|<[^>]+>|{#.*?#}", "", text, flags=re.S)
    return [line.strip() for line in text.splitlines() if re.search(r"[A-Za-z]{2,}", line)]


def test_every_surgeries_template_keeps_its_words_in_translation_tags():
    found = {}
    for path in sorted(TEMPLATES.rglob("*.*")):
        left = words_outside_translation(path.read_text())
        if left:
            found[str(path.relative_to(TEMPLATES))] = left
    assert not found, found


def test_the_check_finds_words_left_outside():
    assert words_outside_translation("<p>{% translate 'Fine' %} Not fine</p>") == ["Not fine"]


def test_no_strftime_day_formats_in_surgeries():
    code = Path(__file__).resolve().parents[2] / "surgeries"
    offenders = [str(p) for p in code.rglob("*.py") if "%-d" in p.read_text()]
    assert offenders == []
