"""Failed authentications are limited apart from the owner's budget, in bounded memory."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from hesabdar.app import create_app
from hesabdar.config import Settings
from hesabdar.contacts.service import OWNER_CODE
from hesabdar.db import Database
from hesabdar.kit.errors import AuthenticationFailed
from hesabdar.tenancy import security
from hesabdar.tenancy import service as tenancy
from hesabdar.v1.ratelimit import RateLimiter
from tests.conftest import Api, make_business

WRONG = {"loginToken": "wrong-token"}


def _client(database: Database, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(database_url=database.url, **settings), database))


def test_owner_is_served_after_700_wrong_tokens_with_its_api_key(database: Database) -> None:
    credentials = make_business(database)
    # 600 a minute, as the default: before, the 700 failures spent the owner's budget.
    with _client(database, rate_limit_per_minute=600, auth_failures_per_minute=30) as client:
        api = Api(client, credentials)
        codes = [api.call("setting/GetChanges", **WRONG)["ErrorCode"] for _ in range(700)]
        assert codes[:30] == [106] * 30
        assert codes[30:] == [101] * 670  # past the failure limit
        assert api.ok("setting/GetChanges") == []
        message = api.fail("setting/GetChanges", 101, **WRONG)
        assert message == "Too many failed attempts; try again in a minute."


def test_failures_do_not_count_toward_the_per_key_limit(database: Database) -> None:
    credentials = make_business(database)
    with _client(database, rate_limit_per_minute=3, auth_failures_per_minute=0) as client:
        api = Api(client, credentials)
        for _ in range(20):
            api.fail("setting/GetChanges", 106, **WRONG)
        for _ in range(3):
            api.ok("setting/GetChanges")
        message = api.fail("setting/GetChanges", 101)
        assert message == "Too many requests for this apiKey; try again in a minute."


def test_failures_by_one_address_are_limited_across_api_keys(database: Database) -> None:
    credentials = make_business(database)
    with _client(database, rate_limit_per_minute=0, auth_failures_per_minute=5) as client:
        api = Api(client, credentials)
        for number in range(5):
            api.fail("setting/GetChanges", 107, apiKey=f"guess-{number}")
        api.fail("setting/GetChanges", 101, apiKey="guess-5")
        assert api.ok("setting/GetChanges") == []


def test_long_api_keys_answer_as_a_wrong_key_and_keep_the_limiter_bounded(
    database: Database,
) -> None:
    credentials = make_business(database)
    with _client(database, rate_limit_per_minute=600, auth_failures_per_minute=0) as client:
        limiter = RateLimiter(600, failures_per_minute=1000, max_entries=50)
        client.app.state.rate_limiter = limiter  # type: ignore[attr-defined]
        api = Api(client, credentials)
        for number in range(40):
            key = f"{number:04d}" + "k" * (1024 * 1024)
            message = api.fail("setting/GetChanges", 107, apiKey=key)
            assert message == "No business has this apiKey."
        assert limiter.size == 1  # the address only: a long key is never stored
        for number in range(300):
            api.fail("setting/GetChanges", 107, apiKey=f"short-wrong-key-{number}")
        assert limiter.size <= 3 * 50
        assert api.ok("setting/GetChanges") == []
        message = api.fail("setting/GetChanges", 106, loginToken="t" * 201)
        assert message == "Authentication failed: credentials are not valid."


def test_wrong_passwords_reach_101_and_the_login_token_still_works(database: Database) -> None:
    credentials = make_business(database)
    settings = {"rate_limit_per_minute": 0, "password_failures_per_minute": 3}
    with _client(database, auth_failures_per_minute=100, **settings) as client:
        api = Api(client, credentials)
        login = {"loginToken": None, "userId": credentials.user_id}
        assert api.ok("setting/GetChanges", **login, password="secret-pass") == []
        for _ in range(3):
            api.fail("setting/GetChanges", 106, **login, password="wrong")
        # Now refused before verifying, even the right password, for a minute.
        api.fail("setting/GetChanges", 101, **login, password="wrong")
        api.fail("setting/GetChanges", 101, **login, password="secret-pass")
        assert api.ok("setting/GetChanges") == []
        # Another userId has its own count.
        api.fail("setting/GetChanges", 106, loginToken=None, userId="x@y.z", password="wrong")


class _CountingHasher(PasswordHasher):
    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.verified += 1
        return super().verify(hash, password)


@pytest.fixture
def counting_hasher() -> Iterator[_CountingHasher]:
    hasher = _CountingHasher()
    previous = security.use_password_hasher(hasher)
    yield hasher
    security.use_password_hasher(previous)


@pytest.mark.parametrize("user_id", ["owner@example.com", "nobody@example.com"])
def test_a_login_verifies_one_password_whether_the_user_exists_or_not(
    database: Database, counting_hasher: _CountingHasher, user_id: str
) -> None:
    credentials = make_business(database)
    counting_hasher.verified = 0
    with database.transaction() as session, pytest.raises(AuthenticationFailed):
        tenancy.authenticate(
            session,
            api_key=credentials.api_key,
            login_token=None,
            user_id=user_id,
            password="wrong",
        )
    assert counting_hasher.verified == 1


def test_a_body_sent_too_slowly_is_refused_with_114(database: Database) -> None:
    settings = Settings(
        database_url=database.url, rate_limit_per_minute=0, body_read_timeout_seconds=0.2
    )
    app = create_app(settings, database)
    credentials = make_business(database)
    first = json.dumps({"apiKey": credentials.api_key, "loginToken": credentials.login_token})
    sent: list[dict[str, Any]] = []
    calls = 0

    async def receive() -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls == 1:  # the start of the body, then nothing for ten seconds
            return {"type": "http.request", "body": first[:-1].encode(), "more_body": True}
        await asyncio.sleep(10)
        return {"type": "http.request", "body": b"}", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/contact/save",
        "raw_path": b"/v1/contact/save",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json")],
        "client": ("203.0.113.9", 5000),
        "server": ("testserver", 80),
    }
    started = time.monotonic()
    asyncio.run(app(scope, receive, send))
    assert time.monotonic() - started < 5
    body = json.loads(
        b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    )
    assert body["ErrorCode"] == 114
    assert body["ErrorMessage"] == "The request body was not received within 0.2 seconds."
    with TestClient(app) as client:
        listed = Api(client, credentials).ok("contact/getcontacts")
    assert (listed["TotalCount"], [row["Code"] for row in listed["List"]]) == (1, [OWNER_CODE])
