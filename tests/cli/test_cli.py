"""The command line: business create prints working credentials; the API switch."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from hesabdar.app import create_app
from hesabdar.cli import app as cli
from hesabdar.config import Settings
from hesabdar.db import Database
from hesabdar.tenancy.service import BusinessCredentials
from tests.conftest import Api

runner = CliRunner()


def test_business_create_prints_credentials_that_work(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(
        cli,
        [
            "business",
            "create",
            "--name",
            "Shop",
            "--email",
            "Me@Example.com",
            "--password",
            "pw-123456",
            "--database",
            url,
        ],
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(printed) == {"businessId", "apiKey", "loginToken", "userId"}
    assert (printed["businessId"], printed["userId"]) == (1, "me@example.com")
    # token_urlsafe(32): 43 characters, 256 bits
    assert (len(printed["apiKey"]), len(printed["loginToken"])) == (43, 43)

    database = Database(url)
    credentials = BusinessCredentials(
        1, printed["apiKey"], printed["loginToken"], printed["userId"]
    )
    with TestClient(
        create_app(Settings(database_url=url, rate_limit_per_minute=0), database)
    ) as client:
        api = Api(client, credentials)
        assert api.call("setting/GetChanges")["Success"] is True

        disabled = runner.invoke(cli, ["business", "api", "1", "--disable", "--database", url])
        assert disabled.exit_code == 0, disabled.output
        assert api.fail("setting/GetChanges", 105) == "The API is disabled for this business."

        enabled = runner.invoke(cli, ["business", "api", "1", "--enable", "--database", url])
        assert enabled.exit_code == 0
        assert api.call("setting/GetChanges")["Success"] is True

        rotated = runner.invoke(cli, ["business", "rotate-credentials", "1", "--database", url])
        assert rotated.exit_code == 0
        assert api.fail("setting/GetChanges", 107) == "No business has this apiKey."
        fresh = json.loads(rotated.stdout.strip().splitlines()[-1])
        api.credentials = BusinessCredentials(
            1, fresh["apiKey"], fresh["loginToken"], fresh["userId"]
        )
        assert api.call("setting/GetChanges")["Success"] is True
    database.dispose()


def test_second_business_for_same_owner_needs_the_same_password(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    base = ["business", "create", "--email", "me@example.com", "--database", url]
    assert runner.invoke(cli, [*base, "--name", "A", "--password", "pw-1"]).exit_code == 0
    again = runner.invoke(cli, [*base, "--name", "B", "--password", "pw-1"])
    assert again.exit_code == 0
    assert json.loads(again.stdout.strip().splitlines()[-1])["businessId"] == 2
    wrong = runner.invoke(cli, [*base, "--name", "C", "--password", "other"])
    assert wrong.exit_code == 1
    assert "already exists" in wrong.output
