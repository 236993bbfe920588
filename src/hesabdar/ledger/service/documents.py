"""Documents (اسناد): resolving and checking their lines, saving, editing, deleting, and the
system documents other domains post."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, text
from sqlalchemy.orm import Session, make_transient_to_detached, selectinload

from hesabdar.kit.errors import MissingParameter
from hesabdar.kit.listing import ListQuery, Page, QueryField, QueryFields, run_query
from hesabdar.kit.models import utcnow
from hesabdar.kit.types import MONEY_SCALE, quantize
from hesabdar.ledger import core, details
from hesabdar.ledger.core import (
    DetailType,
    DocumentStatus,
    Side,
)
from hesabdar.ledger.errors import (
    AccountNotFound,
    AccountNotLeaf,
    DetailCodeRequired,
    DetailNotFound,
    DocumentNotFound,
    HeaderTotalMismatch,
    InvalidAmount,
    InvalidValue,
    SystemDocument,
    TooFewTransactions,
    UnbalancedDocument,
    UnexpectedDetailCode,
)
from hesabdar.ledger.models import (
    Account,
    AccountDayBalance,
    Document,
    DocumentLine,
)
from hesabdar.ledger.service.balances import (
    BalanceChanges,
    add_change,
    apply_balances,
    stored_postings,
    stripe_of,
)
from hesabdar.ledger.service.fiscal_years import ensure_open_fiscal_year
from hesabdar.ledger.service.lookups import RenderedCodes
from hesabdar.numbering import service as numbering
from hesabdar.numbering.models import Counter
from hesabdar.tenancy.models import Business

MANUAL = "manual"

SOURCE_LABELS = {
    "invoice": "an invoice",
    "receipt": "a receipt or payment",
    "transfer": "a bank transfer",
    "warehouse": "a warehouse receipt",
    "opening": "the opening balance",
}


@dataclass
class TransactionInput:
    account_path: str | None = None
    description: str = ""
    info: str = ""
    amount: Decimal | None = None
    currency_amount: Decimal | None = None
    currency: str | None = None
    type: int | None = None
    contact_code: Any = None
    product_code: Any = None
    bank_code: Any = None
    cash_code: Any = None
    petty_cash_code: Any = None

    def code(self, field_name: str) -> Any:
        value = {
            "contactCode": self.contact_code,
            "productCode": self.product_code,
            "bankCode": self.bank_code,
            "cashCode": self.cash_code,
            "pettyCashCode": self.petty_cash_code,
        }[field_name]
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return value


@dataclass
class DocumentInput:
    number: int | None = None
    reference: str = ""
    date: date | None = None
    description: str = ""
    project: str | None = None
    debit: Decimal | None = None
    credit: Decimal | None = None
    status: int | None = None
    transactions: list[TransactionInput] = field(default_factory=list)


@dataclass
class PostingLine:
    """A resolved line, ready to write: what invoices, receipts and transfers post."""

    account: Account
    side: Side
    amount: Decimal
    description: str = ""
    info: str = ""
    currency: str = ""
    currency_amount: Decimal | None = None
    contact_id: int | None = None
    item_id: int | None = None
    bank_id: int | None = None
    cash_id: int | None = None
    petty_cash_id: int | None = None
    # The detail's stored code, known once resolved, so the answer needs no re-read.
    detail_code: str = ""

    def posting(self) -> core.Posting:
        return core.Posting(self.account.id, self.side, self.amount)


def get_document(session: Session, business_id: int, number: int) -> Document:
    document = session.scalar(
        select(Document)
        .where(Document.business_id == business_id, Document.number == number)
        .options(selectinload(Document.lines))
    )
    if document is None:
        raise DocumentNotFound(number)
    return document


DOCUMENT_FIELDS = QueryFields(
    fields={
        "Id": QueryField(Document.id.expression, "int"),
        "Number": QueryField(Document.number.expression, "int"),
        "Date": QueryField(Document.date.expression, "date"),
        "Status": QueryField(Document.status.expression, "int"),
        "Reference": QueryField(Document.reference.expression, "str"),
        "Description": QueryField(Document.description.expression, "str"),
    },
    search=(Document.description.expression, Document.reference.expression),
    default_sort=(Document.id.expression.asc(),),
)


def list_documents(session: Session, business_id: int, query: ListQuery | None) -> Page:
    return run_query(
        session, select(Document).where(Document.business_id == business_id), DOCUMENT_FIELDS, query
    )


def _ensure_manual(document: Document, action: str) -> None:
    if document.source_type != MANUAL:
        made_by = SOURCE_LABELS.get(document.source_type, document.source_type)
        raise SystemDocument(
            f"number: document {document.number} is made by {made_by} and cannot be {action} "
            f"here; change its {document.source_type} instead."
        )


# Statements every save runs, built once (building a select costs more than running it).
_ACCOUNTS_BY_PATH = select(Account).where(
    Account.business_id == bindparam("business_id"),
    Account.full_path.in_(bindparam("paths", expanding=True)),
)


def _money(value: Decimal, where: str) -> Decimal:
    if not value.is_finite():
        raise InvalidAmount(f"{where}: {value} is not a number.")
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        raise InvalidAmount(f"{where}: at most 4 decimal places are allowed (got {value}).")
    if abs(value) >= Decimal(10) ** 25:
        raise InvalidAmount(f"{where}: {value} is too large.")
    return value


def _resolve_lines(
    session: Session, business_id: int, business_currency: str, data: DocumentInput
) -> list[PostingLine]:
    paths = {
        core.normalize_path(line.account_path) for line in data.transactions if line.account_path
    }
    by_path = {
        account.full_path: account
        for account in session.scalars(
            _ACCOUNTS_BY_PATH, {"business_id": business_id, "paths": sorted(paths)}
        )
    }
    resolved: list[PostingLine] = []
    found: DetailCache = {}
    for row, line in enumerate(data.transactions):
        where = f"document.transactions[{row}]"
        if not line.account_path:
            raise MissingParameter(f"{where}.accountPath")
        account = by_path.get(core.normalize_path(line.account_path))
        if account is None:
            raise AccountNotFound(line.account_path, f"{where}.accountPath")
        if not account.is_leaf:
            raise AccountNotLeaf(
                f"{where}.accountPath: '{account.full_path}' has sub-accounts; post to one of "
                "its leaf accounts."
            )
        if line.type is None:
            raise MissingParameter(f"{where}.type")
        if line.type not in (Side.DEBIT, Side.CREDIT):
            raise InvalidValue(f"{where}.type: {line.type} is not 0 (debit) or 1 (credit).")
        if line.amount is None:
            raise MissingParameter(f"{where}.amount")
        amount = _money(line.amount, f"{where}.amount")
        if amount <= 0:
            raise InvalidAmount(f"{where}.amount: must be greater than 0 (got {amount}).")
        currency = (line.currency or business_currency).strip().upper()
        if line.currency_amount is not None:
            currency_amount = _money(line.currency_amount, f"{where}.currencyAmount")
            if currency_amount <= 0:
                raise InvalidAmount(
                    f"{where}.currencyAmount: must be greater than 0 (got {currency_amount})."
                )
        elif currency != business_currency.upper():
            raise MissingParameter(
                f"{where}.currencyAmount",
                f"{where}.currencyAmount: the amount in {currency} is required for a "
                "foreign-currency transaction.",
            )
        else:
            currency_amount = amount
        posting = PostingLine(
            account=account,
            side=Side(line.type),
            amount=amount,
            description=line.description or "",
            info=line.info or "",
            currency=currency,
            currency_amount=currency_amount,
        )
        _resolve_detail(session, business_id, account, line, posting, where, found)
        resolved.append(posting)
    return resolved


# (detail kind's column, code as sent) → (id, stored code) or None: one look-up per code a
# document names, however many lines name it.
DetailCache = dict[tuple[str, str], tuple[int, str] | None]


def _resolve_detail(
    session: Session,
    business_id: int,
    account: Account,
    line: TransactionInput,
    posting: PostingLine,
    where: str,
    found: DetailCache,
) -> None:
    wanted = details.DETAIL_KINDS.get(DetailType(account.detail_type))
    for kind in details.CODE_FIELDS:
        if kind is wanted:
            continue
        if line.code(kind.field) is not None:
            if wanted is None:
                reason = "the account takes no detail"
            else:
                reason = f"the account's detail is a {wanted.label} ({wanted.field})"
            raise UnexpectedDetailCode(
                f"{where}.{kind.field}: must be empty; {reason} ('{account.full_path}')."
            )
    if wanted is None:
        return
    code = line.code(wanted.field)
    if code is None:
        raise DetailCodeRequired(
            f"{where}.{wanted.field}",
            f"{where}.{wanted.field}: required, the detail of '{account.full_path}' is a "
            f"{wanted.label}.",
        )
    key = (wanted.column, str(code))
    if key not in found:
        found[key] = details.find(session, business_id, wanted, code)
    record = found[key]
    if record is None:
        raise DetailNotFound(f"{where}.{wanted.field}: {wanted.label} '{code}' does not exist.")
    setattr(posting, wanted.column, record[0])
    posting.detail_code = record[1]


def _show(value: Decimal) -> str:
    """An amount as the client wrote it: ``10``, ``1000.0001`` (no padding, no exponent)."""
    return format(value.normalize(), "f")


def _check_header(data: DocumentInput, totals: core.Totals) -> None:
    # 0 is what form-based clients send for "not filled in", so only a real figure is checked.
    if data.debit is not None and data.debit != 0 and data.debit != totals.debit:
        raise HeaderTotalMismatch(
            f"document.debit: {_show(data.debit)} differs from the sum of debit transactions "
            f"({_show(totals.debit)})."
        )
    if data.credit is not None and data.credit != 0 and data.credit != totals.credit:
        raise HeaderTotalMismatch(
            f"document.credit: {_show(data.credit)} differs from the sum of credit transactions "
            f"({_show(totals.credit)})."
        )


def check_postings(lines: Sequence[PostingLine], status: DocumentStatus) -> core.Totals:
    """The rules every document obeys, manual or system."""
    if len(lines) < 2:
        raise TooFewTransactions(
            f"document.transactions: a document needs at least two transactions (got {len(lines)})."
        )
    totals = core.totals(line.posting() for line in lines)
    if status == DocumentStatus.APPROVED and not totals.is_balanced:
        raise UnbalancedDocument(
            f"document.transactions: an approved document must balance; debits {_show(totals.debit)} "
            f"!= credits {_show(totals.credit)}."
        )
    return totals


@dataclass(frozen=True)
class WrittenLine:
    """A document line as just written: what the answer shows, without reading it back."""

    id: int
    account_id: int
    description: str
    info: str
    amount: Decimal
    currency_amount: Decimal
    currency: str
    side: int
    contact_id: int | None
    item_id: int | None
    bank_id: int | None
    cash_id: int | None
    petty_cash_id: int | None


@dataclass(frozen=True)
class SavedDocument:
    """A saved document with its lines and the codes, paths and project title the answer
    needs, all known from resolving the request."""

    document: Document
    created: bool
    lines: list[WrittenLine]
    lookups: RenderedCodes
    paths: dict[int, str]


def save_document(session: Session, business: Business, data: DocumentInput) -> SavedDocument:
    """Create (number missing or 0, or a number not used yet) or edit (an existing number) a
    manual document.

    Every read and check comes first; the writes come last (see ``_write``), so that the
    row locks they take are held for as short a time as possible before the commit.
    """
    business_id = business.id
    existing: Document | None = None
    if data.number:
        if data.number < 0:
            raise InvalidValue(f"document.number: {data.number} is not a document number.")
        existing = _document_for_update(session, business_id, number=data.number)
        if existing is None:
            # A number the client chose: under the counter's lock, so that no other request
            # creates it meanwhile (allocation skips it later). Then look again: a request
            # that committed it before the lock was ours makes this an edit.
            numbering.lock(session, business_id, DOCUMENT_COUNTER)
            existing = _document_for_update(session, business_id, number=data.number)
        if existing is not None:
            _ensure_manual(existing, "edited")
    if data.date is None:
        raise MissingParameter("document.date")
    status_value = DocumentStatus.DRAFT if data.status is None else data.status
    if status_value not in (DocumentStatus.DRAFT, DocumentStatus.APPROVED):
        raise InvalidValue(f"document.status: {status_value} is not 0 (draft) or 1 (approved).")
    status = DocumentStatus(status_value)
    if len(data.transactions) < 2:
        raise TooFewTransactions(
            "document.transactions: a document needs at least two transactions "
            f"(got {len(data.transactions)})."
        )
    ensure_open_fiscal_year(session, business_id, data.date, "document.date")
    project_id = None
    projects: dict[int, str] = {}
    if data.project:
        project = details.find_project_title(session, business_id, data.project)
        if project is None:
            raise DetailNotFound(f"document.project: project '{data.project}' does not exist.")
        project_id, projects[project[0]] = project[0], project[1]
    lines = _resolve_lines(session, business_id, business.currency, data)
    totals = check_postings(lines, status)
    _check_header(data, totals)

    created = existing is None
    document = existing or Document(
        business_id=business_id, source_type=MANUAL, number=data.number or None
    )
    written = _write(
        session,
        document,
        created=created,
        day=data.date,
        reference=data.reference,
        description=data.description,
        project_id=project_id,
        status=status,
        lines=lines,
    )
    codes: dict[str, dict[int, tuple[str, str]]] = {}
    for line in lines:
        for kind in details.CODE_FIELDS:
            record_id = getattr(line, kind.column)
            if record_id is not None:
                codes.setdefault(kind.column, {})[record_id] = (line.detail_code, "")
    return SavedDocument(
        document=document,
        created=created,
        lines=written,
        lookups=RenderedCodes(codes, projects),
        paths={line.account.id: line.account.full_path for line in lines},
    )


DOCUMENT_COUNTER = "document"


def _document_for_update(
    session: Session,
    business_id: int,
    *,
    number: int | None = None,
    source: tuple[str, int] | None = None,
) -> Document | None:
    """The document with this number or source, its row locked until the commit (PostgreSQL;
    SQLite serializes writers), so that concurrent edits and deletes of it take turns."""
    query = select(Document).where(Document.business_id == business_id)
    if number is not None:
        query = query.where(Document.number == number)
    if source is not None:
        query = query.where(Document.source_type == source[0], Document.source_id == source[1])
    return session.scalars(query.with_for_update().limit(1)).first()


def _next_number(session: Session, business_id: int) -> int:
    def taken(value: int) -> bool:
        return (
            session.scalar(
                select(Document.id).where(
                    Document.business_id == business_id, Document.number == value
                )
            )
            is not None
        )

    return numbering.next_number(session, business_id, DOCUMENT_COUNTER, taken)


_LINES = cast(Table, DocumentLine.__table__)
_INSERT_LINES = insert(_LINES).returning(_LINES.c.id, sort_by_parameter_order=True)


def _write(
    session: Session,
    document: Document,
    *,
    created: bool,
    day: date,
    reference: str,
    description: str,
    project_id: int | None,
    status: DocumentStatus,
    lines: Sequence[PostingLine],
) -> list[WrittenLine]:
    """Write a document checked by the caller: build everything in memory, then run the
    writes last and in this order:

    1. the day balances (one statement): their rows are spread over stripes, and waiting
       for one here does not hold the counter;
    2. the number, for a new document without one: the business's counter row stays locked
       from here to the commit, and every new document of the business needs it, so only
       the two inserts below run under it;
    3. the document, then its lines (one executemany insert).
    """
    business_id = document.business_id
    posted = status == DocumentStatus.APPROVED
    changes: BalanceChanges = {} if created else stored_postings(session, document, sign=-1)
    now = utcnow()
    rows: list[dict[str, Any]] = []
    debit_total = credit_total = core.ZERO
    for row, line in enumerate(lines, start=1):
        amount = quantize(line.amount, MONEY_SCALE)
        debit, credit = core.split(line.side, amount)
        debit_total += debit
        credit_total += credit
        if posted:
            add_change(changes, line.account.id, day, debit, credit)
        rows.append(
            {
                "business_id": business_id,
                "row": row,
                "account_id": line.account.id,
                "date": day,
                "is_posted": posted,
                "side": int(line.side),
                "amount": amount,
                "debit": debit,
                "credit": credit,
                "currency": line.currency,
                "currency_amount": (
                    amount
                    if line.currency_amount is None
                    else quantize(line.currency_amount, MONEY_SCALE)
                ),
                "description": line.description,
                "info": line.info,
                "project_id": project_id,
                "contact_id": line.contact_id,
                "item_id": line.item_id,
                "bank_id": line.bank_id,
                "cash_id": line.cash_id,
                "petty_cash_id": line.petty_cash_id,
                "created_at": now,
                "updated_at": now,
            }
        )

    numbered = created and not document.number and session.get_bind().dialect.name == "postgresql"
    if not numbered:
        apply_balances(session, business_id, changes)
    document.reference = reference or ""
    document.date = day
    document.description = description or ""
    document.project_id = project_id
    document.status = int(status)
    document.debit = debit_total
    document.credit = credit_total
    ids: Sequence[int]
    if numbered:
        ids = _insert_numbered(session, document, rows, posted, changes, now)
    else:
        if created and not document.number:
            document.number = _next_number(session, business_id)
        if created:
            session.add(document)
        session.flush()
        if not created:
            session.execute(
                delete(_LINES).where(
                    _LINES.c.business_id == business_id, _LINES.c.document_id == document.id
                )
            )
        for values in rows:
            values["document_id"] = document.id
        ids = session.execute(_INSERT_LINES, rows).scalars().all()
        # The ORM has not seen the lines: the next use of the collection loads them.
        session.expire(document, ["lines"])
    return [
        WrittenLine(
            id=int(line_id),
            account_id=values["account_id"],
            description=values["description"],
            info=values["info"],
            amount=values["amount"],
            currency_amount=values["currency_amount"],
            currency=values["currency"],
            side=values["side"],
            contact_id=values["contact_id"],
            item_id=values["item_id"],
            bank_id=values["bank_id"],
            cash_id=values["cash_id"],
            petty_cash_id=values["petty_cash_id"],
        )
        for line_id, values in zip(ids, rows, strict=True)
    ]


# A new document, its lines and its day balances under a number from the counter, in one
# statement: the counter row stays locked from this statement to the commit and every new
# document of the business waits for it, so nothing else of the request runs in between
# (each further round trip under the lock would make all of them wait longer). A request
# waiting for the counter holds no other lock: the day balances come from ``created``, so they
# are written after the counter is taken. A number a client already took (a document saved
# with a number of its own choosing, under numbering.lock) is skipped: the statement then
# writes nothing and the next number is tried. ``ON CONFLICT DO NOTHING`` rather than a
# ``NOT EXISTS`` probe: the probe would read the statement's snapshot, taken before the wait
# for the counter, and miss a number chosen and committed during that wait.
_NUMBERED_INSERT = text(
    f"""
