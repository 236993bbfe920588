"""The business's base currency and its exchange-rate table (setting/*Currency*)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hesabdar.changes import service as changes
from hesabdar.changes.service import LogAction
from hesabdar.currencies.errors import (
    DuplicateRate,
    InvalidCurrency,
    InvalidExchangeRate,
    SameCurrencyRate,
)
from hesabdar.currencies.models import CurrencyRate
from hesabdar.currencies.schemas import TABLE_AT, RateInput
from hesabdar.kit.currency import is_currency_code
from hesabdar.kit.errors import BusinessNotFound, InvalidFieldValue, Location
from hesabdar.kit.numbers import show
from hesabdar.kit.types import RATE_SCALE
from hesabdar.tenancy.models import Business

_ISO_CODE = re.compile(r"^[A-Za-z]{3}$")


def normalize_currency(value: str, at: Location) -> str:
    """``"usd"`` → ``"USD"``; anything but an ISO 4217 code or the toman (``IRT``) is refused,
    naming ``at``."""
    text = value.strip().upper()
    if not _ISO_CODE.match(text) or not is_currency_code(text):
        raise InvalidCurrency(value, at)
    return text


def base_currency(session: Session, business_id: int) -> str:
    business = session.get(Business, business_id)
    if business is None:  # callers come through an authenticated request
        raise BusinessNotFound(f"Business {business_id} does not exist.")
    return business.currency


def currency_table(session: Session, business_id: int) -> list[CurrencyRate]:
    return list(
        session.scalars(
            select(CurrencyRate)
            .where(CurrencyRate.business_id == business_id)
            .order_by(CurrencyRate.id)
        )
    )


def base_rate(base: str, given: Decimal | None, at: Location) -> Decimal:
    """The rate of the business's own currency: 1. A client may send nothing, 0 or 1 for it;
    any other rate would multiply every amount posted, and is refused (114 naming ``at``)."""
    if given is not None and given not in (Decimal(0), Decimal(1)):
        raise InvalidFieldValue(
            f"the rate of the base currency {base} is 1 (got {show(given)}).", location=at
        )
    return Decimal(1)


def get_rate(session: Session, business_id: int, source: str, target: str) -> Decimal | None:
    """The table's rate from ``source`` to ``target`` (1 for the same currency), or None."""
    source, target = source.strip().upper(), target.strip().upper()
    if source == target:
        return Decimal(1)
    return session.scalar(
        select(CurrencyRate.rate).where(
            CurrencyRate.business_id == business_id,
            CurrencyRate.source == source,
            CurrencyRate.target == target,
        )
    )


def other_currencies(session: Session, business_id: int) -> list[str]:
    """Every currency the table names besides the base currency, sorted."""
    base = base_currency(session, business_id)
    named: set[str] = set()
    for row in currency_table(session, business_id):
        named.update((row.source, row.target))
    named.discard(base)
    return sorted(named)


def set_currency_table(
    session: Session,
    business_id: int,
    rows: Sequence[RateInput],
    *,
    at: Location = TABLE_AT,
    via_api: bool = True,
) -> list[CurrencyRate]:
    """Replace the whole table. Every row is checked before anything is written."""
    checked: list[CurrencyRate] = []
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(rows):
        place = at / index
        source = normalize_currency(row.source, place / "source")
        target = normalize_currency(row.target, place / "target")
        if source == target:
            raise SameCurrencyRate(source, place)
        _check_rate(row.rate, place / "rate")
        first = seen.setdefault((source, target), index)
        if first != index:
            raise DuplicateRate(source, target, place, at / first)
        checked.append(
            CurrencyRate(business_id=business_id, source=source, target=target, rate=row.rate)
        )
    session.execute(delete(CurrencyRate).where(CurrencyRate.business_id == business_id))
    session.add_all(checked)
    session.flush()
    changes.record(
        session,
        business_id,
        LogAction.CURRENCY_TABLE_SET,
        "CurrencyTable",
        0,
        extra=",".join(f"{row.source}/{row.target}" for row in checked),
        via_api=via_api,
    )
    return checked


def _check_rate(rate: Decimal, at: Location) -> None:
    if not rate.is_finite() or rate <= 0:
        raise InvalidExchangeRate(f"a rate must be greater than 0 (got {rate:f}).", location=at)
    exponent = rate.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > RATE_SCALE:
        raise InvalidExchangeRate(
            f"at most {RATE_SCALE} decimal places (got {rate:f}).", location=at
        )
    if rate >= Decimal(10) ** (30 - RATE_SCALE):
        raise InvalidExchangeRate(f"the rate is too large (got {rate:f}).", location=at)
