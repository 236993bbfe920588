"""One POST of a change hook: to an address checked just before, within one deadline.

The URL's host is resolved and every address checked (:func:`addresses.resolve`), then the
connection goes to a checked address (HTTPS still verifies the certificate against the host
name), so a name that resolves elsewhere a moment later is never reached. Redirects are not
followed, no proxy from the environment is used, and the whole exchange (connect, send,
answer) is cut at ``timeout`` seconds.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import ssl
import threading
from urllib.parse import urlsplit

from hesabdar.changes.addresses import Address, AddressRefused, Network, resolve

# The answer's body is read up to this (and ignored): a receiver cannot make us read more.
MAX_ANSWER_BYTES = 64 * 1024
_tls = ssl.create_default_context()


class SendFailed(Exception):
    """The receiver did not take the delivery; the message says why (for the listing)."""


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: Address, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((str(self.address), self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: Address, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=_tls)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((str(self.address), self.port), self.timeout)
        self.sock = _tls.wrap_socket(sock, server_hostname=self.host)


def post(
    url: str, payload: dict[str, object], *, timeout: float, allowed: tuple[Network, ...]
) -> None:
    """POST ``payload`` as JSON; returns when the receiver answered 2xx, else raises
    :class:`SendFailed`."""
    parsed = urlsplit(url)
    try:
        host, port = parsed.hostname, parsed.port
    except ValueError:
        raise SendFailed(f"{url!r} is not an http(s) URL") from None
    if parsed.scheme not in ("http", "https") or not host:
        raise SendFailed(f"{url!r} is not an http(s) URL")
    secure = parsed.scheme == "https"
    port = port or (443 if secure else 80)
    try:
        addresses = resolve(host, port, allowed, deadline=timeout)
    except AddressRefused as refused:
        raise SendFailed(f"refused: {refused}") from None
    path = parsed.path or "/"
    if parsed.query:
        path = f"{path}?{parsed.query}"
    data = json.dumps(payload, ensure_ascii=False).encode()
    kind = _PinnedHTTPS if secure else _PinnedHTTP
    errors: list[str] = []
    for address in addresses:
        connection = kind(host, port, address, timeout)
        try:
            connection.connect()
        except OSError as error:
            errors.append(f"{address}: {error}")
            connection.close()
            continue
        _exchange(connection, path, data, timeout)
        return
    raise SendFailed("cannot connect: " + "; ".join(errors))


def _exchange(
    connection: http.client.HTTPConnection, path: str, data: bytes, timeout: float
) -> None:
    # Each socket operation has `timeout`, and a timer cuts the connection when the whole
    # exchange has taken that long, so that a receiver answering a byte at a time cannot hold it.
    fired = threading.Event()
    cut = threading.Timer(timeout, _cut, args=(connection, fired))
    cut.daemon = True
    cut.start()
    try:
        connection.request(
            "POST",
            path,
            body=data,
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        response = connection.getresponse()
        response.read(MAX_ANSWER_BYTES)
        status = response.status
    except (OSError, http.client.HTTPException) as error:
        # The cut is said to be the cause as soon as it began: the timer thread may still be
        # alive when the read it broke raises.
        if isinstance(error, TimeoutError) or fired.is_set():
            raise SendFailed(f"no answer within {timeout:g} seconds") from None
        raise SendFailed(f"{type(error).__name__}: {error}") from None
    finally:
        cut.cancel()
        connection.close()
    if not 200 <= status < 300:
        raise SendFailed(f"the receiver answered HTTP {status}")


def _cut(connection: http.client.HTTPConnection, fired: threading.Event) -> None:
    fired.set()
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
