"""``/openapi.json`` for every v1 method, and a docs page that works offline (no CDN)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic.json_schema import models_json_schema

from hesabdar import __version__
from hesabdar.v1 import registry
from hesabdar.v1.models import V1Model

router = APIRouter()

_REF = "#/components/schemas/{model}"

ENVELOPE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Every answer is HTTP 200 with this envelope.",
    "properties": {
        "Success": {"type": "boolean"},
        "ErrorCode": {
            "type": "integer",
            "description": "0 success; 100 internal error; 101 too many requests; 103 missing "
            "data; 104 missing parameter; 105 API disabled; 106 authentication failed; "
            "107 business not found; 109 fiscal year not found; 112 object not found; "
            "113 missing apiKey; 114 parameter out of range; 190 business-rule error.",
        },
        "ErrorMessage": {"type": "string"},
        "Result": {"description": "The method's result; null on error."},
    },
    "required": ["Success", "ErrorCode", "ErrorMessage", "Result"],
}


@lru_cache
def openapi_document() -> dict[str, Any]:
    from hesabdar.v1.transport import Credentials

    methods = registry.all_methods()
    # One pass over every model, so that pydantic gives distinct names to same-named models of
    # different domains (contacts' and items' SaveParams).
    models: list[type[V1Model]] = [Credentials, *dict.fromkeys(m.params for m in methods)]
    refs, definitions = models_json_schema(
        [(model, "validation") for model in models], by_alias=True, ref_template=_REF
    )
    components: dict[str, Any] = {"Envelope": ENVELOPE_SCHEMA, **definitions.get("$defs", {})}

    def ref(model: type[V1Model]) -> dict[str, Any]:
        return dict(refs[(model, "validation")])

    paths: dict[str, Any] = {}
    for item in methods:
        paths[item.path] = {
            "post": {
                "operationId": f"{item.group}_{item.name}",
                "tags": [item.group],
                "summary": item.summary,
                "description": (
                    f"{item.summary}\n\nGroup and method names are case-insensitive, and so are "
                    "JSON keys at every depth. Numbers and booleans may be sent as strings."
                    + (" A write: `requestUniqueId` makes it idempotent." if item.write else "")
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"allOf": [ref(Credentials), ref(item.params)]}
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "The envelope",
                        "content": {
                            "application/json": {"schema": {"$ref": _REF.format(model="Envelope")}}
                        },
                    }
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "hesabdar — Hesabfa API v1",
            "version": __version__,
            "description": "Every method is POST /v1/{group}/{method} with a flat JSON body "
            "holding apiKey, then loginToken (or userId and password), then the parameters.",
        },
        "paths": paths,
        "components": {"schemas": components},
    }


_templates = Environment(
    loader=PackageLoader("hesabdar.v1", "templates"), autoescape=select_autoescape(["html"])
)


@router.get("/openapi.json", include_in_schema=False)
def openapi_json() -> JSONResponse:
    return JSONResponse(openapi_document())


@router.get("/docs", include_in_schema=False)
def docs_page(request: Request) -> HTMLResponse:
    document = openapi_document()
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, item in document["paths"].items():
        operation = item["post"]
        params_ref = operation["requestBody"]["content"]["application/json"]["schema"]["allOf"][1]
        model_name = params_ref["$ref"].rsplit("/", 1)[-1]
        groups.setdefault(operation["tags"][0], []).append(
            {
                "path": path,
                "summary": operation["summary"],
                "schema": document["components"]["schemas"][model_name],
            }
        )
    html = _templates.get_template("docs.html").render(
        version=__version__,
        groups=groups,
        components=document["components"]["schemas"],
        base_url=str(request.base_url).rstrip("/"),
    )
    return HTMLResponse(html)
