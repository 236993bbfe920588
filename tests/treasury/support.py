"""Helpers for setting/* tests whose parameters are named ``code`` (Api.fail's own argument)."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api


def fails(api: Api, path: str, error_code: int, **params: Any) -> str:
    """Like ``Api.fail`` but takes the method's parameters as they are, ``code`` included."""
    body = api.call(path, **params)
    assert body["Success"] is False, body
    assert body["ErrorCode"] == error_code, body
    assert body["Result"] is None
    message: str = body["ErrorMessage"]
    return message
