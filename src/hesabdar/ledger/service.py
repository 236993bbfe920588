"""Ledger rules: fiscal years, the chart of accounts, documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import jdatetime
from sqlalchemy import exists, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session, selectinload

from hesabdar.kit.errors import FiscalYearNotFound, MissingParameter
from hesabdar.kit.listing import ListQuery, Page, QueryField, QueryFields, run_query
from hesabdar.ledger import core, details
from hesabdar.ledger.chart import MAIN_TYPE_NAMES, NATURAL_BALANCE, STANDARD_CHART
from hesabdar.ledger.core import (
    AccountLevel,
    AccountType,
    BalanceType,
    DetailType,
    DocumentStatus,
    MainAccountType,
    Side,
)
from hesabdar.ledger.errors import (
    AccountChangeRefused,
    AccountNotFound,
    AccountNotLeaf,
    DateOutsideFiscalYear,
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
from hesabdar.ledger.models import Account, AccountDayBalance, Document, DocumentLine, FiscalYear
from hesabdar.numbering import service as numbering
from hesabdar.tenancy.models import Business


def jalali_year_bounds(day: date) -> tuple[int, date, date]:
    """The Iranian fiscal year (1 Farvardin to the last day of Esfand) that contains ``day``."""
    jalali_year = jdatetime.date.fromgregorian(date=day).year
    start = jdatetime.date(jalali_year, 1, 1).togregorian()
    end = jdatetime.date(jalali_year + 1, 1, 1).togregorian() - timedelta(days=1)
    return jalali_year, start, end


def set_up_books(
    session: Session, business: Business, *, fiscal_year_start: date | None = None
) -> None:
    """Everything a new business needs before its first document: one open fiscal year and
    the standard chart of accounts."""
    if fiscal_year_start is None:
        jalali_year, start, end = jalali_year_bounds(date.today())
        name = f"سال مالی {jalali_year}"
    else:
        start = fiscal_year_start
        end = date(start.year + 1, start.month, start.day) - timedelta(days=1)
        name = f"سال مالی {start.isoformat()}"
    session.add(
        FiscalYear(business_id=business.id, ordinal=1, name=name, start_date=start, end_date=end)
    )
    session.flush()
    create_standard_chart(session, business.id)


def fiscal_years(session: Session, business_id: int) -> list[FiscalYear]:
    return list(
        session.scalars(
            select(FiscalYear)
            .where(FiscalYear.business_id == business_id)
            .order_by(FiscalYear.ordinal)
        )
    )


def current_fiscal_year(
    session: Session, business_id: int, year_index: int | None = None
) -> FiscalYear:
    """The year ``yearId`` names, or else the latest open one."""
    query = select(FiscalYear).where(FiscalYear.business_id == business_id)
    if year_index is not None:
        year = session.scalar(query.where(FiscalYear.ordinal == year_index))
        if year is None:
            raise FiscalYearNotFound(f"Fiscal year {year_index} (yearId) does not exist.")
        return year
    year = session.scalar(
        query.where(FiscalYear.is_closed.is_(False)).order_by(FiscalYear.ordinal.desc()).limit(1)
    )
    if year is None:
        raise FiscalYearNotFound("The business has no open fiscal year.")
    return year


# --------------------------------------------------------------------------------------------
# Chart of accounts


def create_standard_chart(session: Session, business_id: int) -> None:
    """The standard chart, with one bulk insert per level (it runs for every new business)."""
    groups: list[dict[str, Any]] = []
    for group_number, group in enumerate(STANDARD_CHART, start=1):
        groups.append(
            {
                "business_id": business_id,
                "parent_id": None,
                "level": int(AccountLevel.GROUP),
                "code": str(group_number),
                "name": group.name,
                "full_path": core.join_path(MAIN_TYPE_NAMES[group.main], group.name),
                "main_account_type": int(group.main),
                "balance_type": int(NATURAL_BALANCE[group.main]),
                "detail_type": int(DetailType.NONE),
                "account_type": int(AccountType.GENERAL),
                "is_system": True,
                "is_leaf": False,
            }
        )
    group_ids = _insert_accounts(session, groups)

    ledgers: list[dict[str, Any]] = []
    for group_row, group in zip(groups, STANDARD_CHART, strict=True):
        for ledger_number, ledger in enumerate(group.ledgers, start=1):
            ledgers.append(
                {
                    **group_row,
                    "parent_id": group_ids[group_row["code"]],
                    "level": int(AccountLevel.LEDGER),
                    "code": f"{group_row['code']}{ledger_number}",
                    "name": ledger.name,
                    "full_path": core.join_path(group_row["full_path"], ledger.name),
                }
            )
    ledger_ids = _insert_accounts(session, ledgers)

    subsidiaries: list[dict[str, Any]] = []
    ledger_rows = iter(ledgers)
    for group in STANDARD_CHART:
        natural = NATURAL_BALANCE[group.main]
        for ledger in group.ledgers:
            ledger_row = next(ledger_rows)
            for sub_number, sub in enumerate(ledger.subsidiaries, start=1):
                balance = natural
                if sub.contra:
                    balance = (
                        BalanceType.CREDITOR
                        if natural == BalanceType.DEBTOR
                        else BalanceType.DEBTOR
                    )
                subsidiaries.append(
                    {
                        **ledger_row,
                        "parent_id": ledger_ids[ledger_row["code"]],
                        "level": int(AccountLevel.SUBSIDIARY),
                        "code": f"{ledger_row['code']}{sub_number:02d}",
                        "name": sub.name,
                        "full_path": core.join_path(ledger_row["full_path"], sub.name),
                        "balance_type": int(balance),
                        "detail_type": int(sub.detail),
                        "account_type": int(sub.role),
                        "is_leaf": True,
                    }
                )
    _insert_accounts(session, subsidiaries)


def _insert_accounts(session: Session, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert one level at once; code → id of the new rows."""
    inserted = session.execute(insert(Account).returning(Account.id, Account.code), rows)
    return {str(code): int(account_id) for account_id, code in inserted}


