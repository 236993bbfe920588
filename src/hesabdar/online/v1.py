"""setting/SetOnlinePayment and setting/GetOnlinePayment (hesabdar's own: Hesabfa sets its
gateway in its web app), invoice/getonlineinvoiceurl, contact/getContactLink, and hesabdar's
own invoice/revokeOnlineInvoiceUrl and contact/revokeContactLink."""

from __future__ import annotations

from typing import Any

from hesabdar.invoices.schemas import InvoiceType
from hesabdar.kit.errors import Location
from hesabdar.kit.numbers import Int16, Int64
from hesabdar.online import gateways, service
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import V1Params
from hesabdar.v1.registry import V1Methods


class SetOnlinePaymentParams(V1Params):
    enabled: bool | None = None
    gateway: str | None = None
    bank_code: str | None = None


class NumberTypeParams(V1Params):
    number: str | None = None
    type: Int16 = 0

    def invoice_type(self) -> InvoiceType:
        return InvoiceType.of(self.type, Location.of("type"))


class ContactLinkParams(V1Params):
    code: str | None = None
    show_all_accounts: bool = False
    days: Int64 = 30


class RevokeContactParams(V1Params):
    code: str | None = None


def render_settings(settings: service.OnlineSettings) -> dict[str, Any]:
    return {
        "Enabled": settings.enabled,
        "Gateway": settings.gateway,
        "BankCode": settings.bank.code if settings.bank else "",
        "BankName": settings.bank.name if settings.bank else "",
        "Gateways": gateways.names(),
    }


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("setting", "GetOnlinePayment")
def get_online_payment(ctx: RequestContext, params: V1Params) -> dict[str, Any]:
    """Whether invoices are paid online: {Enabled, Gateway, BankCode, BankName, Gateways}."""
    return render_settings(service.online_settings(ctx.session, ctx.business_id))


@methods.method("setting", "SetOnlinePayment", params=SetOnlinePaymentParams, write=True)
def set_online_payment(ctx: RequestContext, params: SetOnlinePaymentParams) -> dict[str, Any]:
    """Turn the online gateway on or off: enabled, gateway (sandbox), bankCode (the bank online
    payments are received into)."""
    return render_settings(
        service.set_online_payment(
            ctx.session,
            ctx.business,
            enabled=params.enabled,
            gateway=params.gateway,
            bank_code=params.bank_code,
            via_api=ctx.via_api,
        )
    )


@methods.method("invoice", "getonlineinvoiceurl", params=NumberTypeParams, write=True)
def get_online_invoice_url(ctx: RequestContext, params: NumberTypeParams) -> str:
    """The URL of a sale invoice's public page, where it is seen, printed and paid online."""
    return service.invoice_url(
        ctx.session, ctx.business, params.invoice_type(), params.number, ctx.public_url
    )


@methods.method("invoice", "revokeOnlineInvoiceUrl", params=NumberTypeParams, write=True)
def revoke_online_invoice_url(ctx: RequestContext, params: NumberTypeParams) -> dict[str, int]:
    """Every URL handed out for the invoice's page stops working: {Revoked: how many}."""
    revoked = service.revoke_invoice_urls(
        ctx.session, ctx.business_id, params.invoice_type(), params.number
    )
    return {"Revoked": revoked}


@methods.method("contact", "getContactLink", params=ContactLinkParams, write=True)
def get_contact_link(ctx: RequestContext, params: ContactLinkParams) -> dict[str, str]:
    """{Link}: the contact's public page, its statement of the last ``days`` days (30) and its
    open invoices; ``showAllAccounts``: every account, not only receivable and payable."""
    link = service.contact_url(
        ctx.session,
        ctx.business,
        params.code,
        show_all_accounts=params.show_all_accounts,
        days=params.days,
        public_url=ctx.public_url,
    )
    return {"Link": link}


@methods.method("contact", "revokeContactLink", params=RevokeContactParams, write=True)
def revoke_contact_link(ctx: RequestContext, params: RevokeContactParams) -> dict[str, int]:
    """Every link handed out to the contact's page stops working: {Revoked: how many}."""
    return {"Revoked": service.revoke_contact_links(ctx.session, ctx.business_id, params.code)}
