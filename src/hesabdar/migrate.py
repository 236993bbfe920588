"""Schema migrations with Alembic, run by ``hesabdar migrate`` and on ``hesabdar serve``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from hesabdar.db import normalize_database_url
from hesabdar.models import Base

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option(
        "sqlalchemy.url", normalize_database_url(database_url).replace("%", "%%")
    )
    config.set_main_option("file_template", "%%(year)d-%%(month).2d-%%(day).2d_%%(rev)s_%%(slug)s")
    return config


def upgrade(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")


def include_object(
    item: object, name: str | None, kind: str, reflected: bool, _compare_to: object
) -> bool:
    """Leave out of comparisons what the models render per database: on SQLite, the key of a
    business-owned table is its id column, and ``(business_id, id)`` a unique constraint
    (``kit.models``), which the models describe as the primary key."""
    if kind == "unique_constraint" and reflected:
        columns = getattr(item, "columns", ())
        return {column.name for column in columns} != {"business_id", "id"}
    return True


def differences(engine: Engine) -> list[object]:
    """What the migrated schema lacks or has beyond the models (empty when they agree)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        return list(compare_metadata(context, Base.metadata))