def accounts(session: Session, business_id: int) -> list[Account]:
    return list(
        session.scalars(
            select(Account).where(Account.business_id == business_id).order_by(Account.code)
        )
    )


def account_by_path(session: Session, business_id: int, path: str) -> Account | None:
    return session.scalar(
        select(Account).where(
            Account.business_id == business_id, Account.full_path == core.normalize_path(path)
        )
    )


def account_by_role(session: Session, business_id: int, role: AccountType) -> Account:
    """The leaf account that plays ``role`` (the first by code when several do)."""
    account = session.scalar(
        select(Account)
        .where(
            Account.business_id == business_id,
            Account.account_type == int(role),
            Account.is_leaf.is_(True),
        )
        .order_by(Account.code)
        .limit(1)
    )
    if account is None:
        raise AccountChangeRefused(f"The chart of accounts has no account for role {role.name}.")
    return account


def _has_postings(session: Session, business_id: int, account_id: int) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(
                    DocumentLine.business_id == business_id,
                    DocumentLine.account_id == account_id,
                )
            )
        )
    )


@dataclass(frozen=True)
class AccountInput:
    parent_path: str | None
    name: str | None
    code: str | None = None
    detail_type: int | None = None


def save_account(session: Session, business_id: int, data: AccountInput) -> Account:
    """Add a subsidiary under ``parent_path``, or edit the account ``parent_path : name``
    names when it exists (its detail type), or the account with ``code`` (name, detail type)."""
    if not data.parent_path:
        raise MissingParameter("account.parentPath")
    if not data.name:
        raise MissingParameter("account.name")
    detail = None
    if data.detail_type is not None:
        if data.detail_type not in {int(value) for value in DetailType}:
            raise InvalidValue(
                f"account.detailType: {data.detail_type} is not a detail type (0-6)."
            )
        detail = DetailType(data.detail_type)
    parent = account_by_path(session, business_id, data.parent_path)
    if parent is None:
        raise AccountNotFound(data.parent_path, "account.parentPath")
    name = core.normalize_path(data.name)
    if not name or ":" in data.name:
        raise InvalidValue("account.name: a name must not be empty or contain ':'.")
    existing: Account | None = None
    if data.code:
        existing = session.scalar(
            select(Account).where(Account.business_id == business_id, Account.code == data.code)
        )
        if existing is not None and existing.parent_id != parent.id:
            raise AccountChangeRefused(
                f"account.code: account {data.code} is not under '{parent.full_path}'."
            )
    if existing is None:
        existing = account_by_path(session, business_id, core.join_path(parent.full_path, name))
    if existing is not None:
        return _edit_account(session, business_id, existing, name, detail)
    return _add_account(session, business_id, parent, name, data.code, detail)


