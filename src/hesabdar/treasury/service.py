"""Banks, cash boxes and petty cash: listing, saving by code, deleting when unreferenced.

The three kinds share their rules, written once in the generic functions below. Codes are
four-digit strings; a code a client sends as ``7`` or ``"7"`` finds ``"0007"``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from hesabdar.changes.service import LogAction
from hesabdar.coded import CodedRecords, required_name
from hesabdar.currencies.service import base_currency, normalize_currency
from hesabdar.kit.errors import Location
from hesabdar.treasury.models import CODE_WIDTH, Bank, Cash, MoneyBox, PettyCash
from hesabdar.treasury.schemas import BANK_AT, CASH_AT, PETTY_CASH_AT, BankInput, MoneyBoxInput

Box = TypeVar("Box", bound=MoneyBox)

BANKS = CodedRecords(
    Bank,
    "bank",
    "Bank",
    "Bank",
    CODE_WIDTH,
    LogAction.BANK_SAVE,
    LogAction.BANK_EDIT,
    LogAction.BANK_DELETE,
)
CASHES = CodedRecords(
    Cash,
    "cash",
    "Cash",
    "Cash",
    CODE_WIDTH,
    LogAction.CASH_SAVE,
    LogAction.CASH_EDIT,
    LogAction.CASH_DELETE,
)
PETTY_CASHES = CodedRecords(
    PettyCash,
    "petty_cash",
    "Petty cash",
    "PettyCash",
    CODE_WIDTH,
    LogAction.PETTY_CASH_SAVE,
    LogAction.PETTY_CASH_EDIT,
    LogAction.PETTY_CASH_DELETE,
)


# --- look-ups other domains use -------------------------------------------------------------


def get_bank_by_code(session: Session, business_id: int, code: Any) -> Bank | None:
    return BANKS.get(session, business_id, code)


def get_cash_by_code(session: Session, business_id: int, code: Any) -> Cash | None:
    return CASHES.get(session, business_id, code)


def get_petty_cash_by_code(session: Session, business_id: int, code: Any) -> PettyCash | None:
    return PETTY_CASHES.get(session, business_id, code)


# --- lists ----------------------------------------------------------------------------------


def list_banks(session: Session, business_id: int) -> list[Bank]:
    return BANKS.list(session, business_id)


def list_cashes(session: Session, business_id: int) -> list[Cash]:
    return CASHES.list(session, business_id)


def list_petty_cashes(session: Session, business_id: int) -> list[PettyCash]:
    return PETTY_CASHES.list(session, business_id)


# --- saves ----------------------------------------------------------------------------------


def save_bank(
    session: Session,
    business_id: int,
    data: BankInput,
    *,
    at: Location = BANK_AT,
    via_api: bool = True,
) -> Bank:
    def apply(bank: Bank, creating: bool) -> None:
        for attribute, value in (
            ("branch", data.branch),
            ("account_number", data.account_number),
            ("iban", data.iban),
        ):
            if value is not None:
                setattr(bank, attribute, value.strip())
            elif creating:
                setattr(bank, attribute, "")

    return _save(session, BANKS, business_id, data, at, via_api, apply)


def save_cash(
    session: Session,
    business_id: int,
    data: MoneyBoxInput,
    *,
    at: Location = CASH_AT,
    via_api: bool = True,
) -> Cash:
    return _save(session, CASHES, business_id, data, at, via_api)


def save_petty_cash(
    session: Session,
    business_id: int,
    data: MoneyBoxInput,
    *,
    at: Location = PETTY_CASH_AT,
    via_api: bool = True,
) -> PettyCash:
    return _save(session, PETTY_CASHES, business_id, data, at, via_api)


def _save(
    session: Session,
    records: CodedRecords[Box],
    business_id: int,
    data: MoneyBoxInput,
    at: Location,
    via_api: bool,
    apply: Callable[[Box, bool], None] | None = None,
) -> Box:
    row, code = records.find_for_save(session, business_id, data.code, at)
    creating = row is None
    name = required_name(data.name, creating, at)
    currency = normalize_currency(data.currency, at / "currency") if data.currency else None
    if row is None:
        row = records.model(
            business_id=business_id,
            code=code or records.next_code(session, business_id),
            name=name,
            currency=currency or base_currency(session, business_id),
            is_active=True if data.active is None else data.active,
        )
        session.add(row)
    else:
        if name is not None:
            row.name = name
        if currency is not None:
            row.currency = currency
        if data.active is not None:
            row.is_active = data.active
    if apply is not None:
        apply(row, creating)
    records.record_saved(session, business_id, row, creating=creating, via_api=via_api)
    return row


# --- deletes --------------------------------------------------------------------------------


def delete_bank(session: Session, business_id: int, code: Any, *, via_api: bool = True) -> None:
    BANKS.delete(session, business_id, code, via_api=via_api)


def delete_cash(session: Session, business_id: int, code: Any, *, via_api: bool = True) -> None:
    CASHES.delete(session, business_id, code, via_api=via_api)


def delete_petty_cash(
    session: Session, business_id: int, code: Any, *, via_api: bool = True
) -> None:
    PETTY_CASHES.delete(session, business_id, code, via_api=via_api)
