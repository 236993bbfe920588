"""Banks, cash boxes and petty cash: listing, saving by code, deleting when unreferenced.

The three kinds share their rules, written once in the generic functions below. Codes are
four-digit strings; a code a client sends as ``7`` or ``"7"`` finds ``"0007"``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.changes import service as changes
from hesabdar.changes.service import LogAction
from hesabdar.currencies.service import base_currency, normalize_currency
from hesabdar.kit.codes import normalize_code
from hesabdar.kit.errors import MissingParameter, ParameterOutOfRange
from hesabdar.kit.references import ensure_unreferenced
from hesabdar.numbering.service import next_code
from hesabdar.treasury.errors import MoneyBoxNotFound
from hesabdar.treasury.models import CODE_WIDTH, Bank, Cash, MoneyBox, PettyCash

MAX_CODE_LENGTH = 20
Box = TypeVar("Box", bound=MoneyBox)


@dataclass(frozen=True)
class _Kind:
    kind: str  # numbering counter and kit.references kind
    label: str  # names the record in messages
    object_type: str  # the change log's ObjectType
    save: LogAction
    edit: LogAction
    delete: LogAction


_KINDS: dict[type[MoneyBox], _Kind] = {
    Bank: _Kind(
        "bank",
        "Bank",
        "Bank",
        LogAction.BANK_SAVE,
        LogAction.BANK_EDIT,
        LogAction.BANK_DELETE,
    ),
    Cash: _Kind(
        "cash",
        "Cash",
        "Cash",
        LogAction.CASH_SAVE,
        LogAction.CASH_EDIT,
        LogAction.CASH_DELETE,
    ),
    PettyCash: _Kind(
        "petty_cash",
        "Petty cash",
        "PettyCash",
        LogAction.PETTY_CASH_SAVE,
        LogAction.PETTY_CASH_EDIT,
        LogAction.PETTY_CASH_DELETE,
    ),
}


@dataclass(frozen=True)
class MoneyBoxInput:
    """A save request. ``None`` means "not given": a new record takes the default, an edit
    keeps the current value. An empty or absent ``code`` creates a record with the next code."""

    code: Any = None
    name: str | None = None
    currency: str | None = None
    active: bool | None = None


@dataclass(frozen=True)
class BankInput(MoneyBoxInput):
    branch: str | None = None
    account_number: str | None = None
    iban: str | None = None


# --- look-ups other domains use -------------------------------------------------------------


def get_bank_by_code(session: Session, business_id: int, code: Any) -> Bank | None:
    return _get_by_code(session, Bank, business_id, code)


def get_cash_by_code(session: Session, business_id: int, code: Any) -> Cash | None:
    return _get_by_code(session, Cash, business_id, code)


def get_petty_cash_by_code(session: Session, business_id: int, code: Any) -> PettyCash | None:
    return _get_by_code(session, PettyCash, business_id, code)


def _get_by_code(session: Session, model: type[Box], business_id: int, code: Any) -> Box | None:
    normalized = normalize_code(code, CODE_WIDTH)
    if not normalized:
        return None
    return session.scalar(
        select(model).where(model.business_id == business_id, model.code == normalized)
    )


# --- lists ----------------------------------------------------------------------------------


def list_banks(session: Session, business_id: int) -> list[Bank]:
    return _list(session, Bank, business_id)


def list_cashes(session: Session, business_id: int) -> list[Cash]:
    return _list(session, Cash, business_id)


def list_petty_cashes(session: Session, business_id: int) -> list[PettyCash]:
    return _list(session, PettyCash, business_id)


def _list(session: Session, model: type[Box], business_id: int) -> list[Box]:
    return list(
        session.scalars(
            select(model).where(model.business_id == business_id).order_by(model.code, model.id)
        )
    )


# --- saves ----------------------------------------------------------------------------------


def save_bank(
    session: Session,
    business_id: int,
    data: BankInput,
    *,
    where: str = "bank",
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

    return _save(session, Bank, business_id, data, where, via_api, apply)


def save_cash(
    session: Session,
    business_id: int,
    data: MoneyBoxInput,
    *,
    where: str = "cash",
    via_api: bool = True,
) -> Cash:
    return _save(session, Cash, business_id, data, where, via_api)


def save_petty_cash(
    session: Session,
    business_id: int,
    data: MoneyBoxInput,
    *,
    where: str = "pettyCash",
    via_api: bool = True,
) -> PettyCash:
    return _save(session, PettyCash, business_id, data, where, via_api)


def _save(
    session: Session,
    model: type[Box],
    business_id: int,
    data: MoneyBoxInput,
    where: str,
    via_api: bool,
    apply: Callable[[Box, bool], None] | None = None,
) -> Box:
    kind = _KINDS[model]
    code = normalize_code(data.code, CODE_WIDTH)
    if len(code) > MAX_CODE_LENGTH:
        raise ParameterOutOfRange(
            f"Invalid value for {where}.Code: at most {MAX_CODE_LENGTH} characters (got {code!r})."
        )
    row = _get_by_code(session, model, business_id, code) if code else None
    creating = row is None
    name = None if data.name is None else data.name.strip()
    if name == "" or (creating and name is None):
        raise MissingParameter(f"{where}.Name")
    currency = normalize_currency(data.currency, f"{where}.Currency") if data.currency else None

    if row is None:
        if not code:
            code = next_code(
                session,
                business_id,
                kind.kind,
                CODE_WIDTH,
                lambda candidate: _get_by_code(session, model, business_id, candidate) is not None,
            )
        row = model(
            business_id=business_id,
            code=code,
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
    session.flush()
    changes.record(
        session,
        business_id,
        kind.save if creating else kind.edit,
        kind.object_type,
        row.id,
        extra=row.code,
        via_api=via_api,
    )
    return row


# --- deletes --------------------------------------------------------------------------------


def delete_bank(session: Session, business_id: int, code: Any, *, via_api: bool = True) -> None:
    _delete(session, Bank, business_id, code, via_api)


def delete_cash(session: Session, business_id: int, code: Any, *, via_api: bool = True) -> None:
    _delete(session, Cash, business_id, code, via_api)


def delete_petty_cash(
    session: Session, business_id: int, code: Any, *, via_api: bool = True
) -> None:
    _delete(session, PettyCash, business_id, code, via_api)


def _delete(session: Session, model: type[Box], business_id: int, code: Any, via_api: bool) -> None:
    kind = _KINDS[model]
    normalized = normalize_code(code, CODE_WIDTH)
    if not normalized:
        raise MissingParameter("code")
    row = _get_by_code(session, model, business_id, normalized)
    if row is None:
        raise MoneyBoxNotFound(kind.label, normalized)
    ensure_unreferenced(session, kind.kind, business_id, row.id, f"{kind.label} {row.code}")
    changes.record(
        session,
        business_id,
        kind.delete,
        kind.object_type,
        row.id,
        extra=row.code,
        via_api=via_api,
    )
    session.delete(row)
    session.flush()