def _edit_account(
    session: Session,
    business_id: int,
    account: Account,
    name: str,
    detail: DetailType | None,
) -> Account:
    if account.is_system:
        raise AccountChangeRefused(
            f"account: '{account.full_path}' is a system account and cannot be edited."
        )
    if detail is not None and detail != account.detail_type:
        if not account.is_leaf:
            raise AccountChangeRefused(
                f"account.detailType: '{account.full_path}' has sub-accounts; only leaf "
                "accounts take a detail type."
            )
        if _has_postings(session, business_id, account.id):
            raise AccountChangeRefused(
                f"account.detailType: '{account.full_path}' has postings; changing its detail "
                "type would break them."
            )
        account.detail_type = int(detail)
    if name != account.name:
        parent_path = account.full_path.rsplit(" : ", 1)[0]
        new_path = core.join_path(parent_path, name)
        if account_by_path(session, business_id, new_path) is not None:
            raise AccountChangeRefused(f"account.name: '{new_path}' already exists.")
        _rename_subtree(session, business_id, account, new_path)
        account.name = name
    session.flush()
    return account


def _rename_subtree(session: Session, business_id: int, account: Account, new_path: str) -> None:
    old_prefix = account.full_path + " : "
    for child in session.scalars(
        select(Account).where(
            Account.business_id == business_id, Account.full_path.startswith(old_prefix)
        )
    ):
        child.full_path = new_path + " : " + child.full_path[len(old_prefix) :]
    account.full_path = new_path


def _add_account(
    session: Session,
    business_id: int,
    parent: Account,
    name: str,
    code: str | None,
    detail: DetailType | None,
) -> Account:
    if parent.level not in (AccountLevel.LEDGER, AccountLevel.SUBSIDIARY):
        raise AccountChangeRefused(
            f"account.parentPath: '{parent.full_path}' is a group; add accounts under a ledger "
            "or a subsidiary account."
        )
    if parent.is_leaf and _has_postings(session, business_id, parent.id):
        raise AccountChangeRefused(
            f"account.parentPath: '{parent.full_path}' has postings; an account with postings "
            "cannot get sub-accounts."
        )
    if code:
        taken = session.scalar(
            select(Account.id).where(Account.business_id == business_id, Account.code == code)
        )
        if taken is not None:
            raise AccountChangeRefused(f"account.code: code {code} is already used.")
    else:
        siblings = session.scalars(
            select(Account.code).where(
                Account.business_id == business_id, Account.parent_id == parent.id
            )
        ).all()
        numbers = [
            int(sibling[len(parent.code) :])
            for sibling in siblings
            if sibling.startswith(parent.code) and sibling[len(parent.code) :].isdigit()
        ]
        code = f"{parent.code}{max(numbers, default=0) + 1:02d}"
    account = Account(
        business_id=business_id,
        parent_id=parent.id,
        level=int(parent.level) + 1,
        code=code,
        name=name,
        full_path=core.join_path(parent.full_path, name),
        main_account_type=parent.main_account_type,
        balance_type=parent.balance_type,
        detail_type=int(detail if detail is not None else DetailType.NONE),
        account_type=int(AccountType.GENERAL),
        is_system=False,
        is_leaf=True,
    )
    parent.is_leaf = False
    session.add(account)
    session.flush()
    return account


# --------------------------------------------------------------------------------------------
# Documents

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


def open_fiscal_year_of(session: Session, business_id: int, day: date, where: str) -> FiscalYear:
    year = session.scalar(
        select(FiscalYear).where(
            FiscalYear.business_id == business_id,
            FiscalYear.start_date <= day,
            FiscalYear.end_date >= day,
        )
    )
    if year is None:
        raise DateOutsideFiscalYear(f"{where}: {day.isoformat()} is in no fiscal year.")
    if year.is_closed:
        raise DateOutsideFiscalYear(
            f"{where}: {day.isoformat()} is in the closed fiscal year {year.name}."
        )
    return year


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
            select(Account).where(Account.business_id == business_id, Account.full_path.in_(paths))
        )
    }
    resolved: list[PostingLine] = []
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
        _resolve_detail(session, business_id, account, line, posting, where)
        resolved.append(posting)
    return resolved