WITH advanced AS (
    UPDATE {Counter.__tablename__} SET last_value = last_value + 1
    WHERE business_id = :business_id AND kind = :kind
    RETURNING last_value
), created AS (
    INSERT INTO {Document.__tablename__} (business_id, number, reference, date, description,
        project_id, status, debit, credit, source_type, source_id, created_at, updated_at)
    SELECT :business_id, advanced.last_value, :reference, CAST(:date AS date), :description,
        CAST(:project_id AS bigint), CAST(:status AS smallint), CAST(:debit AS numeric),
        CAST(:credit AS numeric), :source_type, CAST(:source_id AS bigint),
        CAST(:now AS timestamp), CAST(:now AS timestamp)
    FROM advanced
    ON CONFLICT (business_id, number) DO NOTHING
    RETURNING id
), written AS (
    INSERT INTO {DocumentLine.__tablename__} (business_id, document_id, "row", account_id, date,
        is_posted, side, amount, debit, credit, currency, currency_amount, description, info,
        project_id, contact_id, item_id, bank_id, cash_id, petty_cash_id, created_at,
        updated_at)
    SELECT :business_id, created.id, line.line_row, line.account_id, CAST(:date AS date),
        CAST(:is_posted AS boolean), line.side, line.amount, line.debit, line.credit,
        line.currency, line.currency_amount, line.description, line.info,
        CAST(:project_id AS bigint), line.contact_id, line.item_id, line.bank_id, line.cash_id,
        line.petty_cash_id, CAST(:now AS timestamp), CAST(:now AS timestamp)
    FROM created, unnest(
        CAST(:line_rows AS integer[]), CAST(:account_ids AS bigint[]),
        CAST(:sides AS smallint[]), CAST(:amounts AS numeric[]), CAST(:debits AS numeric[]),
        CAST(:credits AS numeric[]), CAST(:currencies AS text[]),
        CAST(:currency_amounts AS numeric[]), CAST(:descriptions AS text[]),
        CAST(:infos AS text[]), CAST(:contact_ids AS bigint[]), CAST(:item_ids AS bigint[]),
        CAST(:bank_ids AS bigint[]), CAST(:cash_ids AS bigint[]),
        CAST(:petty_cash_ids AS bigint[])
    ) AS line(line_row, account_id, side, amount, debit, credit, currency, currency_amount,
        description, info, contact_id, item_id, bank_id, cash_id, petty_cash_id)
    RETURNING id, "row"
), balanced AS (
    INSERT INTO {AccountDayBalance.__tablename__} AS balance (business_id, account_id, date,
        stripe, debit, credit, created_at, updated_at)
    SELECT :business_id, change.account_id, change.day, CAST(:stripe AS smallint),
        change.debit, change.credit, CAST(:now AS timestamp), CAST(:now AS timestamp)
    FROM created, unnest(
        CAST(:balance_accounts AS bigint[]), CAST(:balance_days AS date[]),
        CAST(:balance_debits AS numeric[]), CAST(:balance_credits AS numeric[])
    ) AS change(account_id, day, debit, credit)
    ORDER BY change.account_id, change.day
    ON CONFLICT (business_id, account_id, date, stripe) DO UPDATE SET
        debit = balance.debit + excluded.debit,
        credit = balance.credit + excluded.credit,
        updated_at = excluded.updated_at
)
SELECT advanced.last_value, created.id,
    (SELECT array_agg(written.id ORDER BY written."row") FROM written)
