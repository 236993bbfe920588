"""document/get, save, getdocuments, delete; setting/GetAccounts, SaveAccount."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, TypeVar

from hesabdar.kit.errors import Location
from hesabdar.kit.numbers import Int16, Int64, MoneyValue
from hesabdar.ledger import service
from hesabdar.ledger.core import AccountType, DocumentStatus, Side
from hesabdar.ledger.errors import InvalidValue
from hesabdar.ledger.models import Account, Document, DocumentLine
from hesabdar.ledger.schemas import DocumentInput, TransactionInput
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import V1Date, V1Params
from hesabdar.v1.query import QueryInfo
from hesabdar.v1.registry import V1Methods
from hesabdar.v1.rendering import page_result

E = TypeVar("E", bound=IntEnum)


class TransactionParams(V1Params):
    __columns__ = DocumentLine

    account_path: str | None = None
    description: str = ""
    info: str = ""
    amount: MoneyValue | None = None
    currency_amount: MoneyValue | None = None
    currency: str | None = None
    type: Int16 | None = None
    contact_code: str | None = None
    product_code: str | None = None
    bank_code: str | None = None
    cash_code: str | None = None
    petty_cash_code: str | None = None


class DocumentParams(V1Params):
    __columns__ = Document

    number: Int64 | None = None
    reference: str = ""
    date: V1Date | None = None
    description: str = ""
    project: str | None = None
    debit: MoneyValue | None = None
    credit: MoneyValue | None = None
    status: Int16 | None = None
    transactions: list[TransactionParams] = []


class SaveDocumentParams(V1Params):
    document: DocumentParams


class NumberParams(V1Params):
    number: Int64


class GetDocumentsParams(V1Params):
    query_info: QueryInfo | None = None


class AccountParams(V1Params):
    __columns__ = Account

    parent_path: str | None = None
    name: str | None = None
    code: str | None = None
    detail_type: Int16 | None = None


class SaveAccountParams(V1Params):
    account: AccountParams


def _reference(value: str) -> Any:
    # Hesabfa answers a numeric reference as a number (the seed's "Reference": 441).
    if value.isascii() and value.isdigit() and (value == "0" or not value.startswith("0")):
        return int(value)
    return value


def render_document(
    document: Document,
    lookups: service.RenderedCodes,
    paths: dict[int, str],
    *,
    with_transactions: bool = True,
    lines: Sequence[DocumentLine | service.WrittenLine] | None = None,
) -> dict[str, Any]:
    """``lines``: the lines just written, when they are at hand (else the document's)."""
    transactions = []
    if with_transactions:
        transactions = [
            {
                "Id": line.id,
                "AccountPath": paths.get(line.account_id, ""),
                "Description": line.description,
                "Info": line.info,
                "Amount": line.amount,
                "CurrencyAmount": line.currency_amount,
                "Currency": line.currency,
                "Type": line.side,
                "ContactCode": lookups.code("contact_id", line.contact_id),
                "ProductCode": lookups.code("item_id", line.item_id),
                "BankCode": lookups.code("bank_id", line.bank_id),
                "CashCode": lookups.code("cash_id", line.cash_id),
                "PettyCashCode": lookups.code("petty_cash_id", line.petty_cash_id),
            }
            for line in (document.lines if lines is None else lines)
        ]
    return {
        "Id": document.id,
        "Number": document.number,
        "Reference": _reference(document.reference),
        "Date": document.date,
        "Description": document.description,
        "Project": lookups.projects.get(document.project_id, "")
        if document.project_id is not None
        else "",
        "Debit": document.debit,
        "Credit": document.credit,
        "Status": document.status,
        "Transactions": transactions,
    }


def _render_full(ctx: RequestContext, document: Document) -> dict[str, Any]:
    lookups = service.lookups_for(ctx.session, ctx.business_id, [document])
    paths = service.account_paths(
        ctx.session, ctx.business_id, [line.account_id for line in document.lines]
    )
    return render_document(document, lookups, paths)


def render_account(account: Account) -> dict[str, Any]:
    return {
        "Name": account.name,
        "FullPath": account.full_path,
        "DetailType": account.detail_type,
        "Code": account.code,
        "MainAccountType": account.main_account_type,
        "BalanceType": account.balance_type,
        "AccountType": AccountType(account.account_type).hesabfa_value,
        "Level": account.level,
        "IsLeaf": account.is_leaf,
    }


def _enum(enum: type[E], value: int | None, where: Location, meaning: str) -> E | None:
    """v1's integer encoding of a domain enum (``type`` 0/1 is a line's side)."""
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        raise InvalidValue(f"{value} is not {meaning}.", location=where) from None


def _document_input(params: DocumentParams) -> DocumentInput:
    at = Location.of("document")
    return DocumentInput(
        number=params.number,
        reference=params.reference,
        date=params.date,
        description=params.description,
        project=params.project,
        debit=params.debit,
        credit=params.credit,
        status=_enum(DocumentStatus, params.status, at / "status", "0 (draft) or 1 (approved)"),
        transactions=[
            TransactionInput(
                account_path=line.account_path,
                side=_enum(
                    Side, line.type, at / "transactions" / row / "side", "0 (debit) or 1 (credit)"
                ),
                description=line.description,
                info=line.info,
                amount=line.amount,
                currency_amount=line.currency_amount,
                currency=line.currency,
                contact_code=line.contact_code,
                product_code=line.product_code,
                bank_code=line.bank_code,
                cash_code=line.cash_code,
                petty_cash_code=line.petty_cash_code,
            )
            for row, line in enumerate(params.transactions)
        ],
    )


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("document", "get", params=NumberParams)
def get_document(ctx: RequestContext, params: NumberParams) -> dict[str, Any]:
    """One document with its transactions."""
    return _render_full(ctx, service.get_document(ctx.session, ctx.business_id, params.number))


@methods.method("document", "save", params=SaveDocumentParams, write=True)
def save_document(ctx: RequestContext, params: SaveDocumentParams) -> dict[str, Any]:
    """Create (number 0 or missing) or edit a manual document."""
    saved = service.save_document(ctx.session, ctx.business, _document_input(params.document))
    # From what was just written: the codes, paths and project are known from the request.
    return render_document(saved.document, saved.lookups, saved.paths, lines=saved.lines)


@methods.method("document", "getdocuments", params=GetDocumentsParams)
def get_documents(ctx: RequestContext, params: GetDocumentsParams) -> dict[str, Any]:
    """A page of documents (their Transactions are left empty, as Hesabfa does)."""
    page = service.list_documents(ctx.session, ctx.business_id, params.query_info)
    documents: list[Document] = page.rows
    lookups = service.lookups_for(ctx.session, ctx.business_id, documents, with_lines=False)
    return page_result(
        page, lambda document: render_document(document, lookups, {}, with_transactions=False)
    )


@methods.method("document", "delete", params=NumberParams, write=True)
def delete_document(ctx: RequestContext, params: NumberParams) -> bool:
    """Delete a manual document."""
    service.delete_document(ctx.session, ctx.business_id, params.number)
    return True


@methods.method("setting", "GetAccounts")
def get_accounts(ctx: RequestContext, params: V1Params) -> list[dict[str, Any]]:
    """The chart of accounts."""
    return [render_account(account) for account in service.accounts(ctx.session, ctx.business_id)]


@methods.method("setting", "SaveAccount", params=SaveAccountParams, write=True)
def save_account(ctx: RequestContext, params: SaveAccountParams) -> dict[str, Any]:
    """Add an account under a ledger or subsidiary account, or edit a non-system account."""
    account = service.save_account(
        ctx.session,
        ctx.business_id,
        service.AccountInput(
            parent_path=params.account.parent_path,
            name=params.account.name,
            code=params.account.code,
            detail_type=params.account.detail_type,
        ),
    )
    return render_account(account)
