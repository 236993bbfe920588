"""invoice/* over HTTP: saving, numbering, reading, listing, deleting, the flags and tags, the
change log, and refusals that leave the books as they were."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.invoices.helpers import CABLE, CARRIER, CUSTOMER, PHONE, REPAIR, SUPPLIER, Shop, row

D = Decimal


def reads(shop: Shop) -> list[Any]:
    return [("invoice/getinvoices", {"type": t, "queryInfo": {"Take": 100}}) for t in range(5)] + [
        ("report/trialbalance", {})
    ]


def test_sale_saves_renders_and_posts(shop: Shop) -> None:
    ids = shop.ids()
    saved = shop.save(
        [
            row(PHONE, 2, 100000, Discount=5000, Tax=17550, SerialNumbers=["A1", "A2"]),
            row(REPAIR, 1, 30000, Tax=2700, Unit="ساعت"),
        ],
        Freight=20000,
        Reference="ord-12",
        Tag='{"id_order":12}',
        Note="first",
    )
    assert saved["Number"] == "1"
    assert (saved["Sum"], saved["Payable"], saved["Paid"], saved["Rest"]) == (
        D("245250.0000"),
        D("265250.0000"),
        D("0.0000"),
        D("265250.0000"),
    )
    assert saved["Status"] == 1
    assert saved["ContactCode"] == CUSTOMER
    assert saved["Contact"]["Code"] == CUSTOMER
    assert saved["Contact"]["Liability"] == D("265250.0000")
    assert saved["ContactTitle"] == "Customer"
    first, second = saved["InvoiceItems"]
    assert first["Item"]["Code"] == PHONE
    assert (first["Sum"], first["Discount"], first["Tax"], first["TotalAmount"]) == (
        D("200000.0000"),
        D("5000.0000"),
        D("17550.0000"),
        D("212550.0000"),
    )
    assert first["SerialNumbers"] == ["A1", "A2"]
    assert first["Unit"] == "عدد"
    assert second["Unit"] == "ساعت"
    assert shop.document(saved["Id"]) == [
        ("ACCOUNTS_RECEIVABLE", "Dr", D("265250.0000"), ids[f"contact {CUSTOMER}"], None),
        ("SALES", "Cr", D("200000.0000"), None, None),
        ("SERVICE_REVENUE", "Cr", D("30000.0000"), None, None),
        ("SALES_DISCOUNTS", "Dr", D("5000.0000"), None, None),
        ("FREIGHT_REVENUE", "Cr", D("20000.0000"), None, None),
        ("SALES_VAT", "Cr", D("20250.0000"), None, None),
    ]
    assert shop.ok("invoice/get", number=1, type=0) == saved
    assert shop.ok("invoice/get", number="1", type="0") == saved
    assert shop.ok("invoice/getById", id=saved["Id"]) == saved
    assert shop.ok("invoice/getById", idList=[saved["Id"], 999]) == [saved]


def test_purchase_posts_inventory_with_freight_and_the_carrier_on_a_sale(shop: Shop) -> None:
    ids = shop.ids()
    bought = shop.save(
        [row(PHONE, 1, 90000, Tax=8100), row(CABLE, 3, 10000)],
        InvoiceType=1,
        ContactCode=SUPPLIER,
        Freight=1200,
    )
    # Nets 90,000 and 30,000: freight 900 and 300.
    assert shop.document(bought["Id"]) == [
        ("ACCOUNTS_PAYABLE", "Cr", D("129300.0000"), ids[f"contact {SUPPLIER}"], None),
        ("INVENTORY", "Dr", D("90900.0000"), None, ids[f"item {PHONE}"]),
        ("INVENTORY", "Dr", D("30300.0000"), None, ids[f"item {CABLE}"]),
        ("PURCHASE_VAT", "Dr", D("8100.0000"), None, None),
    ]
    sold = shop.save([row(PHONE, 1, 150000)], Freight=7000, FreightPersonCode=CARRIER)
    assert sold["FreightPersonCode"] == CARRIER
    assert shop.document(sold["Id"]) == [
        ("ACCOUNTS_RECEIVABLE", "Dr", D("157000.0000"), ids[f"contact {CUSTOMER}"], None),
        ("SALES", "Cr", D("150000.0000"), None, None),
        ("ACCOUNTS_PAYABLE", "Cr", D("7000.0000"), ids[f"contact {CARRIER}"], None),
        # The phone bought above leaves stock at its cost.
        ("COST_OF_GOODS_SOLD", "Dr", D("90900.0000"), None, None),
        ("INVENTORY", "Cr", D("90900.0000"), None, ids[f"item {PHONE}"]),
    ]


def test_numbers_per_type_given_taken_and_edited(shop: Shop) -> None:
    assert shop.save([row()])["Number"] == "1"
    assert shop.save([row()], Number=0)["Number"] == "2"
    assert shop.save([row()], InvoiceType=1, ContactCode=SUPPLIER)["Number"] == "1"
    # An unused number is taken as given; the next free number skips it later.
    assert shop.save([row()], Number=3)["Number"] == "3"
    assert shop.save([row()])["Number"] == "4"
    # An existing number edits: same Id, new rows, the document rebuilt.
    first = shop.ok("invoice/get", number=1, type=0)
    edited = shop.save([row(CABLE, 5, 1000)], Number="1", Status=0)
    assert edited["Id"] == first["Id"]
    assert [r["ItemCode"] for r in edited["InvoiceItems"]] == [CABLE]
    assert edited["Status"] == 0
    assert shop.document(edited["Id"]) == []
    approved = shop.save([row(CABLE, 5, 1000)], Number="1")
    assert shop.document(approved["Id"])[0][2] == D("5000.0000")


def test_a_new_invoices_document_names_its_number(shop: Shop) -> None:
    # The number is taken after the document is written (so the counter is held only at the
    # end); the document and its lines still name it.
    shop.save([row()])
    sale = shop.save([row(CABLE, 2, 1000)], Number=40)
    documents = shop.ok("document/getdocuments", queryInfo={"SortBy": "Id"})["List"]
    assert [(d["Reference"], d["Description"]) for d in documents] == [
        (1, "فاکتور فروش 1"),
        (40, "فاکتور فروش 40"),
    ]
    lines = shop.ok("document/get", number=documents[1]["Number"])["Transactions"]
    assert {line["Description"] for line in lines} == {"فاکتور فروش 40"}
    assert sale["Number"] == "40"


def test_a_number_past_the_range_is_refused_and_nothing_changes(shop: Shop) -> None:
    with shop.unchanged("invoice/getinvoices", "document/getdocuments"):
        message = shop.fail("invoice/save", 114, invoice=shop.invoice([row()], Number=10**18))
    assert message == (
        "Invalid value for invoice.Number: 1000000000000000000 is not an invoice number "
        "(1 to 10^18 − 1)."
    )


def test_drafts_post_nothing_and_approval_statuses(shop: Shop) -> None:
    draft = shop.save([row()], Status=0)
    assert draft["Status"] == 0
    assert shop.document(draft["Id"]) == []
    for status in (1, 2, 3, "2"):
        saved = shop.save([row()], Status=status)
        assert saved["Status"] == 1
    # Status 1, 2 or 3 in a filter finds the approved ones (the WooCommerce plugin sends "1").
    for value in ("1", 2, "3"):
        page = shop.ok(
            "invoice/getinvoices",
            type=0,
            queryInfo={"Filters": [{"Property": "Status", "Operator": "=", "Value": value}]},
        )
        assert page["FilteredCount"] == 4
    page = shop.ok(
        "invoice/getinvoices",
        type=0,
        queryInfo={"Filters": [{"Property": "Status", "Operator": "in", "Value": [0]}]},
    )
    assert [item["Number"] for item in page["List"]] == ["1"]


def test_list_filters_by_id_reference_and_contact(shop: Shop) -> None:
    a = shop.save([row()], Reference="A")
    b = shop.save([row()], Reference="B")
    shop.save([row()], InvoiceType=1, ContactCode=SUPPLIER, Reference="A")
    page = shop.ok(
        "invoice/getinvoices",
        type=0,
        queryInfo={"Filters": {"Property": "Id", "Operator": "in", "Value": [a["Id"], b["Id"]]}},
    )
    assert (page["TotalCount"], page["FilteredCount"]) == (2, 2)
    page = shop.ok(
        "invoice/getinvoices",
        type=0,
        queryInfo={
            "SortBy": "Date",
            "SortDesc": True,
            "Take": 1,
            "Skip": 0,
            "Filters": [
                {"Property": "Reference", "Operator": "=", "Value": "B"},
                {"Property": "Status", "Operator": "=", "Value": "1"},
            ],
        },
    )
    assert [item["Id"] for item in page["List"]] == [b["Id"]]
    page = shop.ok(
        "invoice/getinvoices",
        type=1,
        queryInfo={"Filters": [{"Property": "ContactCode", "Operator": "=", "Value": 2}]},
    )
    assert page["FilteredCount"] == 1


def test_required_fields_name_the_field_and_row(shop: Shop) -> None:
    shop.save([row()])
    with shop.unchanged(*reads(shop)):
        cases: list[tuple[dict[str, Any], str]] = [
            ({"Date": None}, "invoice.Date"),
            ({"DueDate": ""}, "invoice.DueDate"),
            ({"ContactCode": None}, "invoice.ContactCode"),
            ({"InvoiceType": None}, "invoice.InvoiceType"),
            ({"InvoiceItems": []}, "invoice.InvoiceItems"),
            (
                {"InvoiceItems": [row(), row(Description=None)]},
                "invoice.InvoiceItems[1].Description",
            ),
            ({"InvoiceItems": [row(Quantity=None)]}, "invoice.InvoiceItems[0].Quantity"),
            ({"InvoiceItems": [row(UnitPrice=None)]}, "invoice.InvoiceItems[0].UnitPrice"),
            ({"InvoiceItems": [row(Discount=None)]}, "invoice.InvoiceItems[0].Discount"),
            ({"InvoiceItems": [row(Tax=None)]}, "invoice.InvoiceItems[0].Tax"),
            ({"InvoiceItems": [row(ItemCode="")]}, "invoice.InvoiceItems[0].ItemCode"),
        ]
        for change, where in cases:
            body = shop.invoice([row()])
            body.update(change)
            message = shop.fail("invoice/save", 104, invoice=body)
            assert where in message, message


def test_unknown_codes_and_bad_values_name_the_row(shop: Shop) -> None:
    shop.save([row()])
    with shop.unchanged(*reads(shop)):
        message = shop.fail("invoice/save", 112, invoice=shop.invoice([row(), row("999999")]))
        assert "invoice.InvoiceItems[1].ItemCode" in message
        assert "999999" in message
        message = shop.fail("invoice/save", 112, invoice=shop.invoice([row()], ContactCode="77"))
        assert "invoice.ContactCode" in message
        message = shop.fail("invoice/save", 112, invoice=shop.invoice([row()], Project="nowhere"))
        assert "invoice.Project" in message
        cases = [
            ([row(), row(Quantity=-1)], {}, "invoice.InvoiceItems[1].Quantity"),
            ([row(Quantity=0)], {}, "invoice.InvoiceItems[0].Quantity"),
            ([row(UnitPrice=-5)], {}, "invoice.InvoiceItems[0].UnitPrice"),
            ([row(Discount=-1)], {}, "invoice.InvoiceItems[0].Discount"),
            ([row(Tax=-1)], {}, "invoice.InvoiceItems[0].Tax"),
            ([row(quantity=2, price=10, Discount=20.0001)], {}, "invoice.InvoiceItems[0].Discount"),
            ([row(UnitPrice="1e18")], {}, "invoice.InvoiceItems[0].UnitPrice"),
            ([row(quantity=10**9, price=10**9)], {}, "invoice.InvoiceItems[0].UnitPrice"),
            ([row()], {"Freight": -1}, "invoice.Freight"),
            ([row()], {"Status": 4}, "invoice.Status"),
            ([row()], {"InvoiceType": 5}, "invoice.InvoiceType"),
            ([row()], {"CurrencyRate": 0}, "invoice.CurrencyRate"),
            ([row()], {"SalesmanPercent": 101}, "invoice.SalesmanPercent"),
        ]
        for rows, fields, where in cases:
            message = shop.fail("invoice/save", 114, invoice=shop.invoice(rows, **fields))
            assert where in message, message


def test_a_waste_needs_no_contact(shop: Shop) -> None:
    waste = shop.save([row(PHONE, 1, 5000)], InvoiceType=4, ContactCode=None)
    assert waste["ContactCode"] == ""
    assert waste["Contact"] is None
    assert shop.document(waste["Id"]) == []


def test_delete_with_number_or_code_and_the_change_log(shop: Shop) -> None:
    sale = shop.save([row(PHONE), row(CABLE), row(PHONE)])
    shop.save([row(CABLE)], Number=1)
    shop.ok("invoice/changeSentStatus", number=1, type=0, sent=True)
    assert shop.ok("invoice/get", number=1, type=0)["Sent"] is True
    # The official WooCommerce plugin deletes with ``code``.
    assert shop.ok("invoice/delete", code="1", type=0) is True
    shop.fail("invoice/get", 112, number=1, type=0)
    assert shop.document(sale["Id"]) == []
    assert shop.balances() == {}
    invoice_changes = [c for c in shop.changes() if c["ObjectType"] == "Invoice"]
    assert invoice_changes == [
        {
            "Action": 121,
            "ObjectType": "Invoice",
            "ObjectId": sale["Id"],
            "Extra": f"{PHONE},{CABLE}",
            "API": True,
        },
        {
            "Action": 122,
            "ObjectType": "Invoice",
            "ObjectId": sale["Id"],
            "Extra": CABLE,
            "API": True,
        },
        {
            "Action": 124,
            "ObjectType": "Invoice",
            "ObjectId": sale["Id"],
            "Extra": CABLE,
            "API": True,
        },
        {
            "Action": 123,
            "ObjectType": "Invoice",
            "ObjectId": sale["Id"],
            "Extra": CABLE,
            "API": True,
        },
    ]
    rows = shop.ok("setting/GetChanges", start=0)
    assert rows[-1]["Extra2"] == "1"
    shop.fail("invoice/delete", 112, number=1, type=0)
    shop.fail("invoice/delete", 104, type=0)


def test_change_log_actions_by_type(shop: Shop) -> None:
    for kind, contact in ((1, SUPPLIER), (2, CUSTOMER), (3, SUPPLIER), (4, None)):
        shop.save([row(CABLE, 1, 10)], InvoiceType=kind, ContactCode=contact)
        shop.save([row(CABLE, 1, 10)], InvoiceType=kind, ContactCode=contact, Number=1)
        shop.ok("invoice/delete", number=1, type=kind)
    actions = [c["Action"] for c in shop.changes() if c["ObjectType"] == "Invoice"]
    assert actions == [131, 132, 133, 141, 142, 143, 151, 152, 153, 161, 162, 163]


def test_paid_status_posts_nothing_and_sent_status(shop: Shop) -> None:
    sale = shop.save([row()])
    before = shop.balances()
    assert shop.ok("invoice/changePaidStatus", number=1, type=0, paid=True) is True
    got = shop.ok("invoice/get", number=1, type=0)
    assert got["PaidStatus"] is True
    assert (got["Paid"], got["Rest"]) == (D("0.0000"), D("100000.0000"))
    assert shop.balances() == before
    shop.ok("invoice/changeSentStatus", number=1, type=0, sent="True")
    assert shop.ok("invoice/getById", id=sale["Id"])["Sent"] is True
    shop.fail("invoice/changeSentStatus", 112, number=9, type=0, sent=True)


def test_clear_tag(shop: Shop) -> None:
    shop.save([row()], Tag="x")
    shop.save([row()], Tag="y")
    with shop.unchanged(*reads(shop)):
        message = shop.fail("invoice/clearTag", 112, numbers=["1", "5"], type=0)
        assert "numbers[1]" in message
    assert shop.ok("invoice/clearTag", numbers=[1, "2"], type=0) is True
    assert [i["Tag"] for i in shop.ok("invoice/getinvoices", type=0)["List"]] == ["", ""]


def test_other_business_sees_nothing(shop: Shop, other_api: Any) -> None:
    sale = shop.save([row()])
    other_api.fail("invoice/get", 112, number=1, type=0)
    assert other_api.ok("invoice/getById", idList=[sale["Id"]]) == []
    assert other_api.ok("invoice/getinvoices", type=0)["TotalCount"] == 0
    other_api.fail("invoice/delete", 112, number=1, type=0)
    # The other business's codes are not this one's.
    other_api.fail("invoice/save", 112, invoice=shop.invoice([row()]))


def test_sale_in_a_foreign_currency_posts_in_the_base_currency(shop: Shop) -> None:
    sale = shop.save(
        [row(PHONE, 1, "10.0001", Tax="0.0001")], Currency="USD", CurrencyRate="3.33333"
    )
    assert sale["Currency"] == "USD"
    assert sale["CurrencyRate"] == D("3.3333300000")
    document = shop.document(sale["Id"])
    assert [(line[0], line[2]) for line in document] == [
        ("ACCOUNTS_RECEIVABLE", D("33.3339")),
        ("SALES", D("33.3336")),
        ("SALES_VAT", D("0.0003")),
    ]
    shop.fail("invoice/save", 104, invoice=shop.invoice([row()], Currency="EUR"))


def test_records_an_invoice_names_are_not_deleted(shop: Shop) -> None:
    shop.ok("setting/SaveProject", project={"Title": "P"})
    shop.ok("setting/SaveSalesman", salesman={"Name": "S"})
    shop.save([row(CABLE)], Status=0, Project="P", SalesmanCode="0001", FreightPersonCode=CARRIER)
    for path, params in (
        ("contact/delete", {"code": CUSTOMER}),
        ("contact/delete", {"code": CARRIER}),
        ("item/delete", {"code": CABLE}),
        ("setting/DeleteProject", {"title": "P"}),
        ("setting/DeleteSalesman", {"code": "0001"}),
    ):
        message = shop.fail(path, 190, **params)
        assert "sale invoice 1 refers to it" in message, message
    shop.ok("item/delete", code=PHONE)


def test_the_base_currency_takes_no_rate_but_one(shop: Shop) -> None:
    # A rate on an invoice in the business's own currency would multiply every amount posted.
    with shop.unchanged("invoice/getinvoices", "report/trialbalance"):
        message = shop.fail(
            "invoice/save", 114, invoice=shop.invoice([row(price=1000)], CurrencyRate=5)
        )
    assert message == (
        "Invalid value for invoice.CurrencyRate: the rate of the base currency IRR is 1 (got 5)."
    )
    sale = shop.save([row(price=1000)], Currency="IRR", CurrencyRate="1.0")
    assert (sale["Currency"], sale["CurrencyRate"]) == ("IRR", D("1.0000000000"))
    assert shop.balances()["ACCOUNTS_RECEIVABLE"] == D("1000.0000")
