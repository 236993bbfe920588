"""/openapi.json describes every v1 method; /docs works offline."""

from __future__ import annotations

from fastapi.testclient import TestClient

from hesabdar.v1 import registry


def test_openapi_lists_every_method_with_its_body(app_client: TestClient) -> None:
    document = app_client.get("/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    expected = {m.path for m in registry.all_methods()}
    assert set(document["paths"]) == expected
    get_changes = document["paths"]["/v1/setting/GetChanges"]["post"]
    schema = get_changes["requestBody"]["content"]["application/json"]["schema"]
    assert schema["allOf"][0] == {"$ref": "#/components/schemas/Credentials"}
    assert document["components"]["schemas"]["Credentials"]["properties"]["apiKey"]["anyOf"][0] == {
        "type": "string"
    }


def test_docs_page_has_no_external_assets(app_client: TestClient) -> None:
    response = app_client.get("/docs")
    assert response.status_code == 200
    html = response.text
    assert "/v1/setting/GetChanges" in html
    assert "<script" not in html
    assert "cdn" not in html.lower()
    assert 'href="http' not in html


def test_each_method_body_names_its_own_parameters(app_client: TestClient) -> None:
    document = app_client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]

    def params_of(path: str) -> list[str]:
        body = document["paths"][path]["post"]["requestBody"]["content"]["application/json"]
        name = body["schema"]["allOf"][1]["$ref"].rsplit("/", 1)[-1]
        return sorted(schemas[name].get("properties", {}))

    assert params_of("/v1/contact/save") == ["contact"]
    assert params_of("/v1/item/save") == ["item"]
    assert params_of("/v1/contact/batchsave") == ["contacts"]
    assert params_of("/v1/item/batchsave") == ["items"]
    assert params_of("/v1/document/save") == ["document"]
    assert params_of("/v1/setting/GetAccounts") == []
    for method in registry.all_methods():
        expected = sorted(field.alias or name for name, field in method.params.model_fields.items())
        assert params_of(method.path) == expected, method.path
