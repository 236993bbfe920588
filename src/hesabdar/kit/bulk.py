"""Many rows at once: ``IN`` lists of any length, ids drawn ahead, inserts and updates in bulk.

A statement may carry a bounded number of parameters: 65,535 on PostgreSQL (the protocol's
limit) and ``SQLITE_MAX_VARIABLE_NUMBER`` on SQLite (32,766 since SQLite 3.32, read from the
connection). A client's list (an ``idList``, the codes of a batch, an ``in`` filter) may be
longer, so every ``IN`` built from one goes through here:

* :func:`select_in` runs a look-up once per chunk of values and joins the rows;
* :func:`in_condition` is a condition inside a larger statement (a sorted, paged listing, which
  chunks cannot split): up to one chunk it is a plain ``IN``, beyond that the values travel as
  one parameter (a PostgreSQL array, a JSON array read by SQLite's ``json_each``).

Bulk writes, for saves of thousands of rows (``contact/batchsave``, ``item/batchsave``):
:func:`allocate_ids` draws the new rows' ids in one statement, so rows and the change log refer
to each other before anything is written; :func:`insert_rows` writes them (COPY on PostgreSQL,
an executemany on SQLite); :func:`update_rows` updates rows by key, one executemany per set of
changed columns; :func:`loaded` makes the ORM instance a query would have loaded, for rendering,
without the cost of constructing it attribute by attribute.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    and_,
    any_,
    bindparam,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import QueryableAttribute, instance_state
from sqlalchemy.orm.instrumentation import manager_of_class
from sqlalchemy.types import TypeEngine

T = TypeVar("T")
# A column or an ORM attribute.
Column = ColumnElement[Any] | QueryableAttribute[Any]
M = TypeVar("M")

# PostgreSQL's wire protocol counts parameters in 16 bits.
POSTGRES_PARAMETER_LIMIT = 65_535
# SQLite's default before 3.32, if a connection cannot say.
SQLITE_DEFAULT_PARAMETER_LIMIT = 999
# Values per chunk, at most: large enough that a long list costs a few statements, small enough
# that one statement stays quick to plan.
MAX_CHUNK = 10_000
# Parameters a look-up needs beside its list (business id, other conditions).
RESERVED_PARAMETERS = 100


def parameter_limit(session: Session) -> int:
    """How many bound parameters one statement may carry on this session's database."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return POSTGRES_PARAMETER_LIMIT
    raw: Any = session.connection().connection.driver_connection
    if isinstance(raw, sqlite3.Connection):
        return int(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return SQLITE_DEFAULT_PARAMETER_LIMIT


def chunk_size(session: Session, per_value: int = 1) -> int:
    """Values per statement when each value takes ``per_value`` parameters."""
    room = parameter_limit(session) - RESERVED_PARAMETERS
    return max(1, min(MAX_CHUNK, room // per_value))


def chunks(values: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def distinct(values: Iterable[T]) -> list[T]:
    """Each value once, in first-seen order."""
    return list(dict.fromkeys(values))


def _one_of(session: Session, column_: Column, part: Sequence[Any]) -> ColumnElement[bool]:
    # PostgreSQL: one array parameter (psycopg converts a statement with thousands of
    # placeholders slowly); SQLite: a plain IN.
    if session.get_bind().dialect.name == "postgresql":
        element = column_.expression if isinstance(column_, QueryableAttribute) else column_
        return column_ == any_(bindparam(None, list(part), type_=ARRAY(element.type)))
    return column_.in_(list(part))


def select_in(
    session: Session, statement: Any, column_: Column, values: Iterable[Any]
) -> list[Any]:
    """The rows of ``statement`` whose ``column_`` is one of ``values``, one query per chunk
    (rows in no particular order across chunks)."""
    wanted = distinct(values)
    rows: list[Any] = []
    for part in chunks(wanted, chunk_size(session)):
        rows.extend(session.execute(statement.where(_one_of(session, column_, part))).all())
    return rows


def scalars_in(
    session: Session, statement: Any, column_: Column, values: Iterable[Any]
) -> list[Any]:
    """Like :func:`select_in` for a statement of one column or one ORM entity."""
    return [row[0] for row in select_in(session, statement, column_, values)]


def in_condition(
    session: Session,
    column_: Column,
    values: Sequence[Any],
    type_: TypeEngine[Any] | None = None,
) -> ColumnElement[bool]:
    """``column_ IN values`` for a statement that cannot be run in chunks; the values are bound
    as ``type_`` (by default the column's type). An empty list matches nothing."""
    bound = type_ if type_ is not None else column_.type
    if len(values) <= chunk_size(session):
        return column_.in_(bindparam(None, list(values), type_=bound, expanding=True))
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        return column_ == any_(bindparam(None, list(values), type_=ARRAY(bound)))
    # SQLite: the values as stored (the type's own conversion), in one JSON parameter.
    process = bound.dialect_impl(dialect).bind_processor(dialect)
    stored = [process(value) if process else value for value in values]
    each = func.json_each(json.dumps(stored)).table_valued("value")
    return column_.in_(select(each.c.value))


def allocate_ids(session: Session, table: Any, count: int) -> list[int]:
    """``count`` new ids of ``table`` (its ``id`` column), ascending, before the rows exist.

    PostgreSQL draws them from the column's sequence; SQLite, whose writers hold the database
    lock for the whole transaction, continues after the largest id ever used (what its
    AUTOINCREMENT does), and the rows inserted with them move that mark on.
    """
    if count <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        drawn = session.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"
            ),
            {"table": table.name, "n": count},
        ).scalars()
        return sorted(int(value) for value in drawn)
    last = session.execute(
        text(
            f'SELECT max(coalesce((SELECT max(id) FROM "{table.name}"), 0), '
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = :table), 0))"
        ),
        {"table": table.name},
    ).scalar_one()
    start = int(last or 0)
    return list(range(start + 1, start + count + 1))


