"""Every v1 method, called by business B with business A's codes, numbers and ids, reads,
changes and reveals nothing of A — not even whether the object exists.

The catalogue below must name every registered method: a new method fails
``test_every_method_is_in_the_matrix`` until it is added here.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from hesabdar.v1 import registry
from tests.conftest import Api

SECRET = "SECRET-A"
SECRET_RATE = "123456.789"
SECRET_BARCODE = "A-BARCODE-999"
# An identifier B may legitimately reuse for its own project, so it is not a secret.
PROJECT_TITLE = "Alpha project"

# Read methods whose whole output is A's state; compared before and after B's calls.
SNAPSHOT_READS: list[tuple[str, dict[str, Any]]] = [
    ("contact/getcontacts", {"queryInfo": {"Take": 1000}}),
    ("item/getitems", {"queryInfo": {"Take": 1000}}),
    ("document/getdocuments", {"queryInfo": {"Take": 1000}}),
    ("document/get", {"number": 1}),
    ("setting/GetAccounts", {}),
    ("setting/GetBanks", {}),
    ("setting/GetCashes", {}),
    ("setting/GetPettyCashes", {}),
    ("setting/GetWarehouses", {}),
    ("setting/GetProjects", {}),
    ("setting/GetSalesmen", {}),
    ("setting/GetCurrencyTable", {}),
    ("setting/GetBusinessInfo", {}),
    ("setting/GetFiscalYears", {}),
    ("setting/GetInventorySettings", {}),
    ("setting/GetOnlinePayment", {}),
    ("item/GetQuantity", {}),
    ("setting/GetChanges", {"start": 0}),
    ("setting/GetChangeHook", {}),
    ("setting/GetProductCategories", {}),
    ("setting/GetContactCategories", {}),
    ("report/trialbalance", {}),
    ("invoice/getinvoices", {"type": 0, "queryInfo": {"Take": 1000}}),
    ("invoice/get", {"number": 1, "type": 0}),
    ("receipt/getReceipts", {"type": 1, "queryInfo": {"Take": 1000}}),
    ("receipt/get", {"type": 1, "number": 1}),
    ("warehouse/getReceipts", {"queryInfo": {"Take": 1000}}),
    ("warehouse/get", {"number": 1}),
    ("item/GetQuantity", {"warehouseCode": "0001"}),
]


def _a_data(api: Api) -> dict[str, Any]:
    """Give A one of everything, named with the SECRET marker."""
    contact = api.ok(
        "contact/save",
        contact={
            "Name": f"{SECRET} contact",
            "Mobile": "09129999999",
            "Email": "a-secret@example.com",
            "NodeFamily": f"اشخاص: {SECRET}",
        },
    )
    item = api.ok(
        "item/save",
        item={
            "Name": f"{SECRET} item",
            "Barcode": SECRET_BARCODE,
            "NodeFamily": f"کالاها: {SECRET}",
        },
    )
    api.ok("contact/save", contact={"Name": f"{SECRET} partner", "SharePercent": 100})
    api.ok("setting/SaveBank", bank={"Name": f"{SECRET} bank"})
    api.ok("setting/SaveCash", cash={"Name": f"{SECRET} cash"})
    api.ok("setting/SavePettyCash", pettyCash={"Name": f"{SECRET} petty cash"})
    api.ok("setting/SaveWarehouse", warehouse={"Name": f"{SECRET} warehouse"})
    api.ok("setting/SaveProject", project={"Title": PROJECT_TITLE})
    api.ok("setting/SaveSalesman", salesman={"Name": f"{SECRET} salesman"})
    api.ok("setting/SetCurrencyTable", table=[{"from": "USD", "to": "IRR", "rate": SECRET_RATE}])
    api.ok("setting/SetChangeHook", url="http://127.0.0.1:9/a-hook", hookPassword=f"{SECRET} hook")
    accounts = api.ok("setting/GetAccounts")
    cash_path = next(row["FullPath"] for row in accounts if row["DetailType"] == 3)
    parent_path = cash_path.rsplit(":", 1)[0].strip()
    account = api.ok(
        "setting/SaveAccount", account={"ParentPath": parent_path, "Name": f"{SECRET} account"}
    )
    year = api.ok("setting/GetFiscalYear")
    document = api.ok(
        "document/save",
        document={
            "Date": year["StartDate"],
            "Description": f"{SECRET} document",
            "Project": PROJECT_TITLE,
            "Status": 1,
            "Transactions": [
                {"AccountPath": cash_path, "CashCode": "0001", "Type": 0, "Amount": "777.0001"},
                {"AccountPath": account["FullPath"], "Type": 1, "Amount": "777.0001"},
            ],
        },
    )
    invoice = api.ok(
        "invoice/save",
        invoice={
            "InvoiceType": 0,
            "ContactCode": contact["Code"],
            "Date": year["StartDate"],
            "DueDate": year["StartDate"],
            "Status": 2,
            "Note": f"{SECRET} invoice",
            "Tag": f"{SECRET} tag",
            "InvoiceItems": [
                {
                    "ItemCode": item["Code"],
                    "Description": f"{SECRET} row",
                    "Quantity": 1,
                    "UnitPrice": "777.0001",
                    "Discount": 0,
                    "Tax": 0,
                }
            ],
        },
    )
    receipt = api.ok(
        "receipt/save",
        type=1,
        dateTime=year["StartDate"],
        description=f"{SECRET} receipt",
        amount="777.0001",
        contactCode="000001",
        cashCode="0001",
        project=PROJECT_TITLE,
    )
    api.ok("setting/SetOnlinePayment", enabled=True, gateway="sandbox", bankCode="0001")
    warehouse_receipt = api.ok(
        "invoice/SaveWarehouseReceipt",
        receipt={
            "warehouseCode": "0001",
            "invoiceNumber": invoice["Number"],
            "invoiceType": 0,
            "note": f"{SECRET} warehouse receipt",
            "items": [{"itemCode": item["Code"], "quantity": 1, "reference": SECRET}],
        },
    )
    # After A's sale and its issue: they take an item A never bought below zero.
    api.ok("setting/SetInventorySettings", allowNegativeStock=False)
    return {
        "invoice_id": invoice["Id"],
        "warehouse_receipt_id": warehouse_receipt["Id"],
        "receipt_id": receipt["Id"],
        "contact_id": contact["Id"],
        "item_id": item["Id"],
        "cash_path": cash_path,
        "account_path": account["FullPath"],
        "document_number": document["Number"],
        "year_start": year["StartDate"],
    }


def _issue() -> dict[str, Any]:
    """A warehouse receipt of A's warehouse and item."""
    return {"warehouseCode": "0001", "items": [{"itemCode": "000001", "quantity": 1}]}


