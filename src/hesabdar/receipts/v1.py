"""receipt/get, GetById, getReceipts, save, save2, delete."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ConfigDict
from pydantic.alias_generators import to_camel

from hesabdar.invoices.schemas import InvoiceType
from hesabdar.kit.errors import InvalidFieldValue, Location, MissingParameter
from hesabdar.kit.numbers import Int16, Int64, MoneyValue, RateValue
from hesabdar.ledger.core import DetailType
from hesabdar.receipts import payments, service
from hesabdar.receipts.models import Receipt, ReceiptItem, ReceiptTransaction
from hesabdar.receipts.schemas import (
    ROOT,
    ChequeInput,
    ItemInput,
    ReceiptInput,
    ReceiptType,
    TransactionInput,
    TransactionKind,
)
from hesabdar.receipts.service import ReceiptLookups
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import V1Date, V1Model, V1Params
from hesabdar.v1.query import QueryInfo
from hesabdar.v1.registry import V1Methods
from hesabdar.v1.rendering import page_result

# --- request models -------------------------------------------------------------------------


class _Row(V1Model):
    """Objects inside receipt requests: Hesabfa's samples spell their keys in camelCase."""

    model_config = ConfigDict(alias_generator=to_camel)


class ChequeParams(_Row):
    __columns__ = ReceiptTransaction
    __column_names__: ClassVar[dict[str, str]] = {
        "number": "cheque_number",
        "sayyad": "cheque_sayyad",
        "payee": "cheque_payee",
        "bank_name": "cheque_bank_name",
    }

    number: str | None = None
    date: V1Date | None = None
    amount: MoneyValue | None = None
    sayyad: str | None = None
    payee: str | None = None
    bank_code: str | None = None
    payer_code: str | None = None
    bank_name: str | None = None

    def as_input(self, at: Location) -> ChequeInput:
        return ChequeInput(
            at=at,
            number=self.number,
            date=self.date,
            amount=self.amount,
            sayyad=self.sayyad,
            payee=self.payee,
            bank_code=self.bank_code,
            payer_code=self.payer_code,
            bank_name=self.bank_name,
        )


class ItemParams(_Row):
    __columns__ = ReceiptItem

    amount: MoneyValue | None = None
    contact_code: str | None = None
    account: str | None = None
    account_path: str | None = None
    description: str = ""


class TransactionParams(_Row):
    __columns__ = ReceiptTransaction

    amount: MoneyValue | None = None
    reference: str = ""
    transaction_fee: MoneyValue | None = None
    bank_code: str | None = None
    cash_code: str | None = None
    petty_cash_code: str | None = None
    contact_code: str | None = None
    account: str | None = None
    account_path: str | None = None
    check: ChequeParams | None = None
    spend_check: ChequeParams | None = None


class ReceiptHeaderParams(V1Params):
    __columns__ = Receipt

    type: Int16
    number: Int64 | None = None
    date_time: V1Date | None = None
    date: V1Date | None = None
    description: str = ""
    project: str | None = None
    currency: str | None = None
    currency_rate: RateValue | None = None


class Save2Params(ReceiptHeaderParams):
    items: list[ItemParams] = []
    transactions: list[TransactionParams] = []


class SaveParams(ReceiptHeaderParams):
    """receipt/save: one contact and one bank, cash box or petty cash."""

    amount: MoneyValue | None = None
    contact_code: str | None = None
    bank_code: str | None = None
    cash_code: str | None = None
    petty_cash_code: str | None = None
    bank_fee: MoneyValue | None = None
    transaction_fee: MoneyValue | None = None
    reference: str = ""


class SavePaymentParams(V1Params):
    """invoice/savepayment: one payment of an invoice (``type`` 0, a sale, when not given)."""

    __columns__ = ReceiptTransaction
    __column_names__: ClassVar[dict[str, str]] = {"transaction_number": "reference"}

    type: Int16 = 0
    number: str | None = None
    bank_code: str | None = None
    cash_code: str | None = None
    petty_cash_code: str | None = None
    contact_code: str | None = None
    account_path: str | None = None
    date: V1Date | None = None
    date_time: V1Date | None = None
    amount: MoneyValue | None = None
    transaction_number: str = ""
    project: str | None = None
    description: str = ""
    transaction_fee: MoneyValue | None = None
    currency: str | None = None
    currency_rate: RateValue | None = None


class TypeNumberParams(V1Params):
    type: Int16
    number: Int64


class GetByIdParams(V1Params):
    type: Int16 | None = None
    id: Int64 | None = None
    id_list: list[Int64] | None = None


class GetReceiptsParams(V1Params):
    type: Int16
    query_info: QueryInfo | None = None


# --- translation ----------------------------------------------------------------------------