FROM advanced LEFT JOIN created ON true
"""
)


def _insert_numbered(
    session: Session,
    document: Document,
    rows: list[dict[str, Any]],
    posted: bool,
    changes: BalanceChanges,
    now: datetime,
) -> list[int]:
    """PostgreSQL: insert a new document under the next free number, its lines and its day
    balances, with ``_NUMBERED_INSERT``; the document becomes a persistent ORM object without
    a re-read. Returns the ids of the lines in row order."""
    business_id = document.business_id
    keys = sorted(key for key, (debit, credit) in changes.items() if debit or credit)
    parameters = {
        "business_id": business_id,
        "kind": DOCUMENT_COUNTER,
        "reference": document.reference,
        "date": document.date,
        "description": document.description,
        "project_id": document.project_id,
        "status": document.status,
        "debit": quantize(document.debit, MONEY_SCALE),
        "credit": quantize(document.credit, MONEY_SCALE),
        "source_type": document.source_type,
        "source_id": document.source_id,
        "now": now,
        "is_posted": posted,
        "line_rows": [values["row"] for values in rows],
        "account_ids": [values["account_id"] for values in rows],
        "sides": [values["side"] for values in rows],
        "amounts": [values["amount"] for values in rows],
        "debits": [values["debit"] for values in rows],
        "credits": [values["credit"] for values in rows],
        "currencies": [values["currency"] for values in rows],
        "currency_amounts": [values["currency_amount"] for values in rows],
        "descriptions": [values["description"] for values in rows],
        "infos": [values["info"] for values in rows],
        "stripe": stripe_of(session),
        "balance_accounts": [account_id for account_id, _day in keys],
        "balance_days": [day for _account_id, day in keys],
        "balance_debits": [changes[key][0] for key in keys],
        "balance_credits": [changes[key][1] for key in keys],
        **{
            f"{kind.column}s": [values[kind.column] for values in rows]
            for kind in details.CODE_FIELDS
        },
    }
    while True:
        result = session.execute(_NUMBERED_INSERT, parameters).first()
        if result is None:  # the business's first document: no counter row yet
            numbering.lock(session, business_id, DOCUMENT_COUNTER)
            continue
        number, document_id, line_ids = result
        if document_id is not None:
            break
    document.id = int(document_id)
    document.number = int(number)
    document.created_at = document.updated_at = now
    make_transient_to_detached(document)
    session.add(document)
    return [int(line_id) for line_id in line_ids]


def _remove(session: Session, document: Document) -> None:
    """Take a document's posted amounts out of the day balances and delete it with its lines."""
    apply_balances(session, document.business_id, stored_postings(session, document, sign=-1))
    session.execute(
        delete(_LINES).where(
            _LINES.c.business_id == document.business_id, _LINES.c.document_id == document.id
        )
    )
    session.expire(document, ["lines"])
    session.delete(document)


