"""The system document of a receipt: what each item and transaction posts.

A receive debits its transactions (the cash box, the bank, the cheque received …) and credits
its items (the contact's receivable, or the item's account); a pay the other way round. A
received cheque spent by a pay leaves notes receivable (credited, its payer the detail) at the
rate it was received at. A fee
on a bank, cash box or petty cash is its own pair of lines: bank fees debited, that same
account credited. Amounts are in the receipt's currency; the ledger's are in the base currency
at the receipt's rate, the items at the rate they are settled at (an invoice payment: the
invoice's rate), and what that leaves over is an exchange gain or loss.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.kit.types import MONEY_SCALE, quantize
from hesabdar.ledger.core import AccountType, Side
from hesabdar.ledger.models import Account
from hesabdar.ledger.posting import PostingLine
from hesabdar.ledger.service import account_by_role
from hesabdar.receipts.cheques import received_rates
from hesabdar.receipts.models import Receipt, ReceiptTransaction
from hesabdar.receipts.schemas import ReceiptType, TransactionKind

ZERO = Decimal(0)

_BOX_ROLES = {
    TransactionKind.CASH: AccountType.CASH,
    TransactionKind.PETTY_CASH: AccountType.PETTY_CASH,
    TransactionKind.BANK: AccountType.BANK,
}


def _in_base(amount: Decimal, rate: Decimal) -> Decimal:
    return quantize(amount * rate, MONEY_SCALE)


class _Accounts:
    def __init__(self, session: Session, business_id: int, ids: Iterable[int]) -> None:
        self.session = session
        self.business_id = business_id
        wanted = sorted(set(ids))
        self.by_id: dict[int, Account] = (
            {
                account.id: account
                for account in session.scalars(
                    select(Account).where(
                        Account.business_id == business_id, Account.id.in_(wanted)
                    )
                )
            }
            if wanted
            else {}
        )
        self.roles: dict[AccountType, Account] = {}

    def role(self, role: AccountType) -> Account:
        if role not in self.roles:
            self.roles[role] = account_by_role(self.session, self.business_id, role)
        return self.roles[role]


def _details(row: ReceiptTransaction) -> dict[str, int | None]:
    return {
        "contact_id": row.contact_id,
        "bank_id": row.bank_id,
        "cash_id": row.cash_id,
        "petty_cash_id": row.petty_cash_id,
    }


def receipt_lines(
    session: Session, business_id: int, base_currency: str, receipt: Receipt
) -> list[PostingLine]:
    """The lines of ``receipt``'s system document."""
    receives = ReceiptType(receipt.type).receives
    money_side, party_side = (Side.DEBIT, Side.CREDIT) if receives else (Side.CREDIT, Side.DEBIT)
    accounts = _Accounts(
        session,
        business_id,
        [
            *(item.account_id for item in receipt.items if item.account_id),
            *(row.account_id for row in receipt.transactions if row.account_id),
        ],
    )
    rate = receipt.currency_rate
    settled = receipt.settled_rate or rate
    spent_rates = received_rates(
        session,
        business_id,
        [row.spent_cheque_id for row in receipt.transactions if row.spent_cheque_id is not None],
    )
    currency = receipt.currency
    description = receipt.description
    lines: list[PostingLine] = []

    def add(
        account: Account,
        side: Side,
        amount: Decimal,
        rate: Decimal,
        details: dict[str, int | None] | None = None,
    ) -> None:
        line = PostingLine(
            account,
            side,
            _in_base(amount, rate),
            description=description,
            currency=currency,
            currency_amount=amount,
        )
        for column, record_id in (details or {}).items():
            setattr(line, column, record_id)
        lines.append(line)

    for row in receipt.transactions:
        kind = TransactionKind(row.kind)
        if kind in _BOX_ROLES:
            account = accounts.role(_BOX_ROLES[kind])
        elif kind == TransactionKind.CHEQUE:
            account = accounts.role(
                AccountType.NOTES_RECEIVABLE if receives else AccountType.NOTES_PAYABLE
            )
        elif kind == TransactionKind.SPEND_CHEQUE:
            account = accounts.role(AccountType.NOTES_RECEIVABLE)
        elif kind == TransactionKind.CONTACT:
            account = accounts.role(
                AccountType.ACCOUNTS_RECEIVABLE if receives else AccountType.ACCOUNTS_PAYABLE
            )
        else:
            assert row.account_id is not None
            account = accounts.by_id[row.account_id]
        row_rate = rate if row.spent_cheque_id is None else spent_rates[row.spent_cheque_id]
        add(account, money_side, row.amount, row_rate, _details(row))
        if row.transaction_fee > 0:
            add(accounts.role(AccountType.BANK_FEES), Side.DEBIT, row.transaction_fee, rate)
            add(account, Side.CREDIT, row.transaction_fee, rate, _details(row))
    for item in receipt.items:
        if item.account_id is not None:
            account = accounts.by_id[item.account_id]
        else:
            account = accounts.role(
                AccountType.ACCOUNTS_RECEIVABLE if receives else AccountType.ACCOUNTS_PAYABLE
            )
        add(account, party_side, item.amount, settled, {"contact_id": item.contact_id})
    difference = sum(
        (line.amount if line.side == Side.DEBIT else -line.amount for line in lines), ZERO
    )
    if difference:
        gain = difference > 0
        account = accounts.role(AccountType.EXCHANGE_GAIN if gain else AccountType.EXCHANGE_LOSS)
        lines.append(
            PostingLine(
                account,
                Side.CREDIT if gain else Side.DEBIT,
                abs(difference),
                description=description,
                currency=base_currency,
                currency_amount=abs(difference),
            )
        )
    return lines
