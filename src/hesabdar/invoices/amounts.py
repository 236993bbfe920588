"""An invoice's amounts, exact (pure, no I/O).

Per row: Sum = Quantity × UnitPrice, TotalAmount = Sum − Discount + Tax. Per invoice: Sum =
Σ TotalAmount, Payable = Sum + Freight, Rest = Payable − Paid. Every value is checked before
it is used (bounds of the columns it is stored in, signs, a discount within its row's Sum), and
each result is kept at the money scale and below the money bound, so that it fits its column
and every sum over it stays exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from hesabdar.kit.errors import InvalidFieldValue, Location
from hesabdar.kit.numbers import MONEY_LIMIT_DIGITS
from hesabdar.kit.types import EXACT, MONEY_SCALE, quantize

ZERO = quantize(Decimal(0), MONEY_SCALE)
LIMIT = Decimal(10) ** MONEY_LIMIT_DIGITS


def show(value: Decimal) -> str:
    return format(value.normalize(), "f")


def money(value: Decimal, at: Location, *, positive: bool = False) -> Decimal:
    """``value`` at the money scale, refused (114 naming ``at``) when negative (or, with
    ``positive``, zero) or not below the money bound."""
    if not value.is_finite() or abs(value) >= LIMIT:
        raise InvalidFieldValue(
            f"must be less than 10^{MONEY_LIMIT_DIGITS} in absolute value (got {value}).",
            location=at,
        )
    amount = quantize(value, MONEY_SCALE)
    if amount < 0 or (positive and amount == 0):
        bound = "greater than 0" if positive else "at least 0"
        raise InvalidFieldValue(f"must be {bound} (got {show(value)}).", location=at)
    return amount


@dataclass(frozen=True)
class RowAmounts:
    quantity: Decimal
    unit_price: Decimal
    sum: Decimal
    discount: Decimal
    tax: Decimal

    @property
    def net(self) -> Decimal:
        """Sum − Discount: what the goods or service itself is worth."""
        return self.sum - self.discount

    @property
    def total(self) -> Decimal:
        """Hesabfa's TotalAmount: Sum − Discount + Tax."""
        return self.sum - self.discount + self.tax


def row_amounts(
    quantity: Decimal, unit_price: Decimal, discount: Decimal, tax: Decimal, at: Location
) -> RowAmounts:
    """One row's amounts; ``at`` is the row's location."""
    quantity = money(quantity, at / "quantity", positive=True)
    unit_price = money(unit_price, at / "unit_price")
    discount = money(discount, at / "discount")
    tax = money(tax, at / "tax")
    product = EXACT.multiply(quantity, unit_price)
    if product >= LIMIT:
        raise InvalidFieldValue(
            f"quantity × unit price must be less than 10^{MONEY_LIMIT_DIGITS} "
            f"(got {show(product)}).",
            location=at / "unit_price",
        )
    total = quantize(product, MONEY_SCALE)
    if discount > total:
        raise InvalidFieldValue(
            f"must not exceed the row's sum {show(total)} (got {show(discount)}).",
            location=at / "discount",
        )
    amounts = RowAmounts(quantity, unit_price, total, discount, tax)
    if amounts.total >= LIMIT:
        raise InvalidFieldValue(
            f"the row's total must be less than 10^{MONEY_LIMIT_DIGITS}.", location=at / "tax"
        )
    return amounts


@dataclass(frozen=True)
class InvoiceAmounts:
    total: Decimal  # Hesabfa's Sum: Σ rows' TotalAmount
    freight: Decimal
    payable: Decimal  # total + freight


def invoice_amounts(rows: Sequence[RowAmounts], freight: Decimal, at: Location) -> InvoiceAmounts:
    """The invoice's totals; ``at`` is the invoice's location."""
    freight = money(freight, at / "freight")
    total = sum((row.total for row in rows), ZERO)
    payable = total + freight
    if payable >= LIMIT:
        raise InvalidFieldValue(
            f"the invoice's payable amount must be less than 10^{MONEY_LIMIT_DIGITS} "
            f"(got {show(payable)}).",
            location=at / "invoice_items",
        )
    return InvoiceAmounts(total, freight, payable)


def shares(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``amount`` split over ``weights`` in proportion, at the money scale, adding up to it
    exactly: each share is rounded and the last takes what rounding left. Equal parts when the
    weights add up to 0."""
    if not weights:
        return []
    whole = sum(weights, Decimal(0))
    if whole == 0:
        weights, whole = [Decimal(1)] * len(weights), Decimal(len(weights))
    parts = [
        quantize(EXACT.divide(EXACT.multiply(amount, weight), whole), MONEY_SCALE)
        for weight in weights[:-1]
    ]
    return [*parts, amount - sum(parts, ZERO)]
