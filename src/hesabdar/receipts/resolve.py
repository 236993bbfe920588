"""A receipt as the client names things (codes, account paths) resolved into rows: every field
checked against its column and every code looked up before any arithmetic or write."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pydantic.alias_generators import to_camel
from sqlalchemy.orm import Session

from hesabdar.contacts import service as contacts
from hesabdar.contacts.models import Contact
from hesabdar.currencies.service import base_rate, get_rate, normalize_currency
from hesabdar.kit.errors import InvalidFieldValue, Location, MissingParameter, ObjectNotFound
from hesabdar.kit.numbers import show
from hesabdar.kit.types import RATE_SCALE
from hesabdar.ledger.core import DetailType
from hesabdar.ledger.models import Account
from hesabdar.ledger.service import account_by_path
from hesabdar.projects.service import get_project_by_title
from hesabdar.receipts.cheques import Cheques, Spend
from hesabdar.receipts.errors import ReceiptRuleViolation
from hesabdar.receipts.models import ReceiptItem, ReceiptTransaction
from hesabdar.receipts.schemas import (
    MONEY_BOXES,
    ItemInput,
    ReceiptInput,
    TransactionInput,
    TransactionKind,
)
from hesabdar.receipts.values import given, not_negative, precise
from hesabdar.tenancy.models import Business
from hesabdar.treasury import service as treasury
from hesabdar.treasury.models import MoneyBox

ZERO = Decimal(0)
_REFERENCE_LENGTH: int = ReceiptTransaction.__table__.c.reference.type.length  # type: ignore[attr-defined]

# The money side fields of a transaction besides an account, in the order they are named.
_SIDES: tuple[tuple[str, TransactionKind], ...] = (
    ("bank_code", TransactionKind.BANK),
    ("cash_code", TransactionKind.CASH),
    ("petty_cash_code", TransactionKind.PETTY_CASH),
    ("contact_code", TransactionKind.CONTACT),
)


@dataclass
class Resolved:
    """A receipt's header values and its unsaved rows, ready to write and post."""

    date: date
    description: str
    project_id: int | None
    currency: str
    currency_rate: Decimal
    amount: Decimal
    items: list[ReceiptItem] = field(default_factory=list)
    transactions: list[ReceiptTransaction] = field(default_factory=list)
    # The received cheques it spends, checked again under the locks (cheques.hold).
    spends: list[Spend] = field(default_factory=list)


