"""A NodeFamily may start with its tree's root by the Persian name or the English one, in any
case and with any spacing around ``:`` (WooCommerce writes ``"products: …"``, PrestaShop
``"Products:…"`` and ``"Contacts:…"``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api

PRODUCT_PATHS = [
    "products: کالای دیجیتال:هدفون",
    "Products:کالای دیجیتال:هدفون",
    "PRODUCTS  :  کالای دیجیتال : هدفون",
    "کالاها: کالای دیجیتال:هدفون",
    "كالاها :کالای دیجیتال:هدفون",  # Arabic kaf in the root
    "services: کالای دیجیتال:هدفون",  # an item root of the other item tree
    "کالای دیجیتال:هدفون",
]
SERVICE_PATHS = [
    "services : آموزش",
    "Services:آموزش",
    "خدمات: آموزش",
    "products: آموزش",  # WooCommerce writes products: for its virtual products too
]
CONTACT_PATHS = [
    "contacts: مشتریان",
    "Contacts:مشتریان",
    "persons:مشتریان",
    "Persons : مشتریان",
    "اشخاص: مشتریان",
    "مشتریان",
]


def paths(node: dict[str, Any]) -> list[str]:
    """Every FullPath of the tree, depth first."""
    return [node["FullPath"], *(path for child in node["Children"] for path in paths(child))]


@pytest.mark.parametrize("path", PRODUCT_PATHS)
def test_product_roots(api: Api, path: str) -> None:
    saved = api.ok("item/save", item={"Name": "هدفون", "ItemType": 0, "NodeFamily": path})
    expected = "کالاها : کالای دیجیتال : هدفون"
    assert saved["NodeFamily"] == api.ok("item/get", code=saved["Code"])["NodeFamily"] == expected
    tree = api.ok("setting/GetProductCategories")["Root"]
    assert paths(tree) == ["کالاها", "کالاها : کالای دیجیتال", expected]
    assert tree["Children"][0]["Children"][0]["Id"] == saved["NodeId"]
    assert api.ok("setting/GetServiceCategories")["Root"]["Children"] == []


@pytest.mark.parametrize("path", SERVICE_PATHS)
def test_service_roots(api: Api, path: str) -> None:
    saved = api.ok("item/save", item={"Name": "دوره", "ItemType": "1", "NodeFamily": path})
    assert api.ok("item/get", code=saved["Code"])["NodeFamily"] == "خدمات : آموزش"
    assert paths(api.ok("setting/GetServiceCategories")["Root"]) == ["خدمات", "خدمات : آموزش"]
    assert api.ok("setting/GetProductCategories")["Root"]["Children"] == []


def test_batchsave_with_every_spelling_makes_one_node(api: Api) -> None:
    items = [{"Name": f"P{i}", "NodeFamily": path} for i, path in enumerate(PRODUCT_PATHS)]
    saved = api.ok("item/batchsave", items=items)
    assert {row["NodeFamily"] for row in saved} == {"کالاها : کالای دیجیتال : هدفون"}
    assert len({row["NodeId"] for row in saved}) == 1
    listed = api.ok("item/getitems", queryInfo={"Take": 100})["List"]
    assert [row["NodeFamily"] for row in listed] == ["کالاها : کالای دیجیتال : هدفون"] * len(items)
    assert paths(api.ok("setting/GetProductCategories")["Root"]) == [
        "کالاها",
        "کالاها : کالای دیجیتال",
        "کالاها : کالای دیجیتال : هدفون",
    ]


@pytest.mark.parametrize("path", CONTACT_PATHS)
def test_contact_roots(api: Api, path: str) -> None:
    saved = api.ok("contact/save", contact={"Name": "A", "NodeFamily": path})
    read = api.ok("contact/get", code=saved["Code"])
    assert saved["NodeFamily"] == read["NodeFamily"] == "اشخاص : مشتریان"
    tree = api.ok("setting/GetContactCategories")["Root"]
    assert paths(tree) == ["اشخاص", "اشخاص : مشتریان"]
    assert tree["Children"][0]["Id"] == saved["NodeId"]


@pytest.mark.parametrize(
    ("method", "record", "root"),
    [
        ("item/save", {"item": {"Name": "A", "NodeFamily": "Products"}}, "کالاها"),
        ("item/save", {"item": {"Name": "A", "ItemType": 1, "NodeFamily": " services "}}, "خدمات"),
        ("contact/save", {"contact": {"Name": "A", "NodeFamily": "CONTACTS :"}}, "اشخاص"),
    ],
)
def test_a_root_alone_is_the_root(api: Api, method: str, record: dict[str, Any], root: str) -> None:
    assert api.ok(method, **record)["NodeFamily"] == root


def test_a_root_is_only_recognised_at_the_start_and_in_its_own_trees(api: Api) -> None:
    item = api.ok("item/save", item={"Name": "A", "NodeFamily": "هدفون: products"})
    assert item["NodeFamily"] == "کالاها : هدفون : products"
    # A contact's tree has its own roots; an item root is an ordinary name there.
    contact = api.ok("contact/save", contact={"Name": "A", "NodeFamily": "products: عمده"})
    assert contact["NodeFamily"] == "اشخاص : products : عمده"
    person = api.ok("item/save", item={"Name": "B", "NodeFamily": "persons: عمده"})
    assert person["NodeFamily"] == "کالاها : persons : عمده"
