from __future__ import annotations

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import CodedModel

# Warehouse codes are four digits like those of banks and cash boxes: "0001".
CODE_WIDTH = 4


class Warehouse(CodedModel):
    """A warehouse (انبار) that stock is received into and issued from."""

    __tablename__ = "warehouse"
    __table_args__ = (UniqueConstraint("business_id", "code"),)

    name: Mapped[str] = mapped_column(String(200))
