"""Credentials sent as ``false``, ``null`` or ``""`` are not given.

PHP clients send an option nobody set as ``false``: the official WooCommerce plugin, freshly
installed, sends ``"userId": false, "password": false`` beside its loginToken.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api

UNSET = [False, None, ""]


def post(api: Api, path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = api.client.post(f"/v1/{path}", json=body).json()
    return answer


@pytest.mark.parametrize("unset", UNSET)
def test_unset_user_id_and_password_beside_a_login_token(api: Api, unset: Any) -> None:
    body = {**api.auth(), "userId": unset, "password": unset}
    answer = post(api, "setting/GetFiscalYear", body)
    assert (answer["Success"], answer["ErrorCode"]) == (True, 0), answer
    saved = post(api, "contact/save", body | {"contact": {"Name": "A"}})
    assert (saved["Success"], saved["Result"]["Code"]) == (True, "000001"), saved


@pytest.mark.parametrize("unset", UNSET)
def test_an_unset_login_token_is_a_missing_one(api: Api, unset: Any) -> None:
    key = {"apiKey": api.credentials.api_key}
    missing = post(api, "setting/GetChanges", key)
    assert (missing["ErrorCode"], missing["Result"]) == (106, None)
    for extra in ({}, {"userId": unset, "password": unset}):
        assert post(api, "setting/GetChanges", key | {"loginToken": unset} | extra) == missing


@pytest.mark.parametrize("unset", UNSET)
def test_an_unset_login_token_beside_user_id_and_password(api: Api, unset: Any) -> None:
    body = {
        "apiKey": api.credentials.api_key,
        "loginToken": unset,
        "userId": "owner@example.com",
        "password": "secret-pass",
    }
    answer = post(api, "setting/GetChanges", body)
    assert (answer["Success"], answer["ErrorCode"]) == (True, 0), answer
    wrong = post(api, "setting/GetChanges", body | {"password": "wrong"})
    assert (wrong["Success"], wrong["ErrorCode"]) == (False, 106)


@pytest.mark.parametrize("unset", UNSET)
def test_an_unset_api_key_is_a_missing_one(api: Api, unset: Any) -> None:
    missing = post(api, "setting/GetChanges", {"loginToken": api.credentials.login_token})
    assert (missing["ErrorCode"], missing["ErrorMessage"]) == (113, "apiKey is required.")
    body = {"apiKey": unset, "loginToken": api.credentials.login_token}
    assert post(api, "setting/GetChanges", body) == missing


def test_an_unset_password_does_not_open_the_business(api: Api) -> None:
    with api.unchanged("contact/getcontacts"):
        body = {"apiKey": api.credentials.api_key, "userId": "owner@example.com"}
        answer = post(api, "contact/save", body | {"password": False, "contact": {"Name": "A"}})
        assert (answer["Success"], answer["ErrorCode"], answer["Result"]) == (False, 106, None)


def test_false_is_still_a_value_outside_the_credentials(api: Api) -> None:
    # The rule is the credentials' own: a real boolean parameter keeps ``false``.
    saved = api.ok("item/save", item={"Name": "A", "Active": False})
    assert saved["Active"] is False
    assert api.ok("item/get", code=saved["Code"])["Active"] is False
    listed = api.ok("item/getitems", queryInfo={"SortBy": "Code", "SortDesc": False})
    assert [row["Active"] for row in listed["List"]] == [False]
