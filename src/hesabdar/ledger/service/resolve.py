"""A manual document's transactions, as the client names things (account paths, detail codes),
resolved into posting lines: one query for the accounts, one per detail code named."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from hesabdar.kit.errors import Location, MissingParameter
from hesabdar.ledger import core, details
from hesabdar.ledger.core import DetailType
from hesabdar.ledger.details import DetailKind
from hesabdar.ledger.errors import (
    AccountNotFound,
    DetailCodeRequired,
    DetailNotFound,
    InvalidAmount,
    UnexpectedDetailCode,
)
from hesabdar.ledger.models import Account
from hesabdar.ledger.schemas import PostingLine, TransactionInput

# Statements every save runs, built once (building a select costs more than running it).
_ACCOUNTS_BY_PATH = select(Account).where(
    Account.business_id == bindparam("business_id"),
    Account.full_path.in_(bindparam("paths", expanding=True)),
)

# (detail kind's column, code as sent) → (id, stored code) or None: one look-up per code a
# document names, however many lines name it.
DetailCache = dict[tuple[str, str], tuple[int, str] | None]


def _precise(value: Decimal, where: Location) -> Decimal:
    """Amounts a client sends carry at most the ledger's 4 decimal places."""
    if not value.is_finite():
        raise InvalidAmount(f"{value} is not a number.", location=where)
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        raise InvalidAmount(f"at most 4 decimal places are allowed (got {value}).", location=where)
    return value


def resolve_lines(
    session: Session,
    business_id: int,
    business_currency: str,
    transactions: list[TransactionInput],
    at: Location,
) -> list[PostingLine]:
    paths = {core.normalize_path(line.account_path) for line in transactions if line.account_path}
    by_path = {
        account.full_path: account
        for account in session.scalars(
            _ACCOUNTS_BY_PATH, {"business_id": business_id, "paths": sorted(paths)}
        )
    }
    resolved: list[PostingLine] = []
    found: DetailCache = {}
    for row, line in enumerate(transactions):
        where = at / row
        if not line.account_path:
            raise MissingParameter(location=where / "account_path")
        account = by_path.get(core.normalize_path(line.account_path))
        if account is None:
            raise AccountNotFound(line.account_path, where / "account_path")
        if line.side is None:
            raise MissingParameter(location=where / "side")
        if line.amount is None:
            raise MissingParameter(location=where / "amount")
        amount = _precise(line.amount, where / "amount")
        currency = (line.currency or business_currency).strip().upper()
        if line.currency_amount is not None:
            currency_amount = _precise(line.currency_amount, where / "currency_amount")
        elif currency != business_currency.upper():
            raise MissingParameter(
                message=f"the amount in {currency} is required for a foreign-currency transaction.",
                location=where / "currency_amount",
            )
        else:
            currency_amount = amount
        posting = PostingLine(
            account=account,
            side=line.side,
            amount=amount,
            description=line.description or "",
            info=line.info or "",
            currency=currency,
            currency_amount=currency_amount,
        )
        _resolve_detail(session, business_id, line, posting, where, found)
        resolved.append(posting)
    return resolved


def _resolve_detail(
    session: Session,
    business_id: int,
    line: TransactionInput,
    posting: PostingLine,
    where: Location,
    found: DetailCache,
) -> None:
    account = posting.account
    wanted: DetailKind | None = details.DETAIL_KINDS.get(DetailType(account.detail_type))
    for kind in details.CODE_FIELDS:
        field = kind.code_field
        if kind is wanted or line.code(field) is None:
            continue
        if wanted is None:
            reason = "the account takes no detail"
        else:
            reason = f"the account's detail is a {wanted.label}"
        raise UnexpectedDetailCode(
            f"must be empty; {reason} ('{account.full_path}').", location=where / field
        )
    if wanted is None:
        return
    field = wanted.code_field
    code = line.code(field)
    if code is None:
        raise DetailCodeRequired(
            message=f"required, the detail of '{account.full_path}' is a {wanted.label}.",
            location=where / field,
        )
    key = (wanted.column, code)
    if key not in found:
        found[key] = details.find(session, business_id, wanted, code)
    record = found[key]
    if record is None:
        raise DetailNotFound(f"{wanted.label} '{code}' does not exist.", location=where / field)
    setattr(posting, wanted.column, record[0])
    posting.detail_code = record[1]
