"""Test fixtures: a fresh database per test (SQLite file, or PostgreSQL when
``HESABDAR_TEST_DATABASE_URL`` names one), the app over HTTP, and a business to call it with.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from hesabdar import wiring
from hesabdar.app import create_app
from hesabdar.config import Settings
from hesabdar.db import Database
from hesabdar.models import Base
from hesabdar.tenancy import service as tenancy
from hesabdar.tenancy.service import BusinessCredentials

PG_URL = os.environ.get("HESABDAR_TEST_DATABASE_URL", "")
IS_POSTGRES = PG_URL.startswith("postgres")

# Services called without the app need the connections the app makes when it starts.
wiring.wire()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    template = tmp_path_factory.mktemp("template") / "template.db"
    database = Database(f"sqlite:///{template}")
    Base.metadata.create_all(database.engine)
    database.dispose()
    return template


@pytest.fixture(scope="session")
def pg_database() -> Iterator[Database]:
    database = Database(PG_URL)
    Base.metadata.drop_all(database.engine)
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()


def _truncate_all(database: Database) -> None:
    names = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if IS_POSTGRES:
        pg: Database = request.getfixturevalue("pg_database")
        yield pg
        _truncate_all(pg)
        return
    template: Path = request.getfixturevalue("sqlite_template")
    path = tmp_path / "hesabdar.db"
    shutil.copy(template, path)
    sqlite = Database(f"sqlite:///{path}")
    yield sqlite
    sqlite.dispose()


@pytest.fixture
def app_client(database: Database) -> Iterator[TestClient]:
    settings = Settings(database_url=database.url, rate_limit_per_minute=0)
    app = create_app(settings, database)
    with TestClient(app) as client:
        yield client


class Api:
    """Calls v1 methods as one business, and asserts on the envelope."""

    def __init__(self, client: TestClient, credentials: BusinessCredentials) -> None:
        self.client = client
        self.credentials = credentials

    def auth(self) -> dict[str, Any]:
        return {"apiKey": self.credentials.api_key, "loginToken": self.credentials.login_token}

    def call(self, path: str, /, **params: Any) -> dict[str, Any]:
        response = self.client.post(f"/v1/{path}", json={**self.auth(), **params})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
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


def make_business(
    database: Database, name: str = "Test shop", email: str = "owner@example.com"
) -> BusinessCredentials:
    with database.transaction() as session:
        return tenancy.create_business(session, name=name, email=email, password="secret-pass")


@pytest.fixture
def api(app_client: TestClient, database: Database) -> Api:
    return Api(app_client, make_business(database))


@pytest.fixture
def other_api(app_client: TestClient, database: Database) -> Api:
    """A second business on the same server, for tenancy tests."""
    return Api(app_client, make_business(database, name="Other shop", email="other@example.com"))
