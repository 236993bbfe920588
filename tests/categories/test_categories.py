"""setting/GetProductCategories, GetServiceCategories, GetContactCategories, NodeFamily paths."""

from __future__ import annotations

from typing import Any

import pytest

from hesabdar.categories.service import CategoryKind, normalize_path
from hesabdar.contacts.service import OWNER_CODE
from tests.conftest import Api


def names(node: dict[str, Any]) -> Any:
    """The tree as nested (Name, FullPath, children) tuples."""
    return (node["Name"], node["FullPath"], [names(child) for child in node["Children"]])


@pytest.mark.parametrize(
    ("method", "root"),
    [
        ("setting/GetProductCategories", "کالاها"),
        ("setting/GetServiceCategories", "خدمات"),
    ],
)
def test_empty_trees_have_their_root(api: Api, method: str, root: str) -> None:
    assert api.ok(method) == {"Root": {"Id": 0, "Name": root, "FullPath": root, "Children": []}}


def test_the_contacts_root_is_stored_with_the_owner_in_it(api: Api) -> None:
    owner = api.ok("contact/get", code=OWNER_CODE)
    assert owner["NodeFamily"] == "اشخاص"
    assert isinstance(owner["NodeId"], int)
    root = {"Id": owner["NodeId"], "Name": "اشخاص", "FullPath": "اشخاص", "Children": []}
    assert api.ok("setting/GetContactCategories") == {"Root": root}
    assert api.ok("contact/save", contact={"Name": "A"})["NodeId"] == owner["NodeId"]


def test_saving_with_node_family_creates_the_nodes(api: Api) -> None:
    phone = api.ok("item/save", item={"Name": "S23", "NodeFamily": "دیجیتال:موبایل:سامسونگ"})
    api.ok("item/save", item={"Name": "iPhone", "NodeFamily": " دیجیتال :  موبایل : اپل "})
    api.ok("item/save", item={"Name": "TV", "NodeFamily": "کالاها : دیجیتال : تلویزیون"})
    root = api.ok("setting/GetProductCategories")["Root"]
    assert names(root) == (
        "کالاها",
        "کالاها",
        [
            (
                "دیجیتال",
                "کالاها : دیجیتال",
                [
                    ("تلویزیون", "کالاها : دیجیتال : تلویزیون", []),
                    (
                        "موبایل",
                        "کالاها : دیجیتال : موبایل",
                        [
                            ("اپل", "کالاها : دیجیتال : موبایل : اپل", []),
                            ("سامسونگ", "کالاها : دیجیتال : موبایل : سامسونگ", []),
                        ],
                    ),
                ],
            )
        ],
    )
    samsung = root["Children"][0]["Children"][1]["Children"][1]
    assert samsung["Id"] == phone["NodeId"]
    assert phone["NodeFamily"] == "کالاها : دیجیتال : موبایل : سامسونگ"
    # The client reads Result.Root.Children[].Name.
    assert [child["Name"] for child in root["Children"]] == ["دیجیتال"]
    assert api.ok("setting/GetServiceCategories")["Root"]["Children"] == []


def test_same_path_reuses_the_node(api: Api) -> None:
    first = api.ok("item/save", item={"Name": "A", "NodeFamily": "دیجیتال:موبایل"})
    second = api.ok("item/save", item={"Name": "B", "NodeFamily": "کالاها: دیجیتال :موبایل"})
    assert first["NodeId"] == second["NodeId"]


def test_services_and_products_have_separate_trees(api: Api) -> None:
    product = api.ok("item/save", item={"Name": "A", "ItemType": "0", "NodeFamily": "عمومی"})
    service = api.ok("item/save", item={"Name": "B", "ItemType": "1", "NodeFamily": "عمومی"})
    assert product["NodeId"] != service["NodeId"]
    assert (product["NodeFamily"], service["NodeFamily"]) == ("کالاها : عمومی", "خدمات : عمومی")
    services = api.ok("setting/GetServiceCategories")["Root"]
    assert names(services) == ("خدمات", "خدمات", [("عمومی", "خدمات : عمومی", [])])
    assert services["Children"][0]["Id"] == service["NodeId"]


