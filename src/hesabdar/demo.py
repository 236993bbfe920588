"""The demo business that ``hesabdar serve --demo`` creates, with sample data.

The sample data goes in through the v1 API itself (in process), so it obeys every rule a client's
data does.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson
from sqlalchemy import select

from hesabdar.contacts import service as contacts
from hesabdar.db import Database
from hesabdar.tenancy import service as tenancy
from hesabdar.tenancy.models import Business
from hesabdar.tenancy.service import BusinessCredentials
from hesabdar.v1.ratelimit import RateLimiter
from hesabdar.v1.transport import dispatch

DEMO_EMAIL = "demo@hesabdar.local"
DEMO_PASSWORD = "demo-password"


def ensure_demo_business(database: Database) -> BusinessCredentials:
    """Create the demo business the first time; later, issue fresh credentials for it."""
    with database.transaction() as session:
        business = session.scalar(select(Business).where(Business.is_demo.is_(True)).limit(1))
        if business is not None:
            return tenancy.rotate_credentials(session, business)
        credentials = tenancy.create_business(
            session, name="فروشگاه نمونه", email=DEMO_EMAIL, password=DEMO_PASSWORD, is_demo=True
        )
    load_sample_data(database, credentials)
    return credentials


def _call(database: Database, credentials: BusinessCredentials, path: str, **params: Any) -> Any:
    group, name = path.split("/")
    body = {"apiKey": credentials.api_key, "loginToken": credentials.login_token, **params}
    response = dispatch(database, RateLimiter(0), group, name, orjson.dumps(body))
    answer = orjson.loads(bytes(response.body))
    if not answer["Success"]:
        raise RuntimeError(f"demo data: {path} failed: {answer['ErrorMessage']}")
    return answer["Result"]


def load_sample_data(database: Database, credentials: BusinessCredentials) -> None:
    """A few contacts, products, a bank, a cash box and an opening document."""
    call = lambda path, **params: _call(database, credentials, path, **params)  # noqa: E731
    for contact in (
        {
            "Name": "علی محمدی",
            "FirstName": "علی",
            "LastName": "محمدی",
            "ContactType": 1,
            "Mobile": "09120000001",
            "NodeFamily": "اشخاص: مشتریان",
        },
        {
            "Name": "شرکت پخش البرز",
            "ContactType": 2,
            "Phone": "02188000000",
            "NodeFamily": "اشخاص: تامین کنندگان",
        },
    ):
        call("contact/save", contact=contact)
    for item in (
        {
            "Name": "گوشی موبایل",
            "ItemType": 0,
            "SellPrice": 250000000,
            "BuyPrice": 210000000,
            "Barcode": "6260000000011",
            "NodeFamily": "کالاها: دیجیتال: موبایل",
            "Unit": "عدد",
        },
        {
            "Name": "هدفون بی سیم",
            "ItemType": 0,
            "SellPrice": 35000000,
            "BuyPrice": 28000000,
            "Barcode": "6260000000028",
            "NodeFamily": "کالاها: دیجیتال: لوازم جانبی",
            "Unit": "عدد",
        },
        {
            "Name": "نصب و راه اندازی",
            "ItemType": 1,
            "SellPrice": 5000000,
            "NodeFamily": "خدمات: نصب",
        },
    ):
        call("item/save", item=item)
    # The owner every business starts with (the whole share) puts in the opening capital.
    owner = call("contact/get", code=contacts.OWNER_CODE)
    call("setting/SaveBank", bank={"Name": "بانک ملت", "Branch": "مرکزی"})
    call("setting/SaveCash", cash={"Name": "صندوق فروشگاه"})
    year = call("setting/GetFiscalYear")
    start = date.fromisoformat(str(year["StartDate"])[:10])
    accounts = {row["Name"]: row["FullPath"] for row in call("setting/GetAccounts")}
    call(
        "document/save",
        document={
            "Date": start.isoformat(),
            "Description": "سرمایه اولیه",
            "Status": 1,
            "Transactions": [
                {
                    "AccountPath": accounts["صندوق"],
                    "CashCode": "0001",
                    "Type": 0,
                    "Amount": 500000000,
                    "Description": "واریز سرمایه به صندوق",
                },
                {
                    "AccountPath": accounts["بانک"],
                    "BankCode": "0001",
                    "Type": 0,
                    "Amount": 1500000000,
                    "Description": "واریز سرمایه به بانک",
                },
                {
                    "AccountPath": accounts["سرمایه اولیه"],
                    "ContactCode": owner["Code"],
                    "Type": 1,
                    "Amount": 2000000000,
                    "Description": "سرمایه اولیه",
                },
            ],
        },
    )
