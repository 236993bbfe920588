"""The opening stock's capital split among the shareholders (pure arithmetic)."""

from __future__ import annotations

from decimal import Decimal

from hesabdar.opening.rules import Share, capital_shares, inventory_by_item

D = Decimal


def test_capital_is_split_in_proportion_to_the_shares() -> None:
    shares = [Share(1, D(50)), Share(2, D(30)), Share(3, D(20))]
    assert capital_shares(D("1020010.0000"), shares) == [
        (1, D("510005.0000")),
        (2, D("306003.0000")),
        (3, D("204002.0000")),
    ]


def test_shares_need_not_add_up_to_a_hundred() -> None:
    assert capital_shares(D("90"), [Share(1, D(10)), Share(2, D(20))]) == [
        (1, D("30.0000")),
        (2, D("60.0000")),
    ]


def test_the_rounding_remainder_goes_to_the_largest_share_and_the_parts_add_up() -> None:
    thirds = [Share(7, D("33.3333")), Share(8, D("33.3333")), Share(9, D("33.3333"))]
    parts = capital_shares(D("100.0001"), thirds)
    # Each third is 33.33336…, rounded to 33.3334; the first of the equal largest gives back
    # the 0.0001 too many.
    assert parts == [(7, D("33.3333")), (8, D("33.3334")), (9, D("33.3334"))]
    assert sum(amount for _id, amount in parts) == D("100.0001")


def test_a_part_that_rounds_to_nothing_is_left_out() -> None:
    parts = capital_shares(D("0.0001"), [Share(1, D(99)), Share(2, D(1))])
    assert parts == [(1, D("0.0001"))]


def test_no_value_or_no_shares_gives_no_parts() -> None:
    assert capital_shares(D(0), [Share(1, D(100))]) == []
    assert capital_shares(D(5), []) == []


def test_inventory_adds_up_each_items_warehouses() -> None:
    assert inventory_by_item([(1, D(5)), (2, D(0)), (1, D("2.5"))]) == {1: D("7.5")}
