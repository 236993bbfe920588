"""Test fixtures: a fresh database per test (SQLite file, or PostgreSQL when
``HESABDAR_TEST_DATABASE_URL`` names one), the app over HTTP, and a business to call it with.

Speed: passwords are hashed with a cheap argon2 (the server's cost is for brute force, which
tests do not face); on SQLite a business is made once per session and copied into later tests
(:class:`BusinessSnapshots`). Under pytest-xdist each worker has its own PostgreSQL database.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from hesabdar import wiring
from hesabdar.app import create_app
from hesabdar.changes import delivery
from hesabdar.config import Settings
from hesabdar.contacts.service import OWNER_CODE
from hesabdar.db import Database
from hesabdar.models import Base
from hesabdar.tenancy import security
from hesabdar.tenancy import service as tenancy
from hesabdar.tenancy.service import BusinessCredentials

PG_URL = os.environ.get("HESABDAR_TEST_DATABASE_URL", "")
IS_POSTGRES = PG_URL.startswith("postgres")

# Services called without the app need the connections the app makes when it starts.
wiring.wire()

# argon2's smallest parameters: about 0.1 ms instead of the server's ~25 ms per business.
security.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


# -- databases ----------------------------------------------------------------------------


def _worker_database_url() -> str:
    """PG_URL itself, or under xdist ``<its name>_<worker>`` so that workers never share one."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return PG_URL
    url = make_url(PG_URL)
    return url.set(database=f"{url.database}_{worker}").render_as_string(hide_password=False)


