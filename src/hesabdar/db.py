"""Engine and session set-up for SQLite (embedded default) and PostgreSQL.

The request owns the transaction: services only flush; the v1 transport commits once before it
answers and rolls back on any error (see ``hesabdar.v1.transport``).

SQLite: WAL journal, a busy timeout, and ``BEGIN IMMEDIATE`` for write requests so that two
writers queue on the database lock instead of failing when a read lock is upgraded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from hesabdar.kit.types import DECIMAL_COLLATION, DecimalSum, compare_decimal_text

SQLITE_WRITE_OPTION = "hesabdar_write"


def normalize_database_url(url: str) -> str:
    """Accept ``postgres://`` and ``postgresql://`` and use psycopg 3 for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def create_db_engine(url: str, **kwargs: Any) -> Engine:
    url = normalize_database_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs
        )
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_size", 20)
    kwargs.setdefault("max_overflow", 20)
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Take transaction control from pysqlite so that BEGIN is ours (see _on_begin).
        dbapi_connection.isolation_level = None
        dbapi_connection.create_aggregate("decimal_sum", 1, DecimalSum)  # type: ignore[arg-type]
        dbapi_connection.create_collation(DECIMAL_COLLATION, compare_decimal_text)
        cursor = dbapi_connection.cursor()
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(SQLITE_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Database:
    """One engine and its session factories; held by the app and the CLI."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = normalize_database_url(url)
        self.engine = create_db_engine(self.url, **engine_kwargs)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(**{SQLITE_WRITE_OPTION: True}),
            expire_on_commit=False,
        )

    def session(self, *, write: bool) -> Session:
        return (self._write_sessions if write else self._read_sessions)()

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Session]:
        """A unit of work outside HTTP (CLI, demo data, tests): commit on success."""
        session = self.session(write=write)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
