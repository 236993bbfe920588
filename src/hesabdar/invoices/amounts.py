"""An invoice's amounts, exact (pure, no I/O).

Per row: Sum = Quantity × UnitPrice, TotalAmount = Sum − Discount + Tax. Per invoice: Sum =
Σ TotalAmount, Payable = Sum + Freight + Σ additions − Σ deductions (its ``others``), Rest =
Payable − Paid. Every value is checked before it is used (bounds of the columns it is stored in,
signs, a discount within its row's Sum, deductions within what they deduct from), and each
result is kept at the money scale and below the money bound, so that it fits its column and
every sum over it stays exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from hesabdar.kit.errors import InvalidFieldValue, Location
from hesabdar.kit.numbers import MONEY_LIMIT_DIGITS, show
from hesabdar.kit.types import EXACT, MONEY_SCALE, quantize

ZERO = quantize(Decimal(0), MONEY_SCALE)
LIMIT = Decimal(10) ** MONEY_LIMIT_DIGITS


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
class Other:
    """One addition (``add``) or deduction of an invoice, its amount checked."""

    amount: Decimal
    add: bool


def other(amount: Decimal, add: bool, at: Location) -> Other:
    """One addition or deduction; ``at`` is its row's location. Its amount is above 0."""
    return Other(money(amount, at / "amount", positive=True), add)


@dataclass(frozen=True)
class InvoiceAmounts:
    total: Decimal  # Hesabfa's Sum: Σ rows' TotalAmount
    freight: Decimal
    payable: Decimal  # total + freight + additions − deductions
    additions: Decimal = ZERO
    deductions: Decimal = ZERO


def invoice_amounts(
    rows: Sequence[RowAmounts],
    freight: Decimal,
    at: Location,
    others: Sequence[Other] = (),
    *,
    at_cost: bool = False,
) -> InvoiceAmounts:
    """The invoice's totals; ``at`` is the invoice's location.

    Additions may not take Sum + Freight + additions to the money bound (each total is a line
    of the document). Deductions may not exceed Sum + Freight + additions (Payable is never
    below 0); with ``at_cost`` (a purchase or purchase return, whose others change what its
    rows cost), nor Σ (Sum − Discount) + additions, so that no row is costed below 0. A refusal
    names the row that crosses the bound."""
    freight = money(freight, at / "freight")
    total = sum((row.total for row in rows), ZERO)
    gross = total + freight
    if gross >= LIMIT:
        raise InvalidFieldValue(
            f"the invoice's payable amount must be less than 10^{MONEY_LIMIT_DIGITS} "
            f"(got {show(gross)}).",
            location=at / "invoice_items",
        )
    additions = ZERO
    for index, row in enumerate(others):
        if row.add:
            additions += row.amount
            if gross + additions >= LIMIT:
                raise InvalidFieldValue(
                    f"Sum + Freight + the additions must be less than 10^{MONEY_LIMIT_DIGITS} "
                    f"(got {show(gross + additions)}).",
                    location=at / "others" / index / "amount",
                )
    bound, what = gross + additions, "Sum + Freight + the additions"
    if at_cost:
        bound = min(bound, sum((row.net for row in rows), ZERO) + additions)
        what = "the rows' Sum − Discount + the additions (what the goods and services cost)"
    deductions = ZERO
    for index, row in enumerate(others):
        if not row.add:
            deductions += row.amount
            if deductions > bound:
                raise InvalidFieldValue(
                    f"the deductions ({show(deductions)} up to this row) must not exceed "
                    f"{what}, {show(bound)}.",
                    location=at / "others" / index / "amount",
                )
    return InvoiceAmounts(total, freight, gross + additions - deductions, additions, deductions)


def spread(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``amount`` split over ``weights`` in proportion, at the money scale, adding up to it
    exactly. Each part is the difference of two rounded running totals, so that no part is
    below 0 when neither ``amount`` nor any weight is (rounding each part alone and giving the
    last what is left can take that last part below 0). Equal parts when the weights add up
    to 0."""
    if not weights:
        return []
    whole = sum(weights, Decimal(0))
    if whole == 0:
        weights, whole = [Decimal(1)] * len(weights), Decimal(len(weights))
    parts, running, before = [], Decimal(0), ZERO
    for weight in weights[:-1]:
        running = EXACT.add(running, weight)
        reached = quantize(EXACT.divide(EXACT.multiply(amount, running), whole), MONEY_SCALE)
        parts.append(reached - before)
        before = reached
    return [*parts, amount - before]