def delete_document(session: Session, business_id: int, number: int) -> Document:
    document = _document_for_update(session, business_id, number=number)
    if document is None:
        raise DocumentNotFound(number)
    _ensure_manual(document, "deleted")
    _remove(session, document)
    session.flush()
    return document


def post_system_document(
    session: Session,
    business: Business,
    *,
    source_type: str,
    source_id: int,
    day: date,
    lines: Sequence[PostingLine],
    description: str = "",
    reference: str = "",
    project_id: int | None = None,
    status: DocumentStatus = DocumentStatus.APPROVED,
) -> Document:
    """Create or rebuild the system document of a source (an invoice, receipt, transfer …).

    Call it in the source's own transaction whenever the source is saved; it keeps the
    document's number and replaces its lines. Its number is allocated last, just before the
    document is written (see ``_write``); call it as late as the source's own writes allow.
    """
    if source_type == MANUAL:
        raise ValueError("system documents need a source type other than 'manual'")
    ensure_open_fiscal_year(session, business.id, day, "date")
    check_postings(lines, status)
    document = _document_for_update(session, business.id, source=(source_type, source_id))
    created = document is None
    if document is None:
        document = Document(business_id=business.id, source_type=source_type, source_id=source_id)
    _write(
        session,
        document,
        created=created,
        day=day,
        reference=reference,
        description=description,
        project_id=project_id,
        status=status,
        lines=lines,
    )
    return document


def delete_system_documents(
    session: Session, business_id: int, source_type: str, source_id: int
) -> None:
    for document in session.scalars(
        select(Document)
        .where(
            Document.business_id == business_id,
            Document.source_type == source_type,
            Document.source_id == source_id,
        )
        .order_by(Document.id)
        .with_for_update()
    ).all():
        _remove(session, document)
    session.flush()
