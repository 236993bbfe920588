"""``POST /v1/{group}/{method}``: read, parse and validate the body, call the method in a unit of
work, answer in the envelope.

Every answer is HTTP 200 with Hesabfa's envelope ``{Success, ErrorCode, ErrorMessage, Result}``.
This module only translates: v1's names and shapes in, the envelope out. The session, the caller,
``requestUniqueId``, commit, rollback and what runs after the commit belong to the unit of work
(:mod:`hesabdar.uow.unit`), which every facade uses the same way.
"""

from __future__ import annotations

import asyncio
import json
import logging
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from hesabdar.config import Settings
from hesabdar.db import Database
from hesabdar.idempotency.models import AppliedRequest
from hesabdar.kit.errors import (
    AuthenticationFailed,
    BusinessNotFound,
    HesabdarError,
    InternalError,
    MissingApiKey,
    MissingData,
    ParameterOutOfRange,
    TooManyRequests,
    UnknownMethod,
)
from hesabdar.kit.numbers import Int64
from hesabdar.uow import unit as uow
from hesabdar.uow.context import RequestContext
from hesabdar.v1 import registry
from hesabdar.v1.models import V1Credential, V1Params
from hesabdar.v1.ratelimit import RateLimiter, fingerprint
from hesabdar.v1.registry import V1Method, V1Response
from hesabdar.v1.rendering import dumps, envelope, validation_error

log = logging.getLogger("hesabdar.v1")

# Real apiKeys and loginTokens are 43 characters; longer credentials are refused before any
# look-up or hashing of them, with the answer a wrong one gets.
MAX_CREDENTIAL_LENGTH = 200

router = APIRouter()


class Credentials(V1Params):
    """The fields every call may carry next to its own parameters."""

    # requestUniqueId is kept in applied_request.request_id: its length is bounded by it.
    __columns__ = AppliedRequest
    __column_names__ = {"request_unique_id": "request_id"}

    api_key: V1Credential = None
    login_token: V1Credential = None
    user_id: V1Credential = None
    password: V1Credential = None
    year_id: Int64 | None = None
    request_unique_id: str | None = None


def _big_int(text: str) -> int | Decimal:
    # Past 20 digits no integer column holds it: a Decimal (cheap at any length) lets the
    # field's bounds refuse it with 114; int() of a long digit string would be slow or refused.
    return int(text) if len(text) <= 20 else Decimal(text)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _parse(raw: bytes) -> Any:
    """The body with every JSON number exact: decimals as Decimal, never through a float.

    The stdlib parser, not orjson (which reads floats): about 10 µs more for a 1 kB
    document/save body (5 µs for an item/save), against milliseconds for the request itself.
    ``NaN`` and ``Infinity`` are not JSON, and are refused as orjson refuses them.
    """
    return json.loads(raw, parse_float=Decimal, parse_int=_big_int, parse_constant=_no_constant)


def _json(payload: bytes) -> Response:
    return Response(content=payload, media_type="application/json; charset=utf-8")


def _error(error: HesabdarError, method: V1Method | None = None) -> Response:
    """The error's answer; a method's errors name their location as its parameters do."""
    return _json(dumps(envelope(error=error, request_model=method.params if method else None)))


@router.api_route("/v1/{group}/{name}", methods=["GET", "POST", "PUT"], include_in_schema=False)
async def v1_endpoint(group: str, name: str, request: Request) -> Response:
    if request.method != "POST":
        return _error(MissingData("Call v1 methods with POST and a JSON body."))
    settings = request.app.state.settings
    limit: int = settings.max_body_bytes
    deadline: float = settings.body_read_timeout_seconds
    chunks: list[bytes] = []
    size = 0
    try:
        # The whole body within the deadline, so that a slow sender cannot hold the request.
        async with asyncio.timeout(deadline):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    message = f"The request body is larger than {limit} bytes."
                    return _error(ParameterOutOfRange(message))
                chunks.append(chunk)
    except TimeoutError:
        message = f"The request body was not received within {deadline:g} seconds."
        return _error(ParameterOutOfRange(message))
    raw = b"".join(chunks)
    client = request.client.host if request.client else None
    return await run_in_threadpool(
        dispatch,
        request.app.state.database,
        request.app.state.rate_limiter,
        group,
        name,
        raw,
        client=client,
        public_url=public_url(request),
    )


