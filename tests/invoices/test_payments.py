"""What receipts use: finding an invoice to pay and recording payments; an invoice with
payments or warehouse receipts is not deleted."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hesabdar.invoices import service
from hesabdar.invoices.errors import PaymentRefused
from hesabdar.invoices.schemas import InvoiceType
from hesabdar.kit import references
from hesabdar.kit.errors import Location, ObjectNotFound
from tests.invoices.helpers import Shop, row

D = Decimal
AT = Location.of("number")


def pay(shop: Shop, amount: str, number: str = "1", kind: InvoiceType = InvoiceType.SALE) -> None:
    with shop.database.transaction() as session:
        invoice = service.find_for_payment(
            session, shop.credentials.business_id, kind, number, at=AT
        )
        service.apply_payment(session, invoice, D(amount), at=Location.of("amount"))


def test_payments_move_paid_and_rest(shop: Shop) -> None:
    shop.save([row(quantity=1, price=100000)])
    pay(shop, "30000")
    got = shop.ok("invoice/get", number=1, type=0)
    assert (got["Paid"], got["Rest"]) == (D("30000.0000"), D("70000.0000"))
    with pytest.raises(PaymentRefused) as refused:
        pay(shop, "70000.0001")
    assert "Rest" in str(refused.value)
    pay(shop, "70000")
    pay(shop, "-100000.5")
    got = shop.ok("invoice/get", number=1, type=0)
    assert (got["Paid"], got["Rest"]) == (D("0.0000"), D("100000.0000"))


def test_payments_need_an_approved_invoice_that_exists(shop: Shop) -> None:
    shop.save([row()], Status=0)
    with pytest.raises(PaymentRefused):
        pay(shop, "1")
    with pytest.raises(ObjectNotFound) as missing:
        pay(shop, "1", "2")
    assert str(missing.value).startswith("number:")
    shop.save([row()], InvoiceType=4, ContactCode=None)
    with pytest.raises(PaymentRefused):
        pay(shop, "1", "1", InvoiceType.WASTE)


def test_an_invoice_with_payments_is_not_deleted_nor_made_smaller(shop: Shop) -> None:
    shop.save([row(quantity=1, price=100000)])
    pay(shop, "60000")
    reads = [("invoice/get", {"number": 1, "type": 0}), ("report/trialbalance", {})]
    with shop.unchanged(*reads):
        message = shop.fail("invoice/delete", 190, number=1, type=0)
        assert "payments" in message
        message = shop.fail("invoice/save", 190, invoice=shop.invoice([row(price=50000)], Number=1))
        assert "invoice.InvoiceItems" in message
        message = shop.fail("invoice/save", 190, invoice=shop.invoice([row()], Number=1, Status=0))
        assert "invoice.Status" in message
    # Still as large: the edit is fine.
    shop.save([row(price=60000)], Number=1)


def test_an_invoice_with_warehouse_receipts_is_not_deleted(shop: Shop) -> None:
    sale = shop.save([row()])

    def receipts(_session: object, _business_id: int, invoice_id: int) -> str | None:
        return "warehouse receipt 7" if invoice_id == sale["Id"] else None

    references.register_referrer(service.REFERENCE_KIND, receipts)
    try:
        message = shop.fail("invoice/delete", 190, number=1, type=0)
        assert "warehouse receipt 7" in message
    finally:
        references.unregister_referrer(service.REFERENCE_KIND, receipts)
    shop.ok("invoice/delete", number=1, type=0)
