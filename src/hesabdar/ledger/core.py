"""The pure ledger core: posting values, balance checks and debit/credit rules. No I/O.

Everything here works on ``Decimal`` amounts and plain values, so the rules can be tested
without a database and reused by every domain that posts (documents, invoices, receipts …).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

ZERO = Decimal(0)


class Side(IntEnum):
    """Document transaction type (reference §2.2): 0 debit (بدهکار), 1 credit (بستانکار)."""

    DEBIT = 0
    CREDIT = 1


class BalanceType(IntEnum):
    """0 debtor (بدهکار), 1 creditor (بستانکار)."""

    DEBTOR = 0
    CREDITOR = 1


class MainAccountType(IntEnum):
    ASSETS = 1
    LIABILITIES = 2
    EQUITY = 3
    PURCHASE_AND_COST = 4
    SALES = 5
    REVENUE = 6
    EXPENSES = 7
    OTHER = 8


class DetailType(IntEnum):
    """What the detail (تفصیل) of an account's lines is."""

    NONE = 0
    CONTACT = 1
    BANK = 2
    CASH = 3
    PETTY_CASH = 4
    PRODUCT = 5
    ACCOUNT = 6


class AccountLevel(IntEnum):
    GROUP = 1  # گروه
    LEDGER = 2  # کل
    SUBSIDIARY = 3  # معین
    DETAIL = 4  # تفصیلی: an account a user adds under a subsidiary


class DocumentStatus(IntEnum):
    DRAFT = 0
    APPROVED = 1


class AccountType(IntEnum):
    """An account's role, so that domains post by role rather than by path.

    0-40 are Hesabfa's own AccountType values (reference §2.2). Roles from 100 up name accounts
    that Hesabfa's enum has no value for; clients see them as 0 (General).
    """

    GENERAL = 0
    CASH = 1
    PETTY_CASH = 2
    BANK = 3
    ACCOUNTS_RECEIVABLE = 4
    NOTES_RECEIVABLE = 5
    CHECKS_IN_COLLECTION = 6
    INVENTORY = 7
    PURCHASE_VAT = 8
    ACCOUNTS_PAYABLE = 9
    NOTES_PAYABLE = 10
    SALES_VAT = 11
    INCOME_TAX = 12
    OPENING_CAPITAL = 13
    CAPITAL_ADJUSTMENT = 14
    LEGAL_RESERVE = 15
    WITHDRAWALS = 16
    PROFIT_AND_LOSS = 17
    RETAINED_EARNINGS = 18
    PURCHASE = 19
    PURCHASE_RETURNS = 20
    PURCHASE_DISCOUNTS = 21
    SALES = 22
    SALES_RETURNS = 23
    SALES_DISCOUNTS = 24
    SERVICE_REVENUE = 25
    SERVICE_PURCHASE_REVENUE = 26
    INVENTORY_ADJUSTMENT_INCOME = 27
    FREIGHT_REVENUE = 28
    SERVICE_RETURNS = 29
    SERVICE_PURCHASE = 30
    FREIGHT_EXPENSE = 31
    INVENTORY_ADJUSTMENT_EXPENSE = 32
    BANK_FEES = 33
    INVENTORY_ADJUSTMENT = 34
    INCOME_SUMMARY = 35
    EXCHANGE_GAIN = 36
    EXCHANGE_LOSS = 37
    INTEREST_REVENUE = 38
    SAVED_INCOME_TAX = 40
    # Roles beyond Hesabfa's enum.
    FUNDS_IN_TRANSIT = 101
    OTHER_RECEIVABLES = 102
    PURCHASE_PREPAYMENTS = 103
    PREPAID_EXPENSES = 104
    OTHER_PAYABLES = 105
    SALES_ADVANCES = 106
    COST_OF_GOODS_SOLD = 107
    OTHER_INCOME = 108
    OTHER_EXPENSE = 109
    OPENING_BALANCE = 110
    CLOSING_BALANCE = 111
    SALARIES_PAYABLE = 112

    @property
    def hesabfa_value(self) -> int:
        return int(self) if self < 100 else 0


@dataclass(frozen=True)
class Posting:
    """One line of a document: an amount on one side of one account."""

    account_id: int
    side: Side
    amount: Decimal

    @property
    def debit(self) -> Decimal:
        return self.amount if self.side == Side.DEBIT else ZERO

    @property
    def credit(self) -> Decimal:
        return self.amount if self.side == Side.CREDIT else ZERO


@dataclass(frozen=True)
class Totals:
    debit: Decimal
    credit: Decimal

    @property
    def is_balanced(self) -> bool:
        return self.debit == self.credit

    @property
    def difference(self) -> Decimal:
        """Debit minus credit."""
        return self.debit - self.credit


def totals(postings: Iterable[Posting]) -> Totals:
    debit = credit = ZERO
    for posting in postings:
        debit += posting.debit
        credit += posting.credit
    return Totals(debit, credit)


def is_balanced(postings: Iterable[Posting]) -> bool:
    """Sum of debits equals sum of credits, exactly."""
    return totals(postings).is_balanced


def split(side: Side, amount: Decimal) -> tuple[Decimal, Decimal]:
    """(debit, credit) columns of an amount on ``side``."""
    return (amount, ZERO) if side == Side.DEBIT else (ZERO, amount)


def side_increasing(balance_type: BalanceType) -> Side:
    """The side that increases an account of this balance type (debtor: debit)."""
    return Side.DEBIT if balance_type == BalanceType.DEBTOR else Side.CREDIT


def balance_of(
    debit: Decimal, credit: Decimal, natural: BalanceType = BalanceType.DEBTOR
) -> tuple[Decimal, BalanceType]:
    """The balance (never negative) and its balance type; a zero balance keeps ``natural``."""
    net = debit - credit
    if net > 0:
        return net, BalanceType.DEBTOR
    if net < 0:
        return -net, BalanceType.CREDITOR
    return ZERO, natural


def remaining(debit: Decimal, credit: Decimal) -> tuple[Decimal, Decimal]:
    """The net balance in the (remaining debit, remaining credit) columns of a trial balance."""
    net = debit - credit
    return (net, ZERO) if net >= 0 else (ZERO, -net)


_SEPARATOR = re.compile(r"\s*:\s*")
_SPACES = re.compile(r"\s+")
# Arabic yeh and kaf are typed by many keyboards for the Persian letters.
_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})


def normalize_path(path: str) -> str:
    """``"A:B :  C"`` → ``"A : B : C"``: one spelling of an account path for matching and storage."""
    parts = [_SPACES.sub(" ", part).strip() for part in _SEPARATOR.split(path.translate(_LETTERS))]
    return " : ".join(part for part in parts if part)


def join_path(*parts: str) -> str:
    return normalize_path(" : ".join(parts))
