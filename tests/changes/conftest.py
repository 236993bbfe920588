"""A local HTTP receiver for change hooks, and apps whose hook worker the tests start or drive."""

from __future__ import annotations

import json
import queue
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from hesabdar.app import create_app
from hesabdar.changes.addresses import parse_networks
from hesabdar.changes.delivery import HookWorker
from hesabdar.changes.models import HookDelivery
from hesabdar.config import Settings
from hesabdar.db import Database
from tests.conftest import Api, make_business

# The receivers listen on 127.0.0.1: the tests allow it, as an operator would for a receiver
# on the same host (by default hooks go to public addresses only).
LOCAL = "127.0.0.0/8"
LOCAL_NETWORKS = parse_networks(LOCAL)


class Receiver:
    """A local HTTP endpoint that records what it is sent. ``down()`` closes its port (connections
    are refused) until ``up()``; ``delay`` makes it answer that many seconds late."""

    def __init__(self, tls: tuple[Path, Path] | None = None) -> None:
        """``tls``: a certificate and its key, to answer HTTPS."""
        self.tls = tls
        self.received: queue.Queue[dict[str, Any]] = queue.Queue()
        self.delay = 0.0
        self.port = 0
        self._server: ThreadingHTTPServer | None = None
        self.up()
        self.url = f"http://127.0.0.1:{self.port}/hesabfa-hook"

    def up(self) -> None:
        received = self.received
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                body = json.loads(self.rfile.read(length))
                if receiver.delay:
                    time.sleep(receiver.delay)
                received.put(body)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        if self.tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.tls)
            server.socket = context.wrap_socket(server.socket, server_side=True)
        self.port = server.server_port
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def down(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def next(self, timeout: float = 5.0) -> dict[str, Any]:
        return self.received.get(timeout=timeout)

    def all(self) -> list[dict[str, Any]]:
        """What arrived so far."""
        bodies = []
        while not self.received.empty():
            bodies.append(self.received.get_nowait())
        return bodies

    def nothing_more(self, wait: float = 0.5) -> bool:
        try:
            self.received.get(timeout=wait)
        except queue.Empty:
            return True
        return False


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    endpoint = Receiver()
    yield endpoint
    endpoint.down()


def settings_for(database: Database, **hook: Any) -> Settings:
    """The test settings; the hook worker runs and local receivers are allowed unless told."""
    values: dict[str, Any] = {"hook_allowed_networks": LOCAL, "hook_poll_seconds": 0.2, **hook}
    return Settings(database_url=database.url, rate_limit_per_minute=0, **values)


@contextmanager
def serving(database: Database, **hook: Any) -> Iterator[tuple[TestClient, FastAPI]]:
    """An app started as the server starts it (its hook worker runs if ``hook_delivery``)."""
    app = create_app(settings_for(database, **hook), database)
    with TestClient(app) as client:
        yield client, app


@pytest.fixture
def live(database: Database) -> Iterator[TestClient]:
    """An app whose hook worker runs in the background, as in production."""
    with serving(database) as (client, _app):
        yield client


@pytest.fixture
def hook_api(live: TestClient, database: Database) -> Api:
    return Api(live, make_business(database))


@pytest.fixture
def other_hook_api(live: TestClient, database: Database) -> Api:
    return Api(live, make_business(database, name="Other shop", email="other@example.com"))


@pytest.fixture
def manual(database: Database) -> Iterator[tuple[TestClient, HookWorker]]:
    """An app whose hook worker does not run by itself: the test calls ``deliver_due``."""
    with serving(database, hook_delivery=False) as (client, app):
        worker: HookWorker = app.state.hook_worker
        yield client, worker
        worker.stop()


def deliveries(database: Database) -> list[HookDelivery]:
    with database.transaction(write=False) as session:
        return list(session.scalars(select(HookDelivery).order_by(HookDelivery.id)))
