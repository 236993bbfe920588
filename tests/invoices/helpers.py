"""A shop to invoice with: a customer, a supplier, a carrier, goods and a service, and ways to
read what its invoices posted."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from hesabdar.db import Database
from hesabdar.invoices.schemas import INVOICE_SOURCE
from hesabdar.ledger.core import AccountType, DocumentStatus
from hesabdar.ledger.models import Account, Document, DocumentLine
from hesabdar.ledger.schemas import SourceKind
from tests.conftest import Api, make_business

D = Decimal
# The fiscal year 1401: 2022-03-21 to 2023-03-20.
YEAR_START = date(2022, 3, 21)
DAY = "2022-05-01"
CUSTOMER, SUPPLIER, CARRIER = "000001", "000002", "000003"
PHONE, CABLE, REPAIR = "000001", "000002", "000003"


class Shop(Api):
    """An Api with the shop's records, and what its invoices posted."""

    database: Database

    def invoice(self, rows: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "InvoiceType": 0,
            "ContactCode": CUSTOMER,
            "Date": DAY,
            "DueDate": DAY,
            "Status": 2,
            "InvoiceItems": rows,
        }
        body.update(fields)
        return body

    def save(self, rows: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
        result: dict[str, Any] = self.ok("invoice/save", invoice=self.invoice(rows, **fields))
        return result

    def document(
        self, invoice_id: int, kind: SourceKind = INVOICE_SOURCE
    ) -> list[tuple[str, str, Decimal, int | None, int | None]]:
        """The invoice's document (or another source's): (role, Dr/Cr, amount, contact id,
        item id) per line."""
        with self.database.transaction() as session:
            document = session.scalar(
                select(Document).where(
                    Document.business_id == self.credentials.business_id,
                    Document.source_type == kind.code,
                    Document.source_id == invoice_id,
                )
            )
            if document is None:
                return []
            assert document.status == DocumentStatus.APPROVED
            return [
                (
                    AccountType(account.account_type).name,
                    "Dr" if line.side == 0 else "Cr",
                    line.amount,
                    line.contact_id,
                    line.item_id,
                )
                for line, account in session.execute(
                    select(DocumentLine, Account)
                    .join(Account, Account.id == DocumentLine.account_id)
                    .where(DocumentLine.document_id == document.id)
                    .order_by(DocumentLine.row)
                )
            ]

    def document_number(self, invoice_id: int) -> int | None:
        with self.database.transaction() as session:
            return session.scalar(
                select(Document.number).where(
                    Document.business_id == self.credentials.business_id,
                    Document.source_type == INVOICE_SOURCE.code,
                    Document.source_id == invoice_id,
                )
            )

    def balances(self) -> dict[str, Decimal]:
        """Debit − credit of every role's approved lines (roles with none left out)."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        with self.database.transaction() as session:
            rows = session.execute(
                select(Account.account_type, DocumentLine.debit, DocumentLine.credit)
                .join(Account, Account.id == DocumentLine.account_id)
                .where(
                    DocumentLine.business_id == self.credentials.business_id,
                    DocumentLine.is_posted.is_(True),
                )
            )
            for role, debit, credit in rows:
                totals[AccountType(role).name] += debit - credit
        return {role: amount for role, amount in totals.items() if amount}

    def ids(self) -> dict[str, int]:
        """Contact and item ids by code."""
        found = {}
        for code in (CUSTOMER, SUPPLIER, CARRIER):
            found[f"contact {code}"] = self.ok("contact/get", code=code)["Id"]
        for code in (PHONE, CABLE, REPAIR):
            found[f"item {code}"] = self.ok("item/get", code=code)["Id"]
        return found


def row(item: str = PHONE, quantity: Any = 1, price: Any = 100000, **fields: Any) -> dict[str, Any]:
    body = {
        "ItemCode": item,
        "Description": "row",
        "Quantity": quantity,
        "UnitPrice": price,
        "Discount": 0,
        "Tax": 0,
    }
    body.update(fields)
    return body


def open_shop(
    client: TestClient, database: Database, name: str = "Shop", email: str = "shop@example.com"
) -> Shop:
    shop = Shop(client, make_business(database, name, email, fiscal_year_start=YEAR_START))
    shop.database = database
    for name_ in ("Customer", "Supplier", "Carrier"):
        shop.ok("contact/save", contact={"Name": name_})
    shop.ok("item/save", item={"Name": "Phone", "ItemType": 0, "Unit": "عدد"})
    shop.ok("item/save", item={"Name": "Cable", "ItemType": 0})
    shop.ok("item/save", item={"Name": "Repair", "ItemType": 1})
    return shop


@pytest.fixture
def shop(app_client: TestClient, database: Database) -> Shop:
    return open_shop(app_client, database)
