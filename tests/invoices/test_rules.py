"""The posting rules, line by line, worked out by hand (pure: no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hesabdar.invoices import rules
from hesabdar.invoices.amounts import (
    LIMIT,
    Other,
    invoice_amounts,
    other,
    row_amounts,
    spread,
)
from hesabdar.invoices.rules import Entry, PostedInvoice, PostedRow
from hesabdar.invoices.schemas import INVOICE_AT, ROWS_AT, InvoiceType
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


def test_freight_shares_add_up_to_the_freight_and_none_is_below_zero() -> None:
    thirds = invoice(InvoiceType.PURCHASE, *[goods(PHONE, "1", "1")] * 3, freight=D("100"))
    assert rules.freight_shares(thirds) == [D("33.3333"), D("33.3334"), D("33.3333")]
    # Rounding each share alone would give 0.0001, 0.0001, 0.0001 and −0.0001 here, and the
    # stock would refuse the last row's negative cost.
    tiny = invoice(
        InvoiceType.PURCHASE,
        *[goods(PHONE, "1", "1")] * 3,
        goods(CABLE, "1", "0"),
        freight=D("0.0002"),
    )
    assert rules.freight_shares(tiny) == [D("0.0001"), D("0.0000"), D("0.0001"), D("0.0000")]
    assert rules.own_costs(tiny) == [D("1.0001"), D("1.0000"), D("1.0001"), D("0.0000")]


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


# --- additions and deductions (others) -------------------------------------------------------


def test_sale_additions_are_other_income_and_deductions_a_sales_discount() -> None:
    # Sum 200,000 − 5,000 + 17,550 = 212,550; Payable = 212,550 + freight 20,000 + additions
    # 30,000 − deductions 12,000 = 250,550.
    sale = invoice(
        InvoiceType.SALE,
        goods(PHONE, "2", "100000", "5000", "17550"),
        freight=D("20000"),
        additions=D("30000"),
        deductions=D("12000"),
    )
    entries = rules.entries(sale)
    assert entries == [
        Entry(R.ACCOUNTS_RECEIVABLE, DR, D("250550.0000"), D("250550.0000"), contact_id=CUSTOMER),
        Entry(R.SALES, CR, D("200000.0000"), D("200000.0000")),
        Entry(R.SALES_DISCOUNTS, DR, D("5000.0000"), D("5000.0000")),
        Entry(R.FREIGHT_REVENUE, CR, D("20000.0000"), D("20000.0000")),
        Entry(R.OTHER_INCOME, CR, D("30000.0000"), D("30000.0000")),
        Entry(R.SALES_DISCOUNTS, DR, D("12000.0000"), D("12000.0000")),
        Entry(R.SALES_VAT, CR, D("17550.0000"), D("17550.0000")),
    ]
    assert balanced(entries)
    assert sale.payable == D("250550.0000")


def test_sales_return_others_mirror_the_sale() -> None:
    # Payable = 109,000 + 4,000 − 6,000 = 107,000.
    returned = invoice(
        InvoiceType.SALES_RETURN,
        goods(PHONE, "1", "100000", "0", "9000"),
        additions=D("4000"),
        deductions=D("6000"),
    )
    entries = rules.entries(returned, [D("60000.0000")])
    assert entries == [
        Entry(R.ACCOUNTS_RECEIVABLE, CR, D("107000.0000"), D("107000.0000"), contact_id=CUSTOMER),
        Entry(R.SALES_RETURNS, DR, D("100000.0000"), D("100000.0000")),
        Entry(R.OTHER_INCOME, DR, D("4000.0000"), D("4000.0000")),
        Entry(R.SALES_DISCOUNTS, CR, D("6000.0000"), D("6000.0000")),
        Entry(R.SALES_VAT, DR, D("9000.0000"), D("9000.0000")),
        Entry(R.COST_OF_GOODS_SOLD, CR, D("60000.0000")),
        Entry(R.INVENTORY, DR, D("60000.0000"), item_id=PHONE),
    ]
    assert balanced(entries)


def test_purchase_others_change_the_cost_of_goods_and_services() -> None:
    # Nets 90,000, 30,000 and the service 40,000 = 160,000; additions 20,000 − deductions
    # 4,000 = 16,000 spread by net (×1.1): 99,000, 33,000 and 44,000. The freight 1,200 goes
    # to the goods alone, 3:1 = 900 and 300.
    purchase = invoice(
        InvoiceType.PURCHASE,
        goods(PHONE, "1", "90000", "0", "8100"),
        goods(CABLE, "3", "10000"),
        service(REPAIR, "1", "40000"),
        freight=D("1200"),
        additions=D("20000"),
        deductions=D("4000"),
    )
    assert rules.after_others(purchase) == [D("99000.0000"), D("33000.0000"), D("44000.0000")]
    assert rules.own_costs(purchase) == [D("99900.0000"), D("33300.0000")]
    entries = rules.entries(purchase)
    # Payable = 98,100 + 30,000 + 40,000 + 1,200 + 20,000 − 4,000 = 185,300.
    assert entries == [
        Entry(R.ACCOUNTS_PAYABLE, CR, D("185300.0000"), D("185300.0000"), contact_id=CUSTOMER),
        Entry(R.INVENTORY, DR, D("99900.0000"), item_id=PHONE),
        Entry(R.INVENTORY, DR, D("33300.0000"), item_id=CABLE),
        Entry(R.SERVICE_PURCHASE, DR, D("44000.0000"), D("44000.0000")),
        Entry(R.PURCHASE_VAT, DR, D("8100.0000"), D("8100.0000")),
    ]
    assert balanced(entries)


def test_purchase_return_others_mirror_the_purchase() -> None:
    # Nets 99,000 and the service 2,000 = 101,000; the deduction 10,100 leaves 90,900 (×0.9):
    # 89,100 and 1,800. Payable = 107,910 + 2,000 − 10,100 = 99,810.
    returned = invoice(
        InvoiceType.PURCHASE_RETURN,
        goods(PHONE, "2", "50000", "1000", "8910"),
        service(REPAIR, "1", "2000"),
        deductions=D("10100"),
    )
    assert rules.own_costs(returned) == [D("89100.0000")]
    entries = rules.entries(returned)
    assert entries == [
        Entry(R.ACCOUNTS_PAYABLE, DR, D("99810.0000"), D("99810.0000"), contact_id=CUSTOMER),
        Entry(R.INVENTORY, CR, D("89100.0000"), item_id=PHONE),
        Entry(R.SERVICE_PURCHASE, CR, D("1800.0000"), D("1800.0000")),
        Entry(R.PURCHASE_VAT, CR, D("8910.0000"), D("8910.0000")),
    ]
    assert balanced(entries)


def test_purchase_others_in_a_foreign_currency_round_on_the_contact_line() -> None:
    # Nets 10.0001 + 20 + 5 = 35.0001; with 1.0001 added and 0.5 taken off, 35.5002 is spread
    # by running totals: 10.0001 × 35.5002 / 35.0001 = 10.14299 → 10.1430; 30.0001 × … =
    # 30.42876 → 30.4288, less 10.1430 = 20.2858; the service 35.5002 − 30.4288 = 5.0714.
    # At 3.33333: 33.80996 → 33.8100, 67.61926 → 67.6193, 16.90465 → 16.9046; the payable
    # takes their sum, 118.3339.
    purchase = invoice(
        InvoiceType.PURCHASE,
        goods(PHONE, "1", "10.0001"),
        goods(CABLE, "1", "20"),
        service(REPAIR, "1", "5"),
        rate=D("3.33333"),
        additions=D("1.0001"),
        deductions=D("0.5"),
    )
    assert rules.after_others(purchase) == [D("10.1430"), D("20.2858"), D("5.0714")]
    entries = rules.entries(purchase)
    assert entries == [
        Entry(R.ACCOUNTS_PAYABLE, CR, D("118.3339"), D("35.5002"), contact_id=CUSTOMER),
        Entry(R.INVENTORY, DR, D("33.8100"), item_id=PHONE),
        Entry(R.INVENTORY, DR, D("67.6193"), item_id=CABLE),
        Entry(R.SERVICE_PURCHASE, DR, D("16.9046"), D("5.0714")),
    ]
    assert balanced(entries)


def test_spread_never_gives_a_part_below_zero() -> None:
    # Rounding each part alone and giving the last the rest could go below 0; the running
    # totals cannot.
    weights = [D("1"), D("1"), D("1"), D("0")]
    assert spread(D("0.0002"), weights) == [D("0.0001"), D("0.0000"), D("0.0001"), D("0.0000")]
    assert spread(D("100"), [D("1")] * 3) == [D("33.3333"), D("33.3334"), D("33.3333")]
    assert spread(D("10"), [D("0"), D("0")]) == [D("5.0000"), D("5.0000")]
    assert spread(D("10"), []) == []


def test_invoice_amounts_bound_the_others() -> None:
    rows = [row_amounts(D("1"), D("100000"), D("0"), D("9000"), ROWS_AT / 0)]
    at = INVOICE_AT
    amounts = invoice_amounts(
        rows, D("1000"), at, [Other(D("500"), True), Other(D("110500"), False)]
    )
    assert (amounts.total, amounts.payable) == (D("109000.0000"), D("0.0000"))
    assert (amounts.additions, amounts.deductions) == (D("500"), D("110500"))
    # A deduction past Sum + Freight + additions names the row that crosses.
    with pytest.raises(InvalidFieldValue) as refused:
        invoice_amounts(
            rows, D("1000"), at, [Other(D("100000"), False), Other(D("10500.0001"), False)]
        )
    assert str(refused.value) == (
        "Invalid value for invoice.others[1].amount: the deductions (110500.0001 up to this row) "
        "must not exceed Sum + Freight + the additions, 110000."
    )
    # At cost (a purchase), not past Σ (Sum − Discount) + additions, the tax and freight aside.
    with pytest.raises(InvalidFieldValue) as refused:
        invoice_amounts(rows, D("1000"), at, [Other(D("100000.0001"), False)], at_cost=True)
    assert str(refused.value).startswith(
        "Invalid value for invoice.others[0].amount: the deductions (100000.0001 up to this row) "
        "must not exceed the rows' Sum − Discount + the additions"
    )
    with pytest.raises(InvalidFieldValue) as refused:
        invoice_amounts(rows, D(0), at, [Other(D("1"), False), Other(LIMIT - D(109000), True)])
    assert str(refused.value).startswith("Invalid value for invoice.others[1].amount:")
    with pytest.raises(InvalidFieldValue) as refused:
        other(D("0"), True, at / "others" / 3)
    assert str(refused.value).startswith("Invalid value for invoice.others[3].amount:")