def receipt_type(value: int, *, simple: bool = False) -> ReceiptType:
    allowed = (1, 2) if simple else tuple(int(kind) for kind in ReceiptType)
    if value not in allowed:
        meaning = "1 (receive) or 2 (pay)" if simple else "1 to 6"
        raise InvalidFieldValue(
            f"a receipt's type is {meaning} (got {value}).", location=ROOT / "type"
        )
    return ReceiptType(value)


def _header(params: ReceiptHeaderParams, *, simple: bool = False) -> dict[str, Any]:
    return {
        "type": receipt_type(params.type, simple=simple),
        "number": params.number,
        "date": params.date_time or params.date,
        "description": params.description,
        "project": params.project,
        "currency": params.currency,
        "currency_rate": params.currency_rate,
    }


def _save2_input(params: Save2Params) -> ReceiptInput:
    return ReceiptInput(
        **_header(params),
        items=[
            ItemInput(
                at=ROOT / "items" / row,
                amount=item.amount,
                contact_code=item.contact_code,
                account_path=item.account or item.account_path,
                description=item.description,
            )
            for row, item in enumerate(params.items)
        ],
        transactions=[
            TransactionInput(
                at=ROOT / "transactions" / row,
                amount=line.amount,
                reference=line.reference,
                transaction_fee=line.transaction_fee,
                bank_code=line.bank_code,
                cash_code=line.cash_code,
                petty_cash_code=line.petty_cash_code,
                contact_code=line.contact_code,
                account_path=line.account or line.account_path,
                cheque=line.check.as_input(ROOT / "transactions" / row / "check")
                if line.check
                else None,
                spend_cheque=line.spend_check.as_input(ROOT / "transactions" / row / "spend_check")
                if line.spend_check
                else None,
                account_field="account_path"
                if line.account_path and not line.account
                else "account",
            )
            for row, line in enumerate(params.transactions)
        ],
    )


def _save_input(params: SaveParams) -> ReceiptInput:
    if params.amount is None:
        raise MissingParameter(location=ROOT / "amount")
    fee = params.transaction_fee if params.transaction_fee is not None else params.bank_fee
    return ReceiptInput(
        **_header(params, simple=True),
        items=[
            ItemInput(
                at=ROOT,
                amount=params.amount,
                contact_code=params.contact_code,
                description=params.description,
            )
        ],
        transactions=[
            TransactionInput(
                at=ROOT,
                amount=params.amount,
                reference=params.reference,
                transaction_fee=fee,
                bank_code=params.bank_code,
                cash_code=params.cash_code,
                petty_cash_code=params.petty_cash_code,
            )
        ],
    )


# --- rendering ------------------------------------------------------------------------------


def _record(lookups: ReceiptLookups, kind: DetailType, record_id: int | None) -> Any:
    found = lookups.record(kind, record_id)
    if found is None or record_id is None:
        return None
    return {"Id": record_id, "Code": found[0], "Name": found[1]}


def _transaction(row: ReceiptTransaction, lookups: ReceiptLookups) -> dict[str, Any]:
    kind = TransactionKind(row.kind)
    cheque = None
    if kind in (TransactionKind.CHEQUE, TransactionKind.SPEND_CHEQUE):
        # A spent cheque shows the received cheque it spends, its payer the contact.
        cheque = {
            "Number": row.cheque_number,
            "Date": row.cheque_date,
            "Amount": row.amount,
            "Sayyad": row.cheque_sayyad,
            "Payee": row.cheque_payee,
            "BankName": row.cheque_bank_name,
            "Bank": _record(lookups, DetailType.BANK, row.cheque_bank_id),
            "Contact": _record(lookups, DetailType.CONTACT, row.contact_id),
        }
    return {
        "Cash": _record(lookups, DetailType.CASH, row.cash_id)
        if kind == TransactionKind.CASH
        else None,
        "Bank": _record(lookups, DetailType.BANK, row.bank_id)
        if kind == TransactionKind.BANK
        else None,
        "PettyCash": _record(lookups, DetailType.PETTY_CASH, row.petty_cash_id)
        if kind == TransactionKind.PETTY_CASH
        else None,
        "Contact": _record(lookups, DetailType.CONTACT, row.contact_id)
        if kind == TransactionKind.CONTACT
        else None,
        "Check": cheque,
        "Account": lookups.paths.get(row.account_id) if row.account_id is not None else None,
        "Type": str(row.kind),
        "Reference": row.reference or None,
        "TransactionFee": row.transaction_fee,
        "Amount": row.amount,
    }


