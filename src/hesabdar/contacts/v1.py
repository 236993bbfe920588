"""contact/*: get, getById, getcontacts, save, batchsave, delete, findByPhoneOrEmail."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import Field

from hesabdar.coded_batch import MAX_BATCH_ROWS
from hesabdar.contacts import schemas, service
from hesabdar.contacts.models import Contact
from hesabdar.contacts.service import ZERO_BALANCE, ContactBalance
from hesabdar.kit.errors import Location
from hesabdar.kit.numbers import Int16, Int64, MoneyValue
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import CodeParams, IdListParams, V1Date, V1Model, V1Params
from hesabdar.v1.query import QueryFilter, QueryInfo
from hesabdar.v1.registry import V1Methods
from hesabdar.v1.rendering import page_result


class ContactInput(V1Model):
    __columns__ = Contact

    code: str | None = None
    name: str | None = None
    company: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    contact_type: Int16 | None = None
    national_code: str | None = None
    economic_code: str | None = None
    registration_number: str | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    country: str | None = None
    postal_code: str | None = None
    phone: str | None = None
    fax: str | None = None
    mobile: str | None = None
    email: str | None = None
    website: str | None = None
    registration_date: V1Date | None = None
    note: str | None = None
    share_percent: MoneyValue | None = None
    contact_credit: MoneyValue | None = None
    tag: str | None = None
    active: bool | None = None
    tax_type: Int16 | None = None
    node_family: str | None = None

    def as_input(self, at: Location) -> schemas.ContactInput:
        """The domain's input: the fields sent are the fields given (an edit keeps the others);
        the codes read into their enumerations, and TaxType 0, which clients send for "none",
        clears the tax type."""
        given: dict[str, Any] = {name: getattr(self, name) for name in self.sent_fields()}
        if "contact_type" in given:
            given["contact_type"] = schemas.ContactType.of(
                given["contact_type"], at / "contact_type"
            )
        if "tax_type" in given:
            code = given["tax_type"]
            given["tax_type"] = schemas.TaxType.of(code, at / "tax_type") if code else None
        return schemas.ContactInput(**given, fields_set=frozenset(given))


class GetContactsParams(V1Params):
    query_info: QueryInfo | None = None
    # Hesabfa's JS sample sends the queryInfo fields at the top level, without the wrapper.
    sort_by: str | None = None
    sort_desc: bool | None = None
    take: Int64 | None = None
    skip: Int64 | None = None
    search: str | None = None
    filters: list[QueryFilter] | QueryFilter | None = None

    def query(self) -> QueryInfo | None:
        if self.query_info is not None:
            return self.query_info
        top_level = {
            key: getattr(self, key)
            for key in ("sort_by", "sort_desc", "take", "skip", "search", "filters")
            if getattr(self, key) is not None
        }
        if not top_level:
            return None
        if isinstance(top_level.get("filters"), QueryFilter):
            top_level["filters"] = [top_level["filters"]]
        return QueryInfo.model_validate(top_level)


class ContactSaveParams(V1Params):
    contact: ContactInput


class ContactBatchSaveParams(V1Params):
    # Refused before the rows are read (the service checks the same bound).
    contacts: Annotated[list[ContactInput], Field(max_length=MAX_BATCH_ROWS)]


class FindParams(V1Params):
    mobile: str | None = None
    phone: str | None = None
    email: str | None = None


def render_contact(contact: Contact, balance: ContactBalance = ZERO_BALANCE) -> dict[str, Any]:
    registration: date = contact.registration_date
    return {
        "Id": contact.id,
        "Code": contact.code,
        "Name": contact.name,
        "Company": contact.company,
        "FirstName": contact.first_name,
        "LastName": contact.last_name,
        "ContactType": contact.contact_type,
        "NationalCode": contact.national_code,
        "EconomicCode": contact.economic_code,
        "RegistrationNumber": contact.registration_number,
        "Address": contact.address,
        "City": contact.city,
        "State": contact.state,
        "Country": contact.country,
        "PostalCode": contact.postal_code,
        "Phone": contact.phone,
        "Fax": contact.fax,
        "Mobile": contact.mobile,
        "Email": contact.email,
        "Website": contact.website,
        "RegistrationDate": registration,
        "Note": contact.note,
        "SharePercent": contact.share_percent,
        "Liability": balance.liability,
        "Credits": balance.credits,
        "ContactCredit": contact.contact_credit,
        "Tag": contact.tag,
        "Active": contact.active,
        "TaxType": contact.tax_type,
        "NodeId": contact.node_id,
        "NodeFamily": contact.node.full_path if contact.node is not None else "",
    }


def _render_all(ctx: RequestContext, contacts: list[Contact]) -> list[dict[str, Any]]:
    found = service.balances(ctx.session, ctx.business_id, [contact.id for contact in contacts])
    return [render_contact(contact, found[contact.id]) for contact in contacts]


def _render_one(ctx: RequestContext, contact: Contact) -> dict[str, Any]:
    return _render_all(ctx, [contact])[0]


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("contact", "get", params=CodeParams)
def get(ctx: RequestContext, params: CodeParams) -> dict[str, Any]:
    """The contact with this code."""
    return _render_one(ctx, service.require_by_code(ctx.session, ctx.business_id, params.code))


@methods.method("contact", "getById", params=IdListParams)
def get_by_id(ctx: RequestContext, params: IdListParams) -> list[dict[str, Any]]:
    """The contacts with these ids (unknown ids are left out)."""
    return _render_all(ctx, service.get_by_ids(ctx.session, ctx.business_id, params.id_list))


@methods.method("contact", "getcontacts", params=GetContactsParams)
def get_contacts(ctx: RequestContext, params: GetContactsParams) -> dict[str, Any]:
    """A page of contacts (queryInfo)."""
    page = service.list_contacts(ctx.session, ctx.business_id, params.query())
    found = service.balances(ctx.session, ctx.business_id, [row.id for row in page.rows])
    return page_result(page, lambda contact: render_contact(contact, found[contact.id]))


@methods.method("contact", "save", params=ContactSaveParams, write=True)
def save(ctx: RequestContext, params: ContactSaveParams) -> dict[str, Any]:
    """Create (no Code, or an unknown one) or edit (a known Code) a contact."""
    contact = service.save(
        ctx.session,
        ctx.business_id,
        params.contact.as_input(schemas.CONTACT_AT),
        via_api=ctx.via_api,
    )
    return _render_one(ctx, contact)


@methods.method("contact", "batchsave", params=ContactBatchSaveParams, write=True)
def batch_save(ctx: RequestContext, params: ContactBatchSaveParams) -> list[dict[str, Any]]:
    """Save several contacts, all or nothing, as saving them one by one in order would; the
    result is in input order. At most 10,000 rows per call (more: ErrorCode 114 naming
    ``contacts``)."""
    contacts = service.batch_save(
        ctx.session,
        ctx.business_id,
        [row.as_input(schemas.BATCH_AT / index) for index, row in enumerate(params.contacts)],
        via_api=ctx.via_api,
    )
    return _render_all(ctx, contacts)


@methods.method("contact", "delete", params=CodeParams, write=True)
def delete(ctx: RequestContext, params: CodeParams) -> bool:
    """Delete the contact with this code, unless documents refer to it."""
    service.delete(ctx.session, ctx.business_id, params.code, via_api=ctx.via_api)
    return True


@methods.method("contact", "findByPhoneOrEmail", params=FindParams)
def find_by_phone_or_email(ctx: RequestContext, params: FindParams) -> dict[str, Any]:
    """Contacts whose mobile, phone or email is one of those given."""
    contacts = service.find_by_phone_or_email(
        ctx.session, ctx.business_id, mobile=params.mobile, phone=params.phone, email=params.email
    )
    return {"TotalCount": len(contacts), "List": _render_all(ctx, contacts)}
