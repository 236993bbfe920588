"""Creating businesses and authenticating API requests (reference §1.3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.contacts import service as contacts
from hesabdar.kit.errors import (
    ApiDisabled,
    AuthenticationFailed,
    BusinessNotFound,
)
from hesabdar.ledger import service as ledger_service
from hesabdar.tenancy import security
from hesabdar.tenancy.errors import EmailAlreadyRegistered
from hesabdar.tenancy.models import Business, BusinessMember, User


@dataclass(frozen=True)
class BusinessCredentials:
    """What the owner needs to call the API. The raw secrets exist only here, once."""

    business_id: int
    api_key: str
    login_token: str
    user_id: str

    def as_json(self) -> dict[str, object]:
        return {
            "businessId": self.business_id,
            "apiKey": self.api_key,
            "loginToken": self.login_token,
            "userId": self.user_id,
        }


def create_business(
    session: Session,
    *,
    name: str,
    email: str,
    password: str,
    currency: str = "IRR",
    fiscal_year_start: date | None = None,
    is_demo: bool = False,
) -> BusinessCredentials:
    """A business with its owner, the standard chart of accounts, one open fiscal year and the
    owner as a contact holding the whole share."""
    email = email.strip().lower()
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=name, password_hash=security.hash_password(password))
        session.add(user)
    elif not security.password_matches(password, user.password_hash):
        raise EmailAlreadyRegistered(email)
    api_key, login_token = security.new_token(), security.new_token()
    business = Business(
        name=name,
        currency=currency.upper(),
        api_key_hash=security.token_hash(api_key),
        login_token_hash=security.token_hash(login_token),
        is_demo=is_demo,
    )
    session.add(business)
    session.flush()
    session.add(BusinessMember(business_id=business.id, user_id=user.id, role="owner"))
    ledger_service.set_up_books(session, business, fiscal_year_start=fiscal_year_start)
    contacts.create_owner(session, business.id, user.name or user.email, user.email)
    return BusinessCredentials(business.id, api_key, login_token, user.email)


def rotate_credentials(session: Session, business: Business) -> BusinessCredentials:
    """New apiKey and loginToken; the old ones stop working at commit."""
    api_key, login_token = security.new_token(), security.new_token()
    business.api_key_hash = security.token_hash(api_key)
    business.login_token_hash = security.token_hash(login_token)
    owner = session.scalar(
        select(User)
        .join(BusinessMember, BusinessMember.user_id == User.id)
        .where(BusinessMember.business_id == business.id, BusinessMember.role == "owner")
    )
    session.flush()
    return BusinessCredentials(business.id, api_key, login_token, owner.email if owner else "")


def authenticate(
    session: Session,
    *,
    api_key: str,
    login_token: str | None,
    user_id: str | None,
    password: str | None,
) -> tuple[Business, User]:
    """apiKey picks the business; loginToken, or else userId+password of a member, proves it.

    Every failure says the same for a wrong key, token or password, so that a caller learns
    nothing about which businesses or users exist.
    """
    # One round trip for the common case: the business and its owner (loginToken callers act
    # as the owner).
    row = session.execute(
        select(Business, User)
        .outerjoin(
            BusinessMember,
            (BusinessMember.business_id == Business.id) & (BusinessMember.role == "owner"),
        )
        .outerjoin(User, User.id == BusinessMember.user_id)
        .where(Business.api_key_hash == security.token_hash(api_key))
        .order_by(BusinessMember.id)
        .limit(1)
    ).first()
    if row is None:
        raise BusinessNotFound("No business has this apiKey.")
    business, owner = row
    if login_token:
        if owner is None or not security.token_matches(login_token, business.login_token_hash):
            raise AuthenticationFailed("Authentication failed: loginToken is not valid.")
        user = owner
    elif user_id and password:
        member = session.scalar(
            select(User)
            .join(BusinessMember, BusinessMember.user_id == User.id)
            .where(BusinessMember.business_id == business.id, User.email == user_id.strip().lower())
        )
        if member is None:
            security.password_matches_nobody(password)
        if member is None or not security.password_matches(password, member.password_hash):
            raise AuthenticationFailed("Authentication failed: userId or password is wrong.")
        user = member
    else:
        raise AuthenticationFailed(
            "Authentication failed: send loginToken, or userId and password of the business owner."
        )
    if not business.is_api_enabled:
        raise ApiDisabled("The API is disabled for this business.")
    return business, user


def business_and_owner(session: Session, business_id: int) -> tuple[Business, User]:
    """The business and its owner, for work no member authenticates (a public page, a payment
    gateway's callback), which is done on the owner's behalf."""
    row = session.execute(
        select(Business, User)
        .join(
            BusinessMember,
            (BusinessMember.business_id == Business.id) & (BusinessMember.role == "owner"),
        )
        .join(User, User.id == BusinessMember.user_id)
        .where(Business.id == business_id)
        .order_by(BusinessMember.id)
        .limit(1)
    ).first()
    if row is None:
        raise BusinessNotFound(f"Business {business_id} does not exist.")
    business, owner = row
    return business, owner


def set_api_enabled(session: Session, business: Business, enabled: bool) -> None:
    business.is_api_enabled = enabled
    session.flush()


@dataclass(frozen=True)
class BusinessSummary:
    id: int
    name: str
    owner: str
    api_enabled: bool


def list_businesses(session: Session) -> list[BusinessSummary]:
    """Every business on this server with its owner's email, for the operator's CLI."""
    rows = session.execute(
        select(Business.id, Business.name, User.email, Business.is_api_enabled)
        .outerjoin(
            BusinessMember,
            (BusinessMember.business_id == Business.id) & (BusinessMember.role == "owner"),
        )
        .outerjoin(User, User.id == BusinessMember.user_id)
        .order_by(Business.id)
    )
    return [
        BusinessSummary(int(id_), str(name), str(email or ""), bool(enabled))
        for id_, name, email, enabled in rows
    ]
