"""The items service's typed input: the item type as an enumeration, the fields an edit
changes, and errors that say where in domain terms."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hesabdar.categories.service import CategoryKind
from hesabdar.items import service
from hesabdar.items.schemas import BATCH_AT, ITEM_AT, ItemInput, ItemType
from hesabdar.kit.errors import InvalidFieldValue, MissingParameter
from tests.conftest import Api


def test_item_types_read_from_their_codes() -> None:
    assert ItemType.of(1, ITEM_AT / "item_type") is ItemType.SERVICE
    assert ItemType.SERVICE.category_kind is CategoryKind.SERVICE
    assert ItemType.PRODUCT.category_kind is CategoryKind.PRODUCT
    with pytest.raises(InvalidFieldValue) as unknown:
        ItemType.of(2, BATCH_AT / 3 / "item_type")
    assert str(unknown.value) == (
        "Invalid value for items[3].item_type: must be 0 (product) or 1 (service) (got 2)."
    )


def test_unknown_item_type_answers_114_naming_the_field_and_the_row(api: Api) -> None:
    message = api.fail("item/batchsave", 114, items=[{"Name": "A"}, {"Name": "B", "ItemType": 2}])
    assert message == (
        "Invalid value for items[1].ItemType: must be 0 (product) or 1 (service) (got 2)."
    )
    assert api.fail("item/save", 114, item={"Name": "B", "ItemType": "-1"}) == (
        "Invalid value for item.ItemType: must be 0 (product) or 1 (service) (got -1)."
    )
    assert api.ok("item/getitems")["TotalCount"] == 0


def test_service_errors_carry_domain_locations(api: Api) -> None:
    database = api.client.app.state.database  # type: ignore[attr-defined]
    with database.transaction() as session, pytest.raises(InvalidFieldValue) as negative:
        service.batch_save(
            session,
            api.credentials.business_id,
            [ItemInput(name="A"), ItemInput(name="B", buy_price=Decimal(-1))],
        )
    assert negative.value.location == BATCH_AT / 1 / "buy_price"
    with database.transaction() as session, pytest.raises(MissingParameter) as nameless:
        service.save(session, api.credentials.business_id, ItemInput(sell_price=Decimal(5)))
    assert str(nameless.value) == "Missing parameter: item.name is required."


def test_an_edit_changes_only_the_fields_given(api: Api) -> None:
    saved = api.ok("item/save", item={"Name": "Pen", "SellPrice": 10, "ItemType": 1})
    database = api.client.app.state.database  # type: ignore[attr-defined]
    with database.transaction() as session:
        service.save(
            session,
            api.credentials.business_id,
            ItemInput(code=saved["Code"], barcode="X1", fields_set=frozenset({"barcode"})),
        )
    stored = api.ok("item/get", code=saved["Code"])
    assert (stored["Name"], stored["SellPrice"], stored["ItemType"]) == ("Pen", 10, 1)
    assert (stored["Barcode"], stored["NodeFamily"]) == ("X1", "خدمات")


def test_the_v1_model_and_the_domain_input_name_the_same_fields() -> None:
    from hesabdar.items.v1 import ItemInput as V1ItemInput

    assert set(V1ItemInput.model_fields) == set(ItemInput.__dataclass_fields__) - {"fields_set"}
