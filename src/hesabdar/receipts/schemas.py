"""What receipt saves take, as the client names things (codes, account paths). ``None`` is
"not given". Every input carries where it is in the request (``at``), so that an error names
the field and row the client sent: ``items[1].contactCode`` in ``receipt/save2``, plain
``bankCode`` in ``receipt/save`` and ``invoice/savepayment``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import IntEnum

from hesabdar.kit.errors import Location

ROOT = Location(())


class ReceiptType(IntEnum):
    """Hesabfa's receipt types (reference §2.2): 1 receive, 2 pay, 3 income, 4 expense,
    5 other receive, 6 other pay."""

    RECEIVE = 1
    PAY = 2
    INCOME = 3
    EXPENSE = 4
    OTHER_RECEIVE = 5
    OTHER_PAY = 6

    @property
    def receives(self) -> bool:
        """Money comes in: the transactions are debited and the items credited."""
        return self in (ReceiptType.RECEIVE, ReceiptType.INCOME, ReceiptType.OTHER_RECEIVE)

    @property
    def needs_account(self) -> bool:
        """Income, expense and other receipts name each item's account; receive and pay need
        only the contact."""
        return self not in (ReceiptType.RECEIVE, ReceiptType.PAY)


class TransactionKind(IntEnum):
    """Receipt transaction types (reference §2.2)."""

    CASH = 1
    PETTY_CASH = 2
    BANK = 3
    CHEQUE = 4
    SPEND_CHEQUE = 5
    CONTACT = 6
    ACCOUNT = 7


# Kinds that hold money of their own: the only ones a fee applies to, and whose currency must
# be the receipt's.
MONEY_BOXES = (TransactionKind.CASH, TransactionKind.PETTY_CASH, TransactionKind.BANK)


@dataclass(frozen=True)
class ChequeInput:
    at: Location
    number: str | None = None
    date: date | None = None
    amount: Decimal | None = None
    sayyad: str | None = None
    payee: str | None = None
    bank_code: str | None = None
    payer_code: str | None = None
    bank_name: str | None = None

    def given(self) -> bool:
        """Form-based clients send the cheque object with every field empty: not a cheque."""
        return any(
            value not in (None, "")
            for value in (self.number, self.date, self.amount, self.sayyad, self.payer_code)
        )


@dataclass(frozen=True)
class ItemInput:
    """Who pays (a receive) or is paid (a pay): a contact, or an account (with the contact as
    its detail when the account takes one)."""

    at: Location
    amount: Decimal | None = None
    contact_code: str | None = None
    account_path: str | None = None
    description: str = ""


@dataclass(frozen=True)
class TransactionInput:
    """How money moves: exactly one of a bank, a cash box, petty cash, a contact, an account, a
    cheque or a received cheque spent (``spend_cheque``, naming it). With an account, a detail code beside it is that account's detail when the account
    takes that kind of detail, and is otherwise ignored."""

    at: Location
    amount: Decimal | None = None
    reference: str = ""
    transaction_fee: Decimal | None = None
    bank_code: str | None = None
    cash_code: str | None = None
    petty_cash_code: str | None = None
    contact_code: str | None = None
    account_path: str | None = None
    cheque: ChequeInput | None = None
    spend_cheque: ChequeInput | None = None
    # How the request spells the account field: ``account`` in receipt/save2,
    # ``accountPath`` in invoice/savepayment.
    account_field: str = "account"


@dataclass(frozen=True)
class ReceiptInput:
    """A receipt to create (number missing or 0, or a number not used yet) or edit."""

    type: ReceiptType
    number: int | None = None
    date: date | None = None
    description: str = ""
    project: str | None = None
    currency: str | None = None
    currency_rate: Decimal | None = None
    items: list[ItemInput] = field(default_factory=list)
    transactions: list[TransactionInput] = field(default_factory=list)
    at: Location = ROOT
