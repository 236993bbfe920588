"""What rendering documents needs beyond their rows: detail codes, project titles, paths."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.kit import bulk
from hesabdar.ledger import details
from hesabdar.ledger.core import (
    MainAccountType,
)
from hesabdar.ledger.models import (
    Account,
    Document,
)


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
    rows = bulk.select_in(
        session,
        select(Account.id, Account.full_path).where(Account.business_id == business_id),
        Account.id,
        sorted(set(ids)),
    )
    return {int(account_id): str(path) for account_id, path in rows}


def main_type_of(account: Account) -> MainAccountType:
    return MainAccountType(account.main_account_type)