def insert_rows(session: Session, table: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (each with the same keys, ids included). A row the database refuses
    raises the ``IntegrityError`` a single insert would."""
    if not rows:
        return
    names = list(rows[0])
    dialect = session.get_bind().dialect
    if dialect.name != "postgresql":
        session.execute(table.insert(), list(rows))
        return
    processors: list[tuple[int, Callable[[Any], Any]]] = []
    for index, name in enumerate(names):
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors.append((index, process))
    columns = ", ".join(f'"{name}"' for name in names)
    raw: Any = session.connection().connection.driver_connection
    try:
        with (
            raw.cursor() as cursor,
            cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy,
        ):
            for row in rows:
                values = [row[name] for name in names]
                for index, process in processors:
                    values[index] = process(values[index])
                copy.write_row(values)
    except Exception as error:
        # As SQLAlchemy would have wrapped it: IntegrityError for a constraint, and so on.
        raise DBAPIError.instance(
            f"COPY {table.name}", None, error, type(error), hide_parameters=True
        ) from error


def insert_missing(
    session: Session, table: Any, rows: Sequence[Mapping[str, Any]], conflict: Sequence[str]
) -> None:
    """Insert the ``rows`` (each with the same keys) whose ``conflict`` columns (a unique key)
    match no stored row; the others are left as they are. A request inserting the same keys at
    once waits for this one, then skips them. PostgreSQL: one ``INSERT … SELECT FROM unnest``
    per chunk, rows in the order given; SQLite: an executemany."""
    if not rows:
        return
    names = list(rows[0])
    dialect = session.get_bind().dialect
    if dialect.name != "postgresql":
        ignoring = sqlite_insert(table).on_conflict_do_nothing(index_elements=list(conflict))
        session.execute(ignoring, list(rows))
        return
    arrays = ", ".join(
        f"CAST(:v{index} AS {table.c[name].type.compile(dialect=dialect)}[])"
        for index, name in enumerate(names)
    )
    columns = ", ".join(f'"{name}"' for name in names)
    keys = ", ".join(f'"{name}"' for name in conflict)
    statement = text(
        f'INSERT INTO "{table.name}" ({columns}) SELECT * FROM unnest({arrays}) '
        f"ON CONFLICT ({keys}) DO NOTHING"
    )
    _execute_arrays(session, table, statement, names, rows)


def _execute_arrays(
    session: Session,
    table: Any,
    statement: Any,
    names: list[str],
    rows: Sequence[Mapping[str, Any]],
) -> None:
    """Run ``statement`` once per chunk of ``rows``, column i bound as the array ``:vi``."""
    dialect = session.get_bind().dialect
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    for part in chunks(rows, MAX_CHUNK):
        parameters = {}
        for index, (name, process) in enumerate(zip(names, processors, strict=True)):
            values = [row[name] for row in part]
            parameters[f"v{index}"] = [process(value) for value in values] if process else values
        session.execute(statement, parameters)


def update_rows(
    session: Session, table: Any, keys: Sequence[str], rows: Sequence[Mapping[str, Any]]
) -> None:
    """``UPDATE table SET … WHERE keys`` for each row: only the row's own keys beside ``keys``
    are set, so rows that change different columns go in different groups. PostgreSQL runs
    one statement per group and chunk (the rows as arrays, ``unnest``); SQLite an executemany.
    """
    groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(set(row) - set(keys))), []).append(row)
    dialect = session.get_bind().dialect
    for changed, group in groups.items():
        if not changed:
            continue
        if dialect.name == "postgresql":
            _update_unnest(session, table, [*keys, *changed], list(keys), group)
            continue
        statement = (
            table.update()
            .where(and_(*(table.c[key] == bindparam(f"key_{key}") for key in keys)))
            .values({name: bindparam(f"set_{name}", type_=table.c[name].type) for name in changed})
        )
        session.execute(
            statement,
            [
                {
                    **{f"key_{key}": row[key] for key in keys},
                    **{f"set_{name}": row[name] for name in changed},
                }
                for row in group
            ],
        )


def _update_unnest(
    session: Session,
    table: Any,
    names: list[str],
    keys: list[str],
    rows: Sequence[Mapping[str, Any]],
) -> None:
    dialect = session.get_bind().dialect
    arrays = ", ".join(
        f"CAST(:v{index} AS {table.c[name].type.compile(dialect=dialect)}[])"
        for index, name in enumerate(names)
    )
    aliases = ", ".join(f'"{name}"' for name in names)
    sets = ", ".join(f'"{name}" = v."{name}"' for name in names if name not in keys)
    matches = " AND ".join(f't."{key}" = v."{key}"' for key in keys)
    statement = text(
        f'UPDATE "{table.name}" AS t SET {sets} FROM unnest({arrays}) AS v({aliases}) '
        f"WHERE {matches}"
    )
    _execute_arrays(session, table, statement, names, rows)


def loaded(model: type[M], values: Mapping[str, Any]) -> M:
    """An instance of ``model`` holding ``values``, for reading only (rendering an answer):
    in no session and without history, made without the per-attribute events that
    ``model(**values)`` costs (about 100 µs for a record of 30 columns). ``values`` must hold
    every attribute that will be read."""
    instance: M = manager_of_class(model).new_instance()
    instance_state(instance).dict.update(values)
    return instance


def set_loaded(instance: object, key: str, value: Any) -> None:
    """Change a value of an instance made by :func:`loaded`, as quietly."""
    instance_state(instance).dict[key] = value
