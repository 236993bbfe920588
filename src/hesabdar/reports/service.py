"""Trial balance and its per-detail breakdown: sums over posted (approved) lines only.

Lines carry the account, date, project and debit/credit columns, so these are single
aggregate queries on ``document_line`` (served by ``ix_document_line_balance``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import case, or_, select
from sqlalchemy.orm import Session

from hesabdar.kit.errors import Location, MissingParameter
from hesabdar.kit.types import exact_sum
from hesabdar.ledger import core, details
from hesabdar.ledger import service as ledger
from hesabdar.ledger.core import BalanceType, DetailType
from hesabdar.ledger.errors import AccountNotFound, DetailNotFound, InvalidValue
from hesabdar.ledger.models import Account, AccountDayBalance, DocumentLine, FiscalYear

ZERO = Decimal("0.0000")


@dataclass(frozen=True)
class Period:
    year: FiscalYear
    start: date
    end: date


def period(
    session: Session,
    business_id: int,
    start: date | None,
    end: date | None,
    year_index: int | None = None,
) -> Period:
    """startDate..endDate within a fiscal year; the defaults are the current year's bounds."""
    year = None
    if start is not None and year_index is None:
        year = session.scalar(
            select(FiscalYear).where(
                FiscalYear.business_id == business_id,
                FiscalYear.start_date <= start,
                FiscalYear.end_date >= start,
            )
        )
    if year is None:
        year = ledger.current_fiscal_year(session, business_id, year_index)
    first = max(start, year.start_date) if start is not None else year.start_date
    last = end if end is not None else year.end_date
    if start is not None and last < first:
        raise InvalidValue(f"endDate: {last.isoformat()} is before startDate {first.isoformat()}.")
    return Period(year, first, last)


@dataclass(frozen=True)
class TrialBalanceRow:
    account: Account
    opening_debit: Decimal
    opening_credit: Decimal
    debit: Decimal
    credit: Decimal

    @property
    def remaining(self) -> tuple[Decimal, Decimal]:
        return core.remaining(self.opening_debit + self.debit, self.opening_credit + self.credit)

    @property
    def balance(self) -> tuple[Decimal, BalanceType]:
        return core.balance_of(
            self.opening_debit + self.debit,
            self.opening_credit + self.credit,
            BalanceType(self.account.balance_type),
        )


def _project_id(session: Session, business_id: int, project: str | None) -> int | None:
    if not project:
        return None
    project_id = details.find_project(session, business_id, project)
    if project_id is None:
        raise DetailNotFound(f"project: project '{project}' does not exist.")
    return project_id


def trial_balance(
    session: Session,
    business_id: int,
    *,
    start: date | None = None,
    end: date | None = None,
    project: str | None = None,
    year_index: int | None = None,
    from_lines: bool = False,
) -> list[TrialBalanceRow]:
    """One row per account with activity; opening = the year's lines before ``start``."""
    span = period(session, business_id, start, end, year_index)
    project_id = _project_id(session, business_id, project)
    # The per-day balances answer without touching the lines; a project filter needs them.
    source: Any = AccountDayBalance if project_id is None and not from_lines else DocumentLine
    before = source.date < span.start
    statement = (
        select(
            source.account_id,
            exact_sum(case((before, source.debit), else_=None)),
            exact_sum(case((before, source.credit), else_=None)),
            exact_sum(case((before, None), else_=source.debit)),
            exact_sum(case((before, None), else_=source.credit)),
        )
        .where(
            source.business_id == business_id,
            source.date >= span.year.start_date,
            source.date <= span.end,
        )
        .group_by(source.account_id)
    )
    if source is DocumentLine:
        statement = statement.where(DocumentLine.is_posted.is_(True))
    if project_id is not None:
        statement = statement.where(DocumentLine.project_id == project_id)
    sums: dict[int, tuple[Decimal, ...]] = {}
    for row in session.execute(statement):
        values = tuple(ZERO if value is None else value for value in row[1:])
        # A day balance brought back to zero by an edit or a delete is no activity.
        if any(values):
            sums[int(row[0])] = values
    if not sums:
        return []
    accounts = session.scalars(
        select(Account)
        .where(Account.business_id == business_id, Account.id.in_(sorted(sums)))
        .order_by(Account.code)
    )
    return [TrialBalanceRow(account, *sums[account.id]) for account in accounts]


@dataclass(frozen=True)
class DetailRow:
    code: str
    name: str
    debit: Decimal
    credit: Decimal
    natural: BalanceType

    @property
    def balance(self) -> tuple[Decimal, BalanceType]:
        return core.balance_of(self.debit, self.credit, self.natural)


def trial_balance_items(
    session: Session,
    business_id: int,
    account_path: str | None,
    *,
    start: date | None = None,
    end: date | None = None,
    project: str | None = None,
    year_index: int | None = None,
) -> list[DetailRow]:
    """Per detail (contact, bank, cash box …) balances of an account and its sub-accounts."""
    if not account_path:
        raise MissingParameter("accountPath")
    account = ledger.account_by_path(session, business_id, account_path)
    if account is None:
        raise AccountNotFound(account_path, Location.of("account_path"))
    span = period(session, business_id, start, end, year_index)
    project_id = _project_id(session, business_id, project)
    family = list(
        session.scalars(
            select(Account).where(
                Account.business_id == business_id,
                or_(
                    Account.id == account.id,
                    Account.full_path.startswith(account.full_path + " : "),
                ),
            )
        )
    )
    natural = BalanceType(account.balance_type)
    rows: list[DetailRow] = []
    for detail_type in sorted({DetailType(member.detail_type) for member in family}):
        kind = details.DETAIL_KINDS.get(detail_type)
        if kind is None:
            continue
        account_ids = [member.id for member in family if member.detail_type == detail_type]
        column: Any = getattr(DocumentLine, kind.column)
        statement = (
            select(
                column,
                exact_sum(DocumentLine.debit),
                exact_sum(DocumentLine.credit),
            )
            .where(
                DocumentLine.business_id == business_id,
                DocumentLine.is_posted.is_(True),
                DocumentLine.account_id.in_(account_ids),
                DocumentLine.date >= span.start,
                DocumentLine.date <= span.end,
                column.is_not(None),
            )
            .group_by(column)
        )
        if project_id is not None:
            statement = statement.where(DocumentLine.project_id == project_id)
        sums = {
            int(row[0]): (ZERO if row[1] is None else row[1], ZERO if row[2] is None else row[2])
            for row in session.execute(statement)
        }
        names = details.codes_and_names(session, business_id, kind, sums)
        for record_id, (debit, credit) in sums.items():
            code, name = names.get(record_id, ("", ""))
            rows.append(DetailRow(code, name, debit, credit, natural))
    rows.sort(key=lambda row: row.code)
    return rows
