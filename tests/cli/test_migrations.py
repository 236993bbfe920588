"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import CheckConstraint, create_engine, inspect, text
from sqlalchemy.engine import make_url

from hesabdar import migrate
from hesabdar.db import Database
from hesabdar.kit.models import is_business_scoped
from hesabdar.models import Base
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


def test_upgrade_head_has_the_models_checks_keys_and_trigger(empty_database_url: str) -> None:
    """What the comparison above does not look at: CHECK constraints, the business-scoped
    primary keys and, on PostgreSQL, the deferred trigger on documents' sums."""
    migrate.upgrade(empty_database_url)
    database = Database(empty_database_url)
    try:
        inspector = inspect(database.engine)
        for table in Base.metadata.sorted_tables:
            wanted = {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
            found = {c["name"] for c in inspector.get_check_constraints(table.name)}
            assert found == wanted, table.name
            key = set(inspector.get_pk_constraint(table.name)["constrained_columns"])
            if IS_POSTGRES or not is_business_scoped(table):
                assert key == {c.name for c in table.primary_key.columns}, table.name
            else:  # SQLite: the id column is the key, (business_id, id) a unique constraint
                assert key == {"id"}, table.name
                uniques = inspector.get_unique_constraints(table.name)
                assert {"business_id", "id"} in [set(u["column_names"]) for u in uniques]
        if IS_POSTGRES:
            with database.engine.connect() as connection:
                triggers = connection.execute(
                    text(
                        "SELECT tgrelid::regclass::text FROM pg_trigger "
                        "WHERE tgname = 'document_lines_match_header' ORDER BY 1"
                    )
                ).scalars()
                assert list(triggers) == ["document", "document_line"]
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
