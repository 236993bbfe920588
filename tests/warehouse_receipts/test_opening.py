"""The opening stock (item/UpdateOpeningQuantity with WarehouseCode) is held by its warehouse
beside what receipts and issues move there."""

from __future__ import annotations

from decimal import Decimal

from tests.invoices.helpers import Shop
from tests.warehouse_receipts.helpers import CABLE, CENTRAL, PHONE, STORE, held, line, receipt, row

D = Decimal


def test_an_opening_stock_is_issued_from_its_warehouse(stocked: Shop) -> None:
    stocked.ok(
        "item/UpdateOpeningQuantity",
        items=[{"Code": PHONE, "Quantity": 4, "UnitPrice": 50000, "WarehouseCode": STORE}],
    )
    assert held(stocked, STORE) == {PHONE: D("4.0000"), CABLE: D("0.0000")}
    assert held(stocked, CENTRAL)[PHONE] == D("10.0000")
    stocked.ok("setting/SetInventorySettings", AllowNegativeStock=False)
    stocked.save([row(PHONE, 5)])
    issue = receipt(1, [line(PHONE, 5)], warehouse=STORE)
    assert stocked.fail("invoice/SaveWarehouseReceipt", 190, receipt=issue) == (
        "receipt.items[0].quantity: warehouse 0002 would hold -1 of item 000001, and this "
        "business does not allow negative stock (setting/SetInventorySettings)."
    )
    stocked.ok(
        "invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(PHONE, 4)], warehouse=STORE)
    )
    stocked.ok("invoice/SaveWarehouseReceipt", receipt=receipt(1, [line(PHONE, 1)]))
    assert held(stocked, STORE)[PHONE] == D("0.0000")
    assert held(stocked, CENTRAL)[PHONE] == D("9.0000")
    assert stocked.ok("item/get", code=PHONE)["Stock"] == D("9.0000")