class Resolver:
    """Looks codes up once per request and remembers what the answer will need."""

    def __init__(self, session: Session, business: Business) -> None:
        self.session = session
        self.business = business
        self.contacts: dict[str, Contact | None] = {}

    # --- look-ups -----------------------------------------------------------------------

    def contact(self, code: str, where: Location) -> Contact:
        if code not in self.contacts:
            self.contacts[code] = contacts.get_by_code(self.session, self.business.id, code)
        found = self.contacts[code]
        if found is None:
            raise ObjectNotFound(f"contact '{code}' does not exist.", location=where)
        return found

    def box(self, kind: TransactionKind, code: str, where: Location) -> MoneyBox:
        finders = {
            TransactionKind.BANK: (treasury.get_bank_by_code, "bank"),
            TransactionKind.CASH: (treasury.get_cash_by_code, "cash box"),
            TransactionKind.PETTY_CASH: (treasury.get_petty_cash_by_code, "petty cash"),
        }
        find, label = finders[kind]
        found: MoneyBox | None = find(self.session, self.business.id, code)
        if found is None:
            raise ObjectNotFound(f"{label} '{code}' does not exist.", location=where)
        return found

    def account(self, path: str, where: Location) -> Account:
        account = account_by_path(self.session, self.business.id, path)
        if account is None:
            raise ObjectNotFound(f"account '{path}' does not exist.", location=where)
        if not account.is_leaf:
            raise ReceiptRuleViolation(
                f"'{account.full_path}' has accounts under it; name one of them.", location=where
            )
        return account

    # --- the receipt ----------------------------------------------------------------------

    def resolve(self, data: ReceiptInput, today: date) -> Resolved:
        at = data.at
        if not data.items:
            raise MissingParameter(location=at / "items")
        if not data.transactions:
            raise MissingParameter(location=at / "transactions")
        project_id = None
        if given(data.project):
            project = get_project_by_title(self.session, self.business.id, data.project)
            if project is None:
                raise ObjectNotFound(
                    f"project '{data.project}' does not exist.", location=at / "project"
                )
            project_id = project.id
        items = [self._item(data, item) for item in data.items]
        for index, item_row in enumerate(items):
            item_row.row = index
        single_contact = {item.contact_id for item in items} - {None}
        cheques = Cheques(self.session, self.business.id, self, data.type, data.number or None)
        transactions: list[ReceiptTransaction] = []
        # What holds money of a currency of its own, in the order named: (its currency, what
        # it is, where it is named).
        held: list[tuple[str, str, Location]] = []
        for line in data.transactions:
            row, box = self._transaction(
                line, next(iter(single_contact)) if len(single_contact) == 1 else None, cheques
            )
            row.row = len(transactions)
            transactions.append(row)
            if box is not None:
                found, where = box
                held.append(
                    (found.currency.upper(), f"'{found.code}' keeps {found.currency}", where)
                )
            if row.spent_cheque_id is not None:
                spend = cheques.spends[-1]
                held.append(
                    (
                        spend.currency,
                        f"cheque {spend.number} was received in {spend.currency}",
                        spend.at,
                    )
                )
        currency, rate = self._currency(data, held)
        amount = sum((item.amount for item in items), ZERO)
        paid = sum((row.amount for row in transactions), ZERO)
        if amount != paid:
            raise ReceiptRuleViolation(
                f"the transactions add up to {show(paid)} and the items to {show(amount)}; "
                "they must be equal.",
                location=at / "transactions",
            )
        day = data.date or today
        cheques.check_date(day)
        return Resolved(
            date=day,
            description=data.description.strip(),
            project_id=project_id,
            currency=currency,
            currency_rate=rate,
            amount=amount,
            items=items,
            transactions=transactions,
            spends=cheques.spends,
        )

    def _item(self, data: ReceiptInput, item: ItemInput) -> ReceiptItem:
        where = item.at
        amount = precise(item.amount, where / "amount")
        row = ReceiptItem(
            business_id=self.business.id,
            row=0,
            amount=amount,
            description=(item.description or "").strip(),
        )
        code = given(item.contact_code)
        path = given(item.account_path)
        if path is None:
            if data.type.needs_account:
                raise MissingParameter(
                    message=f"an account is required for a receipt of type {int(data.type)}.",
                    location=where / "account",
                )
            if code is None:
                raise MissingParameter(location=where / "contact_code")
            row.contact_id = self.contact(code, where / "contact_code").id
            return row
        account = self.account(path, where / "account")
        row.account_id = account.id
        detail = DetailType(account.detail_type)
        if detail == DetailType.CONTACT:
            if code is None:
                raise MissingParameter(
                    message=f"required, the detail of '{account.full_path}' is a contact.",
                    location=where / "contact_code",
                )
            row.contact_id = self.contact(code, where / "contact_code").id
        elif detail != DetailType.NONE:
            raise ReceiptRuleViolation(
                f"'{account.full_path}' takes a {detail.name.lower().replace('_', ' ')} as its "
                "detail; an item names a contact or an account without one.",
                location=where / "account",
            )
        return row

    def _transaction(
        self, line: TransactionInput, item_contact: int | None, cheques: Cheques
    ) -> tuple[ReceiptTransaction, tuple[MoneyBox, Location] | None]:
        where = line.at
        reference = line.reference.strip()
        if len(reference) > _REFERENCE_LENGTH:
            raise InvalidFieldValue(
                f"at most {_REFERENCE_LENGTH} characters (got {len(reference)}).",
                location=where / "reference",
            )
        row = ReceiptTransaction(business_id=self.business.id, reference=reference)
        cheque = line.cheque if line.cheque is not None and line.cheque.given() else None
        spent = line.spend_cheque if line.spend_cheque and line.spend_cheque.given() else None
        path = given(line.account_path)
        sent = [name for name, _kind in _SIDES if given(getattr(line, name))]
        account_name = to_camel(line.account_field)
        sides = [line.account_field] if path is not None else list(sent)
        sides += ["check"] * (cheque is not None) + ["spend_check"] * (spent is not None)
        if not sides:
            raise MissingParameter(
                message="one of bankCode, cashCode, pettyCashCode, contactCode, "
                f"{account_name}, check or spendCheck is required.",
                location=where if where.parts else None,
            )
        if len(sides) > 1:
            raise InvalidFieldValue(
                f"only one of bankCode, cashCode, pettyCashCode, contactCode, {account_name}, check "
                f"and spendCheck may be given (got {to_camel(sides[0])} and {to_camel(sides[1])}).",
                location=where / sides[1],
            )
        if spent is not None:
            row.amount = cheques.spend(row, spent, line.amount)
        elif cheque is not None:
            row.amount = cheques.issue(row, cheque, line.amount, item_contact)
        else:
            row.amount = precise(line.amount, where / "amount")
        fee = line.transaction_fee or ZERO
        row.transaction_fee = not_negative(fee, where / "transaction_fee")
        box: tuple[MoneyBox, Location] | None = None
        if path is not None:
            self._account_side(row, line, path)
        elif cheque is None and spent is None:
            name = sent[0]
            kind = dict(_SIDES)[name]
            row.kind = int(kind)
            code = given(getattr(line, name))
            assert code is not None
            if kind == TransactionKind.CONTACT:
                row.contact_id = self.contact(code, where / name).id
            else:
                found = self.box(kind, code, where / name)
                setattr(row, _BOX_COLUMNS[kind], found.id)
                box = (found, where / name)
        if row.transaction_fee > 0 and row.kind not in MONEY_BOXES:
            raise ReceiptRuleViolation(
                "a fee is taken only by a bank, a cash box or petty cash.",
                location=where / "transaction_fee",
            )
        return row, box

    def _account_side(self, row: ReceiptTransaction, line: TransactionInput, path: str) -> None:
        where = line.at
        account = self.account(path, where / line.account_field)
        row.kind = int(TransactionKind.ACCOUNT)
        row.account_id = account.id
        detail = DetailType(account.detail_type)
        if detail == DetailType.NONE:
            return  # a detail code sent beside an account without one is ignored
        if detail == DetailType.PRODUCT:
            raise ReceiptRuleViolation(
                f"'{account.full_path}' takes a product as its detail; money does not move "
                "through it.",
                location=where / line.account_field,
            )
        name = {
            DetailType.CONTACT: "contact_code",
            DetailType.BANK: "bank_code",
            DetailType.CASH: "cash_code",
            DetailType.PETTY_CASH: "petty_cash_code",
        }[detail]
        code = given(getattr(line, name))
        if code is None:
            raise MissingParameter(
                message=f"required, the detail of '{account.full_path}' is a "
                f"{detail.name.lower().replace('_', ' ')}.",
                location=where / name,
            )
        if detail == DetailType.CONTACT:
            row.contact_id = self.contact(code, where / name).id
            return
        kind = {
            DetailType.BANK: TransactionKind.BANK,
            DetailType.CASH: TransactionKind.CASH,
            DetailType.PETTY_CASH: TransactionKind.PETTY_CASH,
        }[detail]
        setattr(row, _BOX_COLUMNS[kind], self.box(kind, code, where / name).id)

    def _currency(
        self, data: ReceiptInput, held: list[tuple[str, str, Location]]
    ) -> tuple[str, Decimal]:
        at = data.at
        base = self.business.currency.upper()
        if given(data.currency):
            assert data.currency is not None
            currency = normalize_currency(data.currency, at / "currency")
        else:
            currency = held[0][0] if held else base
        for own, what, where in held:
            if own != currency:
                raise ReceiptRuleViolation(f"{what}; the receipt is in {currency}.", location=where)
        if currency == base:
            return currency, base_rate(base, data.currency_rate, at / "currency_rate")
        if data.currency_rate is not None and data.currency_rate != 0:
            return currency, precise(data.currency_rate, at / "currency_rate", scale=RATE_SCALE)
        rate = get_rate(self.session, self.business.id, currency, base)
        if rate is None:
            raise MissingParameter(
                message=f"required: the currency table has no rate from {currency} to {base}.",
                location=at / "currency_rate",
            )
        return currency, rate


_BOX_COLUMNS = {
    TransactionKind.BANK: "bank_id",
    TransactionKind.CASH: "cash_id",
    TransactionKind.PETTY_CASH: "petty_cash_id",
}