def _resolve_detail(
    session: Session,
    business_id: int,
    account: Account,
    line: TransactionInput,
    posting: PostingLine,
    where: str,
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
    record_id = details.find_by_code(session, business_id, wanted, code)
    if record_id is None:
        raise DetailNotFound(f"{where}.{wanted.field}: {wanted.label} '{code}' does not exist.")
    setattr(posting, wanted.column, record_id)


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


def save_document(
    session: Session, business: Business, data: DocumentInput
) -> tuple[Document, bool]:
    """Create (number missing or 0, or a number not used yet) or edit (an existing number) a
    manual document.

    Returns the document and whether it was created.
    """
    business_id = business.id
    existing: Document | None = None
    if data.number:
        if data.number < 0:
            raise InvalidValue(f"document.number: {data.number} is not a document number.")
        # Under the counter's lock, so that two requests cannot both create this number.
        numbering.lock(session, business_id, "document")
        existing = session.scalar(
            select(Document).where(
                Document.business_id == business_id, Document.number == data.number
            )
        )
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
    open_fiscal_year_of(session, business_id, data.date, "document.date")
    project_id = None
    if data.project:
        project_id = details.find_project(session, business_id, data.project)
        if project_id is None:
            raise DetailNotFound(f"document.project: project '{data.project}' does not exist.")
    lines = _resolve_lines(session, business_id, business.currency, data)
    totals = check_postings(lines, status)
    _check_header(data, totals)
    document = existing or Document(business_id=business_id, source_type=MANUAL)
    if existing is None:
        document.number = data.number or _next_number(session, business_id)
    _write(
        session, document, data.date, data.reference, data.description, project_id, status, lines
    )
    if existing is None:
        session.add(document)
    session.flush()
    return document, existing is None


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

    return numbering.next_number(session, business_id, "document", taken)


def _write(
    session: Session,
    document: Document,
    day: date,
    reference: str,
    description: str,
    project_id: int | None,
    status: DocumentStatus,
    lines: Sequence[PostingLine],
) -> None:
    totals = core.totals(line.posting() for line in lines)
    document.reference = reference or ""
    document.date = day
    document.description = description or ""
    document.project_id = project_id
    document.status = int(status)
    document.debit = totals.debit
    document.credit = totals.credit
    posted = status == DocumentStatus.APPROVED
    changes = _posted_amounts(document.lines, sign=-1) if document.id is not None else {}
    if posted:
        for line in lines:
            debit, credit = core.split(line.side, line.amount)
            _add(changes, line.account.id, day, debit, credit)
    _apply_balances(session, document.business_id, changes)
    document.lines.clear()
    for row, line in enumerate(lines, start=1):
        debit, credit = core.split(line.side, line.amount)
        document.lines.append(
            DocumentLine(
                business_id=document.business_id,
                row=row,
                account_id=line.account.id,
                date=day,
                is_posted=posted,
                side=int(line.side),
                amount=line.amount,
                debit=debit,
                credit=credit,
                currency=line.currency,
                currency_amount=(
                    line.amount if line.currency_amount is None else line.currency_amount
                ),
                description=line.description,
                info=line.info,
                project_id=project_id,
                contact_id=line.contact_id,
                item_id=line.item_id,
                bank_id=line.bank_id,
                cash_id=line.cash_id,
                petty_cash_id=line.petty_cash_id,
            )
        )


BalanceChanges = dict[tuple[int, date], tuple[Decimal, Decimal]]


def _add(
    changes: BalanceChanges, account_id: int, day: date, debit: Decimal, credit: Decimal
) -> None:
    old_debit, old_credit = changes.get((account_id, day), (core.ZERO, core.ZERO))
    changes[(account_id, day)] = (old_debit + debit, old_credit + credit)


def _posted_amounts(lines: Sequence[DocumentLine], sign: int) -> BalanceChanges:
    changes: BalanceChanges = {}
    for line in lines:
        if line.is_posted:
            _add(changes, line.account_id, line.date, sign * line.debit, sign * line.credit)
    return changes


def _apply_balances(session: Session, business_id: int, changes: BalanceChanges) -> None:
    """Add posted amounts to the per-day balances, in key order so that concurrent writers
    lock the rows in the same order and never deadlock."""
    keys = sorted(key for key, (debit, credit) in changes.items() if debit or credit)
    if not keys:
        return
    if session.get_bind().dialect.name == "postgresql":
        statement = pg_insert(AccountDayBalance).values(
            [
                {
                    "business_id": business_id,
                    "account_id": account_id,
                    "date": day,
                    "debit": changes[(account_id, day)][0],
                    "credit": changes[(account_id, day)][1],
                }
                for account_id, day in keys
            ]
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["business_id", "account_id", "date"],
                set_={
                    "debit": AccountDayBalance.debit + statement.excluded.debit,
                    "credit": AccountDayBalance.credit + statement.excluded.credit,
                    "updated_at": statement.excluded.updated_at,
                },
            )
        )
        return
    # SQLite stores amounts as text (adding them in SQL would go through float); writers are
    # serialized there, so read, add exactly in Python, and write back.
    for account_id, day in keys:
        debit, credit = changes[(account_id, day)]
        row = session.scalar(
            select(AccountDayBalance).where(
                AccountDayBalance.business_id == business_id,
                AccountDayBalance.account_id == account_id,
                AccountDayBalance.date == day,
            )
        )
        if row is None:
            session.add(
                AccountDayBalance(
                    business_id=business_id,
                    account_id=account_id,
                    date=day,
                    debit=debit,
                    credit=credit,
                )
            )
        else:
            row.debit += debit
            row.credit += credit
    session.flush()


