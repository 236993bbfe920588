"""What a contact save takes: typed fields, Hesabfa's codes as enumerations, and which fields
the client gave, so that an edit changes only those (shop plugins drop empty fields)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hesabdar.kit.enums import CodedEnum
from hesabdar.kit.errors import Location

# Where a save's input is, for errors: one contact, or row i of a batch.
CONTACT_AT = Location.of("contact")
BATCH_AT = Location.of("contacts")


class ContactType(CodedEnum):
    UNKNOWN = 0
    NATURAL_PERSON = 1  # حقیقی
    LEGAL_PERSON = 2  # حقوقی


class TaxType(CodedEnum):
    """The contact's standing in the tax system (سامانه مودیان)."""

    REGISTERED_TAXPAYER = 5  # required to register in the tax system
    ARTICLE_81_PERSON = 6  # natural persons subject to Article 81
    UNREGISTERED_PERSON = 7  # not required to register
    FINAL_CONSUMER = 8

    @classmethod
    def allowed(cls) -> str:
        return "5, 6, 7 or 8"


# The text fields a save sets as given (trimmed); a new contact has "" for those not given.
TEXT_FIELDS = (
    "name",
    "company",
    "first_name",
    "last_name",
    "national_code",
    "economic_code",
    "registration_number",
    "address",
    "city",
    "state",
    "country",
    "postal_code",
    "phone",
    "fax",
    "mobile",
    "email",
    "website",
    "note",
    "tag",
)


@dataclass(frozen=True)
class ContactInput:
    """A contact to create (no code, or one not in use) or edit (a code in use).

    A new contact takes every value here, the defaults included. An edit changes only the
    fields named in ``fields_set``; ``tax_type`` set to None there clears it.
    """

    code: str | None = None
    name: str = ""
    company: str = ""
    first_name: str = ""
    last_name: str = ""
    contact_type: ContactType = ContactType.UNKNOWN
    national_code: str = ""
    economic_code: str = ""
    registration_number: str = ""
    address: str = ""
    city: str = ""
    state: str = ""
    country: str = ""
    postal_code: str = ""
    phone: str = ""
    fax: str = ""
    mobile: str = ""
    email: str = ""
    website: str = ""
    # None: today, for a new contact.
    registration_date: date | None = None
    note: str = ""
    share_percent: Decimal = Decimal(0)
    contact_credit: Decimal = Decimal(0)
    tag: str = ""
    active: bool = True
    tax_type: TaxType | None = None
    # A category path (see categories.service); None: the root.
    node_family: str | None = None
    fields_set: frozenset[str] = frozenset()

    def gives(self, field: str) -> bool:
        return field in self.fields_set
