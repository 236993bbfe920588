"""The online gateway's setting, and the links to public pages: issued, found, revoked.

A link's token is ``secrets.token_urlsafe(32)`` (256 bits); only its SHA-256 is stored, so the
server cannot hand the same URL out twice: every call issues a new link, and the links handed
out before keep working until they are revoked (``invoice/revokeOnlineInvoiceUrl``,
``contact/revokeContactLink``, or ``hesabdar business revoke-links``), or until their invoice or
contact is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hesabdar.changes import service as changes
from hesabdar.changes.service import LogAction
from hesabdar.contacts import service as contacts
from hesabdar.invoices import service as invoices
from hesabdar.invoices.models import Invoice
from hesabdar.invoices.schemas import InvoiceStatus, InvoiceType
from hesabdar.kit.errors import InvalidFieldValue, Location, MissingParameter
from hesabdar.kit.models import utcnow
from hesabdar.online import gateways
from hesabdar.online.errors import (
    BankNotFound,
    OnlineInvoiceRefused,
    OnlinePaymentDisabled,
    PageNotFound,
)
from hesabdar.online.models import OnlineLink, OnlinePaymentSetting
from hesabdar.tenancy import security
from hesabdar.tenancy.models import Business
from hesabdar.treasury import service as treasury
from hesabdar.treasury.models import Bank

ENABLED_AT = Location.of("enabled")
GATEWAY_AT = Location.of("gateway")
BANK_AT = Location.of("bank_code")
TYPE_AT = Location.of("type")
NUMBER_AT = Location.of("number")
CODE_AT = Location.of("code")
DAYS_AT = Location.of("days")
MAX_DAYS = 3660
# Tokens issued are 43 characters; anything much longer is no token and is not even hashed.
MAX_TOKEN_LENGTH = 100
SETTING_OBJECT_TYPE = "OnlinePaymentSettings"


# --- the setting ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OnlineSettings:
    enabled: bool
    gateway: str
    bank: Bank | None


def _setting(session: Session, business_id: int) -> OnlinePaymentSetting | None:
    return session.scalar(
        select(OnlinePaymentSetting).where(OnlinePaymentSetting.business_id == business_id)
    )


def online_settings(session: Session, business_id: int) -> OnlineSettings:
    row = _setting(session, business_id)
    if row is None:
        return OnlineSettings(False, "", None)
    bank = None
    if row.bank_id is not None:
        bank = session.scalar(
            select(Bank).where(Bank.business_id == business_id, Bank.id == row.bank_id)
        )
    return OnlineSettings(row.enabled, row.gateway, bank)


def _gateway_name(name: str) -> str:
    gateway = gateways.find(name)
    if gateway is None:
        known = ", ".join(gateways.names())
        raise InvalidFieldValue(f"must be one of {known} (got {name!r}).", location=GATEWAY_AT)
    return gateway.name


def _bank(session: Session, business: Business, code: Any) -> Bank:
    bank = treasury.get_bank_by_code(session, business.id, code)
    if bank is None:
        raise BankNotFound(f"bank {code} does not exist.", location=BANK_AT)
    if bank.currency.upper() != business.currency.upper():
        raise InvalidFieldValue(
            f"bank {bank.code} is in {bank.currency}; online payments are in the business's "
            f"currency, {business.currency}.",
            location=BANK_AT,
        )
    return bank


def set_online_payment(
    session: Session,
    business: Business,
    *,
    enabled: bool | None,
    gateway: str | None = None,
    bank_code: Any = None,
    via_api: bool = True,
) -> OnlineSettings:
    """Turn the online gateway on or off; ``gateway`` and ``bank_code``, when given, replace
    the stored ones (turning it on needs both, given now or before). A change is logged
    (1502, Extra ``Enabled=…;Gateway=…;BankCode=…``)."""
    if enabled is None:
        raise MissingParameter(location=ENABLED_AT)
    row = _setting(session, business.id)
    name = row.gateway if row is not None else ""
    bank_id = row.bank_id if row is not None else None
    if gateway is not None and gateway.strip():
        name = _gateway_name(gateway)
    if bank_code is not None and str(bank_code).strip():
        bank_id = _bank(session, business, bank_code).id
    if enabled and not name:
        raise MissingParameter(location=GATEWAY_AT)
    if enabled and bank_id is None:
        raise MissingParameter(location=BANK_AT)
    if row is None:
        row = OnlinePaymentSetting(business_id=business.id, enabled=False, gateway="")
        session.add(row)
    before = (row.enabled, row.gateway, row.bank_id)
    row.enabled, row.gateway, row.bank_id = enabled, name, bank_id
    session.flush()
    settings = online_settings(session, business.id)
    if before != (row.enabled, row.gateway, row.bank_id):
        changes.record(
            session,
            business.id,
            LogAction.ONLINE_PAYMENT_SET,
            SETTING_OBJECT_TYPE,
            business.id,
            extra=f"Enabled={str(enabled).lower()};Gateway={name};"
            f"BankCode={settings.bank.code if settings.bank else ''}",
            via_api=via_api,
        )
    return settings


# --- links ----------------------------------------------------------------------------------


def _issue(session: Session, business_id: int, **subject: Any) -> str:
    token = security.new_token()
    session.add(
        OnlineLink(business_id=business_id, token_hash=security.token_hash(token), **subject)
    )
    session.flush()
    return token


def online_invoice(
    session: Session, business: Business, invoice_type: InvoiceType, number: Any
) -> Invoice:
    """The invoice an online page may be made for: a sale (190 naming ``type`` for another
    type), approved (190 naming ``number`` for a draft), of a business whose gateway is on."""
    if invoice_type is not InvoiceType.SALE:
        raise OnlineInvoiceRefused(
            f"only sale invoices (type 0) have an online page (got {int(invoice_type)}).",
            location=TYPE_AT,
        )
    if not online_settings(session, business.id).enabled:
        raise OnlinePaymentDisabled(
            "the online payment gateway is not enabled; turn it on with setting/SetOnlinePayment."
        )
    if number is None or not str(number).strip():
        raise MissingParameter(location=NUMBER_AT)
    invoice = invoices.get(session, business.id, invoice_type, number, NUMBER_AT)
    if invoice.status != InvoiceStatus.APPROVED:
        raise OnlineInvoiceRefused(
            f"sale invoice {invoice.number} is a draft; approve it first.", location=NUMBER_AT
        )
    return invoice


def invoice_url(
    session: Session, business: Business, invoice_type: InvoiceType, number: Any, public_url: str
) -> str:
    """invoice/getonlineinvoiceurl: a new link to the invoice's public page."""
    invoice = online_invoice(session, business, invoice_type, number)
    return f"{public_url}/public/invoice/{_issue(session, business.id, invoice_id=invoice.id)}"


