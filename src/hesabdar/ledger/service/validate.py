"""The rules every document obeys, manual or system, checked in one order: round each line
first, then every line rule, then the balance of the rounded amounts; and the fiscal years of
the dates a write touches."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from hesabdar.kit.currency import is_currency_code
from hesabdar.kit.errors import Location
from hesabdar.kit.numbers import MONEY_LIMIT_DIGITS, show
from hesabdar.kit.types import MONEY_SCALE, quantize
from hesabdar.ledger import core, details
from hesabdar.ledger.core import DetailType, DocumentStatus, Side
from hesabdar.ledger.errors import (
    AccountNotLeaf,
    ClosedFiscalYear,
    DateOutsideFiscalYear,
    DetailCodeRequired,
    InvalidAmount,
    InvalidValue,
    TooFewTransactions,
    UnbalancedDocument,
    UnexpectedDetailCode,
)
from hesabdar.ledger.models import FiscalYear
from hesabdar.ledger.schemas import PostingLine

# The bound every facade puts on an amount (kit.numbers): a million lines of the largest
# amount still sum exactly in the NUMERIC(30, 4) columns. System documents are held to it too.
AMOUNT_LIMIT = core.Decimal(10) ** MONEY_LIMIT_DIGITS


def checked_lines(
    business_id: int,
    lines: Sequence[PostingLine],
    status: DocumentStatus,
    at: Location,
) -> tuple[list[PostingLine], core.Totals]:
    """The lines with amounts rounded to the ledger's scale, after every rule: at least two
    lines; each line on a leaf account of this business, on a real side, with an amount and a
    currency amount above zero once rounded, and exactly the detail its account requires; an
    approved document balances to the last unit of what is written."""
    if len(lines) < 2:
        raise TooFewTransactions(
            f"a document needs at least two transactions (got {len(lines)}).", location=at
        )
    rounded = [_checked_line(business_id, line, at / row) for row, line in enumerate(lines)]
    totals = core.totals(line.posting() for line in rounded)
    if status == DocumentStatus.APPROVED and not totals.is_balanced:
        raise UnbalancedDocument(
            f"an approved document must balance; debits {show(totals.debit)} != credits "
            f"{show(totals.credit)}.",
            location=at,
        )
    return rounded, totals


def _rounded(value: core.Decimal, where: Location) -> core.Decimal:
    if not value.is_finite() or abs(value) >= AMOUNT_LIMIT:
        raise InvalidAmount(
            f"must be less than 10^{MONEY_LIMIT_DIGITS} in absolute value (got {value}).",
            location=where,
        )
    amount = quantize(value, MONEY_SCALE)
    if amount <= 0:
        raise InvalidAmount(f"must be greater than 0 (got {show(value)}).", location=where)
    return amount


def _checked_line(business_id: int, line: PostingLine, at: Location) -> PostingLine:
    account = line.account
    if account.business_id != business_id:
        raise InvalidValue("the account belongs to another business.", location=at / "account")
    if not account.is_leaf:
        raise AccountNotLeaf(
            f"'{account.full_path}' has sub-accounts; post to one of its leaf accounts.",
            location=at / "account_path",
        )
    if line.side not in (Side.DEBIT, Side.CREDIT):
        raise InvalidValue(f"{line.side} is not 0 (debit) or 1 (credit).", location=at / "side")
    amount = _rounded(line.amount, at / "amount")
    currency_amount = (
        amount
        if line.currency_amount is None
        else _rounded(line.currency_amount, at / "currency_amount")
    )
    currency = line.currency.strip().upper()
    if not is_currency_code(currency):
        raise InvalidValue(
            f"'{line.currency}' is not an ISO 4217 currency code (or IRT, the toman).",
            location=at / "currency",
        )
    _check_detail(line, account.detail_type, at)
    return replace(line, amount=amount, currency_amount=currency_amount, currency=currency)


def _check_detail(line: PostingLine, detail_type: int, at: Location) -> None:
    wanted = details.DETAIL_KINDS.get(DetailType(detail_type))
    for kind in details.CODE_FIELDS:
        given = getattr(line, kind.column) is not None
        if kind is wanted and not given:
            raise DetailCodeRequired(
                message=f"required, the detail of '{line.account.full_path}' is a {kind.label}.",
                location=at / kind.column,
            )
        if kind is not wanted and given:
            raise UnexpectedDetailCode(
                f"must be empty; the account '{line.account.full_path}' takes "
                + (f"a {wanted.label}." if wanted else "no detail."),
                location=at / kind.column,
            )


_YEARS_OF_DAYS = select(
    FiscalYear.start_date, FiscalYear.end_date, FiscalYear.is_closed, FiscalYear.name
).where(
    FiscalYear.business_id == bindparam("business_id"),
    FiscalYear.start_date <= bindparam("last"),
    FiscalYear.end_date >= bindparam("first"),
)


def ensure_open_dates(
    session: Session, business_id: int, dated: Iterable[tuple[date, Location]]
) -> None:
    """Every date a write touches (an edit's old and new date, a delete's date) is in an open
    fiscal year: a date in none is 109, a date in a closed one is 190 naming the year."""
    wanted = list(dated)
    if not wanted:
        return
    days = [day for day, _where in wanted]
    years = session.execute(
        _YEARS_OF_DAYS, {"business_id": business_id, "first": min(days), "last": max(days)}
    ).all()
    for day, where in wanted:
        year = next((y for y in years if y.start_date <= day <= y.end_date), None)
        if year is None:
            raise DateOutsideFiscalYear(f"{day.isoformat()} is in no fiscal year.", location=where)
        if year.is_closed:
            raise ClosedFiscalYear(
                f"{day.isoformat()} is in the closed fiscal year {year.name}; its books are final.",
                location=where,
            )
