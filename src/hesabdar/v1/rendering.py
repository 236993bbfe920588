"""JSON in and out, as Hesabfa clients expect it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from hesabdar.kit.errors import HesabdarError, MissingParameter, ParameterOutOfRange
from hesabdar.kit.listing import Page
from hesabdar.v1.naming import V1Naming


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
    result: Any = None,
    *,
    error: HesabdarError | None = None,
    request_model: type[BaseModel] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """``request_model``: the called method's parameters, whose names an error's location takes."""
    if error is not None:
        return {
            "Success": False,
            "ErrorCode": int(error.error_code),
            "ErrorMessage": error.describe_named(V1Naming(request_model)),
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


# How much of a refused text an error message repeats.
_SHOWN_TEXT = 40


def validation_error(exc: ValidationError) -> HesabdarError:
    """The first problem of a request body, naming the field and the row."""
    first = exc.errors(include_url=False)[0]
    where = location(tuple(first["loc"]))
    if first["type"] == "missing":
        return MissingParameter(where)
    message = str(first["msg"]).removeprefix("Value error, ")
    given = first.get("input")
    if isinstance(given, str) and len(given) > _SHOWN_TEXT:
        # A megabyte sent in a name is not echoed back: its start is enough to find it.
        given = given[:_SHOWN_TEXT] + "…"
    shown = f" (got {given!r})" if isinstance(given, str | int | float | bool) else ""
    return ParameterOutOfRange(f"Invalid value for {where}: {message}{shown}.")
