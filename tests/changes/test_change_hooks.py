"""setting/SetChangeHook: after a request commits, its changes are POSTed to the hook by the
server's delivery worker."""

from __future__ import annotations

from fastapi.testclient import TestClient

from hesabdar.db import Database
from tests.changes.conftest import Receiver, deliveries
from tests.conftest import Api
from tests.invoices.helpers import open_shop, row
from tests.receipts.helpers import masters


def test_set_and_get_hook(api: Api, receiver: Receiver) -> None:
    assert api.ok("setting/GetChangeHook") == {"Url": None, "Password": None}
    assert api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="s3cret") is None
    assert api.ok("setting/getChangeHook") == {"Url": receiver.url, "Password": "s3cret"}
    api.ok("setting/setChangeHook", url="")
    assert api.ok("setting/GetChangeHook") == {"Url": None, "Password": None}


def test_bad_url_is_114_and_keeps_the_old_hook(api: Api, receiver: Receiver) -> None:
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    for url in ("ftp://example.com/x", "http://", "http://127.0.0.1:99999/x", "hook"):
        message = api.fail("setting/SetChangeHook", 114, url=url, hookPassword="pw")
        assert message == f"Invalid value for url: {url!r} is not an http(s) URL."
    assert api.ok("setting/GetChangeHook") == {"Url": receiver.url, "Password": "pw"}


def test_saves_edits_and_deletes_are_announced_after_commit(
    hook_api: Api, receiver: Receiver
) -> None:
    api = hook_api
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    contact = api.ok("contact/save", contact={"Name": "Ali"})
    assert receiver.next() == {
        "Password": "pw",
        "Action": 31,
        "ObjectType": "Contact",
        "ObjectIdList": [contact["Id"]],
    }

    items = api.ok("item/batchsave", items=[{"Name": "Pen"}, {"Name": "Ink"}])
    assert receiver.next() == {
        "Password": "pw",
        "Action": 51,
        "ObjectType": "Product",
        "ObjectIdList": [items[0]["Id"], items[1]["Id"]],
    }

    api.ok("contact/save", contact={"Code": contact["Code"], "Name": "Ali Rezaei"})
    assert receiver.next()["Action"] == 32
    api.ok("contact/delete", code=contact["Code"])
    assert receiver.next() == {
        "Password": "pw",
        "Action": 33,
        "ObjectType": "Contact",
        "ObjectIdList": [contact["Id"]],
    }
    assert receiver.nothing_more()


def test_rejected_writes_reads_and_other_kinds_announce_nothing(
    hook_api: Api, receiver: Receiver, database: Database
) -> None:
    api = hook_api
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    api.fail("item/batchsave", 104, items=[{"Name": "Pen"}, {"Name": ""}])
    api.ok("contact/getcontacts")
    api.ok("setting/SaveBank", bank={"Name": "Mellat"})  # in GetChanges, not announced
    assert receiver.nothing_more()
    assert [row["ObjectType"] for row in api.ok("setting/GetChanges", start=0)] == ["Bank"]
    assert deliveries(database) == []


def test_a_business_hears_only_its_own_changes(
    hook_api: Api, other_hook_api: Api, receiver: Receiver, database: Database
) -> None:
    hook_api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="mine")
    other_hook_api.ok("contact/save", contact={"Name": "Someone else's"})
    assert receiver.nothing_more()
    assert other_hook_api.ok("setting/GetChangeHook") == {"Url": None, "Password": None}
    assert deliveries(database) == []


def test_an_unreachable_hook_does_not_fail_the_write(api: Api, database: Database) -> None:
    api.ok("setting/SetChangeHook", url="http://127.0.0.1:9/unreachable", hookPassword="pw")
    saved = api.ok("contact/save", contact={"Name": "Ali"})
    assert api.ok("contact/get", code=saved["Code"])["Name"] == "Ali"
    [delivery] = deliveries(database)
    assert (delivery.status, delivery.attempts, delivery.object_type) == ("pending", 0, "Contact")


def test_an_invoice_is_announced(live: TestClient, database: Database, receiver: Receiver) -> None:
    shop = open_shop(live, database)
    shop.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    invoice = shop.save([row()])
    assert receiver.next() == {
        "Password": "pw",
        "Action": 121,
        "ObjectType": "Invoice",
        "ObjectIdList": [invoice["Id"]],
    }
    assert receiver.nothing_more()


def test_a_receipt_is_announced(hook_api: Api, receiver: Receiver) -> None:
    masters(hook_api)
    hook_api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    receipt = hook_api.ok(
        "receipt/save", type=1, amount=1000, contactCode="000001", cashCode="0001"
    )
    body = receiver.next()
    assert (body["ObjectType"], body["ObjectIdList"]) == ("Receipt", [receipt["Id"]])
    assert receiver.nothing_more()
