"""The chart of accounts: the standard chart every business gets, look-ups, and SaveAccount."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session

from hesabdar.kit.errors import ConstraintViolated, Location, MissingParameter
from hesabdar.ledger import core
from hesabdar.ledger.chart import MAIN_TYPE_NAMES, NATURAL_BALANCE, STANDARD_CHART
from hesabdar.ledger.core import (
    AccountLevel,
    AccountType,
    BalanceType,
    DetailType,
)
from hesabdar.ledger.errors import (
    AccountChangeRefused,
    AccountNotFound,
    InvalidValue,
)
from hesabdar.ledger.models import (
    Account,
    DocumentLine,
)


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


def accounts_by_roles(
    session: Session, business_id: int, roles: Iterable[AccountType]
) -> dict[AccountType, Account]:
    """:func:`account_by_role` for several roles in one query."""
    wanted = sorted(set(roles))
    if not wanted:
        return {}
    found: dict[AccountType, Account] = {}
    for account in session.scalars(
        select(Account)
        .where(
            Account.business_id == business_id,
            Account.account_type.in_([int(role) for role in wanted]),
            Account.is_leaf.is_(True),
        )
        .order_by(Account.code)
    ):
        found.setdefault(AccountType(account.account_type), account)
    for role in wanted:
        if role not in found:
            raise AccountChangeRefused(
                f"The chart of accounts has no account for role {role.name}."
            )
    return found


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
        raise AccountNotFound(data.parent_path, Location.of("account", "parent_path"))
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
            # save_account found no account with this code a moment ago: another request made
            # it meanwhile. Run again, this request edits that account as a single call would.
            raise ConstraintViolated(f"account.code: code {code} is already used.", lost_race=True)
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
