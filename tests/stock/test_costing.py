"""Moving weighted-average costing (pure): worked examples, and properties against a simple
reference model with hypothesis."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from hesabdar.stock.costing import Flow, Move, Position, cost_movements

D = Decimal
NO_FALLBACK = D(0)


def costs(moves: list[Move], before: Position | None = None, fallback: D = NO_FALLBACK) -> list[D]:
    return [c.cost for c in cost_movements(before or Position(), moves, fallback)]


def test_purchases_then_a_sale_at_the_average() -> None:
    moves = [
        Move(Flow.IN, D(10), D(100)),
        Move(Flow.IN, D(10), D(130)),
        Move(Flow.OUT, D(5)),
    ]
    result = cost_movements(Position(), moves, NO_FALLBACK)
    assert [c.cost for c in result] == [D("1000.0000"), D("1300.0000"), D("575.0000")]
    assert result[-1].after == Position(D(15), D("1725.0000"), D("115.000000000000"))


def test_an_out_that_empties_the_stock_takes_exactly_what_is_left() -> None:
    # 3 units worth 100 in all: 33.3333 for the first, 66.6667 / 2 = 33.33335 rounds (half
    # even) to 33.3334 for the second, and the last takes exactly what is left.
    moves = [
        Move(Flow.IN, D(1), D(100)),
        Move(Flow.IN, D(2), D(0)),
        Move(Flow.OUT, D(1)),
        Move(Flow.OUT, D(1)),
        Move(Flow.OUT, D(1)),
    ]
    result = cost_movements(Position(), moves, NO_FALLBACK)
    assert [c.cost for c in result[2:]] == [D("33.3333"), D("33.3334"), D("33.3333")]
    assert result[-1].after.quantity == 0
    assert result[-1].after.value == 0


def test_rounding_is_half_even_to_four_decimals() -> None:
    assert costs([Move(Flow.IN, D("0.5"), D("0.0001"))]) == [D("0.0000")]
    assert costs([Move(Flow.IN, D("1.5"), D("0.0001"))]) == [D("0.0002")]


def test_below_zero_is_costed_at_the_last_average() -> None:
    moves = [
        Move(Flow.IN, D(2), D(50)),
        Move(Flow.OUT, D(5)),  # 2 at what is left (100), 3 below zero at 50
        Move(Flow.OUT, D(1)),  # still below zero: at 50
        Move(Flow.IN, D(1)),  # a sales return while negative: at the last average
    ]
    result = cost_movements(Position(), moves, NO_FALLBACK)
    assert [c.cost for c in result] == [D(100), D(250), D(50), D(50)]
    assert result[-1].after.quantity == D(-3)
    assert result[-1].after.value == D(-150)


def test_an_item_that_never_had_an_average_goes_below_zero_at_its_buy_price() -> None:
    assert costs([Move(Flow.OUT, D(2)), Move(Flow.IN, D(1))], fallback=D(70)) == [D(140), D(70)]


def test_a_purchase_return_is_at_its_own_cost_and_a_sales_return_at_the_average() -> None:
    moves = [
        Move(Flow.IN, D(4), D(100)),
        Move(Flow.OUT, D(1), D(100)),  # purchase return
        Move(Flow.IN, D(2), D(160)),
        Move(Flow.OUT, D(1)),  # sale at (300 + 320) / 5 = 124
        Move(Flow.IN, D(1)),  # sales return at 124
    ]
    assert costs(moves) == [D(400), D(100), D(320), D(124), D(124)]


# --- properties ----------------------------------------------------------------------------

quantities = st.decimals(min_value=D("0.0001"), max_value=D(1000), places=4)
unit_costs = st.decimals(min_value=D(0), max_value=D(10**6), places=4)
move = st.builds(
    Move,
    st.sampled_from(Flow),
    quantities,
    st.one_of(st.none(), unit_costs),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(move, max_size=30), unit_costs)
def test_value_is_the_sum_of_the_costs_and_quantity_the_sum_of_the_quantities(
    moves: list[Move], fallback: D
) -> None:
    result = cost_movements(Position(), moves, fallback)
    value = D(0)
    quantity = D(0)
    for move_, costed in zip(moves, result, strict=True):
        assert costed.cost == costed.cost.quantize(D("0.0001"))
        sign = 1 if move_.flow is Flow.IN else -1
        value += sign * costed.cost
        quantity += sign * move_.quantity
        assert costed.after.value == value
        assert costed.after.quantity == quantity
        if quantity == 0 and move_.flow is Flow.OUT and move_.unit_cost is None:
            assert costed.after.value == 0


@settings(max_examples=300, deadline=None)
@given(st.lists(move, max_size=30), unit_costs, st.data())
def test_recosting_from_any_point_gives_what_costing_from_the_start_gives(
    moves: list[Move], fallback: D, data: st.DataObject
) -> None:
    whole = cost_movements(Position(), moves, fallback)
    split = data.draw(st.integers(min_value=0, max_value=len(moves)))
    before = whole[split - 1].after if split else Position()
    assert cost_movements(before, moves[split:], fallback) == whole[split:]


# Purchases, sales and sales returns that never take the stock below zero.
@st.composite
def non_negative_history(draw: st.DrawFn) -> list[Move]:
    moves: list[Move] = []
    held = D(0)
    for _ in range(draw(st.integers(min_value=1, max_value=30))):
        kind = draw(st.sampled_from(["buy", "sell", "return"]))
        quantity = draw(quantities)
        if kind == "buy" or held == 0:
            moves.append(Move(Flow.IN, quantity, draw(unit_costs)))
            held += quantity
        elif kind == "sell":
            taken = min(quantity, held)
            moves.append(Move(Flow.OUT, taken))
            held -= taken
        else:
            moves.append(Move(Flow.IN, quantity))
            held += quantity
    return moves


@settings(max_examples=300, deadline=None)
@given(non_negative_history())
def test_the_average_stays_within_the_unit_costs_seen(moves: list[Move]) -> None:
    """While the stock never goes below zero and only purchases carry a cost, the average is
    between the lowest and the highest unit cost seen, give or take the rounding of the costs to
    4 decimals: each movement moves the value by at most 0.00005 from the exact one, which moves
    the average by at most 0.00005 / the quantity held after it, and that error carries on
    (a return at the average) until the stock is emptied, which takes exactly what is left."""
    seen: list[D] = []
    slack = D(0)
    for move_, costed in zip(moves, cost_movements(Position(), moves, NO_FALLBACK), strict=True):
        if move_.unit_cost is not None:
            seen.append(move_.unit_cost)
        after = costed.after
        if after.quantity == 0:
            assert after.value == 0
            slack = D(0)
            continue
        slack += D("0.00005") / after.quantity
        average = after.value / after.quantity
        assert min(seen) - slack <= average <= max(seen) + slack
