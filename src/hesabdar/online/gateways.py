"""Online payment gateways: what one must do, and which ones this server has.

A gateway sends the payer to its bank and tells, when the bank sends the payer back (the
callback), whether that payment is genuine and paid. Everything else (which invoice, how much,
recording the payment once) is :mod:`hesabdar.online.payments`'s. :mod:`hesabdar.wiring`
installs the gateways (the sandbox ships; a real bank's gateway is one more class).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from hesabdar.online.models import OnlinePayment


class Outcome(StrEnum):
    PAID = "paid"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Verdict:
    """What a genuine callback says. A callback that is not genuine raises CallbackRefused."""

    outcome: Outcome


@dataclass(frozen=True)
class Start:
    """Where to send the payer: the bank's page for this payment."""

    redirect_url: str


class Gateway(Protocol):
    """One online payment gateway."""

    # The name SetOnlinePayment's ``gateway`` takes, and that callback URLs carry.
    name: str
    # Shown beside the name where gateways are listed.
    title: str

    def begin(self, payment: OnlinePayment, *, public_url: str, callback_url: str) -> Start:
        """Set ``payment.reference`` (and ``payment.secret`` if the gateway has one per
        payment) and say where the payer goes. ``callback_url`` is where the bank sends the
        payer back, with the gateway's own parameters added."""
        ...

    def reference_of(self, params: Mapping[str, str]) -> str | None:
        """The reference a callback names, or None if it names none."""
        ...

    def verify(self, payment: OnlinePayment, params: Mapping[str, str]) -> Verdict:
        """Whether the callback's payment was paid or cancelled; CallbackRefused when the
        callback is not the bank's word for this payment (signature, amount, status)."""
        ...


_GATEWAYS: dict[str, Gateway] = {}


def install(gateways: Iterable[Gateway]) -> None:
    """Make ``gateways`` the ones this server has (:func:`hesabdar.wiring.wire`)."""
    _GATEWAYS.clear()
    _GATEWAYS.update({gateway.name.lower(): gateway for gateway in gateways})


def find(name: str) -> Gateway | None:
    return _GATEWAYS.get(name.strip().lower())


def names() -> list[str]:
    return sorted(_GATEWAYS)
