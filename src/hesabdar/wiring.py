"""Who provides what, stated in one place.

Domains do not reach into each other by name, and nothing registers itself by being imported.
This module is the one place that imports the facades and the domains together and connects
them: the v1 catalogue, the ledger's look-ups of detail records, the balances the ledger gives the
contacts domain, and who refers to a master record (so that it is not deleted while in use).

:func:`wire` runs once per process, before the first request: the app factory, the CLI and the
test suite call it. Calling it again does nothing.
"""

from __future__ import annotations

import threading

from hesabdar.businessinfo import v1 as businessinfo_v1
from hesabdar.categories import v1 as categories_v1
from hesabdar.changes import v1 as changes_v1
from hesabdar.contacts import service as contacts
from hesabdar.contacts import v1 as contacts_v1
from hesabdar.contacts.models import Contact
from hesabdar.currencies import v1 as currencies_v1
from hesabdar.invoices import references as invoice_references
from hesabdar.invoices import v1 as invoices_v1
from hesabdar.invoices import warehousing as invoice_warehousing
from hesabdar.items import service as items
from hesabdar.items import v1 as items_v1
from hesabdar.items.models import Item
from hesabdar.kit import references
from hesabdar.ledger import details, providers
from hesabdar.ledger import references as ledger_references
from hesabdar.ledger import v1 as ledger_v1
from hesabdar.ledger.core import DetailType
from hesabdar.online import gateways
from hesabdar.online import references as online_references
from hesabdar.online import v1 as online_v1
from hesabdar.online.gateways import Gateway
from hesabdar.online.sandbox import SandboxGateway
from hesabdar.opening import v1 as opening_v1
from hesabdar.projects import service as projects
from hesabdar.projects import v1 as projects_v1
from hesabdar.projects.models import Project
from hesabdar.receipts import v1 as receipts_v1
from hesabdar.reports import v1 as reports_v1
from hesabdar.stock import references as stock_references
from hesabdar.stock import service as stock
from hesabdar.stock import v1 as stock_v1
from hesabdar.treasury import service as treasury
from hesabdar.treasury import v1 as treasury_v1
from hesabdar.treasury.models import Bank, Cash, PettyCash
from hesabdar.v1 import registry
from hesabdar.v1.registry import V1Methods
from hesabdar.warehouse_receipts import references as warehouse_receipt_references
from hesabdar.warehouse_receipts import service as warehouse_receipts
from hesabdar.warehouse_receipts import v1 as warehouse_receipts_v1
from hesabdar.warehouses import v1 as warehouses_v1

# Every facade module whose methods /v1/{group}/{method} answers.
V1_FACADES: tuple[V1Methods, ...] = (
    businessinfo_v1.methods,
    categories_v1.methods,
    changes_v1.methods,
    contacts_v1.methods,
    currencies_v1.methods,
    invoices_v1.methods,
    items_v1.methods,
    ledger_v1.methods,
    # setting/SetOnlinePayment, invoice/getonlineinvoiceurl, contact/getContactLink …
    online_v1.methods,
    # item/UpdateOpeningQuantity (the opening stock, in the item group).
    opening_v1.methods,
    projects_v1.methods,
    receipts_v1.methods,
    reports_v1.methods,
    # item/GetQuantity and item/GetQuantity2 (the stock domain answers them, in the item group).
    stock_v1.methods,
    treasury_v1.methods,
    # invoice/SaveWarehouseReceipt, invoice/getWarehouseReceipt and the warehouse group.
    warehouse_receipts_v1.methods,
    warehouses_v1.methods,
)

# The records a document line names by code, found through the domain that owns them.
DETAIL_LOOKUPS: dict[DetailType, details.DetailLookup] = {
    DetailType.CONTACT: details.CodedLookup(contacts.get_by_code, Contact),
    DetailType.PRODUCT: details.CodedLookup(items.get_by_code, Item),
    DetailType.BANK: details.CodedLookup(treasury.get_bank_by_code, Bank),
    DetailType.CASH: details.CodedLookup(treasury.get_cash_by_code, Cash),
    DetailType.PETTY_CASH: details.CodedLookup(treasury.get_petty_cash_by_code, PettyCash),
}
PROJECT_LOOKUP = details.TitledLookup(projects.get_project_by_title, Project)

# The online payment gateways a business may choose (setting/SetOnlinePayment's ``gateway``).
GATEWAYS: tuple[Gateway, ...] = (SandboxGateway(),)

_lock = threading.Lock()
_wired = False


def wire() -> None:
    """Connect the facades and domains; idempotent."""
    global _wired
    with _lock:
        if _wired:
            return
        registry.install(V1_FACADES)
        gateways.install(GATEWAYS)
        details.provide(DETAIL_LOOKUPS, PROJECT_LOOKUP)
        # Contacts show their balance (Liability / Credits) from the ledger's approved lines.
        contacts.set_balance_provider(providers.contact_balances)
        # Items show their stock (Stock: the total quantity) from the stock domain; services
        # never move, so theirs is 0.
        items.set_stock_provider(stock.stock_levels)
        # Invoices show (WarehouseReceiptStatus) and keep (edits) what their warehouse receipts
        # place of their goods.
        invoice_warehousing.set_placement_provider(warehouse_receipts.placed_of_invoice)
        for kind, referrer in (
            *ledger_references.REFERRERS,
            *invoice_references.REFERRERS,
            *stock_references.REFERRERS,
            *online_references.REFERRERS,
            *warehouse_receipt_references.REFERRERS,
        ):
            references.register_referrer(kind, referrer)
        _wired = True
