"""``hesabdar hooks list``: a business's latest deliveries, and its failures."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from hesabdar.changes.delivery import DeliveryPolicy, HookWorker
from hesabdar.cli import app as cli
from hesabdar.db import Database
from hesabdar.kit.models import utcnow
from tests.changes.conftest import LOCAL_NETWORKS, Receiver
from tests.conftest import Api, make_business

runner = CliRunner(env={"COLUMNS": "240"})


def _rows(output: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip()[1:-1].split("│")]
        for line in output.splitlines()
        if line.startswith("│")
    ]


def test_hooks_list_shows_sent_pending_and_failed_deliveries(
    manual: tuple[TestClient, HookWorker], database: Database, receiver: Receiver
) -> None:
    client, worker = manual
    owner = make_business(database)
    api = Api(client, owner)
    api.ok("setting/SetChangeHook", url=receiver.url, hookPassword="pw")
    first = api.ok("contact/save", contact={"Name": "A"})["Id"]
    worker.deliver_due()
    receiver.down()
    second = api.ok("contact/save", contact={"Name": "B"})["Id"]
    once = HookWorker(database, DeliveryPolicy(allowed_networks=LOCAL_NETWORKS, max_attempts=1))
    once.deliver_due()
    once.stop()
    third = api.ok("contact/save", contact={"Name": "C"})["Id"]

    business = str(owner.business_id)
    listed = runner.invoke(
        cli, ["hooks", "list", "--business", business, "--database", database.url]
    )
    assert listed.exit_code == 0, listed.output
    rows = _rows(listed.stdout)
    assert [row[2:7] for row in rows] == [
        ["pending", "0", "31", "Contact", str(third)],
        ["failed", "1", "31", "Contact", str(second)],
        ["sent", "1", "31", "Contact", str(first)],
    ]
    assert rows[1][8].startswith("cannot connect: 127.0.0.1:")
    assert rows[2][8] == ""
    today = f"{utcnow():%Y-%m-%d}"
    assert rows[2][7].startswith(today)

    failed = runner.invoke(
        cli, ["hooks", "list", "--business", business, "--failed", "--database", database.url]
    )
    assert [row[2] for row in _rows(failed.stdout)] == ["failed"]
    latest = runner.invoke(
        cli, ["hooks", "list", "--business", business, "--limit", "1", "--database", database.url]
    )
    assert [row[2] for row in _rows(latest.stdout)] == ["pending"]
    other = runner.invoke(cli, ["hooks", "list", "--business", "999", "--database", database.url])
    assert other.exit_code == 0
    assert _rows(other.stdout) == []
