"""A shop that takes payments online: a customer, goods, a bank, the sandbox gateway on, and
ways to follow its public pages and the sandbox bank over HTTP."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from hesabdar.db import Database
from hesabdar.online.models import OnlineLink, OnlinePayment
from tests.conftest import Api, make_business

D = Decimal
# Online payments are dated the day of the callback: invoices are dated today, in the
# business's current fiscal year.
TODAY = datetime.now(UTC).date().isoformat()
CUSTOMER, OTHER_CUSTOMER = "000001", "000002"
PHONE = "000001"
BANK = "0001"
_VALUE = re.compile(r'id="(?P<id>[a-z-]+)"[^>]*data-value="(?P<value>[^"]*)"')


class OnlineShop(Api):
    database: Database

    def sale(self, price: Any = 1090000, quantity: Any = 1, **fields: Any) -> dict[str, Any]:
        invoice: dict[str, Any] = {
            "InvoiceType": 0,
            "ContactCode": CUSTOMER,
            "Date": TODAY,
            "DueDate": TODAY,
            "Status": 1,
            "InvoiceItems": [
                {
                    "ItemCode": PHONE,
                    "Description": "گوشی",
                    "Quantity": quantity,
                    "UnitPrice": price,
                    "Discount": 0,
                    "Tax": 0,
                }
            ],
        }
        invoice.update(fields)
        result: dict[str, Any] = self.ok("invoice/save", invoice=invoice)
        return result

    def enable(self, **params: Any) -> dict[str, Any]:
        body = {"enabled": True, "gateway": "sandbox", "bankCode": BANK, **params}
        result: dict[str, Any] = self.ok("setting/SetOnlinePayment", **body)
        return result

    def invoice_url(self, number: Any = 1) -> str:
        url: str = self.ok("invoice/getonlineinvoiceurl", number=number, type=0)
        return url

    def page(self, url: str) -> httpx.Response:
        return self.client.get(path_of(url))

    def pay(self, url: str, *, decide: str = "pay") -> httpx.Response:
        """Press the page's pay button and the sandbox bank's ``decide`` button; the answer of
        the callback the bank sends the payer to."""
        bank = self.start_payment(url)
        back = self.client.post(f"{path_of(bank)}/{decide}", follow_redirects=False)
        assert back.status_code == 303, back.text
        return self.client.get(path_of(back.headers["location"]))

    def start_payment(self, url: str) -> str:
        """Press the pay button; the sandbox bank's URL it sends the payer to."""
        started = self.client.post(f"{path_of(url)}/pay", follow_redirects=False)
        assert started.status_code == 303, started.text
        location: str = started.headers["location"]
        assert "/public/sandbox-bank/" in location
        return location

    def callback_of(self, bank_url: str, decide: str = "pay") -> str:
        """The callback URL the sandbox bank sends the payer to (not followed)."""
        back = self.client.post(f"{path_of(bank_url)}/{decide}", follow_redirects=False)
        assert back.status_code == 303, back.text
        location: str = back.headers["location"]
        return location

    def online_payments(self) -> list[OnlinePayment]:
        with self.database.transaction(write=False) as session:
            return list(
                session.scalars(
                    select(OnlinePayment)
                    .where(OnlinePayment.business_id == self.credentials.business_id)
                    .order_by(OnlinePayment.id)
                )
            )

    def links(self) -> list[OnlineLink]:
        with self.database.transaction(write=False) as session:
            return list(
                session.scalars(
                    select(OnlineLink)
                    .where(OnlineLink.business_id == self.credentials.business_id)
                    .order_by(OnlineLink.id)
                )
            )

    def books(self) -> dict[str, Any]:
        """What an online payment may change: the invoice, the receipts, the trial balance,
        the bank's balance and the change log."""
        return {
            "invoice": self.ok("invoice/get", number=1, type=0),
            "receipts": self.ok("receipt/getReceipts", type=1, queryInfo={"Take": 100}),
            "trial": self.ok("report/trialbalance"),
            "changes": self.changes(),
        }


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def values(html: str) -> dict[str, Decimal | str]:
    """The page's machine-readable values by element id (``rest`` → Decimal("1090000"))."""
    found: dict[str, Decimal | str] = {}
    for match in _VALUE.finditer(html):
        value = match["value"]
        found[match["id"]] = value if "-" in value[1:] else Decimal(value)
    return found


def open_online_shop(
    client: TestClient, database: Database, name: str = "فروشگاه نمونه", email: str = "o@x.com"
) -> OnlineShop:
    shop = OnlineShop(client, make_business(database, name, email))
    shop.database = database
    shop.ok(
        "contact/save",
        contact={
            "Name": "علی رضایی",
            "Mobile": "09121234567",
            "City": "تهران",
            "Address": "خیابان آزادی",
        },
    )
    shop.ok("contact/save", contact={"Name": "مریم"})
    shop.ok("item/save", item={"Name": "گوشی همراه", "ItemType": 0, "Unit": "عدد"})
    shop.ok("setting/SaveBank", bank={"Name": "بانک ملت"})
    return shop


@pytest.fixture
def shop(app_client: TestClient, database: Database) -> OnlineShop:
    return open_online_shop(app_client, database)


@pytest.fixture
def other_shop(app_client: TestClient, database: Database) -> OnlineShop:
    return open_online_shop(app_client, database, "فروشگاه دیگر", "other@x.com")
