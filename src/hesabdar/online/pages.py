"""The public pages, outside /v1: an invoice, a contact's statement, paying an invoice online
and the sandbox gateway's bank. HTML, right to left, in Persian.

A page is reached by its link's token alone; an unknown or revoked token, and anything else
that names nothing, gets the same plain 404 page. Every answer is kept out of caches, search
engines and frames, and sends no Referer (the URL is the secret). This module translates HTTP
to the online services and their answers to HTML; the rules are theirs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from hesabdar.config import Settings
from hesabdar.db import Database
from hesabdar.invoices.models import Invoice
from hesabdar.kit.errors import HesabdarError
from hesabdar.online import formatting, payments, sandbox, views
from hesabdar.online import service as online
from hesabdar.online.errors import CallbackRefused, PageNotFound
from hesabdar.online.models import OnlinePayment
from hesabdar.uow import unit as uow
from hesabdar.uow.unit import UnitOfWork

log = logging.getLogger("hesabdar.online")

router = APIRouter(include_in_schema=False)

HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; frame-ancestors 'none'"
    ),
}
# The page a payment was started from, kept in the payer's browser (the server stores no
# token), so that the callback's page can link back to it.
RETURN_COOKIE = "hesabdar_return"
_RETURN_PATH = re.compile(
    r"/public/(invoice/[A-Za-z0-9_-]{1,100}|contact/[A-Za-z0-9_-]{1,100}/invoice/\d{1,18})"
)

templates = Environment(
    loader=PackageLoader("hesabdar.online", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.filters.update(
    number=formatting.number,
    jalali=formatting.jalali,
    gregorian=formatting.gregorian,
    currency=formatting.currency,
    plain=formatting.plain,
    fa=formatting.persian_digits,
)


def _html(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    body = templates.get_template(template).render(**context)
    return HTMLResponse(body, status_code=status, headers=HEADERS)


def not_found() -> HTMLResponse:
    return _html("message.html", 404, title="یافت نشد", message="این صفحه وجود ندارد.")


def _database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def _public_url(request: Request) -> str:
    settings: Settings = request.app.state.settings
    return settings.public_base(str(request.base_url))


def _serve(request: Request, work: Callable[[UnitOfWork], Response], *, write: bool) -> Response:
    """``work`` in a unit of work; what names nothing is the 404 page, a refusal a message."""
    try:
        return uow.run(_database(request), write=write, work=work)
    except PageNotFound:
        return not_found()
    except HesabdarError as error:
        return _html("message.html", error.http_status, title="انجام نشد", message=error.message)
    except Exception:
        log.exception("public page %s failed", request.url.path)
        return _failed()


def _failed() -> HTMLResponse:
    return _html("message.html", 500, title="خطا", message="خطایی رخ داد؛ دوباره تلاش کنید.")


def _invoice_response(unit: UnitOfWork, invoice: Invoice, pay_path: str | None) -> Response:
    ctx = unit.context
    assert ctx is not None
    page = views.invoice_page(unit.session, ctx.business, invoice)
    return _html("invoice.html", page=page, pay_path=pay_path, notice=None, back_path=None)


# --- an invoice ------------------------------------------------------------------------------


@router.get("/public/invoice/{token}")
def invoice_page(token: str, request: Request) -> Response:
    def work(unit: UnitOfWork) -> Response:
        link = online.find_link(unit.session, token)
        unit.act_for(link.business_id)
        invoice = views.link_invoice(unit.session, link)
        return _invoice_response(unit, invoice, f"/public/invoice/{token}/pay")

    return _serve(request, work, write=False)


@router.post("/public/invoice/{token}/pay")
def pay_invoice(token: str, request: Request) -> Response:
    return _pay(request, token, None, f"/public/invoice/{token}")


# --- a contact -------------------------------------------------------------------------------


@router.get("/public/contact/{token}")
def contact_page(token: str, request: Request) -> Response:
    def work(unit: UnitOfWork) -> Response:
        link = online.find_link(unit.session, token)
        ctx = unit.act_for(link.business_id)
        page = views.contact_page(unit.session, ctx.business, link)
        return _html("contact.html", page=page, base=f"/public/contact/{token}")

    return _serve(request, work, write=False)


@router.get("/public/contact/{token}/invoice/{number}")
def contact_invoice_page(token: str, number: str, request: Request) -> Response:
    def work(unit: UnitOfWork) -> Response:
        link = online.find_link(unit.session, token)
        unit.act_for(link.business_id)
        invoice = views.link_invoice(unit.session, link, number)
        return _invoice_response(unit, invoice, f"/public/contact/{token}/invoice/{number}/pay")

    return _serve(request, work, write=False)


@router.post("/public/contact/{token}/invoice/{number}/pay")
def pay_contact_invoice(token: str, number: str, request: Request) -> Response:
    return _pay(request, token, number, f"/public/contact/{token}/invoice/{number}")


# --- paying ----------------------------------------------------------------------------------


def _pay(request: Request, token: str, number: str | None, page_path: str) -> Response:
    """The pay button: a new payment of the invoice's Rest; the payer goes to the bank."""

    def work(unit: UnitOfWork) -> Response:
        link = online.find_link(unit.session, token)
        ctx = unit.act_for(link.business_id)
        invoice = views.link_invoice(unit.session, link, number)
        url = payments.begin(unit.session, ctx.business, invoice, public_url=_public_url(request))
        response = RedirectResponse(url, status_code=303, headers=HEADERS)
        response.set_cookie(
            RETURN_COOKIE,
            page_path,
            max_age=3600,
            path="/public/pay",
            httponly=True,
            samesite="lax",
        )
        return response

    return _serve(request, work, write=True)


