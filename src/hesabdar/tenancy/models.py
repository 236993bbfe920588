from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from hesabdar.kit.models import BusinessScoped, IdType, RecordModel


class Business(RecordModel):
    """A tenant: one set of books. Every other table points here through ``business_id``."""

    __tablename__ = "business"
    # Ids are never handed out again on SQLite either (its default reuses the largest).
    __table_args__ = {"sqlite_autoincrement": True}

    name: Mapped[str] = mapped_column(String(200))
    legal_name: Mapped[str] = mapped_column(String(200), default="")
    # Base currency of the books (ISO 4217, Hesabfa uses IRR / IRT).
    currency: Mapped[str] = mapped_column(String(8), default="IRR")
    calendar: Mapped[str] = mapped_column(String(16), default="Jalali")
    # SHA-256 of the apiKey and loginToken: both are high-entropy random strings, so a fast
    # hash is enough, and the raw values are never stored.
    api_key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    login_token_hash: Mapped[str] = mapped_column(String(64))
    is_api_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # Whether a sale may take an item's stock below zero (a shop's order is never lost) or is
    # refused (190 naming the item). setting/SetInventorySettings and the CLI change it.
    allow_negative_stock: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class User(RecordModel):
    """A person who logs in. ``email`` is the ``userId`` of Hesabfa's API."""

    __tablename__ = "app_user"
    __table_args__ = {"sqlite_autoincrement": True}

    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))


class BusinessMember(BusinessScoped):
    """A user's role in a business: ``owner`` (Hesabfa's API talks of the owner) or ``member``."""

    __tablename__ = "business_member"
    __table_args__ = (UniqueConstraint("business_id", "user_id"),)

    user_id: Mapped[int] = mapped_column(IdType, ForeignKey("app_user.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16), default="owner")
