"""Contacts (اشخاص): save (create or edit by code), batch save, lookups, delete.

Saves take a :class:`~hesabdar.contacts.schemas.ContactInput`; on edit, fields the client did not
give keep their values, so partial payloads (shop plugins drop empty fields) do not erase data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from hesabdar.categories import service as categories
from hesabdar.categories.models import Category
from hesabdar.categories.service import CategoryKind
from hesabdar.changes.service import LogAction
from hesabdar.coded import CODE_AT, CodedRecords
from hesabdar.coded_batch import NODE, BatchSave
from hesabdar.contacts.codes import CODE_WIDTH, MAX_CODE_LENGTH, normalize_code
from hesabdar.contacts.errors import ContactNameRequired, ContactNotFound
from hesabdar.contacts.models import Contact
from hesabdar.contacts.schemas import BATCH_AT, CONTACT_AT, TEXT_FIELDS, ContactInput
from hesabdar.kit.errors import InvalidFieldValue, Location, MissingParameter
from hesabdar.kit.listing import ListQuery, Page, QueryField, QueryFields, run_query
from hesabdar.kit.types import MONEY_SCALE, quantize

# Amounts at the stored scale, so a fresh save renders like a read (1000.0000).
ZERO = quantize(Decimal(0), MONEY_SCALE)
OBJECT_TYPE = "Contact"
CONTACTS = CodedRecords(
    Contact,
    "contact",
    "Contact",
    OBJECT_TYPE,
    CODE_WIDTH,
    LogAction.CONTACT_SAVE,
    LogAction.CONTACT_EDIT,
    LogAction.CONTACT_DELETE,
    max_code_length=MAX_CODE_LENGTH,
    not_found=ContactNotFound,
)
# Amounts a save checks: the column and its upper bound, if any (none is negative).
BOUNDED_AMOUNTS: tuple[tuple[str, Decimal | None], ...] = (
    ("share_percent", Decimal(100)),
    ("contact_credit", None),
)


# --- balances: supplied by the ledger -------------------------------------------------------


@dataclass(frozen=True)
class ContactBalance:
    """Liability: what the contact owes the business; Credits: what the business owes them."""

    liability: Decimal = ZERO
    credits: Decimal = ZERO


ZERO_BALANCE = ContactBalance()
BalanceProvider = Callable[[Session, int, Sequence[int]], Mapping[int, ContactBalance]]
_balance_provider: BalanceProvider | None = None


def set_balance_provider(provider: BalanceProvider | None) -> None:
    """The ledger registers how to compute contacts' balances; until then they are zero."""
    global _balance_provider
    _balance_provider = provider


def balances(
    session: Session, business_id: int, contact_ids: Sequence[int]
) -> dict[int, ContactBalance]:
    known = _balance_provider(session, business_id, contact_ids) if _balance_provider else {}
    return {contact_id: known.get(contact_id, ZERO_BALANCE) for contact_id in contact_ids}


# --- lookups ---------------------------------------------------------------------------------


def _scoped(business_id: int) -> Select[Contact]:
    return select(Contact).where(Contact.business_id == business_id)


def get_by_code(session: Session, business_id: int, code: Any) -> Contact | None:
    """The business's contact with this code (``123`` and ``"123"`` find ``"000123"``)."""
    return CONTACTS.get(session, business_id, code)


def require_by_code(
    session: Session, business_id: int, code: Any, at: Location = CODE_AT
) -> Contact:
    """Like :func:`get_by_code`, but 104 for no code and 112 naming the code if unknown."""
    return CONTACTS.require(session, business_id, code, at)


def get_by_ids(session: Session, business_id: int, ids: Sequence[int]) -> list[Contact]:
    """The business's contacts with these ids, in the order asked; unknown ids are skipped."""
    return CONTACTS.get_by_ids(session, business_id, ids)


def find_by_phone_or_email(
    session: Session,
    business_id: int,
    *,
    mobile: str | None = None,
    phone: str | None = None,
    email: str | None = None,
) -> list[Contact]:
    """Contacts matching any of the given mobile, phone or email (email case-insensitively)."""
    conditions = []
    if mobile:
        conditions.append(Contact.mobile == mobile.strip())
    if phone:
        conditions.append(Contact.phone == phone.strip())
    if email:
        conditions.append(func.lower(Contact.email) == email.strip().lower())
    if not conditions:
        raise MissingParameter(
            message="Missing parameter: give at least one of mobile, phone or email."
        )
    return list(session.scalars(_scoped(business_id).where(or_(*conditions)).order_by(Contact.id)))


QUERY_FIELDS = QueryFields(
    fields={
        "Id": QueryField(Contact.id.expression),
        "Code": QueryField(Contact.code.expression),
        "Name": QueryField(Contact.name.expression),
        "Company": QueryField(Contact.company.expression),
        "FirstName": QueryField(Contact.first_name.expression),
        "LastName": QueryField(Contact.last_name.expression),
        "ContactType": QueryField(Contact.contact_type.expression),
        "NationalCode": QueryField(Contact.national_code.expression),
        "EconomicCode": QueryField(Contact.economic_code.expression),
        "RegistrationNumber": QueryField(Contact.registration_number.expression),
        "City": QueryField(Contact.city.expression),
        "State": QueryField(Contact.state.expression),
        "Country": QueryField(Contact.country.expression),
        "PostalCode": QueryField(Contact.postal_code.expression),
        "Phone": QueryField(Contact.phone.expression),
        "Mobile": QueryField(Contact.mobile.expression),
        "Email": QueryField(Contact.email.expression),
        "Tag": QueryField(Contact.tag.expression),
        "Active": QueryField(Contact.active.expression),
        "TaxType": QueryField(Contact.tax_type.expression),
        "RegistrationDate": QueryField(Contact.registration_date.expression),
        "ContactCredit": QueryField(Contact.contact_credit.expression),
        "NodeId": QueryField(Contact.node_id.expression),
        "NodeFamily": QueryField(
            Category.full_path.expression, joins=((Category, Category.id == Contact.node_id),)
        ),
    },
    search=(
        Contact.code.expression,
        Contact.name.expression,
        Contact.mobile.expression,
        Contact.phone.expression,
        Contact.email.expression,
    ),
    default_sort=(Contact.id.expression,),
)


