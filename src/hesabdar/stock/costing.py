"""Perpetual inventory at moving weighted-average cost, one item at a time (pure: no I/O).

A :class:`Position` is what the item's stock holds after some movements: its quantity, its value
(the sum of the movements at cost, exactly) and its last average unit cost. :func:`cost_movements`
takes the position before and the movements in order (date, then sequence) and costs each one:

* IN with a unit cost (purchase, opening stock): quantity × that cost;
* IN without one (sales return) and OUT without one (sale, waste): at the current average;
* OUT with a unit cost (purchase return): at that cost.

Every cost is rounded to 4 decimals, half-even, and the value is the running sum of the costs,
so ``value == Σ costs`` holds exactly whatever the rounding. The average is computed from the
value and the quantity themselves (never from a rounded average), so an OUT of part of the
stock takes ``round(quantity × value / stock)``, and an OUT that empties the stock takes exactly
the value that is left: no rounding residue stays behind a zero quantity.

Negative stock: the part of an OUT below zero is costed at the last average the item had while
its stock was positive, or, if it never had one, at ``fallback`` (the item's buy price); an IN
without a cost while the stock is not positive is costed the same way. The position keeps that
last average (rounded to :data:`AVERAGE_SCALE` decimals) so that costing can restart from any
movement with the same results as from the first one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

from hesabdar.kit.types import EXACT, MONEY_SCALE, quantize

# Decimals kept of the last average unit cost (it is only used below zero and for returns).
AVERAGE_SCALE = 12
ZERO = Decimal(0)


class Flow(IntEnum):
    IN = 1
    OUT = 2


@dataclass(frozen=True)
class Move:
    """One movement to cost: its flow, its quantity (> 0) and its given unit cost, if any."""

    flow: Flow
    quantity: Decimal
    unit_cost: Decimal | None = None


@dataclass(frozen=True)
class Position:
    """An item's stock: quantity, value at cost, and the last average it had while positive."""

    quantity: Decimal = ZERO
    value: Decimal = ZERO
    average: Decimal | None = None

    def unit_cost(self, fallback: Decimal) -> Decimal:
        """What one unit costs now: the value over the quantity while the stock is positive,
        else the last average, else ``fallback``."""
        if self.quantity > 0:
            return EXACT.divide(self.value, self.quantity)
        return self.average if self.average is not None else fallback


@dataclass(frozen=True)
class Costed:
    """A movement's total cost and the position after it."""

    cost: Decimal
    after: Position


def _money(value: Decimal) -> Decimal:
    return quantize(value, MONEY_SCALE)


def _at(quantity: Decimal, unit: Decimal) -> Decimal:
    return _money(EXACT.multiply(quantity, unit))


def _out_cost(before: Position, move: Move, fallback: Decimal) -> Decimal:
    """An OUT's cost: the part within the stock at the average (all of the value if it takes
    all of the stock), the part below zero at the given or last unit cost."""
    stock = before.quantity
    below_rate = move.unit_cost if move.unit_cost is not None else before.unit_cost(fallback)
    if stock <= 0:
        return _at(move.quantity, below_rate)
    if move.quantity < stock:
        if move.unit_cost is not None:
            return _at(move.quantity, move.unit_cost)
        return _money(EXACT.divide(EXACT.multiply(move.quantity, before.value), stock))
    # Takes the whole stock: exactly what is left, and the excess below zero.
    return EXACT.add(before.value, _at(EXACT.subtract(move.quantity, stock), below_rate))


def cost_one(before: Position, move: Move, fallback: Decimal) -> Costed:
    """Cost ``move`` after ``before``; ``fallback`` is the unit cost of an item that never had
    an average (its buy price)."""
    if move.flow is Flow.IN:
        rate = move.unit_cost if move.unit_cost is not None else before.unit_cost(fallback)
        cost = _at(move.quantity, rate)
        quantity = EXACT.add(before.quantity, move.quantity)
        value = EXACT.add(before.value, cost)
    else:
        cost = _out_cost(before, move, fallback)
        quantity = EXACT.subtract(before.quantity, move.quantity)
        value = EXACT.subtract(before.value, cost)
    if quantity > 0:
        average: Decimal | None = quantize(EXACT.divide(value, quantity), AVERAGE_SCALE)
    elif before.quantity > 0:
        # The stock ran out: keep the average it had, for what is taken below zero.
        average = _average(before)
    else:
        average = before.average
    return Costed(cost, Position(quantity, value, average))


def _average(position: Position) -> Decimal:
    return quantize(EXACT.divide(position.value, position.quantity), AVERAGE_SCALE)


def cost_movements(before: Position, moves: Iterable[Move], fallback: Decimal) -> list[Costed]:
    """Cost ``moves`` in order, starting from ``before``."""
    costed: list[Costed] = []
    position = before
    for move in moves:
        result = cost_one(position, move, fallback)
        costed.append(result)
        position = result.after
    return costed
