"""Work remembered until the data under it changes.

Some pages compute the same thing for everyone who opens them: the figures
of a dashboard, the rows of a list for a council. Each organisation has a
``data_version``, a number that goes up with every write to its data. What
a page remembers is kept under that number, so the first request after a
change builds it afresh and nobody sees it stale.

How a write is noticed: every database statement goes through
``_note_write`` (installed on each connection). After an ``INSERT``,
``UPDATE`` or ``DELETE`` it raises the version in the same transaction, so
the new number and the new data are seen together, and a write that is
rolled back takes its number back with it. A write to a table with an
``organisation`` (and to the tables that link such rows) raises the version
of the organisation whose page is being served; any other write, or a write
outside a page of one organisation (a background job, a sign-in, a command),
raises every organisation's. Nothing needs to remember to call anything.

Sessions raise nothing: nothing remembered shows them. The audit log has a
number of its own, ``audit_version``, because a page view can write an event
(the reps page names the reps it listed): only the audit log's page keys
its rows by it. Remembered work is also kept
for ``FRESH_SECONDS`` at most, and never past the day it was made, so that
figures "as at now" (what is overdue, the last 30 days) move with the clock.

Never remember anything that depends on the person beyond what its key says
(their scope, their id), or a page's secrets: ``remember_html`` refuses HTML
with a CSRF token or a script nonce in it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import pickle
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

T = TypeVar("T")

# The organisation whose page this request serves: its writes are its own.
_serving: ContextVar[int | None] = ContextVar("serving_organisation", default=None)
# Whether this request has written: its organisation's version, read when it
# began, is behind, so it must not reuse anything.
_wrote: ContextVar[bool] = ContextVar("wrote_while_serving", default=False)

_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_UNWATCHED_TABLES = frozenset({"django_session"})
_AUDIT_TABLE = "councils_auditevent"

_state = threading.local()
_migrating = False


@contextmanager
def serving(organisation_id: int) -> Iterator[None]:
    """Put the writes made inside down to this organisation."""
    token, wrote = _serving.set(organisation_id), _wrote.set(False)
    try:
        yield
    finally:
        _serving.reset(token)
        _wrote.reset(wrote)


def remember(organisation, name: str, key, build: Callable[[], T]) -> T:
    """``build()``, or what it returned before for the same ``name`` and
    ``key`` in this organisation, language and day, if its data has not
    changed since. ``key`` holds everything else the result depends on (a
    scope, a period, a page number), as ints, strings, dates, and tuples,
    lists or sets of them."""
    seconds = settings.FRESH_SECONDS
    if seconds <= 0 or _wrote.get():
        return build()
    cache_key = _cache_key(organisation, name, key)
    found = _nearby.get(cache_key)
    if found is None:
        found = cache.get(cache_key)
        if found is not None:
            _nearby.put(cache_key, found, seconds)
    if found is not None:
        return pickle.loads(found)
    value = build()
    pickled = _pickled(value)
    cache.set(cache_key, pickled, seconds)
    _nearby.put(cache_key, pickled, seconds)
    return value


class _Nearby:
    """The most recently used remembered work, in this process's memory, in
    front of the shared cache (Redis in production): each lookup there is a
    round trip, and a page makes two to four. Safe to keep: a key names the
    version of the data, so a change is a new key, never a stale entry."""

    entries = 500

    def __init__(self):
        self._kept: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            found = self._kept.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                del self._kept[key]
                return None
            self._kept.move_to_end(key)
            return found[1]

    def put(self, key: str, pickled: bytes, seconds: int) -> None:
        with self._lock:
            self._kept[key] = (time.monotonic() + seconds, pickled)
            self._kept.move_to_end(key)
            while len(self._kept) > self.entries:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


_nearby = _Nearby()


def forget_everything_nearby() -> None:
    """For tests: each starts with nothing remembered in this process."""
    _nearby.clear()


def remember_html(organisation, name: str, key, build: Callable[[], str]) -> SafeString:
    """``remember`` for a piece of a page that ``build`` renders."""

    def checked() -> str:
        return str(_without_secrets(name, build()))

    return mark_safe(remember(organisation, name, key, checked))


def remember_parts(organisation, name: str, key, build: Callable[[], dict]) -> dict:
    """``remember`` for a page's rendered pieces (safe strings, still safe
    when remembered) with the numbers shown around them (a count, a page
    number). As for ``remember_html``, no piece may hold a page's secrets."""

    def checked() -> dict:
        parts = build()
        for value in parts.values():
            if isinstance(value, SafeString):
                _without_secrets(name, value)
        return parts

    return remember(organisation, name, key, checked)


