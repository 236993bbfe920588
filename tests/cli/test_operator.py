"""What an operator meets first: --version, the business list, a clear word when the database
is missing, and one access-log line per request without credentials."""

from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from hesabdar import __version__
from hesabdar.cli import app as cli
from tests.conftest import Api

runner = CliRunner()
LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


def test_version() -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"hesabdar {__version__}"


def test_business_list_names_owner_and_api_switch(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'list.db'}"
    for name, email in (("Shop one", "one@example.com"), ("Shop two", "two@example.com")):
        created = runner.invoke(
            cli,
            [
                *("business", "create", "--name", name, "--email", email),
                *("--password", "pw-123456", "--database", url),
            ],
        )
        assert created.exit_code == 0, created.output
    assert (
        runner.invoke(cli, ["business", "api", "2", "--disable", "--database", url]).exit_code == 0
    )
    result = runner.invoke(cli, ["business", "list", "--database", url])
    assert result.exit_code == 0, result.output
    rows = [
        [cell.strip() for cell in line.strip("│┃ ").split("│")]
        for line in result.stdout.splitlines()
        if line.startswith("│")
    ]
    assert rows == [
        ["1", "Shop one", "one@example.com", "on"],
        ["2", "Shop two", "two@example.com", "off"],
    ]


def test_a_missing_postgresql_database_gets_one_clear_paragraph() -> None:
    admin = create_engine(
        make_url(LOCAL_POSTGRES).set(drivername="postgresql+psycopg"),
        connect_args={"connect_timeout": 2},
    )
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError:
        pytest.skip("no PostgreSQL answers on 127.0.0.1:5432")
    finally:
        admin.dispose()
    name = f"hesabdar_missing_{uuid.uuid4().hex[:8]}"
    url = f"postgresql://postgres:secret@127.0.0.1:5432/{name}"
    result = runner.invoke(cli, ["migrate", "--database", url])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert f"The database '{name}' does not exist" in said
    assert f"createdb -h 127.0.0.1 -p 5432 -U postgres {name}" in said
    assert "secret" not in said
    assert "Traceback" not in result.output
    assert len(result.output.splitlines()) <= 6


def test_an_unopenable_sqlite_file_is_named(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'folder.db'}"
    result = runner.invoke(cli, ["migrate", "--database", url])
    assert result.exit_code == 1
    assert "Cannot open the SQLite database" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_one_access_line_per_request_without_credentials(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="hesabdar.access"):
        api.ok("contact/getcontacts")
        api.fail("contact/get", 112, code="999")
        api.client.get("/health")
    lines = [record.getMessage() for record in caplog.records if record.name == "hesabdar.access"]
    assert len(lines) == 3
    pattern = r"POST /v1/contact/getcontacts 200 ErrorCode=0 \d+\.\dms"
    assert re.fullmatch(pattern, lines[0]), lines[0]
    assert re.fullmatch(r"POST /v1/contact/get 200 ErrorCode=112 \d+\.\dms", lines[1]), lines[1]
    assert re.fullmatch(r"GET /health 200 ErrorCode=- \d+\.\dms", lines[2]), lines[2]
    credentials = api.auth()
    for line in lines:
        assert credentials["apiKey"] not in line
        assert credentials["loginToken"] not in line
