"""The ASGI application."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI
from fastapi.responses import JSONResponse, RedirectResponse

from hesabdar import __version__, wiring
from hesabdar.access_log import AccessLog
from hesabdar.changes import addresses, hooks
from hesabdar.changes.delivery import DeliveryPolicy, HookWorker
from hesabdar.config import Settings, get_settings
from hesabdar.db import Database
from hesabdar.online import pages
from hesabdar.v1 import docs, transport
from hesabdar.v1.ratelimit import RateLimiter


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    wiring.wire()
    settings = settings or get_settings()
    logging.basicConfig(level=settings.log_level)
    database = database or Database(settings.database_url)
    policy = delivery_policy(settings)
    hooks.allow_networks(policy.allowed_networks)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The change-hook worker runs while the app serves: it sends what is pending at once
        # (also what a stopped server left) and what each commit adds.
        worker = HookWorker(app.state.database, policy)
        app.state.hook_worker = worker
        if settings.hook_delivery:
            worker.start()
        try:
            yield
        finally:
            worker.stop()

    app = FastAPI(
        title="hesabdar",
        version=__version__,
        description="Hesabfa API v1 compatible accounting server.",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.rate_limiter = RateLimiter(
        settings.rate_limit_per_minute,
        failures_per_minute=settings.auth_failures_per_minute,
        password_failures_per_minute=settings.password_failures_per_minute,
    )
    app.include_router(transport.router)
    app.include_router(docs.router)
    # The public pages of online invoices and contacts' statements (HTML, outside /v1).
    app.include_router(pages.router)
    if settings.access_log:
        app.add_middleware(AccessLog)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/docs")

    @app.get("/health", include_in_schema=False)
    def health() -> JSONResponse:
        return JSONResponse({"status": "ok", "version": __version__})

    return app


def delivery_policy(settings: Settings) -> DeliveryPolicy:
    return DeliveryPolicy(
        allowed_networks=addresses.parse_networks(settings.hook_allowed_networks),
        timeout=settings.hook_timeout_seconds,
        retry_base=settings.hook_retry_base_seconds,
        retry_max=settings.hook_retry_max_seconds,
        max_attempts=settings.hook_max_attempts,
        max_age=timedelta(hours=settings.hook_max_age_hours),
        workers=settings.hook_workers,
        poll=settings.hook_poll_seconds,
        sent_retention=timedelta(days=settings.hook_sent_retention_days),
        failed_retention=timedelta(days=settings.hook_failed_retention_days),
    )
