"""Saving many coded records at once (contacts, items): the rows of a batch answer exactly as
saving them one by one would, in a few statements instead of several per row.

One save of one row is a batch of one, so the single and the batch paths are the same code.

1. **Plan, reading only.** The batch's codes are looked up in one query per chunk; the rows are
   then applied in order in memory, with the rules of the domain (``apply``), as one-by-one
   saves would: a code seen earlier in the batch is an edit of that row, an empty code takes the
   next free code (codes in use skipped, as ``numbering.next_code`` skips them). The first
   invalid row raises, naming its location, before anything is written: all or nothing.
2. **Write, briefly locked.** Categories are found or created, edited rows updated in bulk, new
   rows get their ids in one statement. Only then, if the batch allocates codes, the business's
   counter moves in one step to the last code it hands out (``numbering.advance_from``), and
   the new rows and every change-log entry are written in bulk: the counter, which every new
   code-less record of the business needs, stays locked only from there to the commit. If
   another request moved the counter while the batch was planning, the writes are rolled back
   to a savepoint and the batch plans again holding the counter.

The bulk pieces (look-ups in chunks, ids drawn ahead, COPY, grouped updates, the change log in
bulk) are in :mod:`hesabdar.kit.bulk` and ``changes.record_many``, for other batch methods.

Rows are written with Core statements, and the records answered are built from the values
written (``kit.bulk.loaded``): ORM instances of the same records loaded earlier in the session
are not refreshed, so a caller that holds one reads it again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.categories import service as categories
from hesabdar.categories.models import Category
from hesabdar.categories.service import CategoryKind, NodeKey
from hesabdar.changes import service as changes
from hesabdar.changes.models import Change
from hesabdar.changes.service import ChangeEntry
from hesabdar.coded import CodedRecords
from hesabdar.kit import bulk
from hesabdar.kit.errors import InvalidFieldValue, Location
from hesabdar.kit.models import CodedModel, utcnow
from hesabdar.numbering import service as numbering

# Rows one batch may save. A WooCommerce shop sends 500 products with their variations per
# call; the bound keeps one request's transaction (and its answer) to a few seconds.
MAX_BATCH_ROWS = 10_000

Row = TypeVar("Row", bound=CodedModel)
In = TypeVar("In")
# Applies one row's input to the record's values (column name → value, and "node": the
# record's category as a NodeKey), as a single save would; raises naming ``at``.
Apply = Callable[[dict[str, Any], In, bool, Location], None]
NODE = "node"


def check_batch_size(count: int, at: Location) -> None:
    if count > MAX_BATCH_ROWS:
        raise InvalidFieldValue(
            f"at most {MAX_BATCH_ROWS} rows in one call (got {count}); send the rest in "
            "another call.",
            location=at,
        )


@dataclass
class _Record:
    values: dict[str, Any]
    # The stored values of a record the batch edits; None for a new one.
    stored: dict[str, Any] | None = None
    id: int | None = None


@dataclass
class _Plan:
    start: int  # the counter as read
    last: int  # the counter after the batch's codes
    records: list[_Record] = field(default_factory=list)  # each once, in first-seen order
    answers: list[_Record] = field(default_factory=list)  # per input row
    entries: list[tuple[_Record, bool]] = field(default_factory=list)  # (record, created)
    slots: list[_Record] = field(default_factory=list)  # the records given a counter code
    # True when a new record's explicit code is all digits, so that it might be one the
    # counter hands out.
    digit_codes: bool = False

    nodes: dict[NodeKey, Category] = field(default_factory=dict)
    change_ids: list[int] = field(default_factory=list)  # per entry
    instances: dict[int, Any] = field(default_factory=dict)  # id(record) → the ORM instance

    @property
    def allocates(self) -> bool:
        return self.last != self.start


@dataclass(frozen=True)
class BatchSave(Generic[Row, In]):
    """How one kind of coded record is saved in bulk."""

    records: CodedRecords[Row]
    code_of: Callable[[In], str | None]  # the stored form of the input's code; None: no code
    apply: Apply[In]
    new_values: Callable[[], dict[str, Any]] = dict  # a new record's values before ``apply``

    @property
    def _table(self) -> Any:
        return self.records.model.__table__

    @property
    def _columns(self) -> list[str]:
        return [column.name for column in self._table.c if column.name != "id"]

    def save(
        self,
        session: Session,
        business_id: int,
        rows: Sequence[In],
        locations: Sequence[Location],
        *,
        via_api: bool,
    ) -> list[Row]:
        """Save ``rows`` (``locations[i]`` is where row i is in the request), all or nothing;
        the saved records in input order."""
        kind = self.records.kind
        start = numbering.peek(session, business_id, kind)
        plan = self._plan(session, business_id, rows, locations, start)
        # A plan whose explicit codes could be codes the counter hands out depends on where
        # the counter stands: if it moved, everything is planned again under its lock.
        savepoint = session.begin_nested() if plan.allocates and plan.digit_codes else None
        self._write_before(session, business_id, plan, via_api)
        if plan.allocates and not numbering.advance_from(
            session, business_id, kind, plan.start, plan.last
        ):
            if savepoint is not None:
                savepoint.rollback()
                start = numbering.lock_and_read(session, business_id, kind)
                plan = self._plan(session, business_id, rows, locations, start)
                self._write_before(session, business_id, plan, via_api)
            else:
                # Only the new codes move: the rows' other values do not depend on them.
                start = numbering.lock_and_read(session, business_id, kind)
                self._allocate(session, business_id, plan, start)
            moved = numbering.advance_from(session, business_id, kind, plan.start, plan.last)
            assert moved  # the counter is locked by this transaction
        elif savepoint is not None:
            savepoint.commit()
        # From here to the commit the counter (if the batch took it) stays locked.
        return self._write_after(session, business_id, plan, via_api)

    def save_one(
        self, session: Session, business_id: int, data: In, at: Location, *, via_api: bool
    ) -> Row:
        """One record's save: a batch of one, ``at`` being where ``data`` is."""
        return self.save(session, business_id, [data], [at], via_api=via_api)[0]

    def save_list(
        self, session: Session, business_id: int, rows: Sequence[In], at: Location, *, via_api: bool
    ) -> list[Row]:
        """A batch's rows, ``at`` being where their list is (row i at ``at[i]``); at most
        :data:`MAX_BATCH_ROWS`."""
        check_batch_size(len(rows), at)
        return self.save(
            session, business_id, rows, [at / index for index in range(len(rows))], via_api=via_api
        )

    # -- planning ---------------------------------------------------------------------------

    def _plan(
        self,
        session: Session,
        business_id: int,
        rows: Sequence[In],
        locations: Sequence[Location],
        start: int,
    ) -> _Plan:
        codes = [self.code_of(row) for row in rows]
        stored = self._stored(session, business_id, [code for code in codes if code])
        plan = _Plan(start=start, last=start)
        by_code: dict[str, _Record] = {}
        free = _FreeCodes(self, session, business_id, start, sum(1 for code in codes if not code))
        limit = self.records.max_code_length
        for data, code, at in zip(rows, codes, locations, strict=True):
            if code is not None and len(code) > limit:
                raise InvalidFieldValue(f"at most {limit} characters.", location=at / "code")
            record = by_code.get(code) if code else None
            if record is None and code and code in stored:
                values = stored[code]
                record = _Record(dict(values), stored=values, id=values["id"])
                by_code[code] = record
                plan.records.append(record)
            created = record is None
            values = record.values if record else {**self.new_values(), "code": code or ""}
            self.apply(values, data, created, at)
            if record is None:
                numbered = not values["code"]
                if numbered:
                    values["code"] = free.next(by_code, stored)
                elif code and code.isascii() and code.isdigit():
                    plan.digit_codes = True
                record = _Record(values)
                if numbered:
                    plan.slots.append(record)
                by_code[values["code"]] = record
                plan.records.append(record)
            plan.answers.append(record)
            plan.entries.append((record, created))
        plan.last = free.counter
        return plan

    def _allocate(self, session: Session, business_id: int, plan: _Plan, start: int) -> None:
        """Give the plan's code-less records the codes a counter at ``start`` hands out. Only
        for a plan without digit codes of its own, so codes in use are all stored ones."""
        free = _FreeCodes(self, session, business_id, start, len(plan.slots))
        for record in plan.slots:
            record.values["code"] = free.next({}, {})
            bulk.set_loaded(plan.instances[id(record)], "code", record.values["code"])
        plan.start, plan.last = start, free.counter

    def _stored(
        self, session: Session, business_id: int, codes: list[str]
    ) -> dict[str, dict[str, Any]]:
        """The stored records with these codes (column values, and their category's key)."""
        table = self._table
        rows = bulk.select_in(
            session, select(table).where(table.c.business_id == business_id), table.c.code, codes
        )
        names = [column.name for column in table.c]
        found = {row.code: dict(zip(names, row, strict=True)) for row in rows}
        node_ids = {values["node_id"] for values in found.values() if values["node_id"] is not None}
        nodes = {
            node.id: node
            for node in bulk.scalars_in(
                session,
                select(Category).where(Category.business_id == business_id),
                Category.id,
                node_ids,
            )
        }
        for values in found.values():
            node = nodes.get(values["node_id"])
            values[NODE] = None if node is None else _key_of(node)
        return found

    # -- writing ----------------------------------------------------------------------------

    def _write_before(self, session: Session, business_id: int, plan: _Plan, via_api: bool) -> None:
        """What does not need the counter: categories, edits, the new rows' ids, the change
        log, the records to answer with."""
        keys = [record.values[NODE] for record in plan.records if record.values[NODE] is not None]
        plan.nodes = categories.ensure_nodes(session, business_id, keys)
        for record in plan.records:
            key = record.values[NODE]
            record.values["node_id"] = None if key is None else plan.nodes[key].id
        now = utcnow()
        columns = self._columns
        updates = []
        for record in plan.records:
            if record.stored is None:
                continue
            changed = {
                name: record.values[name]
                for name in columns
                if record.values[name] != record.stored[name]
            }
            if changed:
                record.values["updated_at"] = now
                updates.append(
                    {"business_id": business_id, "id": record.id, **changed, "updated_at": now}
                )
        bulk.update_rows(session, self._table, ("business_id", "id"), updates)
        new = [record for record in plan.records if record.stored is None]
        ids = bulk.allocate_ids(session, self._table, len(new))
        for record, record_id in zip(new, ids, strict=True):
            record.id = record_id
            record.values.update(
                id=record_id, business_id=business_id, created_at=now, updated_at=now
            )
        # The change log has no unique keys that another request could wait on: its entries
        # get their ids now and are written before the counter step, except those of records
        # numbered by the counter, whose codes are final only after it (``_write_after``).
        plan.change_ids = bulk.allocate_ids(session, Change.__table__, len(plan.entries))
        numbered = {id(record) for record in plan.slots}
        self._log(session, business_id, plan, via_api, lambda record: id(record) not in numbered)
        for record in plan.records:
            key = record.values[NODE]
            values = {"id": record.id, **{name: record.values[name] for name in columns}}
            values[NODE] = None if key is None else plan.nodes[key]
            plan.instances[id(record)] = bulk.loaded(self.records.model, values)

    def _entries(self, plan: _Plan, which: Callable[[_Record], bool]) -> list[ChangeEntry]:
        records = self.records
        return [
            ChangeEntry(
                records.save_action if created else records.edit_action,
                records.object_type,
                int(record.id or 0),
                extra=record.values["code"],
                id=change_id,
            )
            for change_id, (record, created) in zip(plan.change_ids, plan.entries, strict=True)
            if which(record)
        ]

    def _log(
        self,
        session: Session,
        business_id: int,
        plan: _Plan,
        via_api: bool,
        which: Callable[[_Record], bool],
    ) -> None:
        changes.record_many(
            session, business_id, self._entries(plan, which), via_api=via_api, notify=False
        )

    def _write_after(
        self, session: Session, business_id: int, plan: _Plan, via_api: bool
    ) -> list[Row]:
        """The new rows and the numbered records' change-log entries (after the counter step);
        the saved records in input order."""
        columns = self._columns
        numbered = {id(record) for record in plan.slots}
        self._log(session, business_id, plan, via_api, lambda record: id(record) in numbered)
        changes.announce(session, business_id, self._entries(plan, lambda _record: True))
        bulk.insert_rows(
            session,
            self._table,
            [
                {"id": record.id, **{name: record.values[name] for name in columns}}
                for record in plan.records
                if record.stored is None
            ],
        )
        return [plan.instances[id(record)] for record in plan.answers]


