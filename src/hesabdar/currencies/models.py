from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped, rule
from hesabdar.kit.types import Rate


class CurrencyRate(BusinessScoped):
    """One row of the business's exchange-rate table: 1 ``source`` = ``rate`` ``target``."""

    __tablename__ = "currency_rate"
    __table_args__ = (
        UniqueConstraint("business_id", "source", "target"),
        rule("rate_positive", "CAST(rate AS REAL) > 0", "an exchange rate is above zero"),
        rule(
            "codes",
            "source = upper(source) AND target = upper(target) AND source <> target",
            "exchange rates are between two different upper-case currency codes",
        ),
    )

    source: Mapped[str] = mapped_column(String(8))
    target: Mapped[str] = mapped_column(String(8))
    rate: Mapped[Decimal] = mapped_column(Rate())
