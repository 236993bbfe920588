"""The change hooks' outbox and its delivery worker: durable, ordered, retried, isolated."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hesabdar.changes import hooks, sending
from hesabdar.changes import service as changes
from hesabdar.changes.delivery import DeliveryPolicy, HookWorker
from hesabdar.changes.models import HookDelivery
from hesabdar.changes.service import LogAction
from hesabdar.db import Database
from hesabdar.kit.models import utcnow
from tests.changes.conftest import LOCAL_NETWORKS, Receiver, deliveries, serving
from tests.conftest import Api, make_business

LATER = timedelta(hours=1)


def _contact_ids(receiver: Receiver) -> list[list[int]]:
    return [body["ObjectIdList"] for body in receiver.all()]


def test_a_receiver_down_for_a_while_gets_every_change_once_and_in_order(
    manual: tuple[TestClient, HookWorker], database: Database, receiver: Receiver
) -> None:
    client, worker = manual
    api = Api(client, make_business(database))
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    receiver.down()
    ids = [api.ok("contact/save", contact={"Name": name})["Id"] for name in ("A", "B", "C")]

    start = utcnow()
    worker.deliver_due(start)
    # The first failed; the others wait behind it, so that they arrive in order.
    first, second, third = deliveries(database)
    assert (first.status, first.attempts) == ("pending", 1)
    assert first.last_error.startswith("cannot connect: 127.0.0.1:")
    assert first.next_attempt_at == start + timedelta(seconds=10)
    assert [(d.status, d.attempts) for d in (second, third)] == [("pending", 0)] * 2

    worker.deliver_due(start + timedelta(seconds=5))  # not due yet
    assert deliveries(database)[0].attempts == 1
    worker.deliver_due(start + timedelta(seconds=10))  # due: fails again, waits 20 s
    assert deliveries(database)[0].next_attempt_at == start + timedelta(seconds=30)

    receiver.up()
    worker.deliver_due(start + LATER)
    assert _contact_ids(receiver) == [[ids[0]], [ids[1]], [ids[2]]]
    assert [(d.status, d.attempts, d.last_error) for d in deliveries(database)] == [
        ("sent", 3, ""),
        ("sent", 1, ""),
        ("sent", 1, ""),
    ]
    worker.deliver_due(start + 2 * LATER)
    assert receiver.nothing_more(0.1)


def test_a_delivery_given_up_lets_the_later_ones_go(database: Database, receiver: Receiver) -> None:
    with serving(database, hook_delivery=False, hook_max_attempts=2) as (client, app):
        worker: HookWorker = app.state.hook_worker
        api = Api(client, make_business(database))
        api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
        receiver.down()
        first = api.ok("contact/save", contact={"Name": "A"})["Id"]
        start = utcnow()
        worker.deliver_due(start)
        second = api.ok("contact/save", contact={"Name": "B"})["Id"]
        # The second attempt is the last: the first is failed, and the second goes on (and
        # fails its first attempt, the receiver being still down).
        worker.deliver_due(start + LATER)
        assert [(d.status, d.attempts) for d in deliveries(database)] == [
            ("failed", 2),
            ("pending", 1),
        ]
        receiver.up()
        worker.deliver_due(start + 2 * LATER)
        assert _contact_ids(receiver) == [[second]]
        assert first != second
        worker.stop()


def test_a_delivery_too_old_is_given_up_at_its_next_failure(
    manual: tuple[TestClient, HookWorker], database: Database, receiver: Receiver
) -> None:
    client, worker = manual
    api = Api(client, make_business(database))
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    receiver.down()
    api.ok("contact/save", contact={"Name": "A"})
    worker.deliver_due(utcnow() + timedelta(hours=24, minutes=1))
    [delivery] = deliveries(database)
    assert (delivery.status, delivery.attempts) == ("failed", 1)


def test_a_slow_receiver_does_not_delay_another_business(
    hook_api: Api, other_hook_api: Api, receiver: Receiver
) -> None:
    slow = Receiver()
    slow.delay = 3.0
    try:
        hook_api.ok("setting/SetChangeHook", url=slow.url, hookPassword="slow")
        other_hook_api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="quick")
        hook_api.ok("contact/save", contact={"Name": "A"})
        time.sleep(0.3)  # the slow business's delivery is under way
        began = time.monotonic()
        saved = other_hook_api.ok("contact/save", contact={"Name": "B"})
        assert receiver.next(timeout=2.0)["ObjectIdList"] == [saved["Id"]]
        assert time.monotonic() - began < 1.5
        # The slow one arrives too, in its time.
        assert slow.next(timeout=5.0)["Password"] == "slow"
    finally:
        slow.delay = 0
        slow.down()


def test_a_receiver_slower_than_the_timeout_is_retried(
    database: Database, receiver: Receiver
) -> None:
    with serving(database, hook_delivery=False, hook_timeout_seconds=0.5) as (client, app):
        worker: HookWorker = app.state.hook_worker
        api = Api(client, make_business(database))
        api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
        api.ok("contact/save", contact={"Name": "A"})
        receiver.delay = 2.0
        began = time.monotonic()
        worker.deliver_due(utcnow())
        assert time.monotonic() - began < 1.5
        [delivery] = deliveries(database)
        assert (delivery.status, delivery.last_error) == (
            "pending",
            "no answer within 0.5 seconds",
        )
        receiver.delay = 0
        worker.deliver_due(utcnow() + LATER)
        assert deliveries(database)[0].status == "sent"
        worker.stop()


def test_a_restarted_server_sends_what_was_pending(database: Database, receiver: Receiver) -> None:
    # A server that stops before its worker sent anything (here: it has none).
    with serving(database, hook_delivery=False) as (client, _app):
        api = Api(client, make_business(database))
        api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
        ids = [api.ok("contact/save", contact={"Name": name})["Id"] for name in ("A", "B")]
    assert receiver.nothing_more(0.3)
    # The next server to start sends them, in order.
    with serving(database):
        assert [receiver.next()["ObjectIdList"], receiver.next()["ObjectIdList"]] == [
            [ids[0]],
            [ids[1]],
        ]
        assert receiver.nothing_more(0.3)
    assert [d.status for d in deliveries(database)] == ["sent", "sent"]


def test_a_delivery_held_by_a_server_that_died_is_sent_when_its_lease_runs_out(
    manual: tuple[TestClient, HookWorker], database: Database, receiver: Receiver
) -> None:
    client, worker = manual
    owner = make_business(database)
    api = Api(client, owner)
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    saved = api.ok("contact/save", contact={"Name": "A"})
    now = utcnow()
    dead = HookWorker(database, DeliveryPolicy())
    assert dead._claim_head(owner.business_id, now) is not None  # and never sends it
    worker.deliver_due(now)
    assert receiver.nothing_more(0.2)
    worker.deliver_due(now + timedelta(minutes=2))  # the lease (80 s) is over
    assert receiver.next()["ObjectIdList"] == [saved["Id"]]
    dead.stop()


def test_workers_racing_for_the_same_deliveries_send_each_once_in_order(
    manual: tuple[TestClient, HookWorker], database: Database, receiver: Receiver
) -> None:
    """As several server processes do on one PostgreSQL database."""
    client, _worker = manual
    api = Api(client, make_business(database))
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    ids = [api.ok("contact/save", contact={"Name": f"C{n}"})["Id"] for n in range(6)]
    workers = [
        HookWorker(database, DeliveryPolicy(allowed_networks=LOCAL_NETWORKS)) for _ in range(3)
    ]
    barrier = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def run(worker: HookWorker) -> None:
        try:
            barrier.wait()
            for _ in range(10):
                worker.deliver_due()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for worker in workers:
        worker.stop()
    assert errors == []
    assert _contact_ids(receiver) == [[i] for i in ids]
    assert [d.status for d in deliveries(database)] == ["sent"] * 6


def test_a_rolled_back_request_writes_no_delivery(database: Database, receiver: Receiver) -> None:
    owner = make_business(database)
    with database.transaction() as session:
        hooks.set_hook(session, owner.business_id, receiver.url, "pw")
    session = database.session(write=True)
    try:
        changes.record(session, owner.business_id, LogAction.CONTACT_SAVE, "Contact", 7)
        session.flush()
        assert hooks.enqueue(session, owner.business_id) == 1
        session.rollback()
    finally:
        session.close()
    assert deliveries(database) == []


def test_a_request_refused_midway_announces_nothing(
    manual: tuple[TestClient, HookWorker], database: Database, receiver: Receiver
) -> None:
    client, worker = manual
    api = Api(client, make_business(database))
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    # The first contact is saved (and its change recorded) before the second is refused.
    with api.unchanged("contact/getcontacts"):
        api.fail("contact/batchsave", 104, contacts=[{"Name": "A"}, {"Name": ""}])
    worker.deliver_due(utcnow() + LATER)
    assert receiver.nothing_more(0.2)
    assert deliveries(database) == []


def test_the_announced_kinds(database: Database) -> None:
    assert {
        "Product",
        "Contact",
        "Invoice",
        "WarehouseReceipt",
        "Receipt",
    } == hooks.ANNOUNCED_OBJECT_TYPES
    owner = make_business(database)
    with database.transaction() as session:
        hooks.set_hook(session, owner.business_id, "http://127.0.0.1:9/h", "pw")
    with database.transaction() as session:
        for action, kind in (
            (LogAction.WAREHOUSE_RECEIPT_SAVE, "WarehouseReceipt"),
            (LogAction.SALE_SAVE, "Invoice"),
            (LogAction.BANK_SAVE, "Bank"),
        ):
            changes.record(session, owner.business_id, action, kind, 5)
        session.flush()
        assert hooks.enqueue(session, owner.business_id) == 2
    assert [(d.action, d.object_type, d.object_ids) for d in deliveries(database)] == [
        (261, "WarehouseReceipt", "[5]"),
        (121, "Invoice", "[5]"),
    ]


def test_old_deliveries_are_pruned(database: Database) -> None:
    owner = make_business(database)
    now = utcnow()
    rows = {
        "sent long ago": ("sent", now - timedelta(days=8), now - timedelta(days=8)),
        "sent lately": ("sent", now - timedelta(days=6), now - timedelta(days=6)),
        "failed long ago": ("failed", None, now - timedelta(days=31)),
        "failed lately": ("failed", None, now - timedelta(days=8)),
        "pending for long": ("pending", None, now - timedelta(days=40)),
    }
    with database.transaction() as session:
        for name, (status, sent_at, touched) in rows.items():
            session.add(
                HookDelivery(
                    business_id=owner.business_id,
                    action=31,
                    object_type="Contact",
                    object_ids="[1]",
                    status=status,
                    attempts=1,
                    next_attempt_at=touched,
                    url=name,
                    last_error="",
                    sent_at=sent_at,
                    created_at=touched,
                    updated_at=touched,
                )
            )
    worker = HookWorker(database, DeliveryPolicy())
    assert worker.prune(now) == 2
    worker.stop()
    assert [d.url for d in deliveries(database)] == [
        "sent lately",
        "failed lately",
        "pending for long",
    ]


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.1", "127.0.0.1, a loopback address"),
        ("localhost", "localhost resolves to 127.0.0.1, a loopback address"),
        ("[::1]", "::1, a loopback address"),
        ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1, a loopback address"),
        ("10.1.2.3", "10.1.2.3, a private or reserved address"),
        ("192.168.1.10", "192.168.1.10, a private or reserved address"),
        ("100.64.0.1", "100.64.0.1, a private or reserved address"),
        ("[fd12::1]", "fd12::1, a private or reserved address"),
        ("169.254.10.1", "169.254.10.1, a link-local address"),
        ("169.254.169.254", "169.254.169.254, a cloud metadata address"),
        ("[fd00:ec2::254]", "fd00:ec2::254, a cloud metadata address"),
        ("168.63.129.16", "168.63.129.16, a cloud metadata address"),
        ("224.0.0.1", "224.0.0.1, a multicast address"),
        ("0.0.0.0", "0.0.0.0, an unspecified address"),
        ("240.0.0.1", "240.0.0.1, a private or reserved address"),
    ],
)
def test_urls_of_private_addresses_are_refused(database: Database, host: str, reason: str) -> None:
    with serving(database, hook_delivery=False, hook_allowed_networks="") as (client, _app):
        api = Api(client, make_business(database))
        url = f"http://{host}:8080/hook"
        message = api.fail("setting/SetChangeHook", 114, url=url, hookPassword="pw")
        assert message == (
            f"Invalid value for url: {url!r}: {reason}; change hooks are sent only to public "
            "addresses (the operator may allow a network with HESABDAR_HOOK_ALLOWED_NETWORKS)."
        )
        assert api.ok("setting/GetChangeHook") == {"Url": None, "Password": None}


def test_metadata_addresses_stay_refused_in_an_allowed_network(database: Database) -> None:
    with serving(database, hook_delivery=False, hook_allowed_networks="169.254.0.0/16") as (
        client,
        _app,
    ):
        api = Api(client, make_business(database))
        api.ok("setting/SetChangeHook", url="http://169.254.10.1/hook")
        message = api.fail("setting/SetChangeHook", 114, url="http://169.254.169.254/latest")
        assert "169.254.169.254, a cloud metadata address" in message
        assert api.ok("setting/GetChangeHook")["Url"] == "http://169.254.10.1/hook"


def test_a_name_that_does_not_resolve_is_refused(api: Api) -> None:
    message = api.fail("setting/SetChangeHook", 114, url="http://hook.invalid/x")
    assert message.startswith(
        "Invalid value for url: 'http://hook.invalid/x': hook.invalid does not resolve"
    )


def test_the_address_is_checked_again_at_delivery(
    api: Api, database: Database, receiver: Receiver
) -> None:
    """A hook registered while its address was allowed (or its name resolved elsewhere) is not
    sent once the address is refused."""
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    api.ok("contact/save", contact={"Name": "A"})
    worker = HookWorker(database, DeliveryPolicy(allowed_networks=()))
    worker.deliver_due()
    worker.stop()
    assert receiver.nothing_more(0.2)
    [delivery] = deliveries(database)
    assert (delivery.status, delivery.attempts, delivery.last_error) == (
        "pending",
        1,
        "refused: 127.0.0.1, a loopback address",
    )


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")
def test_https_goes_to_the_checked_address_and_verifies_the_host_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost"),
        ],
        check=True,
        capture_output=True,
    )
    receiver = Receiver(tls=(cert, key))
    try:
        url = f"https://localhost:{receiver.port}/hook"
        with pytest.raises(sending.SendFailed, match="CERTIFICATE_VERIFY_FAILED"):
            sending.post(url, {"a": 1}, timeout=3, allowed=LOCAL_NETWORKS)
        trusting = ssl.create_default_context(cafile=str(cert))
        monkeypatch.setattr(sending, "_tls", trusting)
        sending.post(url, {"a": 1}, timeout=3, allowed=LOCAL_NETWORKS)
        assert receiver.next() == {"a": 1}
        # The name the certificate is for, not the address connected to.
        with pytest.raises(sending.SendFailed, match="IP address mismatch"):
            sending.post(
                f"https://127.0.0.1:{receiver.port}/hook",
                {"a": 1},
                timeout=3,
                allowed=LOCAL_NETWORKS,
            )
    finally:
        receiver.down()
