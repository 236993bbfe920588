"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from hesabdar import migrate
from hesabdar.db import Database
from tests.conftest import IS_POSTGRES, PG_URL


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    if not IS_POSTGRES:
        yield f"sqlite:///{tmp_path / 'migrated.db'}"
        return
    name = f"hesabdar_migrations_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        make_url(PG_URL).set(drivername="postgresql+psycopg", database="postgres"),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_head_matches_models(empty_database_url: str) -> None:
    migrate.upgrade(empty_database_url)
    database = Database(empty_database_url)
    try:
        assert migrate.differences(database.engine) == []
    finally:
        database.dispose()


def test_upgrade_is_repeatable(empty_database_url: str) -> None:
    migrate.upgrade(empty_database_url)
    migrate.upgrade(empty_database_url)
    database = Database(empty_database_url)
    try:
        with database.engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        assert len(versions) == 1
    finally:
        database.dispose()
