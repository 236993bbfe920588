from __future__ import annotations

from hesabdar.kit.errors import BusinessRuleViolation, HesabdarError, ObjectNotFound


class OnlinePaymentDisabled(BusinessRuleViolation):
    """The business has not turned its online gateway on (setting/SetOnlinePayment)."""


class OnlineInvoiceRefused(BusinessRuleViolation):
    """An invoice that has no online page: not a sale, or a draft."""


class BankNotFound(ObjectNotFound):
    """The bank an online gateway is to pay into does not exist."""


class PageNotFound(ObjectNotFound):
    """A public page's token (or a payment's reference) that names nothing: unknown, revoked,
    or its invoice or contact deleted. The page says only "not found", whichever it is."""

    def __init__(self) -> None:
        super().__init__("not found")


class PaymentNotPossible(BusinessRuleViolation):
    """The pay button pressed when the invoice cannot be paid online (nothing left to pay, the
    gateway turned off meanwhile, another currency)."""


class CallbackRefused(HesabdarError):
    """A gateway's callback that does not check out (bad signature, another amount, unknown
    status): a forgery or a corrupted redirect. Nothing is recorded."""

    http_status = 400
