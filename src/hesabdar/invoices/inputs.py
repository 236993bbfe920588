"""An invoice to save, checked and resolved before anything is written: every required field,
every code to its record (112 naming the field and row), every amount (114 naming it), its
additions and deductions, the currency and its rate. Reads only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from hesabdar.contacts import service as contacts
from hesabdar.contacts.codes import normalize_code
from hesabdar.contacts.models import Contact
from hesabdar.currencies import service as currencies
from hesabdar.invoices.amounts import (
    InvoiceAmounts,
    Other,
    RowAmounts,
    invoice_amounts,
    money,
    other,
    row_amounts,
)
from hesabdar.invoices.schemas import (
    INVOICE_AT,
    OTHERS_AT,
    ROWS_AT,
    InvoiceInput,
    InvoiceOtherInput,
    InvoiceRowInput,
    InvoiceStatus,
    InvoiceType,
)
from hesabdar.items import service as item_records
from hesabdar.items.models import Item
from hesabdar.items.schemas import ItemType
from hesabdar.kit.errors import InvalidFieldValue, Location, MissingParameter, ObjectNotFound
from hesabdar.kit.types import RATE_SCALE, quantize
from hesabdar.projects import service as projects
from hesabdar.tenancy.models import Business

# Invoices have fields named ``date``; annotations use this alias so they do not see it.
Day = date


@dataclass(frozen=True)
class ResolvedRow:
    given: InvoiceRowInput
    item: Item
    amounts: RowAmounts

    @property
    def is_service(self) -> bool:
        return self.item.item_type == ItemType.SERVICE


@dataclass(frozen=True)
class ResolvedOther:
    title: str
    amounts: Other


@dataclass(frozen=True)
class ResolvedInvoice:
    """An invoice ready to write: its records found and its amounts computed."""

    given: InvoiceInput
    kind: InvoiceType
    date: Day
    due_date: Day
    contact: Contact | None
    freight_contact: Contact | None
    project_id: int | None
    salesman_id: int | None
    salesman_percent: Decimal
    currency: str
    rate: Decimal
    rows: list[ResolvedRow]
    others: list[ResolvedOther]
    amounts: InvoiceAmounts

    @property
    def status(self) -> InvoiceStatus:
        return self.given.status


def _required(value: object, at: Location) -> None:
    if value is None:
        raise MissingParameter(location=at)


def _contact(session: Session, business_id: int, code: str | None, at: Location) -> Contact | None:
    if not normalize_code(code):
        return None
    contact = contacts.get_by_code(session, business_id, code)
    if contact is None:
        raise ObjectNotFound(f"no contact has code '{normalize_code(code)}'.", location=at)
    return contact


def _items(session: Session, business_id: int, rows: Sequence[InvoiceRowInput]) -> dict[str, Item]:
    return item_records.get_by_codes(
        session, business_id, [row.item_code for row in rows if row.item_code is not None]
    )


def _rows(
    session: Session, business_id: int, kind: InvoiceType, rows: Sequence[InvoiceRowInput]
) -> list[ResolvedRow]:
    if not rows:
        raise MissingParameter(location=ROWS_AT)
    for index, row in enumerate(rows):
        at = ROWS_AT / index
        for name in ("item_code", "description", "quantity", "unit_price", "discount", "tax"):
            _required(getattr(row, name), at / name)
        if not normalize_code(row.item_code):
            raise MissingParameter(location=at / "item_code")
    items = _items(session, business_id, rows)
    resolved = []
    for index, row in enumerate(rows):
        at = ROWS_AT / index
        code = normalize_code(row.item_code) or ""
        item = items.get(code)
        if item is None:
            raise ObjectNotFound(f"no item has code '{code}'.", location=at / "item_code")
        if kind is InvoiceType.WASTE and item.item_type == ItemType.SERVICE:
            raise InvalidFieldValue(
                f"item '{code}' is a service: only goods go to waste.", location=at / "item_code"
            )
        assert row.quantity is not None
        assert row.unit_price is not None
        assert row.discount is not None
        assert row.tax is not None
        amounts = row_amounts(row.quantity, row.unit_price, row.discount, row.tax, at)
        resolved.append(ResolvedRow(row, item, amounts))
    return resolved


def _others(kind: InvoiceType, others: Sequence[InvoiceOtherInput]) -> list[ResolvedOther]:
    """The additions and deductions: a title (not blank) and an amount above 0 each; a waste
    has none, having no contact to charge or credit them to."""
    if others and kind is InvoiceType.WASTE:
        raise InvalidFieldValue(
            "a waste invoice takes no additions or deductions.", location=OTHERS_AT
        )
    resolved = []
    for index, given in enumerate(others):
        at = OTHERS_AT / index
        title = (given.title or "").strip()
        if not title:
            raise MissingParameter(location=at / "title")
        _required(given.amount, at / "amount")
        assert given.amount is not None
        resolved.append(ResolvedOther(title, other(given.amount, given.add, at)))
    return resolved


def _currency(session: Session, business: Business, data: InvoiceInput) -> tuple[str, Decimal]:
    base = business.currency
    currency = base
    if data.currency is not None and data.currency.strip():
        currency = currencies.normalize_currency(data.currency, INVOICE_AT / "currency")
    if data.currency_rate is not None:
        rate = quantize(data.currency_rate, RATE_SCALE)
        if rate <= 0:
            raise InvalidFieldValue(
                f"must be greater than 0 (got {data.currency_rate}).",
                location=INVOICE_AT / "currency_rate",
            )
        if currency == base:
            return currency, currencies.base_rate(base, rate, INVOICE_AT / "currency_rate")
        return currency, rate
    found = currencies.get_rate(session, business.id, currency, base)
    if found is None:
        raise MissingParameter(location=INVOICE_AT / "currency_rate")
    return currency, quantize(found, RATE_SCALE)


def resolve(session: Session, business: Business, data: InvoiceInput) -> ResolvedInvoice:
    """Check ``data`` and find what it names; nothing is written or locked."""
    at = INVOICE_AT
    _required(data.invoice_type, at / "invoice_type")
    assert data.invoice_type is not None
    kind = data.invoice_type
    _required(data.date, at / "date")
    _required(data.due_date, at / "due_date")
    assert data.date is not None
    assert data.due_date is not None
    contact = None
    if kind.has_contact:
        if not normalize_code(data.contact_code):
            raise MissingParameter(location=at / "contact_code")
        contact = _contact(session, business.id, data.contact_code, at / "contact_code")
    freight_contact = _contact(
        session, business.id, data.freight_person_code, at / "freight_person_code"
    )
    project_id = None
    if data.project is not None and data.project.strip():
        project = projects.get_project_by_title(session, business.id, data.project)
        if project is None:
            raise ObjectNotFound(
                f"no project is titled '{data.project.strip()}'.", location=at / "project"
            )
        project_id = project.id
    salesman_id = None
    if data.salesman_code is not None and str(data.salesman_code).strip():
        salesman = projects.get_salesman_by_code(session, business.id, data.salesman_code)
        if salesman is None:
            raise ObjectNotFound(
                f"no salesman has code '{data.salesman_code}'.", location=at / "salesman_code"
            )
        salesman_id = salesman.id
    percent = money(data.salesman_percent, at / "salesman_percent")
    if percent > 100:
        raise InvalidFieldValue(
            f"must be at most 100 (got {data.salesman_percent}).", location=at / "salesman_percent"
        )
    currency, rate = _currency(session, business, data)
    rows = _rows(session, business.id, kind, data.rows)
    others = _others(kind, data.others)
    amounts = invoice_amounts(
        [row.amounts for row in rows],
        data.freight,
        at,
        [row.amounts for row in others],
        at_cost=kind in (InvoiceType.PURCHASE, InvoiceType.PURCHASE_RETURN),
    )
    return ResolvedInvoice(
        given=data,
        kind=kind,
        date=data.date,
        due_date=data.due_date,
        contact=contact,
        freight_contact=freight_contact,
        project_id=project_id,
        salesman_id=salesman_id,
        salesman_percent=percent,
        currency=currency,
        rate=rate,
        rows=rows,
        others=others,
        amounts=amounts,
    )