@contextmanager
def _maintenance() -> Iterator[Any]:
    """A connection to the server's ``postgres`` database, for CREATE and DROP DATABASE."""
    url = make_url(PG_URL).set(drivername="postgresql+psycopg", database="postgres")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            yield connection
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def pg_database() -> Iterator[Database]:
    url = _worker_database_url()
    name = make_url(url).database
    own = url != PG_URL
    if own:
        with _maintenance() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    database = Database(url)
    Base.metadata.drop_all(database.engine)
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()
    if own:
        with _maintenance() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _empty(database: Database) -> None:
    """Every table emptied and every id sequence back at 1, as a fresh database has them.

    DELETE, not TRUNCATE: a test leaves a few rows, and TRUNCATE of every table costs ~100 ms
    (new files for each) where DELETE costs a few. The replication role skips the foreign keys'
    and the ledger's triggers while deleting; it needs a superuser, otherwise TRUNCATE it is.
    """
    with database.engine.begin() as connection:
        try:
            with connection.begin_nested():
                connection.execute(text("SET LOCAL session_replication_role = replica"))
        except DBAPIError:
            names = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
        connection.execute(text("SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S'"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    global _snapshots
    directory = tmp_path_factory.mktemp("template")
    template = directory / "template.db"
    database = Database(f"sqlite:///{template}")
    Base.metadata.create_all(database.engine)
    database.dispose()
    _snapshots = BusinessSnapshots(directory, template)
    yield template
    _snapshots = None


@pytest.fixture
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if IS_POSTGRES:
        pg: Database = request.getfixturevalue("pg_database")
        yield pg
        _empty(pg)
        return
    template: Path = request.getfixturevalue("sqlite_template")
    path = tmp_path / "hesabdar.db"
    shutil.copyfile(template, path)
    sqlite = Database(f"sqlite:///{path}")
    yield sqlite
    sqlite.dispose()


@pytest.fixture
def app_client(database: Database) -> Iterator[TestClient]:
    # Change hooks: tests register receivers on 127.0.0.1, which the operator must allow (by
    # default hooks go to public addresses only); the delivery worker is started by the tests
    # of tests/changes that send hooks, not by every test.
    settings = Settings(
        database_url=database.url,
        rate_limit_per_minute=0,
        hook_allowed_networks="127.0.0.0/8",
        hook_delivery=False,
    )
    app = create_app(settings, database)
    with TestClient(app) as client:
        yield client


# -- businesses ---------------------------------------------------------------------------


# The name make_business gives a business by default. Every new business starts with one
# contact, its owner (code OWNER_CODE, the whole share), named as its user is: after the first
# business made for the user's email, so the owner of ``api``'s business is OWNER.
SHOP_NAME = "Test shop"
OWNER = (OWNER_CODE, SHOP_NAME)


@dataclass(frozen=True)
class BusinessSpec:
    name: str
    email: str
    fiscal_year_start: date | None = None


def _digest(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


class BusinessSnapshots:
    """SQLite only: each business is set up once per session, later tests copy the file in.

    Setting up a business (owner, chart of accounts, fiscal year) costs more than most tests.
    A snapshot is keyed by the database file's content before the business was made and by what
    was asked for, so it is used only when the file is byte for byte the one it was made from:
    anything a test wrote in between makes a miss, and the business is made the slow way. Only
    states reached from the template through snapshots are recorded, which keeps their number
    to the few combinations of businesses that fixtures ask for.
    """

    def __init__(self, directory: Path, template: Path) -> None:
        self.directory = directory
        self.states = {_digest(template)}
        self.made: dict[tuple[str, BusinessSpec], tuple[Path, BusinessCredentials]] = {}

    def make(self, database: Database, spec: BusinessSpec) -> BusinessCredentials:
        path = Path(str(database.engine.url.database))
        if not path.is_file():  # an in-memory database: closing its connections would lose it
            return _create_business(database, spec)
        if _read_by_a_hook_worker(database):
            return _create_business(database, spec)
        before = self._settled_digest(database, path)
        hit = self.made.get((before, spec)) if before else None
        if hit is not None:
            shutil.copyfile(hit[0], path)
            return hit[1]
        credentials = _create_business(database, spec)
        if before in self.states:
            after = self._settled_digest(database, path)
            if after:
                snapshot = self.directory / f"snapshot-{len(self.made)}.db"
                shutil.copyfile(path, snapshot)
                self.made[(before, spec)] = (snapshot, credentials)
                self.states.add(after)
        return credentials

    @staticmethod
    def _settled_digest(database: Database, path: Path) -> str:
        """The file's digest once every change is in it, or "" if a connection is still open.

        Closing the engine's idle connections makes SQLite write the WAL back into the file and
        remove it; a WAL file left means someone else (a session still open, another engine)
        holds the database, and then the file alone does not say what it contains.
        """
        database.dispose()
        if Path(f"{path}-wal").exists():
            return ""
        return _digest(path)


_snapshots: BusinessSnapshots | None = None


def _read_by_a_hook_worker(database: Database) -> bool:
    """Whether a running hook worker reads this database from its own thread: it may open a
    connection at any moment, also while a snapshot is copied over the file, and then it and
    the app read a torn database ("database disk image is malformed")."""
    with delivery._workers_lock:
        return any(worker.database.url == database.url for worker in delivery._workers)


def _create_business(database: Database, spec: BusinessSpec) -> BusinessCredentials:
    with database.transaction() as session:
        return tenancy.create_business(
            session,
            name=spec.name,
            email=spec.email,
            password="secret-pass",
            fiscal_year_start=spec.fiscal_year_start,
        )


def make_business(
    database: Database,
    name: str = SHOP_NAME,
    email: str = "owner@example.com",
    fiscal_year_start: date | None = None,
) -> BusinessCredentials:
    """A business with its owner (password ``secret-pass``), chart of accounts and fiscal year."""
    spec = BusinessSpec(name, email, fiscal_year_start)
    if database.is_sqlite and _snapshots is not None:
        return _snapshots.make(database, spec)
    return _create_business(database, spec)


# -- the client ---------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    # A JSON number with decimals would reach the server through a float; a string is exact.
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(f"cannot send {type(value).__name__}")


Read = str | tuple[str, dict[str, Any]]


class Api:
    """Calls v1 methods as one business, and asserts on the envelope.

    Answers are parsed with non-integer numbers as ``Decimal``, so that tests compare amounts
    exactly (``Decimal("1000.0000")``, or an int), never as floats.
    """

    def __init__(self, client: TestClient, credentials: BusinessCredentials) -> None:
        self.client = client
        self.credentials = credentials

    def auth(self) -> dict[str, Any]:
        return {"apiKey": self.credentials.api_key, "loginToken": self.credentials.login_token}

    def call(self, path: str, /, **params: Any) -> dict[str, Any]:
        response = self.client.post(
            f"/v1/{path}",
            content=json.dumps({**self.auth(), **params}, default=_encode),
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = json.loads(response.text, parse_float=Decimal)
        assert set(body) >= {"Success", "ErrorCode", "ErrorMessage", "Result"}
        return body

    def ok(self, path: str, /, **params: Any) -> Any:
        body = self.call(path, **params)
        assert body["Success"] is True, body
        assert body["ErrorCode"] == 0
        return body["Result"]

    def changes(self) -> list[dict[str, Any]]:
        """The change log, without the ids and times that vary from run to run."""
        rows: list[dict[str, Any]] = self.ok("setting/GetChanges", start=0)
        return [
            {key: row[key] for key in ("Action", "ObjectType", "ObjectId", "Extra", "API")}
            for row in rows
        ]

    def fail(self, path: str, code: int, /, **params: Any) -> str:
        body = self.call(path, **params)
        assert body["Success"] is False, body
        assert body["ErrorCode"] == code, body
        assert body["Result"] is None
        message: str = body["ErrorMessage"]
        return message

    def state(self, *reads: Read) -> list[Any]:
        """What each read answers (a method, or a method and its parameters), then the change
        log: what a rejected write must leave as it was."""
        answers = []
        for read in reads:
            path, params = (read, {}) if isinstance(read, str) else read
            answers.append(self.ok(path, **params))
        return [*answers, self.changes()]

    @contextmanager
    def unchanged(self, *reads: Read) -> Iterator[None]:
        """Asserts that the block leaves :meth:`state` as it found it."""
        before = self.state(*reads)
        yield
        assert self.state(*reads) == before


@pytest.fixture
def api(app_client: TestClient, database: Database) -> Api:
    return Api(app_client, make_business(database))


@pytest.fixture
def other_api(app_client: TestClient, database: Database) -> Api:
    """A second business on the same server, for tenancy tests."""
    return Api(app_client, make_business(database, name="Other shop", email="other@example.com"))
