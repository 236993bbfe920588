"""What the transport guarantees whatever the method: no traces, no partial data, limits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from hesabdar.app import create_app
from hesabdar.changes import service as changes
from hesabdar.changes.models import Change
from hesabdar.changes.service import LogAction
from hesabdar.config import Settings
from hesabdar.contacts.service import OWNER_CODE
from hesabdar.db import Database
from hesabdar.tenancy.models import Business
from hesabdar.uow.context import RequestContext
from hesabdar.v1 import registry
from tests.conftest import Api, make_business


@pytest.fixture
def exploding_method() -> Iterator[None]:
    """GetChanges swapped for a handler that writes, then fails unexpectedly."""
    key = ("setting", "getchanges")
    original = registry.find("setting", "GetChanges")
    assert original is not None

    def explode(ctx: RequestContext, _params: Any) -> Any:
        changes.record(
            ctx.session, ctx.business_id, LogAction.CONTACT_SAVE, "Contact", 1, extra="x"
        )
        ctx.session.flush()
        raise RuntimeError("secret internal detail")

    registry._METHODS[key] = registry.V1Method(
        group="setting",
        name="GetChanges",
        params=original.params,
        handler=explode,
        write=True,
        summary="",
    )
    yield
    registry._METHODS[key] = original


def test_unexpected_exception_is_error_100_without_trace_and_rolls_back(
    api: Api, database: Database, exploding_method: None
) -> None:
    body = api.call("setting/GetChanges")
    assert body == {
        "Success": False,
        "ErrorCode": 100,
        "ErrorMessage": "Internal server error. The request changed nothing.",
        "Result": None,
    }
    with database.transaction(write=False) as session:
        assert session.scalar(select(func.count()).select_from(Change)) == 0


def test_api_disabled_is_105(api: Api, database: Database) -> None:
    with database.transaction() as session:
        business = session.get(Business, api.credentials.business_id)
        assert business is not None
        business.is_api_enabled = False
    message = api.fail("setting/GetChanges", 105)
    assert message == "The API is disabled for this business."


def test_rate_limit_is_101_per_api_key(database: Database) -> None:
    app = create_app(Settings(database_url=database.url, rate_limit_per_minute=3), database)
    first = make_business(database)
    second = make_business(database, name="Second", email="second@example.com")
    with TestClient(app) as client:
        one, two = Api(client, first), Api(client, second)
        for _ in range(3):
            one.ok("setting/GetChanges")
        message = one.fail("setting/GetChanges", 101)
        assert message == "Too many requests for this apiKey; try again in a minute."
        two.ok("setting/GetChanges")  # another apiKey has its own budget


def test_oversized_body_is_refused_before_parsing(database: Database) -> None:
    app = create_app(
        Settings(database_url=database.url, rate_limit_per_minute=0, max_body_bytes=1000), database
    )
    credentials = make_business(database)
    with TestClient(app) as client:
        api = Api(client, credentials)
        message = api.fail("contact/batchsave", 114, contacts=[{"Name": "x" * 50}] * 40)
        assert message == "The request body is larger than 1000 bytes."
        listed = api.ok("contact/getcontacts")
        assert (listed["TotalCount"], [row["Code"] for row in listed["List"]]) == (1, [OWNER_CODE])
