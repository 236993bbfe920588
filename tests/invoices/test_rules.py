"""The posting rules, line by line, worked out by hand (pure: no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hesabdar.invoices import rules
from hesabdar.invoices.amounts import row_amounts, shares
from hesabdar.invoices.rules import Entry, PostedInvoice, PostedRow
from hesabdar.invoices.schemas import ROWS_AT, InvoiceType
from hesabdar.kit.errors import InvalidFieldValue
from hesabdar.ledger.core import AccountType as R
from hesabdar.ledger.core import Side

D = Decimal
DR, CR = Side.DEBIT, Side.CREDIT
CUSTOMER, CARRIER = 7, 9
PHONE, CABLE, REPAIR = 11, 12, 13


def goods(item: int, quantity: str, price: str, discount: str = "0", tax: str = "0") -> PostedRow:
    return PostedRow(item, False, row_amounts(D(quantity), D(price), D(discount), D(tax), ROWS_AT))


def service(item: int, quantity: str, price: str, discount: str = "0", tax: str = "0") -> PostedRow:
    return PostedRow(item, True, row_amounts(D(quantity), D(price), D(discount), D(tax), ROWS_AT))


def invoice(kind: InvoiceType, *rows: PostedRow, **fields: object) -> PostedInvoice:
    return PostedInvoice(kind, None if kind is InvoiceType.WASTE else CUSTOMER, rows, **fields)  # type: ignore[arg-type]


def balanced(entries: list[Entry]) -> bool:
    debit = sum(e.amount for e in entries if e.side is DR)
    credit = sum(e.amount for e in entries if e.side is CR)
    return debit == credit


def test_sale_of_goods_and_a_service_with_discount_tax_and_freight_income() -> None:
    # phone: 2 × 100,000 = 200,000 − 5,000 + 17,550 tax; repair: 1 × 30,000 + 2,700 tax.
    sale = invoice(
        InvoiceType.SALE,
        goods(PHONE, "2", "100000", "5000", "17550"),
        service(REPAIR, "1", "30000", "0", "2700"),
        freight=D("20000"),
    )
    entries = rules.entries(sale)
    # Payable = 212,550 + 32,700 + 20,000 = 265,250.
    assert entries == [
        Entry(R.ACCOUNTS_RECEIVABLE, DR, D("265250.0000"), D("265250.0000"), contact_id=CUSTOMER),
        Entry(R.SALES, CR, D("200000.0000"), D("200000.0000")),
        Entry(R.SERVICE_REVENUE, CR, D("30000.0000"), D("30000.0000")),
        Entry(R.SALES_DISCOUNTS, DR, D("5000.0000"), D("5000.0000")),
        Entry(R.FREIGHT_REVENUE, CR, D("20000.0000"), D("20000.0000")),
        Entry(R.SALES_VAT, CR, D("20250.0000"), D("20250.0000")),
    ]
    assert balanced(entries)


def test_sale_freight_goes_to_the_carrier_and_costs_post_cogs() -> None:
    sale = invoice(
        InvoiceType.SALE,
        goods(PHONE, "1", "100000"),
        goods(CABLE, "3", "1000"),
        freight=D("5000"),
        freight_contact_id=CARRIER,
    )
    entries = rules.entries(sale, [D("60000.0000"), D("1500.0000")])
    assert entries == [
        Entry(R.ACCOUNTS_RECEIVABLE, DR, D("108000.0000"), D("108000.0000"), contact_id=CUSTOMER),
        Entry(R.SALES, CR, D("103000.0000"), D("103000.0000")),
        Entry(R.ACCOUNTS_PAYABLE, CR, D("5000.0000"), D("5000.0000"), contact_id=CARRIER),
        Entry(R.COST_OF_GOODS_SOLD, DR, D("61500.0000")),
        Entry(R.INVENTORY, CR, D("60000.0000"), item_id=PHONE),
        Entry(R.INVENTORY, CR, D("1500.0000"), item_id=CABLE),
    ]
    assert balanced(entries)


def test_purchase_shares_freight_over_goods_by_amount_and_rounds_exactly() -> None:
    # Goods nets 100,000 − 10,000 = 90,000 and 3 × 10,000 = 30,000; freight 1,000 shared
    # 3:1 = 750 and 250. The service 40,000 goes to purchased services.
    purchase = invoice(
        InvoiceType.PURCHASE,
        goods(PHONE, "1", "100000", "10000", "8100"),
        goods(CABLE, "3", "10000", "0", "2700"),
        service(REPAIR, "1", "40000"),
        freight=D("1000"),
    )
    assert rules.own_costs(purchase) == [D("90750.0000"), D("30250.0000")]
    entries = rules.entries(purchase)
    # Payable = 98,100 + 32,700 + 40,000 + 1,000 = 171,800.
    assert entries == [
        Entry(R.ACCOUNTS_PAYABLE, CR, D("171800.0000"), D("171800.0000"), contact_id=CUSTOMER),
        Entry(R.INVENTORY, DR, D("90750.0000"), item_id=PHONE),
        Entry(R.INVENTORY, DR, D("30250.0000"), item_id=CABLE),
        Entry(R.SERVICE_PURCHASE, DR, D("40000.0000"), D("40000.0000")),
        Entry(R.PURCHASE_VAT, DR, D("10800.0000"), D("10800.0000")),
    ]


def test_freight_shares_add_up_to_the_freight() -> None:
    assert shares(D("100"), [D("1"), D("1"), D("1")]) == [D("33.3333"), D("33.3333"), D("33.3334")]
    assert shares(D("10"), [D("0"), D("0")]) == [D("5.0000"), D("5.0000")]
    assert shares(D("10"), []) == []


def test_sales_return() -> None:
    returned = invoice(
        InvoiceType.SALES_RETURN, goods(PHONE, "1", "100000", "5000", "8550"), freight=D("3000")
    )
    entries = rules.entries(returned, [D("60000.0000")])
    assert entries == [
        Entry(R.ACCOUNTS_RECEIVABLE, CR, D("106550.0000"), D("106550.0000"), contact_id=CUSTOMER),
        Entry(R.SALES_RETURNS, DR, D("100000.0000"), D("100000.0000")),
        Entry(R.SALES_DISCOUNTS, CR, D("5000.0000"), D("5000.0000")),
        Entry(R.FREIGHT_REVENUE, DR, D("3000.0000"), D("3000.0000")),
        Entry(R.SALES_VAT, DR, D("8550.0000"), D("8550.0000")),
        Entry(R.COST_OF_GOODS_SOLD, CR, D("60000.0000")),
        Entry(R.INVENTORY, DR, D("60000.0000"), item_id=PHONE),
    ]
    assert balanced(entries)


def test_purchase_return() -> None:
    returned = invoice(
        InvoiceType.PURCHASE_RETURN,
        goods(PHONE, "2", "50000", "1000", "8910"),
        service(REPAIR, "1", "2000"),
    )
    entries = rules.entries(returned)
    assert entries == [
        Entry(R.ACCOUNTS_PAYABLE, DR, D("109910.0000"), D("109910.0000"), contact_id=CUSTOMER),
        Entry(R.INVENTORY, CR, D("99000.0000"), item_id=PHONE),
        Entry(R.SERVICE_PURCHASE, CR, D("2000.0000"), D("2000.0000")),
        Entry(R.PURCHASE_VAT, CR, D("8910.0000"), D("8910.0000")),
    ]


def test_waste_posts_only_its_cost() -> None:
    waste = invoice(InvoiceType.WASTE, goods(PHONE, "1", "999999"))
    assert rules.entries(waste) == []
    assert rules.entries(waste, [D("60000.0000")]) == [
        Entry(R.INVENTORY_ADJUSTMENT_EXPENSE, DR, D("60000.0000")),
        Entry(R.INVENTORY, CR, D("60000.0000"), item_id=PHONE),
    ]


def test_conversion_rounding_goes_to_the_contact_line() -> None:
    # Rate 3.33333: sales 10.0001 → 33.33363, tax 0.0001 → 0.00033; each rounded to 4
    # decimals (33.3336 and 0.0003), the receivable is their sum 33.3339, not
    # round(10.0002 × 3.33333) = 33.3340.
    sale = invoice(InvoiceType.SALE, goods(PHONE, "1", "10.0001", "0", "0.0001"), rate=D("3.33333"))
    entries = rules.entries(sale)
    assert entries == [
        Entry(R.ACCOUNTS_RECEIVABLE, DR, D("33.3339"), D("10.0002"), contact_id=CUSTOMER),
        Entry(R.SALES, CR, D("33.3336"), D("10.0001")),
        Entry(R.SALES_VAT, CR, D("0.0003"), D("0.0001")),
    ]
    assert balanced(entries)


def test_row_amounts_refuse_what_the_columns_cannot_hold() -> None:
    at = ROWS_AT / 2
    with pytest.raises(InvalidFieldValue) as refused:
        row_amounts(D("1000000000"), D("1000000000"), D(0), D(0), at)
    assert str(refused.value).startswith("Invalid value for invoice.invoice_items[2].unit_price:")
    with pytest.raises(InvalidFieldValue) as refused:
        row_amounts(D("1"), D("100"), D("100.0001"), D(0), at)
    assert str(refused.value).startswith("Invalid value for invoice.invoice_items[2].discount:")
    with pytest.raises(InvalidFieldValue) as refused:
        row_amounts(D("0"), D("100"), D(0), D(0), at)
    assert str(refused.value).startswith("Invalid value for invoice.invoice_items[2].quantity:")
    with pytest.raises(InvalidFieldValue) as refused:
        row_amounts(D("1"), D("-1"), D(0), D(0), at)
    assert str(refused.value).startswith("Invalid value for invoice.invoice_items[2].unit_price:")