def delete_document(session: Session, business_id: int, number: int) -> Document:
    document = get_document(session, business_id, number)
    _ensure_manual(document, "deleted")
    _apply_balances(session, business_id, _posted_amounts(document.lines, sign=-1))
    session.delete(document)
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
    document's number and replaces its lines.
    """
    if source_type == MANUAL:
        raise ValueError("system documents need a source type other than 'manual'")
    open_fiscal_year_of(session, business.id, day, "date")
    check_postings(lines, status)
    document = session.scalar(
        select(Document).where(
            Document.business_id == business.id,
            Document.source_type == source_type,
            Document.source_id == source_id,
        )
    )
    if document is None:
        document = Document(
            business_id=business.id,
            source_type=source_type,
            source_id=source_id,
            number=_next_number(session, business.id),
        )
        session.add(document)
    _write(session, document, day, reference, description, project_id, status, lines)
    session.flush()
    return document


def delete_system_documents(
    session: Session, business_id: int, source_type: str, source_id: int
) -> None:
    for document in session.scalars(
        select(Document).where(
            Document.business_id == business_id,
            Document.source_type == source_type,
            Document.source_id == source_id,
        )
    ):
        _apply_balances(session, business_id, _posted_amounts(document.lines, sign=-1))
        session.delete(document)
    session.flush()


@dataclass(frozen=True)
class RenderedCodes:
    """Codes of the details and title of the project of documents, fetched in a few queries."""

    codes: dict[str, dict[int, tuple[str, str]]]
    projects: dict[int, str]

    def code(self, column: str, record_id: int | None) -> str:
        if record_id is None:
            return ""
        return self.codes.get(column, {}).get(record_id, ("", ""))[0]


def lookups_for(
    session: Session, business_id: int, documents: Sequence[Document], *, with_lines: bool = True
) -> RenderedCodes:
    codes: dict[str, dict[int, tuple[str, str]]] = {}
    for kind in details.CODE_FIELDS if with_lines else ():
        ids = [
            getattr(line, kind.column)
            for document in documents
            for line in document.lines
            if getattr(line, kind.column) is not None
        ]
        codes[kind.column] = details.codes_and_names(session, business_id, kind, ids)
    projects = details.project_titles(
        session,
        business_id,
        [document.project_id for document in documents if document.project_id is not None],
    )
    return RenderedCodes(codes, projects)


def account_paths(session: Session, business_id: int, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(Account.id, Account.full_path).where(
            Account.business_id == business_id, Account.id.in_(sorted(set(ids)))
        )
    )
    return {int(account_id): str(path) for account_id, path in rows}


def main_type_of(account: Account) -> MainAccountType:
    return MainAccountType(account.main_account_type)
