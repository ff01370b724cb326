"""Looking up words on screen once per language and process.

A page looks up three to five hundred strings. Each English string is
missing from every catalogue (English is the source language), and Django
walks its chain of catalogues to find that out: seven catalogues, one for
each plural rule of the installed apps, then six fallbacks holding only a
header, with a KeyError raised at each step. That was about 15 µs a string,
several milliseconds a page. The answer for a message never changes while
the catalogues stay loaded, so each translation object remembers it.

Django builds a new translation object when it reloads the catalogues (in
development, when a .mo file changes), so nothing remembered outlives the
words it came from.
"""

from __future__ import annotations

from django.utils.translation.trans_real import DjangoTranslation

# Enough for every string of the product in one language, with room; a
# caller that passed words it built itself could not grow it without end.
REMEMBER_AT_MOST = 20_000

_looked_up = DjangoTranslation.gettext


def _gettext_remembered(self, message):
    remembered = self.__dict__.get("_remembered")
    if remembered is None:
        remembered = self.__dict__["_remembered"] = {}
    result = remembered.get(message)
    if result is None:
        result = _looked_up(self, message)
        if len(remembered) < REMEMBER_AT_MOST:
            remembered[message] = result
    return result


def remember_translations() -> None:
    """Called once, when the app is ready."""
    if DjangoTranslation.gettext is not _gettext_remembered:
        DjangoTranslation.gettext = _gettext_remembered
