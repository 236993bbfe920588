"""An API caller that keeps amounts exact both ways, and accepts one of several refusal codes.

``Api.call`` already parses numbers as ``Decimal`` and sends ``Decimal`` amounts as strings (a
JSON number would reach the server through a float); this wraps it for the state machine.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import Api


def normalize_path(path: str) -> str:
    """Account paths compare with one space either side of each ``:``."""
    return " : ".join(part.strip() for part in path.split(":"))


class ExactApi:
    def __init__(self, api: Api) -> None:
        self.api = api

    def call(self, path: str, **params: Any) -> dict[str, Any]:
        return self.api.call(path, **params)

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
