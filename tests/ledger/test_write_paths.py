"""Both write paths of the ledger in every run: SQLite's (ORM inserts, exact sums in Python)
and PostgreSQL's (one statement for a new document; CHECK constraints and the deferred trigger).

The rest of the suite runs on the database the run was given (SQLite unless
``HESABDAR_TEST_DATABASE_URL`` names PostgreSQL). These tests run on both whenever they can: on
a SQLite run they also use a throwaway database on the local PostgreSQL
(``HESABDAR_TEST_POSTGRES_URL``, default ``postgresql://postgres@127.0.0.1:5432/postgres``) when
it answers, so a developer's ``make test`` exercises production's path too; they skip that half
only when no PostgreSQL is reachable.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from hesabdar.app import create_app
from hesabdar.config import Settings
from hesabdar.db import Database
from hesabdar.kit.integrity import refused
from hesabdar.ledger import posting
from hesabdar.ledger.models import Document
from hesabdar.ledger.posting import SourceRef
from hesabdar.models import Base
from hesabdar.tenancy import service as tenancy
from tests.conftest import IS_POSTGRES, Api
from tests.ledger.helpers import make_masters, simple
from tests.ledger.posting_helpers import SALE, books_of, post_sale

LOCAL_POSTGRES = os.environ.get(
    "HESABDAR_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(scope="module")
def other_postgres() -> Iterator[Database]:
    """A throwaway PostgreSQL database on the local server, for runs given SQLite."""
    admin_url = make_url(LOCAL_POSTGRES).set(drivername="postgresql+psycopg")
    admin = create_engine(
        admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 2}
    )
    name = f"hesabdar_paths_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        admin.dispose()
        pytest.skip(f"no PostgreSQL answers at {LOCAL_POSTGRES}; CI runs its write path")
    database = Database(admin_url.set(database=name).render_as_string(hide_password=False))
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def path_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    given = "postgresql" if IS_POSTGRES else "sqlite"
    if request.param == given:
        yield request.getfixturevalue("database")
        return
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'paths.db'}")
        Base.metadata.create_all(database.engine)
        yield database
        database.dispose()
        return
    database = request.getfixturevalue("other_postgres")
    yield database
    names = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def path_api(path_database: Database) -> Iterator[Api]:
    settings = Settings(database_url=path_database.url, rate_limit_per_minute=0)
    with path_database.transaction() as session:
        credentials = tenancy.create_business(
            session,
            name="Paths",
            email="paths@example.com",
            password="secret-pass",
            fiscal_year_start=date(2022, 3, 21),
        )
    with TestClient(create_app(settings, path_database)) as client:
        yield Api(client, credentials)


def _trial_balance_from_lines(api: Api) -> dict[str, tuple[Decimal, Decimal]]:
    sums: dict[str, tuple[Decimal, Decimal]] = {}
    listing = api.ok("document/getdocuments", queryInfo={"take": 1000})
    for row in listing["List"]:
        document = api.ok("document/get", number=row["Number"])
        if document["Status"] != 1:
            continue
        for line in document["Transactions"]:
            debit, credit = sums.get(line["AccountPath"], (Decimal(0), Decimal(0)))
            amount = Decimal(str(line["Amount"]))
            if line["Type"] == 0:
                debit += amount
            else:
                credit += amount
            sums[line["AccountPath"]] = (debit, credit)
    return sums


def _trial_balance(api: Api) -> dict[str, tuple[Decimal, Decimal]]:
    return {
        row["Account"]["Path"]: (Decimal(str(row["Debit"])), Decimal(str(row["Credit"])))
        for row in api.ok("report/trialbalance")
        if row["Debit"] or row["Credit"]
    }


def test_documents_number_edit_delete_and_post_alike(
    path_api: Api, path_database: Database
) -> None:
    make_masters(path_api)
    numbers = [
        path_api.ok("document/save", document=simple(path_api, amount=amount))["Number"]
        for amount in ("10", "20.5", "30.0001")
    ]
    assert numbers == [1, 2, 3]
    chosen = path_api.ok("document/save", document=simple(path_api, number=10, amount="4"))
    assert chosen["Number"] == 10
    edited = path_api.ok("document/save", document=simple(path_api, number=2, amount="7"))
    assert (edited["Number"], edited["Debit"]) == (2, Decimal("7.0000"))
    assert path_api.ok("document/delete", number=1) is True
    draft = path_api.ok("document/save", document=simple(path_api, amount="99", status=0))
    assert draft["Number"] == 4
    assert post_sale(path_database, path_api, 1, "12") == 5
    assert post_sale(path_database, path_api, 1, "13", day=date(2022, 5, 2)) == 5
    assert path_api.ok("document/get", number=5)["Debit"] == Decimal("13.0000")
    assert _trial_balance(path_api) == _trial_balance_from_lines(path_api)
    with books_of(path_database, path_api) as (session, business):
        assert posting.unpost(session, business, SourceRef(SALE, 1)) is True
    assert _trial_balance(path_api) == _trial_balance_from_lines(path_api)


def test_the_database_refuses_an_unbalanced_approved_header(
    path_api: Api, path_database: Database
) -> None:
    make_masters(path_api)
    saved = path_api.ok("document/save", document=simple(path_api, amount="5"))
    with pytest.raises(IntegrityError) as raised, path_database.transaction() as session:
        session.execute(
            update(Document).where(Document.id == saved["Id"]).values(credit=Decimal(6))
        )
    assert refused(raised.value).message.endswith("(ck_document_approved_balanced).")