def _catalogue(a: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """For each method, the calls B makes with A's identifiers."""
    return {
        "/v1/contact/get": [{"code": "000001"}, {"code": 1}],
        "/v1/contact/getById": [{"idList": [a["contact_id"]]}],
        "/v1/contact/getcontacts": [
            {"queryInfo": {"Take": 1000}},
            {"queryInfo": {"Filters": [{"Property": "Code", "Operator": "=", "Value": "000001"}]}},
        ],
        "/v1/contact/findByPhoneOrEmail": [
            {"mobile": "09129999999"},
            {"email": "a-secret@example.com"},
        ],
        "/v1/contact/save": [{"contact": {"Code": "000001", "Name": "B's own contact"}}],
        "/v1/contact/batchsave": [{"contacts": [{"Code": "000001", "Name": "B batch"}]}],
        "/v1/contact/delete": [{"code": "000001"}],
        "/v1/item/get": [{"code": "000001"}],
        "/v1/item/getByBarcode": [{"barcode": SECRET_BARCODE}],
        "/v1/item/getById": [{"idList": [a["item_id"]]}],
        "/v1/item/getitems": [
            {"queryInfo": {"Take": 1000}},
            {"queryInfo": {"Filters": {"Property": "Code", "Operator": "in", "Value": ["000001"]}}},
        ],
        "/v1/item/save": [{"item": {"Code": "000001", "Name": "B's own item"}}],
        "/v1/item/batchsave": [{"items": [{"Code": "000001", "Name": "B batch item"}]}],
        "/v1/item/delete": [{"code": "000001"}],
        "/v1/invoice/get": [{"number": 1, "type": 0}],
        "/v1/invoice/getById": [{"id": a["invoice_id"]}, {"idList": [a["invoice_id"]]}],
        "/v1/invoice/getinvoices": [
            {"type": 0, "queryInfo": {"Take": 1000}},
            {
                "queryInfo": {
                    "Filters": {"Property": "Id", "Operator": "in", "Value": [a["invoice_id"]]}
                }
            },
        ],
        "/v1/invoice/save": [
            {
                "invoice": {
                    "Number": 1,
                    "InvoiceType": 0,
                    "ContactCode": "000001",
                    "Date": a["year_start"],
                    "DueDate": a["year_start"],
                    "InvoiceItems": [
                        {
                            "ItemCode": "000001",
                            "Description": "B",
                            "Quantity": 1,
                            "UnitPrice": 1,
                            "Discount": 0,
                            "Tax": 0,
                        }
                    ],
                }
            }
        ],
        "/v1/invoice/delete": [{"number": 1, "type": 0}, {"code": "1", "type": 0}],
        "/v1/invoice/changePaidStatus": [{"number": 1, "type": 0, "paid": True}],
        "/v1/invoice/changeSentStatus": [{"number": 1, "type": 0, "sent": True}],
        "/v1/invoice/clearTag": [{"numbers": ["1"], "type": 0}],
        "/v1/invoice/getonlineinvoiceurl": [{"number": 1, "type": 0}],
        "/v1/invoice/revokeOnlineInvoiceUrl": [{"number": 1, "type": 0}],
        "/v1/contact/getContactLink": [{"code": "000001"}, {"code": 1, "days": 3660}],
        "/v1/contact/revokeContactLink": [{"code": "000001"}],
        "/v1/item/GetQuantity": [
            {},
            {"codes": ["000001"]},
            {"warehouseCode": "0001", "codes": ["000001"]},
        ],
        "/v1/item/GetQuantity2": [{"codes": ["000001", 1]}],
        "/v1/item/UpdateOpeningQuantity": [
            {"items": [{"Code": "000001", "Quantity": 1, "UnitPrice": 1}]},
            {"items": [{"Code": 1, "Quantity": 0, "UnitPrice": 0, "WarehouseCode": "0001"}]},
        ],
        "/v1/document/get": [{"number": a["document_number"]}],
        "/v1/document/getdocuments": [{"queryInfo": {"Take": 1000}}],
        "/v1/document/save": [
            {
                "document": {
                    "Number": a["document_number"],
                    "Date": a["year_start"],
                    "Status": 0,
                    "Transactions": [
                        {"AccountPath": a["cash_path"], "CashCode": "0001", "Type": 0, "Amount": 1},
                        {"AccountPath": a["cash_path"], "CashCode": "0001", "Type": 1, "Amount": 1},
                    ],
                }
            },
            {
                "document": {
                    "Date": a["year_start"],
                    "Status": 1,
                    "Transactions": [
                        {"AccountPath": a["account_path"], "Type": 0, "Amount": 5},
                        {"AccountPath": a["cash_path"], "CashCode": "0001", "Type": 1, "Amount": 5},
                    ],
                }
            },
            {
                "document": {
                    "Date": a["year_start"],
                    "Project": PROJECT_TITLE,
                    "Status": 0,
                    "Transactions": [],
                }
            },
        ],
        "/v1/document/delete": [{"number": a["document_number"]}],
        "/v1/report/trialbalance": [{}, {"project": PROJECT_TITLE}],
        "/v1/report/trialbalanceitems": [
            {"accountPath": a["cash_path"]},
            {"accountPath": a["account_path"]},
        ],
        "/v1/setting/GetAccounts": [{}],
        "/v1/setting/SaveAccount": [
            {"account": {"ParentPath": a["account_path"], "Name": "B child"}}
        ],
        "/v1/setting/GetBanks": [{}],
        "/v1/setting/GetCashes": [{}],
        "/v1/setting/GetPettyCashes": [{}],
        "/v1/setting/GetWarehouses": [{}],
        "/v1/setting/GetProjects": [{}],
        "/v1/setting/GetSalesmen": [{}],
        "/v1/setting/SaveBank": [{"bank": {"Code": "0001", "Name": "B bank"}}],
        "/v1/setting/SaveCash": [{"cash": {"Code": "0001", "Name": "B cash"}}],
        "/v1/setting/SavePettyCash": [{"pettyCash": {"Code": "0001", "Name": "B petty"}}],
        "/v1/setting/SaveWarehouse": [{"warehouse": {"Code": "0001", "Name": "B warehouse"}}],
        "/v1/setting/SaveProject": [{"project": {"Title": PROJECT_TITLE}}],
        "/v1/setting/SaveSalesman": [{"salesman": {"Code": "0001", "Name": "B salesman"}}],
        "/v1/setting/DeleteBank": [{"code": "0001"}],
        "/v1/setting/DeleteCash": [{"code": "0001"}],
        "/v1/setting/DeletePettyCash": [{"code": "0001"}],
        "/v1/setting/DeleteWarehouse": [{"code": "0001"}],
        "/v1/setting/DeleteProject": [{"title": PROJECT_TITLE}],
        "/v1/setting/DeleteSalesman": [{"code": "0001"}],
        "/v1/setting/GetCurrency": [{}],
        "/v1/setting/GetCurrencyTable": [{}],
        "/v1/setting/SetCurrencyTable": [{"table": [{"from": "EUR", "to": "IRR", "rate": 2}]}],
        "/v1/setting/GetFiscalYear": [{}, {"yearId": 1}],
        "/v1/setting/GetFiscalYears": [{}],
        "/v1/setting/GetBusinessInfo": [{}],
        "/v1/setting/GetInventorySettings": [{}],
        "/v1/setting/SetInventorySettings": [{"allowNegativeStock": True}],
        "/v1/setting/GetOnlinePayment": [{}],
        "/v1/setting/SetOnlinePayment": [
            {"enabled": True, "gateway": "sandbox", "bankCode": "0001"},
            {"enabled": False},
        ],
        "/v1/setting/GetChanges": [{"start": 0}, {"start": 1000000000}],
        "/v1/setting/GetChangeHook": [{}],
        "/v1/setting/SetChangeHook": [{"url": "http://127.0.0.1:9/b-hook", "hookPassword": "b"}],
        "/v1/setting/GetProductCategories": [{}],
        "/v1/setting/GetServiceCategories": [{}],
        "/v1/setting/GetContactCategories": [{}],
        "/v1/receipt/get": [{"type": 1, "number": 1}],
        "/v1/receipt/GetById": [
            {"type": 1, "id": a["receipt_id"]},
            {"idList": [a["receipt_id"]]},
        ],
        "/v1/receipt/getReceipts": [{"type": 1, "queryInfo": {"Take": 1000}}],
        "/v1/receipt/save": [
            {
                "type": 1,
                "number": 1,
                "dateTime": a["year_start"],
                "amount": 5,
                "contactCode": "000001",
                "cashCode": "0001",
            }
        ],
        "/v1/receipt/save2": [
            {
                "type": 1,
                "number": 1,
                "dateTime": a["year_start"],
                "project": PROJECT_TITLE,
                "items": [{"contactCode": "000001", "amount": 5}],
                "transactions": [{"cashCode": "0001", "amount": 5}],
            }
        ],
        "/v1/receipt/delete": [{"type": 1, "number": 1}],
        "/v1/invoice/SaveWarehouseReceipt": [
            {"receipt": {**_issue(), "invoiceNumber": 1, "invoiceType": 0}},
            {"deleteOldReceipts": True, "receipt": {**_issue(), "invoiceNumber": 1, "number": 1}},
        ],
        "/v1/invoice/getWarehouseReceipt": [{"idList": [a["warehouse_receipt_id"]]}],
        "/v1/warehouse/get": [{"number": 1}],
        "/v1/warehouse/GetById": [
            {"id": a["warehouse_receipt_id"]},
            {"idList": [a["warehouse_receipt_id"]]},
        ],
        "/v1/warehouse/getReceipts": [{}, {"type": 2, "queryInfo": {"Take": 1000}}],
        "/v1/warehouse/save": [
            {"receipt": {**_issue(), "number": 1, "destinationWarehouseCode": "0002"}},
            {"receipt": {**_issue(), "date": a["year_start"], "destinationWarehouseCode": "2"}},
        ],
        "/v1/warehouse/delete": [{"number": 1}, {"number": 1, "type": 2}],
        "/v1/invoice/savepayment": [
            {"number": 1, "cashCode": "0001", "amount": 1, "date": a["year_start"]},
            {"number": 1, "contactCode": "000001", "amount": 1, "date": a["year_start"]},
        ],
    }


# Read-by-identifier calls whose answer for A's identifier must equal the answer for an
# identifier that exists nowhere (after the identifier itself is masked in the message).
ABSENT_TWINS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("contact/get", {"code": "000001"}, {"code": "000777"}),
    ("contact/delete", {"code": "000001"}, {"code": "000777"}),
    ("item/get", {"code": "000001"}, {"code": "000777"}),
    ("item/delete", {"code": "000001"}, {"code": "000777"}),
    ("item/getByBarcode", {"barcode": SECRET_BARCODE}, {"barcode": "NO-SUCH-BARCODE"}),
    ("document/get", {"number": 1}, {"number": 777}),
    ("invoice/get", {"number": 1, "type": 0}, {"number": 777, "type": 0}),
    ("invoice/getById", {"id": "__A_INVOICE__"}, {"id": 77777}),
    ("invoice/delete", {"number": 1, "type": 0}, {"number": 777, "type": 0}),
    ("invoice/changeSentStatus", {"number": 1, "type": 0}, {"number": 777, "type": 0}),
    (
        "invoice/revokeOnlineInvoiceUrl",
        {"number": 1, "type": 0},
        {"number": 777, "type": 0},
    ),
    ("contact/getContactLink", {"code": "000001"}, {"code": "000777"}),
    ("contact/revokeContactLink", {"code": "000001"}, {"code": "000777"}),
    ("document/delete", {"number": 1}, {"number": 777}),
    ("receipt/get", {"type": 1, "number": 1}, {"type": 1, "number": 777}),
    (
        "invoice/savepayment",
        {"number": 1, "cashCode": "0001", "amount": 1},
        {"number": 777, "cashCode": "0001", "amount": 1},
    ),
    ("receipt/delete", {"type": 1, "number": 1}, {"type": 1, "number": 777}),
    ("receipt/GetById", {"id": "__A_RECEIPT__"}, {"id": 777777}),
    ("warehouse/get", {"number": 1}, {"number": 777}),
    ("warehouse/delete", {"number": 1}, {"number": 777}),
    ("warehouse/GetById", {"id": "__A_WAREHOUSE_RECEIPT__"}, {"id": 777777}),
    (
        "invoice/SaveWarehouseReceipt",
        {"receipt": {**_issue(), "invoiceNumber": 1, "invoiceType": 0}},
        {"receipt": {**_issue(), "invoiceNumber": 777, "invoiceType": 0}},
    ),
    ("setting/DeleteBank", {"code": "0001"}, {"code": "0777"}),
    ("setting/DeleteCash", {"code": "0001"}, {"code": "0777"}),
    ("setting/DeletePettyCash", {"code": "0001"}, {"code": "0777"}),
    ("setting/DeleteWarehouse", {"code": "0001"}, {"code": "0777"}),
    ("setting/DeleteSalesman", {"code": "0001"}, {"code": "0777"}),
    ("setting/DeleteProject", {"title": PROJECT_TITLE}, {"title": "no such project"}),
    (
        "report/trialbalanceitems",
        {"accountPath": "__A_ACCOUNT__"},
        {"accountPath": "دارایی ها : هیچ : هیچ : هیچ"},
    ),
]