def render_receipt(receipt: Receipt, lookups: ReceiptLookups) -> dict[str, Any]:
    """The receipt object of the seed (invoice/savepayment's answer)."""
    return {
        "Id": receipt.id,
        "Number": receipt.number,
        "DateTime": receipt.date,
        "Description": receipt.description,
        "Amount": receipt.amount,
        "Currency": receipt.currency,
        "Project": lookups.projects.get(receipt.project_id, "")
        if receipt.project_id is not None
        else "",
        "Items": [
            {
                "Contact": _record(lookups, DetailType.CONTACT, item.contact_id),
                "Amount": item.amount,
                "Account": lookups.paths.get(item.account_id)
                if item.account_id is not None
                else None,
                "Description": item.description,
            }
            for item in receipt.items
        ],
        "Transactions": [_transaction(row, lookups) for row in receipt.transactions],
    }


def rendered(ctx: RequestContext, receipt: Receipt) -> dict[str, Any]:
    return render_receipt(receipt, service.lookups_for(ctx.session, ctx.business_id, [receipt]))


# --- methods --------------------------------------------------------------------------------

# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("receipt", "get", params=TypeNumberParams)
def get_receipt(ctx: RequestContext, params: TypeNumberParams) -> dict[str, Any]:
    """One receipt by its type and number."""
    receipt = service.get(ctx.session, ctx.business_id, receipt_type(params.type), params.number)
    return rendered(ctx, receipt)


@methods.method("receipt", "GetById", params=GetByIdParams)
def get_receipt_by_id(ctx: RequestContext, params: GetByIdParams) -> Any:
    """A receipt by ``id``, or the receipts of ``idList`` (unknown ids are skipped)."""
    kind = receipt_type(params.type) if params.type is not None else None
    if params.id_list is not None:
        receipts = service.get_by_ids(ctx.session, ctx.business_id, kind, params.id_list)
        lookups = service.lookups_for(ctx.session, ctx.business_id, receipts)
        return [render_receipt(receipt, lookups) for receipt in receipts]
    if params.id is None:
        raise MissingParameter(location=ROOT / "id")
    return rendered(ctx, service.get_by_id(ctx.session, ctx.business_id, kind, params.id))


@methods.method("receipt", "getReceipts", params=GetReceiptsParams)
def get_receipts(ctx: RequestContext, params: GetReceiptsParams) -> dict[str, Any]:
    """A page of the receipts of one type."""
    page = service.list_receipts(
        ctx.session, ctx.business_id, receipt_type(params.type), params.query_info
    )
    lookups = service.lookups_for(ctx.session, ctx.business_id, page.rows)
    return page_result(page, lambda receipt: render_receipt(receipt, lookups))


@methods.method("receipt", "save", params=SaveParams, write=True)
def save_receipt(ctx: RequestContext, params: SaveParams) -> dict[str, Any]:
    """Save a receive or pay of one contact through one bank, cash box or petty cash."""
    receipt = service.save(ctx.session, ctx.business, _save_input(params), via_api=ctx.via_api)
    return rendered(ctx, receipt)


@methods.method("receipt", "save2", params=Save2Params, write=True)
def save_receipt2(ctx: RequestContext, params: Save2Params) -> dict[str, Any]:
    """Save a receipt of any type (1-6) with its items and transactions."""
    receipt = service.save(ctx.session, ctx.business, _save2_input(params), via_api=ctx.via_api)
    return rendered(ctx, receipt)


@methods.method("invoice", "savepayment", params=SavePaymentParams, write=True)
def save_payment(ctx: RequestContext, params: SavePaymentParams) -> dict[str, Any]:
    """Record a payment of an approved invoice; the answer is the receipt it is."""
    try:
        invoice_type = InvoiceType(params.type)
    except ValueError:
        raise InvalidFieldValue(
            f"an invoice's type is 0 to 4 (got {params.type}).", location=ROOT / "type"
        ) from None
    receipt = payments.save_payment(
        ctx.session,
        ctx.business,
        payments.PaymentInput(
            invoice_type=invoice_type,
            number=params.number,
            amount=params.amount,
            date=params.date or params.date_time,
            transaction_number=params.transaction_number,
            description=params.description,
            transaction_fee=params.transaction_fee,
            currency=params.currency,
            currency_rate=params.currency_rate,
            project=params.project,
            bank_code=params.bank_code,
            cash_code=params.cash_code,
            petty_cash_code=params.petty_cash_code,
            contact_code=params.contact_code,
            account_path=params.account_path,
        ),
        via_api=ctx.via_api,
    )
    return rendered(ctx, receipt)


@methods.method("receipt", "delete", params=TypeNumberParams, write=True)
def delete_receipt(ctx: RequestContext, params: TypeNumberParams) -> bool:
    """Delete a receipt and its document."""
    service.delete(
        ctx.session, ctx.business, receipt_type(params.type), params.number, via_api=ctx.via_api
    )
    return True
