"""contact/batchsave and item/batchsave at scale: 10,000 rows in one call, all or nothing, the
same answers and change log as saving the rows one by one, and the bound on rows per call."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from hesabdar.coded_batch import MAX_BATCH_ROWS
from tests.conftest import IS_POSTGRES, Api

ROWS = 10_000


def all_changes(api: Api) -> list[dict[str, Any]]:
    """The whole change log, page by page (GetChanges answers 1,000 entries at a time)."""
    entries: list[dict[str, Any]] = []
    start = 0
    while True:
        body = api.call("setting/GetChanges", start=start)
        page = body["Result"]
        if not page:
            return entries
        entries.extend(
            {key: row[key] for key in ("Action", "ObjectType", "ObjectId", "Extra")} for row in page
        )
        start = body["LastId"]


def contact_row(index: int) -> dict[str, Any]:
    return {
        "Name": f"Customer {index}",
        "Mobile": f"0912{index:07d}",
        "ContactType": 1,
        "NodeFamily": f"contacts: group {index % 3}",
        "Tag": f'{{"id_customer":{index}}}',
    }


def test_ten_thousand_contacts_in_one_call(api: Api) -> None:
    kept = api.ok("contact/save", contact={"Name": "Kept", "Code": "A-1"})
    rows = [contact_row(index) for index in range(ROWS)]
    # Row 5 edits the contact saved before; row 9,999 edits the one row 0 creates.
    rows[5] = {"Code": "A-1", "City": "Tehran"}
    rows[ROWS - 1] = {"Code": "000001", "Email": "first@example.com"}
    saved = api.ok("contact/batchsave", contacts=rows)

    assert len(saved) == ROWS
    new_codes = [row["Code"] for index, row in enumerate(saved) if index not in (5, ROWS - 1)]
    assert new_codes == [f"{number:06d}" for number in range(1, ROWS - 1)]
    assert saved[5] == {**kept, "City": "Tehran"}
    assert saved[ROWS - 1]["Id"] == saved[0]["Id"]
    assert saved[ROWS - 1]["Email"] == "first@example.com"
    first = api.ok("contact/get", code="000001")
    assert first == {**saved[ROWS - 1]}
    assert (first["Name"], first["Mobile"], first["NodeFamily"], first["Tag"]) == (
        "Customer 0",
        "09120000000",
        "اشخاص : group 0",
        '{"id_customer":0}',
    )
    last = api.ok("contact/get", code=f"{ROWS - 2:06d}")
    assert last == saved[ROWS - 2]
    assert (last["Name"], last["NodeFamily"]) == (f"Customer {ROWS - 2}", "اشخاص : group 2")
    # The owner the business starts with, the one kept and the ROWS - 2 rows that created one.
    assert api.ok("contact/getcontacts", queryInfo={"Take": 1})["TotalCount"] == ROWS
    ids = [row["Id"] for row in saved[:5]]
    assert ids == sorted(ids)

    changes = all_changes(api)
    assert len(changes) == 1 + ROWS
    assert changes[:3] == [
        {"Action": 31, "ObjectType": "Contact", "ObjectId": kept["Id"], "Extra": "A-1"},
        {"Action": 31, "ObjectType": "Contact", "ObjectId": saved[0]["Id"], "Extra": "000001"},
        {"Action": 31, "ObjectType": "Contact", "ObjectId": saved[1]["Id"], "Extra": "000002"},
    ]
    assert changes[6] == {
        "Action": 32,
        "ObjectType": "Contact",
        "ObjectId": kept["Id"],
        "Extra": "A-1",
    }
    assert changes[-1] == {
        "Action": 32,
        "ObjectType": "Contact",
        "ObjectId": saved[0]["Id"],
        "Extra": "000001",
    }
    assert [entry["Extra"] for entry in changes[1:]] == [row["Code"] for row in saved]
    tree = api.ok("setting/GetContactCategories")["Root"]
    assert sorted(child["Name"] for child in tree["Children"]) == ["group 0", "group 1", "group 2"]


def test_ten_thousand_items_in_one_call(api: Api) -> None:
    rows = [
        {
            "Code": None,
            "Name": f"Product {index}",
            "ItemType": index % 2,
            "SellPrice": f"{index}.5",
            "NodeFamily": f"products: shelf {index % 4}",
            "Tag": f'{{"id_product":{index},"id_attribute":0}}',
            "ProductCode": f"SKU-{index}",
        }
        for index in range(ROWS)
    ]
    saved = api.ok("item/batchsave", items=rows)
    assert [row["Code"] for row in saved] == [f"{number:06d}" for number in range(1, ROWS + 1)]
    assert saved[0] == api.ok("item/get", code="000001")
    assert (saved[0]["NodeFamily"], str(saved[0]["SellPrice"]), saved[0]["ItemType"]) == (
        "کالاها : shelf 0",
        "0.5000",
        0,
    )
    service = api.ok("item/get", code=f"{ROWS:06d}")
    assert service == saved[ROWS - 1]
    assert (service["NodeFamily"], str(service["SellPrice"]), service["ItemType"]) == (
        "خدمات : shelf 3",
        f"{ROWS - 1}.5000",
        1,
    )
    listed = api.ok(
        "item/getitems",
        queryInfo={
            "Take": 2,
            "Filters": [{"Property": "ProductCode", "Operator": "=", "Value": "SKU-7"}],
        },
    )
    assert listed["TotalCount"] == ROWS
    assert [row["Code"] for row in listed["List"]] == ["000008"]

    # The same rows again, with their codes: every row an edit.
    edits = [
        {**row, "Code": answer["Code"], "SellPrice": "1"}
        for row, answer in zip(rows, saved, strict=True)
    ]
    edited = api.ok("item/batchsave", items=edits)
    assert [row["Id"] for row in edited] == [row["Id"] for row in saved]
    assert {str(row["SellPrice"]) for row in edited} == {"1.0000"}
    changes = all_changes(api)
    assert len(changes) == 2 * ROWS
    assert {entry["Action"] for entry in changes[:ROWS]} == {51}
    assert {entry["Action"] for entry in changes[ROWS:]} == {52}
    assert changes[ROWS] == {
        "Action": 52,
        "ObjectType": "Product",
        "ObjectId": saved[0]["Id"],
        "Extra": "000001",
    }


def test_more_rows_than_the_maximum_are_refused_and_nothing_changes(api: Api) -> None:
    api.ok("contact/save", contact={"Name": "Before"})
    rows = [{"Name": f"C{index}"} for index in range(MAX_BATCH_ROWS + 1)]
    with api.unchanged(("contact/getcontacts", {"queryInfo": {"Take": 5}})):
        message = api.fail("contact/batchsave", 114, contacts=rows)
        assert "contacts" in message
        assert str(MAX_BATCH_ROWS) in message
        message = api.fail("item/batchsave", 114, items=[{"Name": "P"}] * (MAX_BATCH_ROWS + 1))
        assert "items" in message
    assert len(api.ok("contact/batchsave", contacts=rows[:MAX_BATCH_ROWS])) == MAX_BATCH_ROWS


def test_an_invalid_row_in_the_middle_refuses_the_whole_batch(api: Api) -> None:
    rows = [contact_row(index) for index in range(ROWS)]
    rows[ROWS // 2] = {**rows[ROWS // 2], "ContactType": 9}
    with api.unchanged(
        ("contact/getcontacts", {"queryInfo": {"Take": 5}}), "setting/GetContactCategories"
    ):
        message = api.fail("contact/batchsave", 114, contacts=rows)
        assert f"contacts[{ROWS // 2}].ContactType" in message
        rows[ROWS // 2] = {"Name": "", "Mobile": "0912"}
        message = api.fail("contact/batchsave", 104, contacts=rows)
        assert f"contacts[{ROWS // 2}].Name" in message
        items = [{"Name": f"P{index}", "NodeFamily": "products: a"} for index in range(ROWS)]
        items[ROWS - 3] = {"Name": "Bad", "BuyPrice": "-1"}
        message = api.fail("item/batchsave", 114, items=items)
        assert f"items[{ROWS - 3}].BuyPrice" in message
    # Nothing was saved, and no code was used up.
    assert api.ok("contact/save", contact={"Name": "Next"})["Code"] == "000001"


def _strip(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key not in ("Id", "NodeId")}


MIXED_CONTACTS: list[dict[str, Any]] = [
    {"Name": "New, numbered"},
    {"Code": "000004", "Name": "Ahead of the counter"},
    {"Name": "Numbered, skips 4"},
    {"Code": "000002", "LastName": "Edited"},
    {"Code": "X-9", "FirstName": "Ali", "LastName": "Rezaei", "NodeFamily": "persons: VIP"},
    {"Code": "X-9", "City": "Shiraz", "NodeFamily": ""},
    {"Code": 3, "Name": "Numbered"},
    {"Name": "Numbered, after 4", "TaxType": 6, "ContactCredit": "12.5"},
    {"Code": "000001", "Name": "Stored, edited", "Active": False},
]


def one_by_one(target: Api, kind: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row saved alone, then each answered as it finally stands (a batch answers every
    row after the whole batch, so a record named twice answers its last state both times)."""
    key = "contact" if kind == "contact" else "item"
    codes = [target.ok(f"{kind}/save", **{key: row})["Code"] for row in rows]
    return [target.ok(f"{kind}/get", code=code) for code in codes]


