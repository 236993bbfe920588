"""JSON in and out, as Hesabfa clients expect it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
from pydantic import ValidationError
from pydantic.alias_generators import to_camel

from hesabdar.kit.errors import HesabdarError, Location, MissingParameter, ParameterOutOfRange
from hesabdar.kit.listing import Page

# Domain field names that v1 spells otherwise than their camelCase (a line's side is its type).
_V1_NAMES = {"side": "type"}


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Exact digits, written as a JSON number (never through float).
        return orjson.Fragment(format(value, "f").encode())
    if isinstance(value, datetime):
        return value.replace(microsecond=0, tzinfo=None).isoformat()
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00"
    raise TypeError(f"cannot render {type(value).__name__} as JSON")


def dumps(payload: Any) -> bytes:
    return orjson.dumps(payload, default=_default, option=orjson.OPT_PASSTHROUGH_DATETIME)


def envelope(
    result: Any = None, *, error: HesabdarError | None = None, **extra: Any
) -> dict[str, Any]:
    if error is not None:
        return {
            "Success": False,
            "ErrorCode": int(error.error_code),
            "ErrorMessage": error.describe(v1_location(error.location)),
            "Result": None,
        }
    return {"Success": True, "ErrorCode": 0, "ErrorMessage": "", "Result": result, **extra}


def page_result(page: Page, render: Callable[[Any], Any]) -> dict[str, Any]:
    """A listing's page in Hesabfa's shape; ``render`` turns one row into its v1 object."""
    return {
        "TotalCount": page.total_count,
        "FilteredCount": page.filtered_count,
        "From": page.first,
        "To": page.last,
        "List": [render(row) for row in page.rows],
    }


def v1_location(where: Location | None) -> str | None:
    """A domain location in v1's spelling: ``document.transactions[2].contactCode``."""
    if where is None:
        return None
    text = ""
    for part in where.parts:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        name = _V1_NAMES.get(part) or to_camel(part)
        text += f".{name}" if text else name
    return text


def location(loc: tuple[int | str, ...]) -> str:
    """``('contacts', 2, 'Name')`` → ``contacts[2].Name``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not text:
            text = part
        elif part.startswith(("function-", "list[", "dict[", "union[")):
            continue
        else:
            text += f".{part}"
    return text or "body"


def validation_error(exc: ValidationError) -> HesabdarError:
    """The first problem of a request body, naming the field and the row."""
    first = exc.errors(include_url=False)[0]
    where = location(tuple(first["loc"]))
    if first["type"] == "missing":
        return MissingParameter(where)
    message = str(first["msg"]).removeprefix("Value error, ")
    given = first.get("input")
    shown = f" (got {given!r})" if isinstance(given, str | int | float | bool) else ""
    return ParameterOutOfRange(f"Invalid value for {where}: {message}{shown}.")
