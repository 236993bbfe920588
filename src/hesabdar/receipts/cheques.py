"""Cheques on receipts: a cheque received or issued (kind 4), and a received cheque spent
(kind 5, خرج چک).

A received cheque is a cheque of a receipt that receives (receive, income, other receive): it
posted notes receivable with its payer as detail. A pay (type 2) spends it by naming it in a
transaction's ``spendCheck``: that transaction credits notes receivable with the same payer, for
the cheque's whole amount, at the rate the cheque was received at, so that the cheque leaves the
books as it came in.

Which cheque: the received cheques with the number given, narrowed by each of sayyad, bankCode,
bankName and payerCode that is given (each must equal what the cheque was received with);
exactly one must remain. A cheque is spent at most once (a unique key on the spending row), and
the receipt that received a spent cheque is neither edited nor deleted (its cheque is no longer
the business's) until the pay that spent it is deleted, which makes the cheque spendable again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from hesabdar.contacts.models import Contact
from hesabdar.kit import locks
from hesabdar.kit.errors import (
    ConstraintViolated,
    InvalidFieldValue,
    Location,
    MissingParameter,
    ObjectNotFound,
)
from hesabdar.kit.locks import LockStage
from hesabdar.kit.numbers import show
from hesabdar.receipts.errors import ReceiptRuleViolation
from hesabdar.receipts.models import Receipt, ReceiptTransaction
from hesabdar.receipts.schemas import ChequeInput, ReceiptType, TransactionKind
from hesabdar.receipts.values import given, precise, row_at
from hesabdar.treasury.models import MoneyBox

RECEIVING = tuple(int(kind) for kind in ReceiptType if kind.receives)

_HOLDER = and_(
    Receipt.business_id == ReceiptTransaction.business_id,
    Receipt.id == ReceiptTransaction.receipt_id,
)


class Lookups(Protocol):
    """The look-ups of the receipt being resolved (each code looked up once per request)."""

    def contact(self, code: str, where: Location) -> Contact: ...

    def box(self, kind: TransactionKind, code: str, where: Location) -> MoneyBox: ...


@dataclass(frozen=True)
class Spend:
    """A received cheque that the receipt being saved spends, and where the request names it."""

    cheque_id: int
    number: str
    received_in: int
    received_on: date
    currency: str
    at: Location


def _spent_elsewhere(spend: Spend, spender: int) -> ReceiptRuleViolation:
    return ReceiptRuleViolation(
        f"cheque {spend.number} was spent by pay receipt {spender}.", location=spend.at
    )


@dataclass
class Cheques:
    """The cheques of one receipt being resolved: a ``receipt_type`` receipt, with ``number``
    when the client named one (an edit of that receipt may spend its own cheques again)."""

    session: Session
    business_id: int
    lookups: Lookups
    receipt_type: ReceiptType
    number: int | None
    spends: list[Spend] = field(default_factory=list)

    def issue(
        self,
        row: ReceiptTransaction,
        cheque: ChequeInput,
        amount: Decimal | None,
        item_contact: int | None,
    ) -> Decimal:
        """A cheque received (a receipt that receives) or issued (one that pays); its amount."""
        where = cheque.at
        number = given(cheque.number)
        if number is None:
            raise MissingParameter(location=where / "number")
        if cheque.date is None:
            raise MissingParameter(location=where / "date")
        stated = precise(cheque.amount, where / "amount") if cheque.amount is not None else None
        if amount is not None:
            amount = precise(amount, row_at(where) / "amount")
            if stated is not None and stated != amount:
                raise InvalidFieldValue(
                    f"the cheque's amount {show(stated)} differs from the transaction's "
                    f"{show(amount)}.",
                    location=where / "amount",
                )
        amount = amount if amount is not None else stated
        if amount is None:
            raise MissingParameter(location=row_at(where) / "amount")
        payer = given(cheque.payer_code)
        if payer is not None:
            row.contact_id = self.lookups.contact(payer, where / "payer_code").id
        elif item_contact is not None:
            row.contact_id = item_contact
        else:
            raise MissingParameter(
                message="required when the items do not name exactly one contact.",
                location=where / "payer_code",
            )
        bank = given(cheque.bank_code)
        if bank is not None:
            row.cheque_bank_id = self.lookups.box(
                TransactionKind.BANK, bank, where / "bank_code"
            ).id
        row.kind = int(TransactionKind.CHEQUE)
        row.cheque_number = number
        row.cheque_date = cheque.date
        row.cheque_sayyad = (cheque.sayyad or "").strip()
        row.cheque_payee = (cheque.payee or "").strip()
        row.cheque_bank_name = (cheque.bank_name or "").strip()
        return amount

    def spend(self, row: ReceiptTransaction, spent: ChequeInput, amount: Decimal | None) -> Decimal:
        """A received cheque paid on, whole: ``row`` names it and repeats it; its amount."""
        where = spent.at
        if self.receipt_type != ReceiptType.PAY:
            raise ReceiptRuleViolation(
                "a received cheque is spent only by a pay (type 2); this receipt is of type "
                f"{int(self.receipt_type)}.",
                location=where,
            )
        number = given(spent.number)
        if number is None:
            raise MissingParameter(location=where / "number")
        narrowing: dict[str, Any] = {}
        described: list[str] = []
        for column, label, value in (
            ("cheque_sayyad", "sayyad", given(spent.sayyad)),
            ("cheque_bank_name", "bank name", given(spent.bank_name)),
        ):
            if value is not None:
                narrowing[column] = value
                described.append(f"{label} {value}")
        bank = given(spent.bank_code)
        if bank is not None:
            narrowing["cheque_bank_id"] = self.lookups.box(
                TransactionKind.BANK, bank, where / "bank_code"
            ).id
            described.append(f"bank {bank}")
        payer = given(spent.payer_code)
        if payer is not None:
            narrowing["contact_id"] = self.lookups.contact(payer, where / "payer_code").id
            described.append(f"payer {payer}")
        found = find_received(self.session, self.business_id, number, narrowing)
        told = f" with {', '.join(described)}" if described else ""
        if not found:
            raise ObjectNotFound(
                f"no received cheque has number {number}{told}.", location=where / "number"
            )
        if len(found) > 1:
            raise ReceiptRuleViolation(
                f"{len(found)} received cheques have number {number}{told}; send its sayyad, "
                "bankName or payerCode too.",
                location=where / "number",
            )
        cheque, holder = found[0]
        spend = Spend(cheque.id, number, holder.number, holder.date, holder.currency, where)
        if any(earlier.cheque_id == cheque.id for earlier in self.spends):
            raise ReceiptRuleViolation(
                f"cheque {number} is spent twice in this receipt.", location=where
            )
        spender = spent_by(self.session, self.business_id, cheque.id)
        if spender is not None and spender != self.number:
            raise _spent_elsewhere(spend, spender)
        stated: tuple[tuple[Decimal | None, Location], ...] = (
            (amount, row_at(where) / "amount"),
            (spent.amount, where / "amount"),
        )
        for paid, at in stated:
            if paid is not None and precise(paid, at) != cheque.amount:
                raise ReceiptRuleViolation(
                    f"cheque {number} is for {show(cheque.amount)}; spending it pays that whole "
                    f"amount (got {show(paid)}).",
                    location=at,
                )
        self.spends.append(spend)
        row.kind = int(TransactionKind.SPEND_CHEQUE)
        row.spent_cheque_id = cheque.id
        row.contact_id = cheque.contact_id
        row.cheque_number = cheque.cheque_number
        row.cheque_date = cheque.cheque_date
        row.cheque_sayyad = cheque.cheque_sayyad
        row.cheque_payee = cheque.cheque_payee
        row.cheque_bank_name = cheque.cheque_bank_name
        row.cheque_bank_id = cheque.cheque_bank_id
        return cheque.amount

    def check_date(self, day: date) -> None:
        """A cheque is spent on or after the day it was received."""
        for spend in self.spends:
            if day < spend.received_on:
                raise ReceiptRuleViolation(
                    f"cheque {spend.number} was received on {spend.received_on.isoformat()} "
                    f"(receipt {spend.received_in}); it cannot be spent before that (this "
                    f"receipt is dated {day.isoformat()}).",
                    location=spend.at,
                )


# --- queries --------------------------------------------------------------------------------


def find_received(
    session: Session, business_id: int, number: str, narrowing: dict[str, Any]
) -> list[tuple[ReceiptTransaction, Receipt]]:
    """The received cheques with this number whose columns equal ``narrowing``, with the
    receipts that received them."""
    query = (
        select(ReceiptTransaction, Receipt)
        .join(Receipt, _HOLDER)
        .where(
            ReceiptTransaction.business_id == business_id,
            ReceiptTransaction.cheque_number == number,
            ReceiptTransaction.kind == int(TransactionKind.CHEQUE),
            Receipt.type.in_(RECEIVING),
        )
        .order_by(ReceiptTransaction.id)
    )
    for column, value in narrowing.items():
        query = query.where(getattr(ReceiptTransaction, column) == value)
    return [(cheque, holder) for cheque, holder in session.execute(query)]


def spent_by(session: Session, business_id: int, cheque_id: int) -> int | None:
    """The number of the pay that spent this received cheque, if one did."""
    return session.scalar(
        select(Receipt.number)
        .join(ReceiptTransaction, _HOLDER)
        .where(
            ReceiptTransaction.business_id == business_id,
            ReceiptTransaction.spent_cheque_id == cheque_id,
        )
    )


def received_rates(
    session: Session, business_id: int, cheque_ids: Sequence[int]
) -> dict[int, Decimal]:
    """Received cheque id → the exchange rate of the receipt that received it."""
    if not cheque_ids:
        return {}
    found = session.execute(
        select(ReceiptTransaction.id, Receipt.currency_rate)
        .join(Receipt, _HOLDER)
        .where(
            ReceiptTransaction.business_id == business_id,
            ReceiptTransaction.id.in_(sorted(set(cheque_ids))),
        )
    )
    return dict(found.all())


# --- writing --------------------------------------------------------------------------------


def hold(session: Session, business_id: int, spends: Sequence[Spend], editing: int | None) -> None:
    """Lock the receipts that received the cheques a pay spends, then check again what was
    resolved before any lock: each cheque still there, and spent by no other pay (``editing``:
    the number of the pay being edited, which may spend its own cheques again).

    Called under the pay's counter, so two pays spending one cheque reach this one after the
    other and the second sees the first's spending. The receipts are locked as the source rows
    they are, after the pay's own row; nothing that locks one of them then waits on a pay's.
    A cheque gone (its receipt edited or deleted meanwhile) has the request run again, finding
    the cheque anew."""
    if not spends:
        return
    locks.enter(session, LockStage.SOURCE)
    ids = sorted({spend.cheque_id for spend in spends})
    holders = select(ReceiptTransaction.receipt_id).where(
        ReceiptTransaction.business_id == business_id, ReceiptTransaction.id.in_(ids)
    )
    session.execute(
        select(Receipt.id)
        .where(Receipt.business_id == business_id, Receipt.id.in_(holders))
        .order_by(Receipt.id)
        .with_for_update()
    ).all()
    present = set(
        session.scalars(
            select(ReceiptTransaction.id).where(
                ReceiptTransaction.business_id == business_id, ReceiptTransaction.id.in_(ids)
            )
        )
    )
    for spend in spends:
        if spend.cheque_id not in present:
            raise ConstraintViolated(
                f"cheque {spend.number} changed while this receipt was saved.",
                location=spend.at,
                lost_race=True,
            )
        spender = spent_by(session, business_id, spend.cheque_id)
        if spender is not None and spender != editing:
            raise _spent_elsewhere(spend, spender)


def ensure_unspent(session: Session, receipt: Receipt, at: Location) -> None:
    """Refuse changing a receipt (locked) whose received cheque has been spent."""
    if not ReceiptType(receipt.type).receives:
        return
    ids = [row.id for row in receipt.transactions if row.kind == int(TransactionKind.CHEQUE)]
    if not ids:
        return
    found = session.execute(
        select(ReceiptTransaction.cheque_number, Receipt.number)
        .join(Receipt, _HOLDER)
        .where(
            ReceiptTransaction.business_id == receipt.business_id,
            ReceiptTransaction.spent_cheque_id.in_(ids),
        )
        .order_by(ReceiptTransaction.id)
        .limit(1)
    ).first()
    if found is not None:
        raise ReceiptRuleViolation(
            f"cheque {found[0]} of receipt {receipt.number} was spent by pay receipt {found[1]}; "
            "a receipt whose cheque has been spent cannot be edited or deleted.",
            location=at / "number",
        )
