"""Words on screen go through Django's translation functions, in English and Welsh.

The template check reads every file under templates/ and fails on text a
person reads that is outside ``{% translate %}`` / ``{% blocktranslate %}``:
between tags, and in the attributes people read (alt, title, aria-label,
placeholder) and in the fallbacks of ``default`` filters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
TEMPLATE_FILES = sorted(
    p for p in TEMPLATES.rglob("*") if p.is_file() and p.suffix in {".html", ".txt"}
)
CATALOGUE = ROOT / "locale" / "cy" / "LC_MESSAGES"

# Removed first: whatever they hold is translated, or is never read.
TRANSLATED = [
    re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.S),
    re.compile(r"{%\s*trans(?:late)?\s.*?%}", re.S),
    re.compile(r"<script\b.*?</script>", re.S | re.I),
    re.compile(r"<style\b.*?</style>", re.S | re.I),
    # A CSS class set by a block is read by no one.
    re.compile(r"{%\s*block body_class\s*%}.*?{%\s*endblock\s*%}", re.S),
    # The product's name is the same in every language.
    re.compile(r"Said and Done"),
]
READ_ATTRIBUTES = re.compile(
    r"""\s(?:alt|title|aria-label|aria-description|placeholder)\s*=\s*("[^"]*"|'[^']*')""", re.I
)
DEFAULT_FALLBACK = re.compile(r"""\|default(?:_if_none)?:("[^"]*"|'[^']*')""")
TEMPLATE_CODE = re.compile(r"{%.*?%}|{{.*?}}", re.S)
HTML_TAG = re.compile(r"<[^>]*>", re.S)
ENTITY = re.compile(r"&[#\w]+;")
A_WORD = re.compile(r"[^\W\d_]{2,}")


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request in Welsh leaves Welsh active in this thread (LocaleMiddleware
    does not switch back); later tests expect the default."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def untranslated_text(source: str) -> list[str]:
    """The pieces of text a person would read that are not translated."""
    for pattern in TRANSLATED:
        source = pattern.sub(" ", source)
    found = []
    for match in DEFAULT_FALLBACK.finditer(source):
        if A_WORD.search(match.group(1)):
            found.append(f"default filter: {match.group(1)}")
    source = TEMPLATE_CODE.sub(" ", source)
    for match in READ_ATTRIBUTES.finditer(source):
        if A_WORD.search(match.group(1)):
            found.append(f"attribute: {match.group(0).strip()}")
    text = ENTITY.sub(" ", HTML_TAG.sub("\n", source))
    for line in text.splitlines():
        line = " ".join(line.split())
        if A_WORD.search(line):
            found.append(line)
    return found


@pytest.mark.parametrize(
    "path", [pytest.param(p, id=str(p.relative_to(TEMPLATES))) for p in TEMPLATE_FILES]
)
def test_template_text_is_translated(path):
    assert untranslated_text(path.read_text()) == []


APPS = ["councils", "members", "surgeries", "proposals", "expenses", "reports"]


def test_dates_a_person_reads_are_formatted_by_django():
    """strftime's month and day names are English whatever the language."""
    found = [
        str(path)
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and re.search(r"%-d|%B|%A|%b\b", path.read_text())
    ]
    assert found == []


def test_the_check_finds_what_it_should():
    assert untranslated_text("<p>Hello</p>") == ["Hello"]
    assert untranslated_text('<img src="x" alt="A photo">') == ['attribute: alt="A photo"']
    assert untranslated_text('{{ x|default:"None" }}') == ['default filter: "None"']
    assert untranslated_text("<p>Page {{ n }} of {{ m }}</p>") == ["Page of"]
    assert (
        untranslated_text(
            '{% load i18n %}<p>{% translate "Hello" %} – {{ name }}</p>'
            "{% blocktranslate trimmed %}Hi {{ x }}{% endblocktranslate %}"
            '<p aria-label="{% translate "Menu" %}">!</p>{# a note #}<p>1.</p>'
        )
        == []
    )


def test_the_catalogue_is_compiled_and_up_to_date():
    po, mo = CATALOGUE / "django.po", CATALOGUE / "django.mo"
    assert po.exists()
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, (
        "The Welsh catalogue is not compiled: run `make install` (pybabel compile)."
    )


def test_languages_offered_are_english_and_welsh():
    assert [code for code, _name in settings.LANGUAGES] == ["en-gb", "cy"]
    middleware = settings.MIDDLEWARE
    locale = middleware.index("django.middleware.locale.LocaleMiddleware")
    assert middleware.index("django.contrib.sessions.middleware.SessionMiddleware") < locale
    assert locale < middleware.index("django.middleware.common.CommonMiddleware")


@pytest.mark.django_db
def test_switching_to_welsh_changes_the_page(client):
    page = client.get("/accounts/login/")
    body = page.content.decode()
    assert '<html lang="en-gb"' in body
    assert "Sign in" in body and 'value="cy"' in body
    response = client.post("/i18n/setlang/", {"language": "cy", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    body = client.get("/accounts/login/").content.decode()
    assert '<html lang="cy"' in body
    assert "Mewngofnodi" in body
    assert 'value="en-gb"' in body and "English" in body
    client.post("/i18n/setlang/", {"language": "en-gb", "next": "/"})
    assert '<html lang="en-gb"' in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
def test_staff_without_an_authenticator_can_still_switch_language(tenant_a, client_for):
    from allauth.mfa.models import Authenticator

    chair = tenant_a["chair"]
    Authenticator.objects.filter(user=chair).delete()
    response = client_for(chair).post("/i18n/setlang/", {"language": "cy", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"


@pytest.mark.django_db
def test_welsh_messages_and_dates(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    body = client.get(f"/{tenant_a.organisation.slug}/people/{tenant_a['lead'].public_id}/")
    body = body.content.decode()
    assert "1 Ion 2020" in body  # the role's start date, formatted by Django, in Welsh
    assert "Pobl" in body


def test_python_strings_are_translated():
    from councils.models import Role
    from members.forms import RepSetupForm

    with translation.override("cy"):
        assert str(Role.REP.label) == "Cynrychiolydd y cyngor"
        assert str(RepSetupForm.base_fields["code"].label) == "Cod sefydlu"


@pytest.mark.django_db
def test_invitation_is_written_in_the_inviters_language(
    tenant_a, django_capture_on_commit_callbacks
):
    from django.core import mail

    from members import services

    with django_capture_on_commit_callbacks(execute=True), translation.override("cy"):
        services.staff_invite(
            organisation=tenant_a.organisation,
            email="nia@example.org",
            display_name="Nia",
            role="lead",
            region=None,
            council=None,
            actor=tenant_a["admin"],
        )
    assert mail.outbox[0].subject.startswith("Rydych chi wedi cael gwahoddiad")
    assert "Eich enw defnyddiwr yw:" in mail.outbox[0].body
