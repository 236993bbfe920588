"""The schema is ready to be distributed by business (PostgreSQL with Citus, docs/scaling.md):
every business-owned table carries ``business_id`` in its primary key, its unique constraints
and unique indexes, and its references to other business-owned rows; global tables are few and
named. Asserted over the models' metadata, so a new table that forgets the rule fails here."""

from __future__ import annotations

from sqlalchemy import ForeignKeyConstraint, Table, UniqueConstraint

from hesabdar.kit.models import is_business_scoped
from hesabdar.models import Base

# Tables every business shares: replicated to every node as Citus reference tables.
GLOBAL_TABLES = {"business", "app_user"}


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def test_every_table_is_global_or_owned_by_a_business() -> None:
    for table in _tables():
        if table.name in GLOBAL_TABLES:
            assert "business_id" not in table.c, table.name
            continue
        assert "business_id" in table.c, f"{table.name} has no business_id"
        assert not table.c.business_id.nullable, table.name
        assert is_business_scoped(table), (
            f"{table.name}: primary key {[c.name for c in table.primary_key.columns]} "
            "must be (id, business_id)"
        )


def test_unique_keys_of_business_tables_include_the_business() -> None:
    for table in _tables():
        if table.name in GLOBAL_TABLES:
            continue
        uniques = [c for c in table.constraints if isinstance(c, UniqueConstraint)]
        uniques += [index for index in table.indexes if index.unique]
        for unique in uniques:
            names = [column.name for column in unique.columns]
            assert "business_id" in names, f"{table.name}.{unique.name}: {names}"


def test_references_between_business_rows_include_the_business() -> None:
    for table in _tables():
        for key in table.constraints:
            if not isinstance(key, ForeignKeyConstraint):
                continue
            referred = key.referred_table
            local = [column.name for column in key.columns]
            remote = [element.column.name for element in key.elements]
            if referred.name in GLOBAL_TABLES:
                continue
            assert table.name not in GLOBAL_TABLES, f"{table.name} refers to {referred.name}"
            assert local[0] == "business_id", f"{table.name}.{key.name}: {local}"
            assert remote == ["business_id", "id"], f"{table.name}.{key.name}: {remote}"


def test_global_tables_are_referred_to_only_by_their_id() -> None:
    for table in _tables():
        for key in table.constraints:
            if isinstance(key, ForeignKeyConstraint) and key.referred_table.name in GLOBAL_TABLES:
                assert [element.column.name for element in key.elements] == ["id"]