def _snapshot(api: Api) -> dict[str, str]:
    return {
        path: json.dumps(api.call(path, **params), sort_keys=True, ensure_ascii=False, default=str)
        for path, params in SNAPSHOT_READS
    }


def _masked(body: dict[str, Any], identifiers: list[str]) -> str:
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)
    for identifier in identifiers:
        text = text.replace(identifier, "<id>")
    return re.sub(r"\d{3,}", "<n>", text)


def test_every_method_is_in_the_matrix(api: Api) -> None:
    placeholders = {
        "invoice_id": 1,
        "receipt_id": 1,
        "warehouse_receipt_id": 1,
        "contact_id": 1,
        "item_id": 1,
        "cash_path": "",
        "account_path": "",
        "document_number": 1,
        "year_start": "",
    }
    assert set(_catalogue(placeholders)) == {m.path for m in registry.all_methods()}


def test_business_b_cannot_read_change_or_detect_business_a(api: Api, other_api: Api) -> None:
    a = _a_data(api)
    before = _snapshot(api)
    assert SECRET in before["contact/getcontacts"]

    for path, calls in _catalogue(a).items():
        for params in calls:
            body = other_api.call(path.removeprefix("/v1/"), **params)
            text = json.dumps(body, ensure_ascii=False, default=str)
            sent = json.dumps(params, ensure_ascii=False, default=str)
            for secret in (
                SECRET,
                SECRET_RATE,
                SECRET_BARCODE,
                "a-secret@example.com",
                "09129999999",
                "777.0001",
            ):
                if secret in sent:  # an echo of B's own input reveals nothing
                    continue
                assert secret not in text, f"{path} {params} revealed {secret!r}: {text[:500]}"

    for path, present, absent in ABSENT_TWINS:
        if present.get("id") == "__A_INVOICE__":
            present = {"id": a["invoice_id"]}
        if present.get("accountPath") == "__A_ACCOUNT__":
            present = {"accountPath": a["account_path"]}
        if present.get("id") == "__A_RECEIPT__":
            present = {"id": a["receipt_id"]}
        if present.get("id") == "__A_WAREHOUSE_RECEIPT__":
            present = {"id": a["warehouse_receipt_id"]}
        seen = other_api.call(path, **present)
        unseen = other_api.call(path, **absent)
        identifiers = [str(v) for v in (*present.values(), *absent.values())]
        assert _masked(seen, identifiers) == _masked(unseen, identifiers), (path, seen, unseen)

    assert _snapshot(api) == before


@pytest.mark.parametrize("credentials", ["loginToken", "password"])
def test_a_credential_of_b_never_opens_a(api: Api, other_api: Api, credentials: str) -> None:
    """A's apiKey with B's loginToken (or B's owner's password) is refused."""
    api.ok("contact/save", contact={"Name": f"{SECRET} contact"})
    body: dict[str, Any] = {"apiKey": api.credentials.api_key}
    if credentials == "loginToken":
        body["loginToken"] = other_api.credentials.login_token
    else:
        body |= {"userId": other_api.credentials.user_id, "password": "secret-pass"}
    answer = api.client.post("/v1/contact/getcontacts", json=body).json()
    assert (answer["Success"], answer["ErrorCode"], answer["Result"]) == (False, 106, None)
