"""Every ORM model, imported so that ``Base.metadata`` is complete (Alembic, tests)."""

from hesabdar.categories.models import Category
from hesabdar.changes.models import Change, ChangeHook, HookDelivery
from hesabdar.contacts.models import Contact
from hesabdar.currencies.models import CurrencyRate
from hesabdar.idempotency.models import AppliedRequest
from hesabdar.invoices.models import Invoice, InvoiceOther, InvoiceRow
from hesabdar.items.models import Item
from hesabdar.kit.models import Base
from hesabdar.ledger.models import (
    Account,
    AccountDayBalance,
    Document,
    DocumentLine,
    FiscalYear,
)
from hesabdar.numbering.models import Counter
from hesabdar.online.models import OnlineLink, OnlinePayment, OnlinePaymentSetting
from hesabdar.opening.models import OpeningItem
from hesabdar.projects.models import Project, Salesman
from hesabdar.receipts.models import Receipt, ReceiptItem, ReceiptTransaction
from hesabdar.stock.models import StockItem, StockMovement, WarehouseStock
from hesabdar.tenancy.models import Business, BusinessMember, User
from hesabdar.treasury.models import Bank, Cash, PettyCash
from hesabdar.warehouse_receipts.models import WarehouseReceipt, WarehouseReceiptRow
from hesabdar.warehouses.models import Warehouse

__all__ = [
    "Account",
    "AccountDayBalance",
    "AppliedRequest",
    "Bank",
    "Base",
    "Business",
    "BusinessMember",
    "Cash",
    "Category",
    "Change",
    "ChangeHook",
    "Contact",
    "Counter",
    "CurrencyRate",
    "Document",
    "DocumentLine",
    "FiscalYear",
    "HookDelivery",
    "Invoice",
    "InvoiceOther",
    "InvoiceRow",
    "Item",
    "OnlineLink",
    "OnlinePayment",
    "OnlinePaymentSetting",
    "OpeningItem",
    "PettyCash",
    "Project",
    "Receipt",
    "ReceiptItem",
    "ReceiptTransaction",
    "Salesman",
    "StockItem",
    "StockMovement",
    "User",
    "Warehouse",
    "WarehouseReceipt",
    "WarehouseReceiptRow",
    "WarehouseStock",
]
