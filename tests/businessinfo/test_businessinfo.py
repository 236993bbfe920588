"""setting/GetBusinessInfo, GetFiscalYear, GetFiscalYears."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from hesabdar.db import Database
from hesabdar.ledger.models import FiscalYear
from hesabdar.tenancy import service as tenancy
from tests.conftest import Api


@pytest.fixture
def books(app_client: TestClient, database: Database) -> Api:
    """A business whose first fiscal year starts on 2023-03-21, with two later years."""
    with database.transaction() as session:
        credentials = tenancy.create_business(
            session,
            name="Books",
            email="books@example.com",
            password="secret-pass",
            fiscal_year_start=date(2023, 3, 21),
        )
        first = session.query(FiscalYear).filter_by(business_id=credentials.business_id).one()
        first.is_closed = True
        session.add_all(
            [
                FiscalYear(
                    business_id=credentials.business_id,
                    ordinal=2,
                    name="1403",
                    start_date=date(2024, 3, 20),
                    end_date=date(2025, 3, 20),
                    is_closed=True,
                ),
                FiscalYear(
                    business_id=credentials.business_id,
                    ordinal=3,
                    name="1404",
                    start_date=date(2025, 3, 21),
                    end_date=date(2026, 3, 20),
                ),
            ]
        )
    return Api(app_client, credentials)


FIRST = {"Name": "سال مالی 2023-03-21", "StartDate": "2023-03-21T00:00:00"}
FIRST_YEAR = {**FIRST, "EndDate": "2024-03-20T00:00:00"}
SECOND_YEAR = {"Name": "1403", "StartDate": "2024-03-20T00:00:00", "EndDate": "2025-03-20T00:00:00"}
THIRD_YEAR = {"Name": "1404", "StartDate": "2025-03-21T00:00:00", "EndDate": "2026-03-20T00:00:00"}


def test_fiscal_year_is_the_current_open_one(books: Api) -> None:
    assert books.ok("setting/GetFiscalYear") == THIRD_YEAR


def test_year_id_selects_the_year(books: Api) -> None:
    assert books.ok("setting/GetFiscalYear", yearId=1) == FIRST_YEAR
    assert books.ok("setting/getfiscalyear", YEARID="2") == SECOND_YEAR
    assert books.ok("setting/GetFiscalYear", yearId="") == THIRD_YEAR
    assert books.ok("setting/GetFiscalYear", yearId=None) == THIRD_YEAR


def test_unknown_year_id_is_109(books: Api) -> None:
    assert books.fail("setting/GetFiscalYear", 109, yearId=4) == (
        "Fiscal year 4 (yearId) does not exist."
    )
    assert books.fail("setting/GetFiscalYear", 109, yearId=0) == (
        "Fiscal year 0 (yearId) does not exist."
    )
    assert "yearId" in books.fail("setting/GetFiscalYear", 114, yearId="first")


def test_fiscal_years(books: Api) -> None:
    assert books.ok("setting/GetFiscalYears") == [
        {**FIRST_YEAR, "Closed": True, "FirstYear": True},
        {**SECOND_YEAR, "Closed": True, "FirstYear": False},
        {**THIRD_YEAR, "Closed": False, "FirstYear": False},
    ]


def test_new_business_has_one_open_year(api: Api) -> None:
    years = api.ok("setting/GetFiscalYears")
    assert len(years) == 1
    assert (years[0]["Closed"], years[0]["FirstYear"]) == (False, True)
    current = api.ok("setting/GetFiscalYear")
    assert current == {key: years[0][key] for key in ("Name", "StartDate", "EndDate")}
    assert current["StartDate"] <= f"{date.today().isoformat()}T00:00:00" <= current["EndDate"]


def test_business_info(api: Api) -> None:
    assert api.ok("setting/GetBusinessInfo") == {
        "Name": "Test shop",
        "LegalName": "",
        "Calendar": "Jalali",
        "Currency": "IRR",
        "SupportMultiCurrency": False,
        "OtherCurrencies": [],
        "Subscription": "self-hosted",
        "Credit": 0,
        "ExpireDate": None,
    }


def test_business_info_lists_the_currency_table(api: Api) -> None:
    api.ok(
        "setting/SetCurrencyTable",
        table=[
            {"From": "USD", "To": "IRR", "Rate": 1},
            {"From": "IRR", "To": "EUR", "Rate": 1},
            {"From": "EUR", "To": "USD", "Rate": 1},
        ],
    )
    info = api.ok("setting/getBusinessInfo")
    assert (info["SupportMultiCurrency"], info["OtherCurrencies"]) == (True, ["EUR", "USD"])


def test_tenancy(api: Api, books: Api) -> None:
    api.ok("setting/SetCurrencyTable", table=[{"From": "USD", "To": "IRR", "Rate": 1}])
    assert books.ok("setting/GetBusinessInfo")["Name"] == "Books"
    assert books.ok("setting/GetBusinessInfo")["OtherCurrencies"] == []
    assert len(api.ok("setting/GetFiscalYears")) == 1
    assert api.fail("setting/GetFiscalYear", 109, yearId=2) == (
        "Fiscal year 2 (yearId) does not exist."
    )
