"""The official WooCommerce plugin (Sepehrnm/wordpress-hesabfa-plugin 2.2.5), freshly installed:
its connection and its product export, replayed as it sends them.

The bodies are data read from the plugin: ``Ssbhesabfa_Api::apiRequest`` merges ``apiKey``,
``userId``, ``password`` and ``loginToken`` from WordPress options into every body, and an
option never set reads as ``false``; ``ssbhesabfaItemService::mapProduct`` and
``mapProductVariation`` build the items (``NodeFamily`` is ``"products: "`` and the WooCommerce
category path joined by ``:``; ``ProductCode`` and the ids in ``Tag`` are strings for a product
read from the database and numbers for a variation; prices are the shop's strings). Each answer
is checked on the fields the plugin reads.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from tests.conftest import Api

HOOK_URL = "http://127.0.0.1:9/index.php?ssbhesabfa_webhook=1&token=4f1c2a9b7e"

# admin/partials/ssbhesabfa-admin-setting.php, ssbhesabfa_set_webhook: after the API settings
# are saved. item/save adds the gift-wrapping service (note the lower-case ``itemType``).
CONNECTION: list[tuple[str, dict[str, Any]]] = [
    ("setting/SetChangeHook", {"url": HOOK_URL, "hookPassword": "9b1e5c"}),
    ("setting/GetChanges", {"start": 0}),
    ("setting/GetFiscalYear", {}),
    ("setting/getCurrency", {}),
    (
        "item/save",
        {
            "item": {
                "Name": "Gift wrapping service",
                "itemType": 1,
                "Tag": '{"id_product":0,"id_attribute":0}',
            }
        },
    ),
    ("setting/getBusinessInfo", {}),
]

# admin/partials/ssbhesabfa-admin-functions.php, exportProducts: one item/batchsave per page.
EXPORT = [
    {
        "Code": None,
        "Name": "هدفون بی سیم",
        "ItemType": 0,
        "Tag": '{"id_product":"41","id_attribute":0}',
        "PurchasesTitle": "هدفون بی سیم",
        "SalesTitle": "هدفون بی سیم",
        "SellPrice": "1250000",
        "Barcode": "HP-41",
        "NodeFamily": "products: کالای دیجیتال:هدفون",
        "ProductCode": "41",
    },
    {
        "Code": None,
        "Name": "هدفون بی سیم - رنگ: مشکی",
        "ItemType": 0,
        "Tag": '{"id_product":"41","id_attribute":57}',
        "PurchasesTitle": "هدفون بی سیم - رنگ: مشکی",
        "SalesTitle": "هدفون بی سیم - رنگ: مشکی",
        "SellPrice": "1300000",
        "Barcode": "",
        "NodeFamily": "products: کالای دیجیتال:هدفون",
        "ProductCode": 57,
    },
    {
        # A product with no price: exportProducts sends 0.
        "Code": None,
        "Name": "کابل شارژ",
        "ItemType": 0,
        "Tag": '{"id_product":"42","id_attribute":0}',
        "PurchasesTitle": "کابل شارژ",
        "SalesTitle": "کابل شارژ",
        "SellPrice": 0,
        "Barcode": "",
        "NodeFamily": "products: کالای دیجیتال",
        "ProductCode": "42",
    },
    {
        # A virtual product is a service, still under the products root.
        "Code": None,
        "Name": "دوره آموزشی",
        "ItemType": 1,
        "Tag": '{"id_product":"43","id_attribute":0}',
        "PurchasesTitle": "دوره آموزشی",
        "SalesTitle": "دوره آموزشی",
        "SellPrice": "800000",
        "Barcode": "",
        "NodeFamily": "products: آموزش",
        "ProductCode": "43",
    },
]


def plugin_call(api: Api, method: str, data: dict[str, Any]) -> dict[str, Any]:
    """What apiRequest posts for a fresh install with only apiKey and loginToken set."""
    body = {
        "apiKey": api.credentials.api_key,
        "userId": False,
        "password": False,
        "loginToken": api.credentials.login_token,
        **data,
    }
    answer: dict[str, Any] = api.client.post(f"/v1/{method}", json=body).json()
    # The plugin reads Success first; it is present on every answer.
    assert answer["Success"] is True, (method, answer)
    assert answer["ErrorCode"] == 0
    return answer


def test_connection(api: Api) -> None:
    answers = {method: plugin_call(api, method, data)["Result"] for method, data in CONNECTION}
    # GetChanges: end(Result)->Id becomes the last change id it polls from.
    changes = answers["setting/GetChanges"]
    assert isinstance(changes, list)
    assert all(isinstance(change["Id"], int) for change in changes)
    # isDateInFiscalYear: today between Result.StartDate and Result.EndDate, else not live.
    year = answers["setting/GetFiscalYear"]
    start = datetime.fromisoformat(year["StartDate"]).date()
    end = datetime.fromisoformat(year["EndDate"]).date()
    assert start <= date.today() <= end
    # Must equal the shop's currency (IRR, or IRT against IRR).
    assert answers["setting/getCurrency"]["Currency"] in ("IRR", "IRT")
    gift = answers["item/save"]
    assert gift["Code"] == "000001"
    assert (gift["ItemType"], gift["NodeFamily"]) == (1, "خدمات")
    info = answers["setting/getBusinessInfo"]
    assert {"Name", "Credit", "ExpireDate", "Subscription"} <= set(info)
    assert info["Name"]


def test_product_export(api: Api) -> None:
    plugin_call(api, "setting/SetChangeHook", {"url": HOOK_URL, "hookPassword": "9b1e5c"})
    # getProductCountsInHesabfa, before and after.
    count_query = {
        "queryInfo": {"Take": 1, "Filters": [{"Property": "ItemType", "Operator": "=", "Value": 0}]}
    }
    assert plugin_call(api, "item/getitems", count_query)["Result"]["FilteredCount"] == 0

    result = plugin_call(api, "item/batchsave", {"items": EXPORT})["Result"]
    # For each row: (int)Code is stored against json_decode(Tag)->id_product and id_attribute.
    links = [
        (
            int(row["Code"]),
            int(json.loads(row["Tag"])["id_product"]),
            json.loads(row["Tag"])["id_attribute"],
        )
        for row in result
    ]
    assert links == [(1, 41, 0), (2, 41, 57), (3, 42, 0), (4, 43, 0)]
    assert plugin_call(api, "item/getitems", count_query)["Result"]["FilteredCount"] == 3

    stored = {row["Code"]: row for row in api.ok("item/getitems", queryInfo={"Take": 10})["List"]}
    assert {code: row["NodeFamily"] for code, row in stored.items()} == {
        "000001": "کالاها : کالای دیجیتال : هدفون",
        "000002": "کالاها : کالای دیجیتال : هدفون",
        "000003": "کالاها : کالای دیجیتال",
        "000004": "خدمات : آموزش",
    }
    assert stored["000001"]["SellPrice"] == 1250000
    assert (stored["000002"]["ProductCode"], stored["000004"]["ItemType"]) == ("57", 1)
    products = api.ok("setting/GetProductCategories")["Root"]
    assert [child["Name"] for child in products["Children"]] == ["کالای دیجیتال"]
    assert [child["Name"] for child in products["Children"][0]["Children"]] == ["هدفون"]
    services = api.ok("setting/GetServiceCategories")["Root"]
    assert [child["Name"] for child in services["Children"]] == ["آموزش"]

    # setItems after a product is edited: mapProduct with the code it stored as an int.
    edit = dict(EXPORT[0], Code="1", SellPrice="1200000")
    edited = plugin_call(api, "item/batchsave", {"items": [edit]})["Result"]
    assert [(row["Code"], row["Tag"]) for row in edited] == [("000001", EXPORT[0]["Tag"])]
    assert api.ok("item/get", code="000001")["SellPrice"] == 1200000
    assert len(api.ok("item/getitems", queryInfo={"Take": 10})["List"]) == 4
