"""What warehouse receipt methods take, and where each part is in a request (for errors)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from hesabdar.invoices.schemas import InvoiceType
from hesabdar.kit.enums import CodedEnum
from hesabdar.kit.errors import Location

# Receipts have fields named ``date``; annotations use this alias so they do not see it.
Day = date

RECEIPT_AT = Location.of("receipt")
ROWS_AT = RECEIPT_AT / "items"
NUMBER_AT = Location.of("number")
# The change log's ObjectType (Hesabfa's own name) and the numbering counter.
OBJECT_TYPE = "WarehouseReceipt"
COUNTER = "warehouse_receipt"


class ReceiptKind(CodedEnum):
    """Hesabfa's warehouse receipt type (warehouse/getReceipts ``type``)."""

    RECEIPT = 1  # رسید ورود به انبار: goods come in
    ISSUE = 2  # حواله خروج از انبار: goods go out (a transfer too)

    @property
    def receiving(self) -> bool:
        return self is ReceiptKind.RECEIPT


# Which way each invoice type moves its goods: its receipt is a receipt into the warehouse or an
# issue out of it, as the invoice moved the stock (books._FLOWS).
KIND_OF_INVOICE = {
    InvoiceType.SALE: ReceiptKind.ISSUE,
    InvoiceType.PURCHASE: ReceiptKind.RECEIPT,
    InvoiceType.SALES_RETURN: ReceiptKind.RECEIPT,
    InvoiceType.PURCHASE_RETURN: ReceiptKind.ISSUE,
    InvoiceType.WASTE: ReceiptKind.ISSUE,
}


@dataclass(frozen=True)
class ReceiptRowInput:
    """One item of a receipt as the client sent it; None is "not given"."""

    item_code: str | None = None
    quantity: Decimal | None = None
    reference: str = ""
    note: str = ""


@dataclass(frozen=True)
class ReceiptInput:
    """A receipt to issue (no number, 0, or a number not in use) or to replace (a number in
    use). With a destination warehouse it is a transfer, and the invoice is not read."""

    number: int | None = None
    warehouse_code: str | None = None
    destination_warehouse_code: str | None = None
    invoice_number: str | None = None
    invoice_type: InvoiceType | None = None
    date: Day | None = None
    note: str = ""
    delivery: str = ""
    freight: str = ""
    project: str | None = None
    # True: the client says goods come in (a purchase's or a sales return's); None or False: as
    # the invoice's type says (clients that send a default false mean nothing by it).
    receiving: bool | None = None
    rows: list[ReceiptRowInput] = field(default_factory=list)

    @property
    def is_transfer(self) -> bool:
        return bool((self.destination_warehouse_code or "").strip())
