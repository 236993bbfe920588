"""Lists longer than a statement's bound parameters (65,535 on PostgreSQL, 32,766 on SQLite)
are read in chunks, not refused: getById's idList and queryInfo's ``in`` filters."""

from __future__ import annotations

from tests.conftest import Api

LONG = 70_000


def test_get_by_id_with_seventy_thousand_ids(api: Api) -> None:
    contacts = api.ok("contact/batchsave", contacts=[{"Name": f"C{index}"} for index in range(5)])
    items = api.ok("item/batchsave", items=[{"Name": f"P{index}"} for index in range(3)])
    contact_ids = [row["Id"] for row in contacts]
    unknown = list(range(10_000_000, 10_000_000 + LONG - 5))
    # Asked in this order, with repeats: answered in the order asked, each once.
    asked = [contact_ids[4], *unknown[: LONG // 2], *contact_ids, *unknown[LONG // 2 :]]
    assert len(asked) == LONG + 1
    found = api.ok("contact/getById", idList=asked)
    assert [row["Code"] for row in found] == ["000005", "000001", "000002", "000003", "000004"]
    found = api.ok("item/getById", idList=[*unknown, *(row["Id"] for row in items)])
    assert [row["Code"] for row in found] == ["000001", "000002", "000003"]


def test_in_filters_with_seventy_thousand_values(api: Api) -> None:
    api.ok("contact/batchsave", contacts=[{"Name": f"C{index}"} for index in range(5)])
    api.ok(
        "item/batchsave", items=[{"Name": f"P{index}", "SellPrice": index} for index in range(4)]
    )
    codes = [f"{number:06d}" for number in range(3, 3 + LONG)]
    query = {"Take": 100, "SortBy": "Code", "SortDesc": True, "Filters": [
        {"Property": "Code", "Operator": "in", "Value": codes}
    ]}  # fmt: skip
    result = api.ok("contact/getcontacts", queryInfo=query)
    # The five and the owner the business starts with.
    assert (result["TotalCount"], result["FilteredCount"]) == (6, 3)
    assert [row["Code"] for row in result["List"]] == ["000005", "000004", "000003"]
    prices = [f"{number}.5" for number in range(LONG)] + ["2", "3.0000"]
    query = {"Take": 100, "Filters": [{"Property": "SellPrice", "Operator": "in", "Value": prices}]}
    result = api.ok("item/getitems", queryInfo=query)
    assert [row["Code"] for row in result["List"]] == ["000003", "000004"]
    ids = list(range(1, LONG + 1))
    query = {"Take": 100, "Filters": [{"Property": "Id", "Operator": "in", "Value": ids}]}
    assert api.ok("item/getitems", queryInfo=query)["FilteredCount"] == 4
