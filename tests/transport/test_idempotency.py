"""requestUniqueId: a write already applied returns its first result and changes nothing."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from hesabdar.contacts.service import OWNER_CODE
from tests.conftest import OWNER, Api


def _contacts(api: Api) -> list[tuple[str, str]]:
    result = api.ok("contact/getcontacts", queryInfo={"Take": 100})
    return [(row["Code"], row["Name"]) for row in result["List"]]


def _save(api: Api, name: str, request_id: str) -> dict[str, Any]:
    return api.call("contact/save", contact={"Name": name}, requestUniqueId=request_id)


def test_replay_returns_the_first_result_and_changes_nothing(api: Api) -> None:
    first = _save(api, "Ali", "order-1001")
    assert first["Success"] is True
    assert first["Result"]["Code"] == "000001"
    changes_before = api.ok("setting/GetChanges", start=0)

    again = _save(api, "Ali renamed on retry", "order-1001")
    assert again == first
    assert _contacts(api) == [OWNER, ("000001", "Ali")]
    assert api.ok("setting/GetChanges", start=0) == changes_before


def test_a_new_request_id_is_a_new_write(api: Api) -> None:
    _save(api, "Ali", "a")
    _save(api, "Reza", "b")
    assert _contacts(api) == [OWNER, ("000001", "Ali"), ("000002", "Reza")]


def test_request_ids_are_per_business(api: Api, other_api: Api) -> None:
    _save(api, "Ali", "same-id")
    theirs = _save(other_api, "Sara", "same-id")
    assert (theirs["Success"], theirs["Result"]["Code"], theirs["Result"]["Name"]) == (
        True,
        "000001",
        "Sara",
    )
    assert _contacts(api) == [OWNER, ("000001", "Ali")]
    assert _contacts(other_api) == [(OWNER_CODE, "Other shop"), ("000001", "Sara")]


def test_a_failed_write_is_not_remembered(api: Api) -> None:
    with api.unchanged("contact/getcontacts"):
        failed = api.call("contact/save", contact={"Name": ""}, requestUniqueId="retry-me")
    assert (failed["Success"], failed["ErrorCode"]) == (False, 104)
    fixed = _save(api, "Ali", "retry-me")
    assert (fixed["Success"], fixed["Result"]["Code"]) == (True, "000001")


def test_racing_duplicates_apply_once(api: Api) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: _save(api, "Racer", "race-1"), range(8)))
    assert all(answer == answers[0] for answer in answers)
    assert answers[0]["Result"]["Code"] == "000001"
    assert _contacts(api) == [OWNER, ("000001", "Racer")]
    changes = api.ok("setting/GetChanges", start=0)
    assert [(row["Action"], row["Extra"]) for row in changes] == [(31, "000001")]


def test_a_request_id_belongs_to_its_method(api: Api) -> None:
    """The WooCommerce plugin reuses one id per order: the same id sent to another method is
    another request, and each method still replays its own first answer."""
    contact = _save(api, "Ali", "order-7")
    item = api.call("item/save", item={"Name": "Mug"}, requestUniqueId="order-7")
    assert item["Success"] is True
    assert item["Result"]["Name"] == "Mug"
    assert item["Result"]["Code"] == "000001"
    assert _save(api, "Ali again", "order-7") == contact
    assert api.call("item/save", item={"Name": "Mug 2"}, requestUniqueId="order-7") == item
    assert _contacts(api) == [OWNER, ("000001", "Ali")]
    assert [row["Name"] for row in api.ok("item/getitems")["List"]] == ["Mug"]


def test_a_request_id_longer_than_its_column_is_114_and_changes_nothing(api: Api) -> None:
    # It was stored as sent: SQLite kept 300 characters, PostgreSQL refused them with 100.
    with api.unchanged("contact/getcontacts"):
        message = api.fail("contact/save", 114, contact={"Name": "Ali"}, requestUniqueId="r" * 101)
    assert message.startswith("Invalid value for requestUniqueId: at most 100 characters (got 101)")
    _save(api, "Ali", "r" * 100)
    assert _contacts(api) == [OWNER, ("000001", "Ali")]
