"""Alembic environment: the URL comes from the Config (set by hesabdar.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from hesabdar.db import create_db_engine
from hesabdar.migrate import include_object
from hesabdar.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        # Batch migrations recreate a table and drop the old one; with foreign keys on, that
        # drop would cascade to the rows that refer to it. The pragma only takes effect outside
        # a transaction, so it goes to the driver's connection before Alembic begins one, and
        # the keys are checked once the migrations are done.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    if connection.dialect.name == "sqlite":
        driver = connection.connection.driver_connection
        problems = driver.execute("PRAGMA foreign_key_check").fetchall()  # type: ignore[union-attr]
        driver.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
        if problems:
            raise RuntimeError(f"foreign keys broken by the migration: {problems[:5]}")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_db_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
