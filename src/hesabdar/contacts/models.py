from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hesabdar.categories.models import Category
from hesabdar.kit.models import CodedModel, IdType, rule, scoped_fk
from hesabdar.kit.types import Money


class Contact(CodedModel):
    """A person or company the business deals with (شخص): customer, supplier, shareholder…"""

    __tablename__ = "contact"
    __table_args__ = (
        UniqueConstraint("business_id", "code"),
        # Categories are never deleted on their own (only with their business), so no action.
        scoped_fk("node_id", "category"),
        rule("contact_type", "contact_type IN (0, 1, 2)", "a contact's type is 0, 1 or 2"),
        rule(
            "tax_type",
            "tax_type IS NULL OR tax_type BETWEEN 5 AND 8",
            "a contact's tax type is 5 to 8",
        ),
        rule(
            "share_percent",
            "CAST(share_percent AS REAL) BETWEEN 0 AND 100",
            "a share is 0 to 100 percent",
        ),
        rule(
            "credit_not_negative",
            "CAST(contact_credit AS REAL) >= 0",
            "a contact's credit limit is not negative",
        ),
    )

    code: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(Text)
    company: Mapped[str] = mapped_column(Text, default="")
    first_name: Mapped[str] = mapped_column(Text, default="")
    last_name: Mapped[str] = mapped_column(Text, default="")
    # 0 unknown, 1 natural person, 2 legal person.
    contact_type: Mapped[int] = mapped_column(Integer, default=0)
    national_code: Mapped[str] = mapped_column(Text, default="")
    economic_code: Mapped[str] = mapped_column(Text, default="")
    registration_number: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(Text, default="")
    postal_code: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="", index=True)
    fax: Mapped[str] = mapped_column(Text, default="")
    mobile: Mapped[str] = mapped_column(Text, default="", index=True)
    email: Mapped[str] = mapped_column(Text, default="", index=True)
    website: Mapped[str] = mapped_column(Text, default="")
    registration_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    share_percent: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    contact_credit: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # Opaque to us; shop plugins store JSON such as {"id_customer": 12}.
    tag: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # 5-8 (reference §2.2); None when the client never said.
    tax_type: Mapped[int | None] = mapped_column(Integer, nullable=True)
    node_id: Mapped[int | None] = mapped_column(IdType, nullable=True, index=True)

    # Joined on the business too; only node_id is written through it (business_id is the row's
    # own key and never set from a category).
    node: Mapped[Category | None] = relationship(
        Category,
        lazy="joined",
        primaryjoin="and_(Category.business_id == Contact.business_id, "
        "Category.id == foreign(Contact.node_id))",
    )
