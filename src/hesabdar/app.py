"""The ASGI application."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.responses import JSONResponse, RedirectResponse

from hesabdar import __version__, wiring
from hesabdar.access_log import AccessLog
from hesabdar.config import Settings, get_settings
from hesabdar.db import Database
from hesabdar.v1 import docs, transport
from hesabdar.v1.ratelimit import RateLimiter


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    wiring.wire()
    settings = settings or get_settings()
    logging.basicConfig(level=settings.log_level)
    app = FastAPI(
        title="hesabdar",
        version=__version__,
        description="Hesabfa API v1 compatible accounting server.",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.database = database or Database(settings.database_url)
    app.state.rate_limiter = RateLimiter(
        settings.rate_limit_per_minute,
        failures_per_minute=settings.auth_failures_per_minute,
        password_failures_per_minute=settings.password_failures_per_minute,
    )
    app.include_router(transport.router)
    app.include_router(docs.router)
    if settings.access_log:
        app.add_middleware(AccessLog)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/docs")

    @app.get("/health", include_in_schema=False)
    def health() -> JSONResponse:
        return JSONResponse({"status": "ok", "version": __version__})

    return app
