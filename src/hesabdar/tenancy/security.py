"""Secrets: random tokens (stored as SHA-256) and passwords (stored as argon2id)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's argon2id baseline (19 MiB, 2 passes): verifying costs a few ms per request that
# authenticates with userId+password; loginToken is the fast path.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def new_token() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(token_hash(token), stored_hash)


def use_password_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Hash new passwords with ``hasher`` and return the one it replaces.

    For tests, which create hundreds of businesses and need no resistance to brute force; the
    server never calls it. Verifying reads the parameters from the stored hash, so hashes made
    with either hasher keep verifying.
    """
    global _hasher
    previous, _hasher = _hasher, hasher
    return previous


def hash_password(password: str) -> str:
    return _hasher.hash(password)


_dummy_hashes: dict[int, str] = {}


def password_matches_nobody(password: str) -> bool:
    """Verifies ``password`` against a hash no one has, and returns False: a login with an
    unknown userId costs the same argon2 time as one with a known userId, so that the time
    does not tell which userIds exist."""
    # One dummy per hasher, made with its parameters (tests swap the hasher).
    dummy = _dummy_hashes.get(id(_hasher))
    if dummy is None:
        dummy = _dummy_hashes[id(_hasher)] = _hasher.hash(new_token())
    password_matches(password, dummy)
    return False


def password_matches(password: str, stored_hash: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
