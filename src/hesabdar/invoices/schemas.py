"""What invoice methods take: the types and statuses as enumerations, an invoice to save with
its rows, and where each part is in a request (for errors)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from hesabdar.changes.service import LogAction
from hesabdar.kit.enums import CodedEnum
from hesabdar.kit.errors import InvalidFieldValue, Location
from hesabdar.ledger.schemas import SourceKind

# Invoices have fields named ``date``; annotations use this alias so they do not see it.
Day = date

INVOICE_AT = Location.of("invoice")
ROWS_AT = INVOICE_AT / "invoice_items"
OTHERS_AT = INVOICE_AT / "others"
# What posts an invoice's document and moves its stock.
INVOICE_SOURCE = SourceKind("invoice")
OBJECT_TYPE = "Invoice"


class InvoiceType(CodedEnum):
    SALE = 0  # فروش
    PURCHASE = 1  # خرید
    SALES_RETURN = 2  # برگشت از فروش
    PURCHASE_RETURN = 3  # برگشت از خرید
    WASTE = 4  # ضایعات

    @property
    def has_contact(self) -> bool:
        return self is not InvoiceType.WASTE

    @property
    def is_sales(self) -> bool:
        """A sale or a sales return: the contact is a customer (receivable)."""
        return self in (InvoiceType.SALE, InvoiceType.SALES_RETURN)

    @property
    def counter(self) -> str:
        """The numbering counter of this type: each type is numbered on its own."""
        return f"invoice_{self.value}"

    @property
    def actions(self) -> InvoiceActions:
        return _ACTIONS[self]


@dataclass(frozen=True)
class InvoiceActions:
    """The change log's codes for one invoice type (a waste has no change-status code)."""

    save: LogAction
    edit: LogAction
    delete: LogAction
    change_status: LogAction


_ACTIONS = {
    InvoiceType.SALE: InvoiceActions(
        LogAction.SALE_SAVE,
        LogAction.SALE_EDIT,
        LogAction.SALE_DELETE,
        LogAction.SALE_CHANGE_STATUS,
    ),
    InvoiceType.PURCHASE: InvoiceActions(
        LogAction.PURCHASE_SAVE,
        LogAction.PURCHASE_EDIT,
        LogAction.PURCHASE_DELETE,
        LogAction.PURCHASE_CHANGE_STATUS,
    ),
    InvoiceType.SALES_RETURN: InvoiceActions(
        LogAction.SALES_RETURN_SAVE,
        LogAction.SALES_RETURN_EDIT,
        LogAction.SALES_RETURN_DELETE,
        LogAction.SALES_RETURN_CHANGE_STATUS,
    ),
    InvoiceType.PURCHASE_RETURN: InvoiceActions(
        LogAction.PURCHASE_RETURN_SAVE,
        LogAction.PURCHASE_RETURN_EDIT,
        LogAction.PURCHASE_RETURN_DELETE,
        LogAction.PURCHASE_RETURN_CHANGE_STATUS,
    ),
    InvoiceType.WASTE: InvoiceActions(
        LogAction.WASTAGE_SAVE,
        LogAction.WASTAGE_EDIT,
        LogAction.WASTAGE_DELETE,
        LogAction.WASTAGE_EDIT,
    ),
}


class InvoiceStatus(CodedEnum):
    """Stored as 0 or 1. Hesabfa's older statuses 1 (awaiting approval), 2 (approved) and 3
    (paid) are read as approved: real clients send 2."""

    DRAFT = 0
    APPROVED = 1

    @classmethod
    def read(cls, code: int, at: Location) -> InvoiceStatus:
        if code == 0:
            return cls.DRAFT
        if code in (1, 2, 3):
            return cls.APPROVED
        raise InvalidFieldValue(
            f"must be 0 (draft) or 1, 2 or 3 (approved) (got {code}).", location=at
        )


class WarehouseReceiptStatus(CodedEnum):
    NONE = 0
    INCOMPLETE = 1
    COMPLETE = 2


@dataclass(frozen=True)
class InvoiceRowInput:
    """One row as the client sent it; None is "not given"."""

    row_number: int | None = None
    item_code: str | None = None
    description: str | None = None
    unit: str = ""
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    discount: Decimal | None = None
    tax: Decimal | None = None
    serial_numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class InvoiceOtherInput:
    """One addition or deduction (اضافات و کسورات) as the client sent it; None is "not given".
    Without ``add`` it is a deduction, as a client that leaves the flag unset means."""

    title: str | None = None
    amount: Decimal | None = None
    add: bool = False


@dataclass(frozen=True)
class InvoiceInput:
    """An invoice to create (no number, 0, or a number of its type not in use) or to replace
    (a number in use): a save states the whole invoice, rows included."""

    invoice_type: InvoiceType | None = None
    number: int | None = None
    reference: str = ""
    date: Day | None = None
    due_date: Day | None = None
    contact_code: str | None = None
    contact_title: str = ""
    note: str = ""
    sent: bool = False
    status: InvoiceStatus = InvoiceStatus.DRAFT
    tag: str = ""
    freight: Decimal = Decimal(0)
    freight_person_code: str | None = None
    warehouse_receipt_status: WarehouseReceiptStatus = WarehouseReceiptStatus.NONE
    project: str | None = None
    salesman_code: str | None = None
    salesman_percent: Decimal = Decimal(0)
    currency: str | None = None
    currency_rate: Decimal | None = None
    tax_id: str = ""
    rows: list[InvoiceRowInput] = field(default_factory=list)
    others: list[InvoiceOtherInput] = field(default_factory=list)
