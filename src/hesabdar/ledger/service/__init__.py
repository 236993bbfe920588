"""Ledger rules, split by flow: fiscal years, the chart of accounts, documents, the maintained
day balances, and what rendering needs. Other domains use the names below."""

from hesabdar.ledger.service.accounts import (
    AccountInput,
    account_by_path,
    account_by_role,
    accounts,
    create_standard_chart,
    save_account,
)
from hesabdar.ledger.service.documents import (
    MANUAL,
    SOURCE_LABELS,
    DocumentInput,
    PostingLine,
    SavedDocument,
    TransactionInput,
    WrittenLine,
    check_postings,
    delete_document,
    delete_system_documents,
    get_document,
    list_documents,
    post_system_document,
    save_document,
)
from hesabdar.ledger.service.fiscal_years import (
    current_fiscal_year,
    ensure_open_fiscal_year,
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

__all__ = [
    "MANUAL",
    "SOURCE_LABELS",
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
    "check_postings",
    "create_standard_chart",
    "current_fiscal_year",
    "delete_document",
    "delete_system_documents",
    "ensure_open_fiscal_year",
    "fiscal_years",
    "get_document",
    "jalali_year_bounds",
    "list_documents",
    "lookups_for",
    "main_type_of",
    "post_system_document",
    "save_account",
    "save_document",
    "set_up_books",
]
