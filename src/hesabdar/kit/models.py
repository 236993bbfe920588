"""The declarative base every table uses, with a naming convention Alembic can rely on."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
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
    """A row that belongs to one business (tenant). Every query on it filters on business_id."""

    __abstract__ = True

    @declared_attr
    def business_id(cls) -> Mapped[int]:  # noqa: N805 - declared_attr receives the class
        return mapped_column(
            IdType, ForeignKey("business.id", ondelete="CASCADE"), index=True, nullable=False
        )


class CodedModel(BusinessScoped):
    """A master record that clients name by a code (``"0001"``), unique per business and kind
    (each table declares ``UniqueConstraint("business_id", "code")``)."""

    __abstract__ = True

    code: Mapped[str] = mapped_column(String(20))