def page_number(request, param: str = "page") -> int:
    """The page asked for, as ``Paginator.get_page`` reads it (anything not
    a whole number is page 1), for a key."""
    try:
        return int(request.GET.get(param))
    except (TypeError, ValueError):
        return 1


def page_of(count: int, per_page: int, number: int) -> Page:
    """The page of a list whose rows were remembered, for its page links and
    ``{% if page %}``: which page, of how many, holding how many rows."""
    return Paginator(range(count), per_page).get_page(number)


def _without_secrets(name: str, html: str) -> str:
    if "csrfmiddlewaretoken" in html or "nonce=" in html:
        raise ValueError(f"{name}: a remembered fragment must not hold a page's secrets.")
    return html


class _WordsAsTheyRead(pickle.Pickler):
    """Words to be translated later are kept as they read now: the key holds
    the language. (Django rebuilds a class for each one it unpickles: a
    dashboard's 80 of them took 20 ms.)"""

    def reducer_override(self, obj):
        if isinstance(obj, Promise):
            return str, (str(obj),)
        return NotImplemented


def _pickled(value) -> bytes:
    out = io.BytesIO()
    _WordsAsTheyRead(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


def _cache_key(organisation, name: str, key) -> str:
    digest = hashlib.blake2b(_canonical(key).encode(), digest_size=12).hexdigest()
    return (
        f"fresh:{organisation.pk}:{organisation.data_version}:{get_language()}:"
        f"{timezone.localdate().isoformat()}:{name}:{digest}"
    )


def _canonical(value) -> str:
    """The same text for the same key, whatever order a set comes in."""
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_canonical(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "(" + ",".join(_canonical(v) for v in value) + ")"
    if value is None or isinstance(value, (int, str)):
        return repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"Not a key part: {value!r}")


# Noticing writes ------------------------------------------------------------


@functools.cache
def _organisation_tables() -> frozenset[str]:
    """Tables whose rows belong to one organisation: those with an
    ``organisation`` column, the organisation itself, and the tables that
    link their rows to others. The same for every thread: worked out once."""
    tables = {"councils_organisation"}
    for model in apps.get_models():
        if "organisation" not in {f.name for f in model._meta.concrete_fields}:
            continue
        tables.add(model._meta.db_table)
        for m2m in model._meta.local_many_to_many:
            if m2m.remote_field.through._meta.auto_created:
                tables.add(m2m.remote_field.through._meta.db_table)
    return frozenset(tables)


def _note_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if _migrating or getattr(_state, "bumping", False):
        return result
    match = _WRITE.match(sql)
    if match is None or match.group(1) in _UNWATCHED_TABLES:
        return result
    serving_id = _serving.get()
    organisation_id = serving_id if match.group(1) in _organisation_tables() else None
    if match.group(1) == _AUDIT_TABLE:
        _raise_version(context["connection"], organisation_id, "audit_version")
        return result
    _raise_version(context["connection"], organisation_id, "data_version")
    if serving_id is not None:
        _wrote.set(True)
    return result


def _raise_version(connection, organisation_id: int | None, column: str) -> None:
    sql = f'UPDATE "councils_organisation" SET "{column}" = "{column}" + 1'
    _state.bumping = True
    try:
        # A cursor of its own: the write's cursor still holds its results
        # (the ids an INSERT returned).
        with connection.cursor() as cursor:
            if organisation_id is None:
                cursor.execute(sql)
            else:
                cursor.execute(sql + ' WHERE "id" = %s', [organisation_id])
    finally:
        _state.bumping = False


def _install(sender, connection, **kwargs) -> None:
    if _note_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_note_write)


def _migrations_started(**kwargs) -> None:
    # The column may not exist yet while migrations run.
    global _migrating
    _migrating = True


def _migrations_ended(**kwargs) -> None:
    global _migrating
    _migrating = False


def watch_writes() -> None:
    """Called once, when the app is ready."""
    connection_created.connect(_install, dispatch_uid="freshness-install")
    pre_migrate.connect(_migrations_started, dispatch_uid="freshness-migrating")
    post_migrate.connect(_migrations_ended, dispatch_uid="freshness-migrated")
