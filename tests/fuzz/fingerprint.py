"""A cheap fingerprint of everything the database holds: per table, its row count and a hash of
its rows in primary-key order. Two equal fingerprints mean that no row was added, removed or
changed."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from hesabdar.db import Database
from hesabdar.models import Base

Fingerprint = dict[str, tuple[int, str]]


def fingerprint(database: Database) -> Fingerprint:
    tables: Fingerprint = {}
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            digest = hashlib.blake2b(digest_size=16)
            count = 0
            rows = connection.execute(select(table).order_by(*table.primary_key.columns))
            for row in rows:
                digest.update(repr(tuple(row)).encode())
                count += 1
            tables[table.name] = (count, digest.hexdigest())
        # The fingerprint reads; nothing it does may be left open.
        connection.rollback()
    return tables


def changed_tables(before: Fingerprint, after: Fingerprint) -> list[str]:
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
