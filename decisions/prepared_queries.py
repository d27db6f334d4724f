"""Reads whose SQL is built and compiled once per process, then run with each request's values.

Building a queryset (`filter`, `annotate`, `select_related`) and compiling it to SQL costs
2,000-7,500 Python calls per query, every request, for SQL that differs only in its parameters
(the user's id, the case's id, the time now): on the dashboard, more than its template
(benchmarks/README.md, issue 9). A `PreparedRead` builds its queryset twice with two sets of
probe values, compares the compiled SQL and parameters to learn which parameter carries which
value (and how Django prepared it: as is, as a LIKE pattern, as a stored datetime), and from
then on runs the same SQL with the real values through Django's own model iterable, so rows come
back as the model instances (with their select_related and annotations) the queryset would give.

What it is not: a cache of results. Every call runs its query; only the building is skipped.
"""

from collections.abc import Callable
from copy import copy
from datetime import UTC, datetime, timedelta
from threading import Lock
from weakref import WeakKeyDictionary

from django.db import connections, router
from django.db.models import QuerySet


def _probe_value(kind: type, index: int, which: int):
    """The probe for the `index`-th value of a read, first or second (`which`): distinct for
    every value and both rounds, and (for text) holding the
    characters a LIKE pattern escapes, so a pattern and a plain value never look alike."""
    if kind is int:  # within every integer field's range (Django finds nothing outside it)
        return 30_011 + 10 * index + which
    if kind is str:
        return f"qp%{index}_{which}\\"
    if kind is datetime:
        return datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC) + timedelta(days=index, seconds=which)
    raise TypeError(f"a prepared read takes int, str or datetime values, not {kind}")


class PreparedReadError(RuntimeError):
    """The queryset's SQL changes with its values (not one shape), or a value went unfound."""


def _preparations(connection) -> list[tuple[str, Callable]]:
    """How a compiled query may carry a value: as is, as a LIKE pattern (contains, startswith,
    endswith, iexact on some databases), or as the database stores a datetime."""
    like = connection.ops.prep_for_like_query
    return [
        ("as is", lambda value: value),
        ("contains", lambda value: f"%{like(value)}%"),
        ("like", like),
        ("startswith", lambda value: f"{like(value)}%"),
        ("endswith", lambda value: f"%{like(value)}"),
        ("datetime", connection.ops.adapt_datetimefield_value),
    ]


class _Compiled:
    def __init__(self, queryset: QuerySet, compiler, sql: str, params: tuple, slots: dict):
        self.queryset = queryset
        self.compiler = compiler
        self.sql = sql
        self.params = params
        self.slots = slots  # parameter position -> (value name, preparation)
        # The row converters of its columns, per connection (the same for every run).
        self.converters: WeakKeyDictionary = WeakKeyDictionary()


class PreparedRead:
    """`build(**values)` returns a queryset whose SQL has one shape for every value; `kinds`
    names each value's type (int, str or datetime). `run(**values)` gives the list of rows."""

    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        self.build = build
        self.kinds = kinds
        self._compiled: dict[str, _Compiled] = {}
        self._lock = Lock()
        self._model_class = None

    def run(self, **values) -> list:
        if values.keys() != self.kinds.keys():
            raise TypeError(f"expected the values {sorted(self.kinds)}, got {sorted(values)}")
        compiled = self._compiled_for(router.db_for_read(self._model()))
        params = list(compiled.params)
        for position, (name, prepare) in compiled.slots.items():
            params[position] = prepare(values[name])
        return list(self._queryset(compiled, tuple(params)))

    def _model(self):
        if self._model_class is None:
            self._model_class = self.build(**self._probe(0)).model
        return self._model_class

    def _probe(self, which: int) -> dict:
        return {
            name: _probe_value(kind, index, which)
            for index, (name, kind) in enumerate(self.kinds.items())
        }

    def _compiled_for(self, alias: str) -> _Compiled:
        compiled = self._compiled.get(alias)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(alias) or self._compile(alias)
                self._compiled[alias] = compiled
        return compiled

    def _compile(self, alias: str) -> _Compiled:
        connection = connections[alias]
        first, second = self.build(**self._probe(0)), self.build(**self._probe(1))
        compiler = first.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        sql_again, params_again = second.query.get_compiler(using=alias).as_sql()
        if sql != sql_again or len(params) != len(params_again):
            raise PreparedReadError(f"{self.build.__qualname__}: the SQL changes with its values")
        slots = {}
        for position, (one, two) in enumerate(zip(params, params_again, strict=True)):
            if one != two:
                slots[position] = self._slot(connection, one, two)
        missing = set(self.kinds) - {name for name, _ in slots.values()}
        if missing:
            raise PreparedReadError(f"{self.build.__qualname__}: {sorted(missing)} not in its SQL")
        return _Compiled(first, compiler, sql, tuple(params), slots)

    def _slot(self, connection, one, two) -> tuple[str, Callable]:
        probes_one, probes_two = self._probe(0), self._probe(1)
        for name in self.kinds:
            probe_one, probe_two = probes_one[name], probes_two[name]
            for _how, prepare in _preparations(connection):
                try:
                    if prepare(probe_one) == one and prepare(probe_two) == two:
                        return name, prepare
                except (TypeError, ValueError, AttributeError):
                    continue
        raise PreparedReadError(f"{self.build.__qualname__}: a parameter matches no value")

    @staticmethod
    def _queryset(compiled: _Compiled, params: tuple) -> QuerySet:
        """The compiled queryset, answering with `params`: its compiler is a copy that skips
        compiling (and speaks through this thread's connection)."""
        compiler = copy(compiled.compiler)
        compiler.connection = connections[compiled.queryset.db]
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
        compiler.get_converters = _converters_once(compiled, compiler)
        query = copy(compiled.queryset.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        template = compiled.queryset
        queryset = type(template)(model=template.model, query=query, using=template.db)
        # Rows as the template gives them: model instances, or values() / values_list() rows.
        queryset._iterable_class = template._iterable_class
        queryset._fields = template._fields
        return queryset


def _converters_once(compiled: _Compiled, compiler) -> Callable:
    """`compiler.get_converters`, asked once per connection: it looks up every column's
    converters (hundreds of calls per query), and they are the same for every run."""
    find, connection = compiler.get_converters, compiler.connection
    finding = []  # set while the lookup runs: its inner calls (a composite key's) go through

    def get_converters(expressions):
        if finding:
            return find(expressions)
        found = compiled.converters.get(connection)
        if found is None:
            finding.append(True)
            try:
                found = compiled.converters[connection] = find(expressions)
            finally:
                finding.clear()
        return found

    return get_converters