def public_url(request: Request) -> str:
    """The server's absolute URL without a trailing slash: HESABDAR_PUBLIC_URL, or else the
    scheme and host this request came in on."""
    settings: Settings = request.app.state.settings
    return settings.public_base(str(request.base_url))


@router.api_route("/v1/{path:path}", methods=["GET", "POST", "PUT"], include_in_schema=False)
async def v1_not_a_method(path: str) -> Response:
    """Anything under /v1/ that is not group/method still answers in the envelope."""
    return _error(UnknownMethod(f"Unknown API method: {path}. Call /v1/{{group}}/{{method}}."))


def dispatch(
    database: Database,
    limiter: RateLimiter,
    group: str,
    name: str,
    raw: bytes,
    *,
    client: str | None = None,
    public_url: str = "",
) -> Response:
    """``client``: the caller's address, which failed authentications are counted by;
    ``public_url``: the server's own URL, for methods that hand out links to public pages."""
    method = registry.find(group, name)
    if method is None:
        return _error(UnknownMethod(f"Unknown API method: {group}/{name}."))
    try:
        body = _parse(raw) if raw.strip() else None
    # JSONDecodeError is a ValueError, as are NaN and Infinity; RecursionError: nesting deeper
    # than the interpreter's stack (orjson stopped at 1024 levels with a decode error).
    except (ValueError, RecursionError):
        body = None
    if not isinstance(body, dict):
        return _error(MissingData("The request body must be a JSON object with the parameters."))
    try:
        credentials = Credentials.model_validate(body)
    except ValidationError as exc:
        return _error(validation_error(exc))
    if not credentials.api_key:
        return _error(MissingApiKey("apiKey is required."))
    api_key = credentials.api_key
    if len(api_key) > MAX_CREDENTIAL_LENGTH:
        limiter.record_failure(None, client)
        return _error(BusinessNotFound("No business has this apiKey."))
    key = fingerprint(api_key)
    by_password = not credentials.login_token
    user_id = credentials.user_id if by_password and credentials.password else None
    if any(
        len(value) > MAX_CREDENTIAL_LENGTH
        for value in (credentials.login_token, credentials.user_id, credentials.password)
        if value
    ):
        limiter.record_failure(key, client)
        return _error(AuthenticationFailed("Authentication failed: credentials are not valid."))
    # A caller past its failures still gets its loginToken checked (a SHA-256 look-up), so the
    # owner is never locked out by someone else's failures; a password is not even verified
    # (argon2 costs milliseconds of CPU each).
    failing = limiter.failing(key, client)
    if by_password and (failing or (user_id and limiter.password_failing(key, user_id))):
        return _error(TooManyRequests("Too many failed attempts; try again in a minute."))
    authenticated = False

    def work(unit: uow.UnitOfWork) -> bytes:
        nonlocal authenticated
        ctx = unit.authenticate(
            uow.Credentials(
                api_key=api_key,
                login_token=credentials.login_token,
                user_id=credentials.user_id,
                password=credentials.password,
            ),
            year_index=credentials.year_id,
        )
        ctx.public_url = public_url
        authenticated = True
        # Only authenticated requests count, so that a stranger cannot spend the owner's budget.
        if not limiter.allow(key):
            raise TooManyRequests("Too many requests for this apiKey; try again in a minute.")
        # After authentication, so that a caller with a wrong key learns nothing from it.
        try:
            params = method.params.model_validate(body)
        except ValidationError as exc:
            raise validation_error(exc) from None
        request_id = credentials.request_unique_id if method.write else None
        return unit.once(request_id, method.path, lambda: _answer(method, ctx, params))

    try:
        # A request that loses a race for a new record's key runs again (uow.run).
        payload = uow.run(database, write=method.write, work=work)
        return _json(payload)
    except (AuthenticationFailed, BusinessNotFound) as error:
        if authenticated:
            return _error(error, method)
        limiter.record_failure(key, client, user_id)
        if failing:
            return _error(TooManyRequests("Too many failed attempts; try again in a minute."))
        return _error(error, method)
    except HesabdarError as error:
        return _error(error, method)
    except Exception:
        log.exception("v1 %s/%s failed", group, name)
        return _error(InternalError("Internal server error. The request changed nothing."))


def _answer(method: V1Method, ctx: RequestContext, params: V1Params) -> bytes:
    """The method's result in the envelope, as the bytes that are sent (and stored for a
    ``requestUniqueId``)."""
    result = method.handler(ctx, params)
    if isinstance(result, V1Response):
        return dumps(envelope(result.result, **result.extra))
    return dumps(envelope(result))