@router.get("/public/pay/{gateway}/callback")
def callback(gateway: str, request: Request) -> Response:
    """Where the bank sends the payer back: the payment is recorded (once), then the invoice
    is shown as it now stands."""
    params: Mapping[str, str] = dict(request.query_params)
    back = request.cookies.get(RETURN_COOKIE, "")
    back_path = back if _RETURN_PATH.fullmatch(back) else None

    def work(unit: UnitOfWork) -> Response:
        chosen, payment = payments.for_callback(unit.session, gateway, params)
        unit.act_for(payment.business_id)
        payments.finish(unit.session, chosen, payment, params)
        return _result(unit, payment, back_path)

    try:
        return uow.run(_database(request), write=True, work=work)
    except PageNotFound:
        return not_found()
    except CallbackRefused as error:
        message = f"پاسخ بانک تأیید نشد و چیزی ثبت نشد ({error.message})"
        return _html("message.html", 400, title="پرداخت تأیید نشد", message=message)
    except HesabdarError as error:
        return _html("message.html", error.http_status, title="انجام نشد", message=error.message)


_NOTICES = {
    payments.PAID: ("ok", "پرداخت شما با موفقیت ثبت شد."),
    payments.CANCELLED: ("warn", "پرداخت لغو شد و مبلغی ثبت نشد."),
    payments.REFUSED: ("error", "پرداخت ثبت نشد: "),
    payments.PENDING: ("warn", "این پرداخت هنوز انجام نشده است."),
}


def _result(unit: UnitOfWork, payment: OnlinePayment, back_path: str | None) -> Response:
    ctx = unit.context
    assert ctx is not None
    invoice = views.invoice_by_id(unit.session, payment.business_id, payment.invoice_id)
    page = views.invoice_page(unit.session, ctx.business, invoice)
    kind, text = _NOTICES[payment.status]
    if payment.status == payments.REFUSED:
        text += payment.message
    return _html(
        "invoice.html",
        page=page,
        pay_path=None,
        notice={"kind": kind, "text": text, "reference": payment.reference},
        back_path=back_path,
    )


# --- the sandbox gateway's bank --------------------------------------------------------------


@router.get("/public/sandbox-bank/{reference}")
def sandbox_bank(reference: str, request: Request) -> Response:
    def work(unit: UnitOfWork) -> Response:
        payment = payments.at_sandbox_bank(unit.session, reference)
        ctx = unit.act_for(payment.business_id)
        return _html(
            "sandbox_bank.html",
            merchant=ctx.business.name,
            amount=payment.amount,
            currency=ctx.business.currency,
            reference=reference,
        )

    return _serve(request, work, write=False)


@router.post("/public/sandbox-bank/{reference}/{decision}")
def sandbox_bank_decision(reference: str, decision: str, request: Request) -> Response:
    """The payer pays or cancels at the sandbox bank, which sends them back to the callback."""
    if decision not in ("pay", "cancel"):
        return not_found()

    def work(unit: UnitOfWork) -> Response:
        payment = payments.at_sandbox_bank(unit.session, reference)
        url = sandbox.bank_answer(
            payment,
            pay=decision == "pay",
            callback_url=payments.callback_url(_public_url(request), sandbox.NAME),
        )
        return RedirectResponse(url, status_code=303, headers=HEADERS)

    return _serve(request, work, write=False)


@router.api_route("/public/{path:path}", methods=["GET", "POST"])
def anything_else(path: str) -> Response:
    return not_found()
