"""setting/SetChangeHook: after a request commits, its changes are POSTed to the hook."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from tests.conftest import Api


class Receiver:
    """A local HTTP endpoint that records what it is sent."""

    def __init__(self) -> None:
        self.received: queue.Queue[dict[str, Any]] = queue.Queue()
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                received.put(json.loads(self.rfile.read(length)))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hesabfa-hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def next(self, timeout: float = 5.0) -> dict[str, Any]:
        return self.received.get(timeout=timeout)

    def nothing_more(self, wait: float = 0.5) -> bool:
        try:
            self.received.get(timeout=wait)
        except queue.Empty:
            return True
        return False

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    endpoint = Receiver()
    yield endpoint
    endpoint.close()


def test_set_and_get_hook(api: Api, receiver: Receiver) -> None:
    assert api.ok("setting/GetChangeHook") == {"Url": None, "Password": None}
    assert api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="s3cret") is None
    assert api.ok("setting/getChangeHook") == {"Url": receiver.url, "Password": "s3cret"}
    api.ok("setting/setChangeHook", url="")
    assert api.ok("setting/GetChangeHook") == {"Url": None, "Password": None}


def test_bad_url_is_114_and_keeps_the_old_hook(api: Api, receiver: Receiver) -> None:
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    message = api.fail("setting/SetChangeHook", 114, url="ftp://example.com/x", hookPassword="pw")
    assert message == "Invalid value for url: 'ftp://example.com/x' is not an http(s) URL."
    assert api.ok("setting/GetChangeHook") == {"Url": receiver.url, "Password": "pw"}


def test_saves_edits_and_deletes_are_announced_after_commit(api: Api, receiver: Receiver) -> None:
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
    api: Api, receiver: Receiver
) -> None:
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    api.fail("item/batchsave", 104, items=[{"Name": "Pen"}, {"Name": ""}])
    api.ok("contact/getcontacts")
    api.ok("setting/SaveBank", bank={"Name": "Mellat"})  # in GetChanges, not announced
    assert receiver.nothing_more()
    assert [row["ObjectType"] for row in api.ok("setting/GetChanges", start=0)] == ["Bank"]


def test_a_business_hears_only_its_own_changes(
    api: Api, other_api: Api, receiver: Receiver
) -> None:
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="mine")
    other_api.ok("contact/save", contact={"Name": "Someone else's"})
    assert receiver.nothing_more()
    assert other_api.ok("setting/GetChangeHook") == {"Url": None, "Password": None}


def test_an_unreachable_hook_does_not_fail_the_write(api: Api) -> None:
    api.ok("setting/SetChangeHook", url="http://127.0.0.1:9/unreachable", hookPassword="pw")
    saved = api.ok("contact/save", contact={"Name": "Ali"})
    assert api.ok("contact/get", code=saved["Code"])["Name"] == "Ali"
