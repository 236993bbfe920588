"""What setting/GetBusinessInfo, GetFiscalYear and GetFiscalYears report about a business."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from hesabdar.currencies import service as currencies
from hesabdar.kit.errors import BusinessNotFound
from hesabdar.ledger import service as ledger
from hesabdar.ledger.models import FiscalYear
from hesabdar.tenancy.models import Business

# A self-hosted server sells nothing: no subscription to expire and no prepaid credit.
SELF_HOSTED = "self-hosted"


@dataclass(frozen=True)
class BusinessInfo:
    name: str
    legal_name: str
    calendar: str
    currency: str
    other_currencies: list[str]
    subscription: str
    credit: Decimal
    expire_date: date | None

    @property
    def supports_multi_currency(self) -> bool:
        return bool(self.other_currencies)


def business_info(session: Session, business_id: int) -> BusinessInfo:
    business = session.get(Business, business_id)
    if business is None:  # callers come through an authenticated request
        raise BusinessNotFound(f"Business {business_id} does not exist.")
    return BusinessInfo(
        name=business.name,
        legal_name=business.legal_name,
        calendar=business.calendar,
        currency=business.currency,
        other_currencies=currencies.other_currencies(session, business_id),
        subscription=SELF_HOSTED,
        credit=Decimal(0),
        expire_date=None,
    )


def fiscal_year(session: Session, business_id: int, year_index: int | None) -> FiscalYear:
    """The year ``yearId`` names (109 if none), or else the current open year."""
    return ledger.current_fiscal_year(session, business_id, year_index)


def fiscal_years(session: Session, business_id: int) -> list[FiscalYear]:
    return ledger.fiscal_years(session, business_id)


def is_first_year(year: FiscalYear, years: list[FiscalYear]) -> bool:
    return year.ordinal == min(other.ordinal for other in years)
