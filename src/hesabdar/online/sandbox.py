"""The sandbox gateway: a simulated bank on this server, for trying online payments out and for
tests. No money moves.

The payer is sent to the sandbox bank's page (``/public/sandbox-bank/{reference}``), which
shows the merchant and the amount with a pay and a cancel button. Either sends the payer back to
the callback with ``reference``, ``status`` (``OK`` or ``NOK``), ``amount`` and ``signature``:
an HMAC-SHA256 of the three with a key made for this one payment, which only the bank (this
page) and the payment's row know. A callback whose signature, amount or status does not check
out is refused, as a real gateway's verification would refuse it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from hesabdar.kit.numbers import show
from hesabdar.online.errors import CallbackRefused
from hesabdar.online.gateways import Outcome, Start, Verdict
from hesabdar.online.models import OnlinePayment

NAME = "sandbox"
OK, NOK = "OK", "NOK"


# The amount as the bank writes it: ``1090000``, ``12.5``.
amount_text = show


def signature(secret: str, reference: str, status: str, amount: str) -> str:
    message = f"{reference}\n{status}\n{amount}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class SandboxGateway:
    name = NAME
    title = "درگاه آزمایشی (sandbox)"

    def begin(self, payment: OnlinePayment, *, public_url: str, callback_url: str) -> Start:
        payment.reference = secrets.token_urlsafe(16)
        payment.secret = secrets.token_urlsafe(32)
        return Start(f"{public_url}/public/sandbox-bank/{payment.reference}")

    def reference_of(self, params: Mapping[str, str]) -> str | None:
        reference = params.get("reference", "").strip()
        return reference or None

    def verify(self, payment: OnlinePayment, params: Mapping[str, str]) -> Verdict:
        status = params.get("status", "")
        amount = params.get("amount", "")
        expected = signature(payment.secret, payment.reference, status, amount)
        if not hmac.compare_digest(expected, params.get("signature", "")):
            raise CallbackRefused("the bank's signature does not match.")
        try:
            paid = Decimal(amount)
        except InvalidOperation:
            raise CallbackRefused(f"the amount {amount!r} is not a number.") from None
        if paid != payment.amount:
            raise CallbackRefused(f"the bank names {amount}, not the payment's amount.")
        if status == OK:
            return Verdict(Outcome.PAID)
        if status == NOK:
            return Verdict(Outcome.CANCELLED)
        raise CallbackRefused(f"the status {status!r} is neither {OK} nor {NOK}.")


def bank_answer(payment: OnlinePayment, *, pay: bool, callback_url: str) -> str:
    """Where the sandbox bank sends the payer back: the callback, signed, paid or cancelled."""
    status = OK if pay else NOK
    amount = amount_text(payment.amount)
    query = urlencode(
        {
            "reference": payment.reference,
            "status": status,
            "amount": amount,
            "signature": signature(payment.secret, payment.reference, status, amount),
        }
    )
    return f"{callback_url}?{query}"
