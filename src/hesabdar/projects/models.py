from __future__ import annotations

from sqlalchemy import Boolean, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped, CodedModel

# Salesman codes are four digits like those of banks and warehouses: "0001".
SALESMAN_CODE_WIDTH = 4


class Project(BusinessScoped):
    """A project (پروژه) documents and invoices can be tagged with. Hesabfa names it by title."""

    __tablename__ = "project"
    __table_args__ = (UniqueConstraint("business_id", "title"),)

    title: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Salesman(CodedModel):
    """A salesman (فروشنده) an invoice can credit with a commission."""

    __tablename__ = "salesman"
    __table_args__ = (UniqueConstraint("business_id", "code"),)

    name: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
