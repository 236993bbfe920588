"""Requests per minute per apiKey, and failed authentications per apiKey, address and user.

Two budgets, both sliding windows kept in this process (behind several server processes each
keeps its own, so the effective limits are the settings times the number of processes):

- requests per minute per apiKey, counted only for requests that authenticated, so that a
  stranger who knows an apiKey cannot spend its owner's budget (ErrorCode 101 past it);
- failed authentications per apiKey, per client address and per (apiKey, userId) for
  passwords. Past them a failing attempt answers 101 instead of 106/107, and a password login
  answers 101 without being verified; a right loginToken is still served.

Keys are fixed-size digests, never the raw apiKey, and each table holds at most
``max_entries`` keys (least recently used first out), so that a flood of long or random keys
cannot grow memory.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict, deque


def fingerprint(*parts: str) -> bytes:
    """16 bytes that stand for ``parts`` in the tables."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.digest()[:16]


class _Windows:
    """At most ``limit`` recent times per key, for at most ``max_entries`` keys."""

    def __init__(self, limit: int, window: float, max_entries: int) -> None:
        self.limit = limit
        self.window = window
        self.max_entries = max_entries
        self._hits: OrderedDict[bytes, deque[float]] = OrderedDict()

    def full(self, key: bytes, now: float) -> bool:
        hits = self._hits.get(key)
        if hits is None:
            return False
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        return len(hits) >= self.limit

    def add(self, key: bytes, now: float) -> None:
        hits = self._hits.get(key)
        if hits is None:
            # Only the last ``limit`` times decide whether the key is full: older ones go.
            hits = self._hits[key] = deque(maxlen=self.limit)
            if len(self._hits) > self.max_entries:
                self._hits.popitem(last=False)
        else:
            self._hits.move_to_end(key)
        hits.append(now)

    def __len__(self) -> int:
        return len(self._hits)


class RateLimiter:
    def __init__(
        self,
        per_minute: int,
        *,
        failures_per_minute: int = 0,
        password_failures_per_minute: int = 0,
        window_seconds: float = 60.0,
        max_entries: int = 10_000,
    ) -> None:
        self.per_minute = per_minute
        self._lock = threading.Lock()
        self._requests = _Windows(per_minute, window_seconds, max_entries)
        self._failures = _Windows(failures_per_minute, window_seconds, max_entries)
        self._passwords = _Windows(password_failures_per_minute, window_seconds, max_entries)

    @property
    def enabled(self) -> bool:
        return self.per_minute > 0

    @property
    def size(self) -> int:
        """Keys held in all tables (bounded by three times ``max_entries``)."""
        with self._lock:
            return len(self._requests) + len(self._failures) + len(self._passwords)

    def allow(self, key: bytes) -> bool:
        """Counts one authenticated request for the apiKey ``key`` (a :func:`fingerprint`)."""
        if not self.enabled:
            return True
        now = time.monotonic()
        with self._lock:
            if self._requests.full(key, now):
                return False
            self._requests.add(key, now)
            return True

    def failing(self, key: bytes | None, client: str | None) -> bool:
        """Whether the apiKey ``key`` or the address ``client`` has used up its failures."""
        if self._failures.limit <= 0:
            return False
        now = time.monotonic()
        with self._lock:
            return any(self._failures.full(k, now) for k in _failure_keys(key, client))

    def password_failing(self, key: bytes, user_id: str) -> bool:
        if self._passwords.limit <= 0:
            return False
        with self._lock:
            return self._passwords.full(_password_key(key, user_id), time.monotonic())

    def record_failure(
        self, key: bytes | None, client: str | None, user_id: str | None = None
    ) -> None:
        now = time.monotonic()
        with self._lock:
            if self._failures.limit > 0:
                for k in _failure_keys(key, client):
                    self._failures.add(k, now)
            if key is not None and user_id is not None and self._passwords.limit > 0:
                self._passwords.add(_password_key(key, user_id), now)


def _failure_keys(key: bytes | None, client: str | None) -> list[bytes]:
    keys = [] if key is None else [b"k" + key]
    if client is not None:
        keys.append(b"a" + fingerprint(client))
    return keys


def _password_key(key: bytes, user_id: str) -> bytes:
    return b"p" + fingerprint(key.hex(), user_id.strip().lower())
