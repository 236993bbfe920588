"""One access-log line per request: method, path, HTTP status, Hesabfa ErrorCode, milliseconds.

Never credentials: v1 carries them in the body, which is not logged, and the query string is
left out too. The public pages' paths carry their link's token (or a payment's reference), which
is the page's only secret: it is logged as ``…``. The ErrorCode is read from the start of the answer, where the envelope renders it
(``{"Success":…,"ErrorCode":N,…}``), so the transport needs no hook of its own. The operator
turns the log off with ``HESABDAR_ACCESS_LOG=false``.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("hesabdar.access")

_ERROR_CODE = re.compile(rb'"ErrorCode":\s*(\d+)')
_PUBLIC_SECRET = re.compile(r"^(/public/(?:invoice|contact|sandbox-bank)/)[^/]+")
# The envelope puts ErrorCode second: the first bytes of the answer are enough.
_PEEK = 80


class AccessLog:
    """Pure ASGI middleware, so that streaming and the answer's bytes are left as they are."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        seen: dict[str, Any] = {"status": 500, "code": None}

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body" and seen["code"] is None:
                match = _ERROR_CODE.search(message.get("body", b"")[:_PEEK])
                seen["code"] = match.group(1).decode() if match else "-"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            log.info(
                "%s %s %s ErrorCode=%s %.1fms",
                scope.get("method", "-"),
                _PUBLIC_SECRET.sub(r"\1…", scope.get("path", "-")),
                seen["status"],
                seen["code"] or "-",
                elapsed,
            )
