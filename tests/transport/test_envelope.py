"""The v1 transport: envelope, error codes, case and string tolerance, authentication."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import Api


def test_empty_body_is_missing_data(api: Api) -> None:
    response = api.client.post("/v1/setting/GetChanges", content=b"")
    assert response.status_code == 200
    assert response.json() == {
        "Success": False,
        "ErrorCode": 103,
        "ErrorMessage": "The request body must be a JSON object with the parameters.",
        "Result": None,
    }


def test_unparseable_body_is_missing_data(api: Api) -> None:
    response = api.client.post("/v1/setting/GetChanges", content=b"{not json")
    assert response.json()["ErrorCode"] == 103


def test_get_is_answered_in_the_envelope(api: Api) -> None:
    response = api.client.get("/v1/setting/GetChanges")
    assert response.status_code == 200
    assert response.json()["ErrorCode"] == 103


def test_missing_api_key(app_client: TestClient) -> None:
    body = app_client.post("/v1/setting/GetChanges", json={"loginToken": "x"}).json()
    assert (body["Success"], body["ErrorCode"], body["ErrorMessage"]) == (
        False,
        113,
        "apiKey is required.",
    )


def test_unknown_api_key(app_client: TestClient) -> None:
    body = app_client.post(
        "/v1/setting/GetChanges", json={"apiKey": "nope", "loginToken": "x"}
    ).json()
    assert (body["ErrorCode"], body["ErrorMessage"]) == (107, "No business has this apiKey.")


def test_wrong_login_token(api: Api) -> None:
    body = api.client.post(
        "/v1/setting/GetChanges", json={"apiKey": api.credentials.api_key, "loginToken": "wrong"}
    ).json()
    assert (body["ErrorCode"], body["ErrorMessage"], body["Result"]) == (
        106,
        "Authentication failed: loginToken is not valid.",
        None,
    )


def test_user_id_and_password(api: Api) -> None:
    good = api.client.post(
        "/v1/setting/GetChanges",
        json={
            "apiKey": api.credentials.api_key,
            "userId": "OWNER@example.com",
            "password": "secret-pass",
        },
    ).json()
    assert good["Success"] is True
    bad = api.client.post(
        "/v1/setting/GetChanges",
        json={
            "apiKey": api.credentials.api_key,
            "userId": "owner@example.com",
            "password": "wrong",
        },
    ).json()
    assert (bad["ErrorCode"], bad["ErrorMessage"]) == (
        106,
        "Authentication failed: userId or password is wrong.",
    )


def test_no_credentials_beyond_api_key(api: Api) -> None:
    body = api.client.post(
        "/v1/setting/GetChanges", json={"apiKey": api.credentials.api_key}
    ).json()
    assert body["ErrorCode"] == 106


def test_unknown_method_is_a_clear_error(api: Api) -> None:
    body = api.call("contact/frobnicate")
    assert (body["Success"], body["ErrorCode"], body["ErrorMessage"]) == (
        False,
        112,
        "Unknown API method: contact/frobnicate.",
    )


def test_method_names_and_keys_are_case_insensitive(api: Api) -> None:
    response = api.client.post(
        "/v1/SETTING/getchanges",
        json={
            "APIKEY": api.credentials.api_key,
            "logintoken": api.credentials.login_token,
            "START": "0",
        },
    )
    body = response.json()
    assert body == {"Success": True, "ErrorCode": 0, "ErrorMessage": "", "Result": [], "LastId": 0}


def test_out_of_range_parameter_names_the_field(api: Api) -> None:
    message = api.fail("setting/GetChanges", 114, start="abc")
    assert message.startswith("Invalid value for start:")


def test_paths_that_are_not_group_and_method_answer_in_the_envelope(api: Api) -> None:
    for path in ("/v1/contact", "/v1/contact/get/extra", "/v1/"):
        body = api.client.post(path, json=api.auth()).json()
        assert (body["Success"], body["ErrorCode"], body["Result"]) == (False, 112, None)
        assert body["ErrorMessage"].startswith("Unknown API method: ")
