"""An API caller that keeps amounts exact both ways.

``Api.ok`` parses answers with ``response.json()``, which turns ``999999999999999.9999`` into a
float and loses the last digits. Ledger checks compare sums to the last decimal place, so this
caller parses numbers as ``Decimal`` and sends ``Decimal`` amounts as strings (a JSON number
would reach the server through a float as well).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from tests.conftest import Api


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(f"cannot send {type(value).__name__}")


def normalize_path(path: str) -> str:
    """Account paths compare with one space either side of each ``:``."""
    return " : ".join(part.strip() for part in path.split(":"))


class ExactApi:
    def __init__(self, api: Api) -> None:
        self.api = api

    def call(self, path: str, **params: Any) -> dict[str, Any]:
        body = json.dumps({**self.api.auth(), **params}, default=_encode)
        response = self.api.client.post(
            f"/v1/{path}", content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 200, response.text
        envelope: dict[str, Any] = json.loads(response.text, parse_float=Decimal)
        return envelope

    def ok(self, path: str, **params: Any) -> Any:
        envelope = self.call(path, **params)
        assert envelope["Success"] is True, envelope
        assert envelope["ErrorCode"] == 0
        return envelope["Result"]

    def fail(self, path: str, codes: int | set[int], **params: Any) -> dict[str, Any]:
        envelope = self.call(path, **params)
        assert envelope["Success"] is False, envelope
        expected = {codes} if isinstance(codes, int) else codes
        assert envelope["ErrorCode"] in expected, envelope
        assert envelope["Result"] is None
        return envelope