def test_a_batch_answers_as_saving_its_rows_one_by_one(api: Api, other_api: Api) -> None:
    for target in (api, other_api):
        target.ok("contact/save", contact={"Name": "Stored before"})
    batch = api.ok("contact/batchsave", contacts=MIXED_CONTACTS)
    single = one_by_one(other_api, "contact", MIXED_CONTACTS)
    assert [_strip(row) for row in batch] == [_strip(row) for row in single]
    assert [row["Code"] for row in batch] == [
        "000002", "000004", "000003", "000002", "X-9", "X-9", "000003", "000005", "000001",
    ]  # fmt: skip

    def log(target: Api) -> list[tuple[int, str]]:
        return [(entry["Action"], entry["Extra"]) for entry in target.changes()]

    assert log(api) == log(other_api)
    items = [
        {"Name": "Pen", "NodeFamily": "products: office"},
        {"Code": "000001", "ItemType": 1},
        {"Code": "S-1", "Name": "Repair", "ItemType": 1, "NodeFamily": "services: fix"},
        {"Code": "S-1", "ItemType": 0},
        {"Name": "Ink", "BuyPrice": "3.25"},
    ]
    batch = api.ok("item/batchsave", items=items)
    single = one_by_one(other_api, "item", items)
    assert [_strip(row) for row in batch] == [_strip(row) for row in single]
    assert [row["NodeFamily"] for row in batch] == [
        "خدمات : office", "خدمات : office", "کالاها : fix", "کالاها : fix", "کالاها",
    ]  # fmt: skip
    assert log(api) == log(other_api)