def contact_url(
    session: Session,
    business: Business,
    code: Any,
    *,
    show_all_accounts: bool,
    days: int,
    public_url: str,
) -> str:
    """contact/getContactLink: a new link to the contact's statement of the last ``days`` days
    (1 to 3660) and its open invoices."""
    contact = contacts.require_by_code(session, business.id, code, CODE_AT)
    if not 1 <= days <= MAX_DAYS:
        raise InvalidFieldValue(f"must be 1 to {MAX_DAYS} (got {days}).", location=DAYS_AT)
    token = _issue(
        session,
        business.id,
        contact_id=contact.id,
        show_all_accounts=show_all_accounts,
        days=days,
    )
    return f"{public_url}/public/contact/{token}"


def find_link(session: Session, token: str) -> OnlineLink:
    """The link a public URL's token names; PageNotFound when it names none or was revoked."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise PageNotFound()
    link = session.scalar(
        select(OnlineLink).where(
            OnlineLink.token_hash == security.token_hash(token), OnlineLink.revoked_at.is_(None)
        )
    )
    if link is None:
        raise PageNotFound()
    return link


def _revoke(session: Session, business_id: int, *condition: Any) -> int:
    result: Any = session.execute(
        update(OnlineLink)
        .where(OnlineLink.business_id == business_id, OnlineLink.revoked_at.is_(None), *condition)
        .values(revoked_at=utcnow())
    )
    return int(result.rowcount or 0)


def revoke_invoice_urls(
    session: Session, business_id: int, invoice_type: InvoiceType, number: Any
) -> int:
    """Revoke every link to the invoice's page; how many were live."""
    if number is None or not str(number).strip():
        raise MissingParameter(location=NUMBER_AT)
    invoice = invoices.get(session, business_id, invoice_type, number, NUMBER_AT)
    return _revoke(session, business_id, OnlineLink.invoice_id == invoice.id)


def revoke_contact_links(session: Session, business_id: int, code: Any) -> int:
    """Revoke every link to the contact's statement; how many were live."""
    contact = contacts.require_by_code(session, business_id, code, CODE_AT)
    return _revoke(session, business_id, OnlineLink.contact_id == contact.id)


def revoke_token(session: Session, business_id: int, token: str) -> int:
    """Revoke the one link whose URL ends in ``token`` (1), or nothing (0)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return 0
    return _revoke(session, business_id, OnlineLink.token_hash == security.token_hash(token))
