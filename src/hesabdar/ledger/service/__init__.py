"""Ledger rules, split by flow: fiscal years, the chart of accounts, manual documents (resolved,
validated, written), the maintained day balances, and what rendering needs. System documents
are posted through ``hesabdar.ledger.posting``. Other domains use the names below."""

from hesabdar.ledger.schemas import MANUAL, DocumentInput, PostingLine, TransactionInput
from hesabdar.ledger.service.accounts import (
    AccountInput,
    account_by_path,
    account_by_role,
    accounts,
    accounts_by_roles,
    create_standard_chart,
    save_account,
)
from hesabdar.ledger.service.documents import (
    SavedDocument,
    delete_document,
    get_document,
    list_documents,
    save_document,
)
from hesabdar.ledger.service.fiscal_years import (
    current_fiscal_year,
    fiscal_years,
    jalali_year_bounds,
    set_up_books,
)
from hesabdar.ledger.service.lookups import (
    RenderedCodes,
    account_paths,
    lookups_for,
    main_type_of,
)
from hesabdar.ledger.service.write import WrittenLine

__all__ = [
    "MANUAL",
    "AccountInput",
    "DocumentInput",
    "PostingLine",
    "RenderedCodes",
    "SavedDocument",
    "TransactionInput",
    "WrittenLine",
    "account_by_path",
    "account_by_role",
    "account_paths",
    "accounts",
    "accounts_by_roles",
    "create_standard_chart",
    "current_fiscal_year",
    "delete_document",
    "fiscal_years",
    "get_document",
    "jalali_year_bounds",
    "list_documents",
    "lookups_for",
    "main_type_of",
    "save_account",
    "save_document",
    "set_up_books",
]