def _key_of(node: Category) -> NodeKey:
    names = node.full_path.split(categories.SEPARATOR)[1:]
    return (CategoryKind(node.kind), tuple(names))


class _FreeCodes:
    """The next codes a counter at ``start`` hands out, skipping codes in use; the stored codes
    among the candidates are read a block at a time."""

    def __init__(
        self,
        batch: BatchSave[Any, Any],
        session: Session,
        business_id: int,
        start: int,
        wanted: int,
    ) -> None:
        self.batch = batch
        self.session = session
        self.business_id = business_id
        self.counter = start
        self.wanted = wanted
        self.checked = start  # candidates up to here are known
        self.used: set[str] = set()

    def _code(self, number: int) -> str:
        return str(number).zfill(self.batch.records.width)

    def _read(self) -> None:
        first = self.checked + 1
        self.checked += max(self.wanted, 1) + 16
        table = self.batch._table
        candidates = [self._code(number) for number in range(first, self.checked + 1)]
        self.used.update(
            bulk.scalars_in(
                self.session,
                select(table.c.code).where(table.c.business_id == self.business_id),
                table.c.code,
                candidates,
            )
        )

    def next(self, by_code: dict[str, _Record], stored: dict[str, Any]) -> str:
        while True:
            self.counter += 1
            if self.counter > self.checked:
                self._read()
            code = self._code(self.counter)
            if code not in self.used and code not in by_code and code not in stored:
                self.wanted -= 1
                return code
