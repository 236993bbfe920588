"""The declarative base every table uses, with a naming convention Alembic can rely on.

Tables are of two kinds. Global tables (businesses, users) have a plain ``id`` key. Every other
table belongs to one business (:class:`BusinessScoped`): its primary key is ``(id,
business_id)``, its unique constraints include ``business_id``, and it refers to other
business-owned rows by ``(business_id, x_id)`` (:func:`scoped_fk`), so that a row can only point
at rows of its own business and PostgreSQL with Citus can distribute every such table by
``business_id`` and keep a business's rows together (docs/scaling.md).

Ids are global all the same (one sequence per table) and never reused, so a client's Ids stay
unique. SQLite only auto-increments a single-column ``INTEGER PRIMARY KEY``: there the key is
``id INTEGER PRIMARY KEY AUTOINCREMENT`` (AUTOINCREMENT: a deleted row's id is never handed out
again) and ``(business_id, id)`` is a unique constraint that foreign keys refer to.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    String,
    Table,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.schema import CreateColumn, PrimaryKeyConstraint
from sqlalchemy.sql.compiler import DDLCompiler

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# BIGINT ids on PostgreSQL; on SQLite the id must be a plain INTEGER PRIMARY KEY to alias rowid.
IdType = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RecordModel(Base):
    """A table with a surrogate id (the ``Id`` that Hesabfa clients see) and timestamps."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class BusinessScoped(RecordModel):
    """A row that belongs to one business (tenant). Every query on it filters on business_id,
    and ``business_id`` is part of its primary key."""

    __abstract__ = True

    @declared_attr
    def business_id(cls) -> Mapped[int]:  # noqa: N805 - declared_attr receives the class
        return mapped_column(
            IdType,
            ForeignKey("business.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
            nullable=False,
        )


def scoped_fk(column: str, target: str, *, ondelete: str | None = None) -> ForeignKeyConstraint:
    """``(business_id, column)`` refers to ``target(business_id, id)``: a row of one business
    can only refer to a row of the same business, on both databases."""
    return ForeignKeyConstraint(
        ["business_id", column], [f"{target}.business_id", f"{target}.id"], ondelete=ondelete
    )


def rule(name: str, condition: str, says: str) -> CheckConstraint:
    """A CHECK constraint stating an invariant; ``says`` is the rule as a client reads it when
    the database refuses a write (``kit.integrity``).

    Amounts are NUMERIC on PostgreSQL and canonical fixed-scale text on SQLite: conditions
    compare them with each other (equal values are equal text), and compare them with numbers
    through ``CAST(... AS REAL)``, which is exact for a sign, a zero or a bound such as 100 at
    every value the columns hold (4 or 10 decimals, under 10^26) on both databases.
    """
    return CheckConstraint(condition, name=name, info={"rule": says})


def is_business_scoped(table: Table) -> bool:
    return {column.name for column in table.primary_key.columns} == {"business_id", "id"}


@compiles(PrimaryKeyConstraint, "sqlite")
def _sqlite_scoped_key(
    constraint: PrimaryKeyConstraint, compiler: DDLCompiler, **kw: Any
) -> str | None:
    # SQLite: the id column carries the primary key (below); (business_id, id) stays unique so
    # that composite foreign keys can refer to it. None: the key is rendered with its column.
    if constraint.table is None or not is_business_scoped(constraint.table):
        return compiler.visit_primary_key_constraint(constraint, **kw)
    name = compiler.preparer.format_constraint(constraint) if constraint.name else None
    return (f"CONSTRAINT {name} " if name else "") + "UNIQUE (business_id, id)"


@compiles(CreateColumn, "sqlite")
def _sqlite_scoped_id(element: CreateColumn, compiler: DDLCompiler, **kw: Any) -> str:
    column = element.element
    table = column.table
    if column.name == "id" and isinstance(table, Table) and is_business_scoped(table):
        return (
            f"{compiler.preparer.format_column(column)} INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT"
        )
    return str(compiler.visit_create_column(element, **kw))


class CodedModel(BusinessScoped):
    """A master record that clients name by a code (``"0001"``), unique per business and kind
    (each table declares ``UniqueConstraint("business_id", "code")``)."""

    __abstract__ = True

    code: Mapped[str] = mapped_column(String(20))