def test_contact_categories(api: Api) -> None:
    saved = api.ok("contact/save", contact={"Name": "A", "NodeFamily": "اشخاص: دسته 1: دسته 2"})
    assert saved["NodeFamily"] == "اشخاص : دسته 1 : دسته 2"
    root = api.ok("setting/getcontactcategories")["Root"]
    assert names(root) == (
        "اشخاص",
        "اشخاص",
        [("دسته 1", "اشخاص : دسته 1", [("دسته 2", "اشخاص : دسته 1 : دسته 2", [])])],
    )
    assert root["Children"][0]["Children"][0]["Id"] == saved["NodeId"]
    assert api.ok("setting/GetProductCategories")["Root"]["Children"] == []


def test_editing_node_family_moves_the_record(api: Api) -> None:
    api.ok("contact/save", contact={"Name": "A", "NodeFamily": "همکاران"})
    moved = api.ok("contact/save", contact={"Code": "1", "NodeFamily": "مشتریان"})
    assert (moved["Name"], moved["NodeFamily"]) == ("A", "اشخاص : مشتریان")
    kept = api.ok("contact/save", contact={"Code": "1", "Name": "B"})
    assert kept["NodeFamily"] == "اشخاص : مشتریان"
    to_root = api.ok("contact/save", contact={"Code": "1", "NodeFamily": ""})
    assert to_root["NodeFamily"] == "اشخاص"


def test_contacts_can_be_listed_by_node(api: Api) -> None:
    api.ok("contact/save", contact={"Name": "A", "NodeFamily": "همکاران"})
    api.ok("contact/save", contact={"Name": "B", "NodeFamily": "مشتریان"})
    api.ok("contact/save", contact={"Name": "C", "NodeFamily": "همکاران"})
    result = api.ok(
        "contact/getcontacts",
        queryInfo={
            "SortBy": "NodeId",
            "Filters": [{"Property": "NodeFamily", "Operator": "=", "Value": "اشخاص : همکاران"}],
        },
    )
    assert [row["Name"] for row in result["List"]] == ["A", "C"]
    # The three and the owner the business starts with.
    assert (result["TotalCount"], result["FilteredCount"]) == (4, 2)


def test_trees_are_per_business(api: Api, other_api: Api) -> None:
    api.ok("item/save", item={"Name": "A", "NodeFamily": "دیجیتال"})
    api.ok("contact/save", contact={"Name": "A", "NodeFamily": "همکاران"})
    assert other_api.ok("setting/GetProductCategories")["Root"]["Children"] == []
    assert other_api.ok("setting/GetContactCategories")["Root"]["Children"] == []
    theirs = other_api.ok("item/save", item={"Name": "B", "NodeFamily": "دیجیتال"})
    mine = api.ok("item/get", code="1")
    assert theirs["NodeId"] != mine["NodeId"]
    assert theirs["NodeFamily"] == mine["NodeFamily"] == "کالاها : دیجیتال"


@pytest.mark.parametrize(
    ("kind", "path", "expected"),
    [
        (CategoryKind.PRODUCT, None, "کالاها"),
        (CategoryKind.PRODUCT, "", "کالاها"),
        (CategoryKind.PRODUCT, " : : ", "کالاها"),
        (CategoryKind.PRODUCT, "دیجیتال:موبایل:سامسونگ", "کالاها : دیجیتال : موبایل : سامسونگ"),
        (CategoryKind.CONTACT, "اشخاص: دسته 1: دسته 2", "اشخاص : دسته 1 : دسته 2"),
        (CategoryKind.CONTACT, "دسته   1 :دسته 2", "اشخاص : دسته 1 : دسته 2"),
        (CategoryKind.SERVICE, "خدمات", "خدمات"),
    ],
)
def test_normalize_path(kind: CategoryKind, path: str | None, expected: str) -> None:
    assert normalize_path(kind, path) == expected
