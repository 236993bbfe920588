"""Where money is kept: bank accounts, cash boxes and petty cash (detail accounts of the ledger)."""

from __future__ import annotations

from sqlalchemy import Boolean, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import CodedModel

# Hesabfa's codes of banks, cash boxes and petty cash are four digits: "0001".
CODE_WIDTH = 4


class MoneyBox(CodedModel):
    """What banks, cash boxes and petty cash share. ``code`` is unique per business and kind."""

    __abstract__ = True

    name: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(8))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Bank(MoneyBox):
    """A bank account (بانک)."""

    __tablename__ = "bank"
    __table_args__ = (UniqueConstraint("business_id", "code"),)

    branch: Mapped[str] = mapped_column(String(200), default="")
    account_number: Mapped[str] = mapped_column(String(64), default="")
    iban: Mapped[str] = mapped_column(String(64), default="")


class Cash(MoneyBox):
    """A cash box (صندوق)."""

    __tablename__ = "cash"
    __table_args__ = (UniqueConstraint("business_id", "code"),)


class PettyCash(MoneyBox):
    """Petty cash held by a person (تنخواه گردان)."""

    __tablename__ = "petty_cash"
    __table_args__ = (UniqueConstraint("business_id", "code"),)
