from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation.trans_real import DjangoTranslation

from councils import translation as remembered


def test_words_are_looked_up_once_and_answer_as_django_does():
    assert DjangoTranslation.gettext is remembered._gettext_remembered
    for code, expected in (("en-gb", "Search"), ("cy", "Chwilio")):
        with translation.override(code):
            first = gettext("Search")
            again = gettext("Search")
            current = translation.trans_real.translation(code)
            assert first == again == expected
            assert remembered._looked_up(current, "Search") == expected
            assert current.__dict__["_remembered"]["Search"] == expected


def test_each_language_remembers_its_own_words():
    with translation.override("cy"):
        welsh = gettext("Search")
    with translation.override("en-gb"):
        english = gettext("Search")
    assert (welsh, english) == ("Chwilio", "Search")
    # pgettext and missing words go through the same lookup.
    with translation.override("cy"):
        assert gettext("words nobody translated") == "words nobody translated"
        assert pgettext("no such context", "Search") == "Search"


def test_it_stops_remembering_at_its_limit(monkeypatch):
    monkeypatch.setattr(remembered, "REMEMBER_AT_MOST", 0)
    with translation.override("cy"):
        current = translation.trans_real.translation("cy")
        current.__dict__.pop("_remembered", None)
        assert gettext("Search") == "Chwilio"
        assert current.__dict__["_remembered"] == {}
