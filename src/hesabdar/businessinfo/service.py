"""What setting/GetBusinessInfo, GetFiscalYear and GetFiscalYears report about a business, and
the business's own settings (setting/GetInventorySettings, SetInventorySettings)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from hesabdar.changes import service as changes
from hesabdar.changes.service import LogAction
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
    business = _business(session, business_id)
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


@dataclass(frozen=True)
class InventorySettings:
    allow_negative_stock: bool


def _business(session: Session, business_id: int) -> Business:
    business = session.get(Business, business_id)
    if business is None:  # callers come through an authenticated request or the CLI's check
        raise BusinessNotFound(f"Business {business_id} does not exist.")
    return business


def inventory_settings(session: Session, business_id: int) -> InventorySettings:
    return InventorySettings(_business(session, business_id).allow_negative_stock)


def set_inventory_settings(
    session: Session,
    business_id: int,
    *,
    allow_negative_stock: bool | None = None,
    via_api: bool = True,
) -> InventorySettings:
    """Change the settings given (None keeps one as it is); a change is logged (1501, Extra
    ``AllowNegativeStock=true|false``)."""
    business = _business(session, business_id)
    if allow_negative_stock is not None and allow_negative_stock != business.allow_negative_stock:
        business.allow_negative_stock = allow_negative_stock
        changes.record(
            session,
            business_id,
            LogAction.INVENTORY_SETTINGS_SET,
            "InventorySettings",
            business_id,
            extra=f"AllowNegativeStock={str(allow_negative_stock).lower()}",
            via_api=via_api,
        )
    session.flush()
    return InventorySettings(business.allow_negative_stock)