@pytest.mark.postgres_only
@pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL for real concurrency")
def test_a_large_batch_does_not_hold_single_saves_for_its_whole_duration(api: Api) -> None:
    """The counter (which every new code-less contact needs) is taken only for the batch's
    last writes: a single save beside the batch waits at most for those."""
    api.ok("contact/save", contact={"Name": "Warm-up"})
    rows = [contact_row(index) for index in range(ROWS)]
    done = threading.Event()
    timing: dict[str, float] = {}

    def run_batch() -> None:
        started = time.perf_counter()
        body = api.call("contact/batchsave", contacts=rows)
        timing["batch"] = time.perf_counter() - started
        timing["ok"] = float(body["Success"])
        done.set()

    waits: list[float] = []
    codes: list[str] = []
    worker = threading.Thread(target=run_batch)
    worker.start()
    while not done.is_set():
        started = time.perf_counter()
        codes.append(api.ok("contact/save", contact={"Name": "Walk-in"})["Code"])
        waits.append(time.perf_counter() - started)
        time.sleep(0.05)
    worker.join()
    assert timing["ok"] == 1.0
    assert len(waits) >= 3
    # Held throughout, the longest wait would be about the batch's whole duration.
    assert max(waits) < 0.7 * timing["batch"], (max(waits), timing["batch"])
    listed = api.ok("contact/getcontacts", queryInfo={"Take": 1})
    # The owner the business starts with, the warm-up, the batch's and the walk-ins.
    assert listed["TotalCount"] == 1 + 1 + ROWS + len(codes)
    assert len(set(codes)) == len(codes)
