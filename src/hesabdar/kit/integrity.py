"""The database's refusals, answered as business-rule errors (ErrorCode 190), not as 100.

The ledger's invariants stand in the service and again in the database (CHECK constraints,
unique indexes, foreign keys, and on PostgreSQL a deferred trigger). When a write slips past
the service, the database refuses it; the unit of work turns that refusal into
:class:`ConstraintViolated` naming the rule. A constraint states its rule for clients in its
``info["rule"]``; the message falls back to the constraint's name.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Constraint, Index
from sqlalchemy.exc import IntegrityError

from hesabdar.kit.errors import ConstraintViolated
from hesabdar.kit.models import Base

# What SQLite says, e.g. "CHECK constraint failed: ck_document_line_one_side" or
# "UNIQUE constraint failed: document.business_id, document.number".
_SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\w+)")
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: ([\w., ]+)")


def constraint_name(error: IntegrityError) -> str | None:
    """The name of the constraint the database refused the write by, when it says it."""
    original: Any = error.orig
    diag = getattr(original, "diag", None)
    name = getattr(diag, "constraint_name", None) if diag is not None else None
    if name:
        return str(name)
    text = str(original)
    match = _SQLITE_CHECK.search(text)
    if match:
        return match.group(1)
    match = _SQLITE_UNIQUE.search(text)
    if match:
        return _unique_named_by_columns(match.group(1))
    return None


def _unique_named_by_columns(columns_text: str) -> str | None:
    # SQLite names a failed unique index by its columns: find the index or constraint with them.
    qualified = [part.strip() for part in columns_text.split(",")]
    table_name = qualified[0].split(".")[0]
    columns = [part.split(".", 1)[-1] for part in qualified]
    table = Base.metadata.tables.get(table_name)
    if table is None:
        return None
    candidates: list[Constraint | Index] = [*table.constraints, *table.indexes]
    for candidate in candidates:
        names = [column.name for column in getattr(candidate, "columns", ())]
        if names == columns and candidate.name:
            return str(candidate.name)
    return None


def _rule(name: str) -> str | None:
    for table in Base.metadata.tables.values():
        # Rules that no constraint object states (triggers) are named in the table's info.
        stated = table.info.get("rules", {}).get(name)
        if stated:
            return str(stated)
        candidates: list[Constraint | Index] = [*table.constraints, *table.indexes]
        for candidate in candidates:
            if candidate.name == name:
                rule = candidate.info.get("rule")
                return str(rule) if rule else None
    return None


# SQLSTATE unique_violation (PostgreSQL), and SQLite's wording for the same.
_UNIQUE_VIOLATION = "23505"


def is_unique_violation(error: IntegrityError) -> bool:
    original: Any = error.orig
    if getattr(original, "sqlstate", None) == _UNIQUE_VIOLATION:
        return True
    return "UNIQUE constraint failed" in str(original)


def refused(error: IntegrityError) -> ConstraintViolated:
    """The client-facing error for a write the database refused."""
    if is_unique_violation(error):
        refusal = _refused(error)
        return ConstraintViolated(refusal.message, lost_race=True)
    return _refused(error)


def _refused(error: IntegrityError) -> ConstraintViolated:
    name = constraint_name(error)
    if name is None:
        if "FOREIGN KEY" in str(error.orig).upper():
            return ConstraintViolated(
                "The books refuse this write: it refers to a record that does not exist or "
                "removes one that is still in use."
            )
        return ConstraintViolated("The books refuse this write: it breaks a database rule.")
    rule = _rule(name)
    if rule is None and name.startswith("fk_"):
        rule = "it refers to a record that does not exist or removes one that is still in use"
    return ConstraintViolated(f"The books refuse this write: {rule or 'a database rule'} ({name}).")