def normalize_code_filters(query: ListQuery | None) -> ListQuery | None:
    """Codes in ``Code`` filters name stored codes the same way lookups do."""
    if query is None:
        return None
    for filt in query.filters:
        if filt.property.strip().lower() != "code" or filt.operator.strip() == "*":
            continue
        if isinstance(filt.value, list):
            filt.value = [_normalized_code(value) for value in filt.value]
        elif isinstance(filt.value, str) and filt.operator.strip().lower() == "in":
            filt.value = [_normalized_code(value) for value in filt.value.split(",")]
        else:
            filt.value = _normalized_code(filt.value)
    return query


def _normalized_code(value: Any) -> Any:
    # A list or an object where one code goes is left as sent, for the listing to refuse.
    if isinstance(value, list | dict):
        return value
    return normalize_code(value) or ""


def list_contacts(session: Session, business_id: int, query: ListQuery | None) -> Page:
    return run_query(session, _scoped(business_id), QUERY_FIELDS, normalize_code_filters(query))


# --- writes ----------------------------------------------------------------------------------


def _apply(values: dict[str, Any], data: ContactInput, is_new: bool, at: Location) -> None:
    """One save's rules on the contact's ``values``: a new contact takes every value of
    ``data`` (the defaults for fields not given), an edit only the fields given."""

    def changes(field: str) -> bool:
        return is_new or data.gives(field)

    for column in TEXT_FIELDS if is_new else data.fields_set.intersection(TEXT_FIELDS):
        values[column] = getattr(data, column).strip()
    if changes("contact_type"):
        values["contact_type"] = int(data.contact_type)
    if changes("tax_type"):
        values["tax_type"] = None if data.tax_type is None else int(data.tax_type)
    for column, upper in BOUNDED_AMOUNTS:
        if not changes(column):
            continue
        value: Decimal = getattr(data, column)
        if value < 0 or (upper is not None and value > upper):
            limit = "not negative" if upper is None else f"between 0 and {upper}"
            raise InvalidFieldValue(f"must be {limit} (got {value}).", location=at / column)
        values[column] = quantize(value, MONEY_SCALE)
    if changes("active"):
        values["active"] = data.active
    if changes("registration_date") and data.registration_date is not None:
        values["registration_date"] = data.registration_date

    if not values["name"]:
        # Clients send only FirstName/LastName for individuals.
        parts = (values["first_name"], values["last_name"])
        values["name"] = " ".join(part for part in parts if part)
        if not values["name"]:
            raise ContactNameRequired(at)

    if changes("node_family"):
        names = categories.split_path(CategoryKind.CONTACT, data.node_family, at / "node_family")
        values[NODE] = (CategoryKind.CONTACT, tuple(names))


BATCH = BatchSave(
    CONTACTS,
    code_of=lambda data: normalize_code(data.code),
    apply=_apply,
    new_values=lambda: {"registration_date": date.today()},
)


def save(
    session: Session,
    business_id: int,
    data: ContactInput,
    *,
    at: Location = CONTACT_AT,
    via_api: bool = True,
) -> Contact:
    """Create or edit the contact ``data.code`` names (no code: a new one gets the next).
    ``at`` is where ``data`` is in the request, for errors."""
    return BATCH.save_one(session, business_id, data, at, via_api=via_api)


def batch_save(
    session: Session,
    business_id: int,
    rows: Sequence[ContactInput],
    *,
    via_api: bool = True,
) -> list[Contact]:
    """All or nothing, as if saved one by one in order: the first invalid row raises (naming
    ``contacts[i]``) and nothing is saved. At most ``MAX_BATCH_ROWS`` rows."""
    return BATCH.save_list(session, business_id, rows, BATCH_AT, via_api=via_api)


def delete(session: Session, business_id: int, code: Any, *, via_api: bool = True) -> None:
    CONTACTS.delete(session, business_id, code, via_api=via_api)


# --- shareholders ----------------------------------------------------------------------------

# The code of the contact a new business starts with for its owner: outside the codes the
# counter hands out (000001 on), so the business's own contacts are numbered as they would be
# without it.
OWNER_CODE = "0" * CODE_WIDTH


def create_owner(session: Session, business_id: int, name: str, email: str) -> Contact:
    """The owner of a new business as a contact, its only shareholder (100%): the opening
    stock's capital is credited to the shareholders (a business may change or add them).
    Like every contact saved without a NodeFamily, it is in the contacts' root category."""
    root = categories.ensure_node(session, business_id, CategoryKind.CONTACT, None)
    owner = Contact(
        business_id=business_id,
        code=OWNER_CODE,
        name=name,
        email=email,
        contact_type=1,
        registration_date=date.today(),
        share_percent=Decimal(100),
        node_id=root.id,
    )
    session.add(owner)
    session.flush()
    return owner


def shareholders(session: Session, business_id: int) -> list[Contact]:
    """The contacts holding a share of the business, by code."""
    return list(
        session.scalars(
            _scoped(business_id).where(Contact.share_percent > 0).order_by(Contact.code)
        )
    )
