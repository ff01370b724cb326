"""Queries that every signed-in page runs, with their SQL built once.

Every page under ``/<org>/`` loads the session, the person and their roles
in the organisation. Django builds each query's SQL afresh on every request:
about 1 ms of Python a query, against about 0.1 ms for the database to answer
it. ``PrecompiledQuery`` asks Django for the SQL once per process (and per
``key``, such as today's date), then runs it with each request's values and
builds the objects exactly as Django's own iterator does.

Only for a few fixed-shape queries on the path of every request: a query whose
shape depends on its values (an ``IN`` list, an optional filter) must be built
each time, as usual, or have what decides its shape in ``key``.

``PrecompiledAggregate`` does the same for ``queryset.aggregate(...)`` (the
counts on the home pages): Django's own ``aggregate()`` builds the SQL, once a
key, and each run converts the row as Django does.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models.query import get_related_populators

# Stand-ins for the values while Django builds the SQL: each must come out
# of the build as one query parameter, which is then replaced by the real
# value. Values must be ints or strings: Django passes those to the driver
# unchanged on every backend (dates and times it may turn into text).
SENTINEL_INT = -7_310_917_441
SENTINEL_TEXT = "\x00precompiled:{}\x00"

# Compiled forms kept a query: enough for each shape its keys take in a day
# (today's date with a person's scope, say); the oldest is dropped first.
KEYS_KEPT = 32


@dataclass(frozen=True)
class _Sql:
    """SQL built once, and where each value goes in its parameters."""

    sql: str | None  # None: Django found the query empty and asks nothing
    params: tuple[Any, ...]
    # For each parameter: the name of the value that goes there, or None for
    # a constant that Django built into the query.
    slots: tuple[str | None, ...]
    db: str

    @property
    def names(self) -> set[str]:
        return {name for name in self.slots if name is not None}

    def bound(self, values: dict[str, int | str]) -> list:
        return [
            constant if name is None else values[name]
            for constant, name in zip(self.params, self.slots, strict=True)
        ]


@dataclass(frozen=True)
class _Compiled(_Sql):
    compiler: Any
    init_list: list[str]
    model_fields: slice
    annotation_col_map: dict[str, int]


@dataclass(frozen=True)
class _CompiledAggregate(_Sql):
    compiler: Any
    aliases: tuple[str, ...]
    empty_result: tuple[Any, ...]


class _BuiltOnce(ABC):
    """What both kinds share: one compiled form a key, built from the
    queryset with stand-ins for the values, then run with the real ones."""

    def __init__(self, build: Callable):
        self._build = build
        self._compiled: dict[Hashable, _Sql] = {}
        self._lock = threading.Lock()

    def _compiled_for(self, key: Hashable, values: dict[str, int | str]):
        compiled = self._compiled.get(key)
        if compiled is None or compiled.names != set(values):
            sentinels = {
                name: _sentinel_for(name, value, index)
                for index, (name, value) in enumerate(sorted(values.items()))
            }
            compiled = self._compile(key, sentinels)
            self._keep(key, compiled)
        return compiled

    @abstractmethod
    def _compile(self, key: Hashable, sentinels: dict[str, int | str]) -> _Sql:
        """Build the queryset with the stand-ins, and its SQL."""

    def _keep(self, key: Hashable, compiled: _Sql) -> None:
        """Remember one compiled form a key, the newest ``KEYS_KEPT`` (an old
        day's are dropped as new ones come). A new dict each time, so a
        reader never sees one half changed."""
        with self._lock:
            kept = {k: v for k, v in self._compiled.items() if k != key}
            kept[key] = compiled
            while len(kept) > KEYS_KEPT:
                del kept[next(iter(kept))]
            self._compiled = kept


class PrecompiledQuery(_BuiltOnce):
    """``build(key, **values)`` returns the queryset; ``run(key=..., **values)``
    gives what ``list(build(key, **values))`` would, without building the SQL
    again. ``key`` is a constant the SQL is built with, such as today's date
    for a query that asks what is current: a new key builds the SQL again."""

    def run(self, *, key: Hashable = None, **values: int | str) -> list:
        compiled = self._compiled_for(key, values)
        if compiled.sql is None:
            return []
        with connections[compiled.db].cursor() as cursor:
            cursor.execute(compiled.sql, compiled.bound(values))
            rows = cursor.fetchall()
        return list(self._objects(compiled, rows))

    def _compile(self, key: Hashable, sentinels: dict[str, int | str]) -> _Compiled:
        queryset = self._build(key, **sentinels)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = _as_sql(compiler)
        klass_info = compiler.klass_info
        select_fields = klass_info["select_fields"]
        model_fields = slice(select_fields[0], select_fields[-1] + 1)
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots=_slots(sql, params, sentinels),
            db=queryset.db,
            compiler=compiler,
            init_list=[column[0].target.attname for column in compiler.select[model_fields]],
            model_fields=model_fields,
            annotation_col_map=dict(compiler.annotation_col_map or {}),
        )

    @staticmethod
    def _objects(compiled: _Compiled, rows: list):
        compiler = compiled.compiler
        model = compiler.klass_info["model"]
        populators = get_related_populators(compiler.klass_info, compiler.select, compiled.db)
        for row in compiler.results_iter([rows]):
            obj = model.from_db(compiled.db, compiled.init_list, row[compiled.model_fields])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in compiled.annotation_col_map.items():
                setattr(obj, name, row[position])
            yield obj


class _Captured(Exception):
    def __init__(self, compiler):
        self.compiler = compiler


class PrecompiledAggregate(_BuiltOnce):
    """``build(key, **values)`` returns ``(queryset, {alias: aggregate})``;
    ``run(key=..., **values)`` gives what ``queryset.aggregate(**aggregates)``
    would, without building the SQL again. As ``PrecompiledQuery``: values
    are ints or strings, anything else the SQL is built with goes in ``key``.
    """

    def run(self, *, key: Hashable = None, **values: int | str) -> dict[str, Any]:
        compiled = self._compiled_for(key, values)
        if compiled.sql is None:
            return dict(zip(compiled.aliases, compiled.empty_result, strict=True))
        with connections[compiled.db].cursor() as cursor:
            cursor.execute(compiled.sql, compiled.bound(values))
            row = cursor.fetchone()
        compiler = compiled.compiler
        converters = compiler.get_converters(compiler.query.annotation_select.values())
        row = next(compiler.apply_converters((row,), converters))
        return dict(zip(compiled.aliases, row, strict=True))

    def _compile(self, key: Hashable, sentinels: dict[str, int | str]) -> _CompiledAggregate:
        queryset, aggregates = self._build(key, **sentinels)
        query = queryset.query.chain()
        # Django's own aggregate() builds the query; it is stopped where it
        # would run it, and its compiler kept. Only a query aggregated in
        # place: one that needs a subquery (sliced, distinct, already
        # grouped) is refused.
        build_compiler = query.get_compiler

        def capture(using=None, connection=None, elide_empty=True):
            raise _Captured(build_compiler(using, connection, elide_empty))

        query.get_compiler = capture
        try:
            query.get_aggregation(queryset.db, aggregates)
        except _Captured as captured:
            compiler = captured.compiler
        else:  # pragma: no cover - get_aggregation always compiles
            raise AssertionError("aggregate() ran no query")
        finally:
            del query.get_compiler
        # Aggregated in place, the query selects the aggregates alone; with
        # a subquery, what was caught is the inner query, selecting none.
        if set(query.annotation_select) != set(aggregates):
            raise ValueError("Only aggregates that need no subquery can be precompiled.")
        sql, params = _as_sql(compiler)
        return _CompiledAggregate(
            sql=sql,
            params=tuple(params),
            slots=_slots(sql, params, sentinels),
            db=queryset.db,
            compiler=compiler,
            aliases=tuple(query.annotation_select),
            empty_result=tuple(
                expression.empty_result_set_value for expression in query.annotation_select.values()
            ),
        )


def _as_sql(compiler) -> tuple[str | None, tuple]:
    try:
        return compiler.as_sql()
    except EmptyResultSet:
        # Django asks nothing for a query that can match nothing (an empty
        # list of councils): neither does this.
        return None, ()


def _sentinel_for(name: str, value: int | str, index: int) -> int | str:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"{name}: only ints and strings can be precompiled parameters.")
    return SENTINEL_INT - index if isinstance(value, int) else SENTINEL_TEXT.format(name)


def _slots(sql: str | None, params, sentinels: dict[str, int | str]) -> tuple[str | None, ...]:
    if sql is None:
        # Nothing is asked; the names are kept so the next run finds this form.
        return tuple(sentinels)
    names_by_sentinel = {sentinel: name for name, sentinel in sentinels.items()}
    slots = tuple(
        names_by_sentinel.get(param) if isinstance(param, int | str) else None for param in params
    )
    missing = set(sentinels) - set(slots)
    if missing:
        raise ValueError(f"The query does not use {sorted(missing)} as parameters.")
    return slots
