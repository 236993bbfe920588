"""Money round-trips exactly on both databases, and sums stay exact."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine.interfaces import Dialect

from hesabdar.db import Database
from hesabdar.kit.types import DecimalSum, ExactDecimal, Money, Rate, exact_sum, quantize

metadata = MetaData()
amounts = Table(
    "exact_decimal_probe",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("amount", Money()),
    Column("rate", Rate()),
)

HUGE = Decimal("999999999999999.9999")  # 10^15 with 4 decimal places


def test_round_trip_and_sum_at_ten_to_the_fifteen(database: Database) -> None:
    metadata.create_all(database.engine)
    try:
        with database.transaction() as session:
            session.execute(
                insert(amounts),
                [
                    {"amount": HUGE, "rate": Decimal("0.0000123457")},
                    {"amount": HUGE, "rate": Decimal("58000.1234567891")},
                    {"amount": Decimal("0.0001"), "rate": Decimal("1")},
                    {"amount": Decimal("-1000000000000000.0000"), "rate": Decimal("2")},
                ],
            )
        with database.transaction(write=False) as session:
            stored = list(
                session.execute(select(amounts.c.amount, amounts.c.rate).order_by(amounts.c.id))
            )
            total = session.scalar(select(exact_sum(amounts.c.amount)))
        assert stored == [
            (Decimal("999999999999999.9999"), Decimal("0.0000123457")),
            (Decimal("999999999999999.9999"), Decimal("58000.1234567891")),
            (Decimal("0.0001"), Decimal("1.0000000000")),
            (Decimal("-1000000000000000.0000"), Decimal("2.0000000000")),
        ]
        assert total == Decimal("999999999999999.9999")
    finally:
        metadata.drop_all(database.engine)


def test_values_are_rounded_half_even_to_the_column_scale(database: Database) -> None:
    metadata.create_all(database.engine)
    try:
        with database.transaction() as session:
            session.execute(
                insert(amounts), [{"amount": Decimal("1.00005")}, {"amount": Decimal("1.00015")}]
            )
        with database.transaction(write=False) as session:
            stored = list(session.scalars(select(amounts.c.amount).order_by(amounts.c.id)))
        assert stored == [Decimal("1.0000"), Decimal("1.0002")]
    finally:
        metadata.drop_all(database.engine)


def test_exact_sum_of_nothing_is_null(database: Database) -> None:
    metadata.create_all(database.engine)
    try:
        with database.transaction(write=False) as session:
            assert session.scalar(select(exact_sum(amounts.c.amount))) is None
    finally:
        metadata.drop_all(database.engine)


def test_column_type_scale() -> None:
    assert (Money().precision, Money().scale) == (30, 4)
    assert (Rate().precision, Rate().scale) == (30, 10)
    assert ExactDecimal(12, 2).scale == 2


def test_thirty_digit_values_quantize_and_add_exactly() -> None:
    # Past the default context's 28 digits: quantize must not refuse, the sum must not round.
    widest = Decimal("99999999999999999999999999.9999")
    assert quantize(widest, 4) == widest
    assert quantize(Decimal("12345678901234567890123456.78905"), 4) == Decimal(
        "12345678901234567890123456.7890"
    )
    assert quantize(Decimal("-99999999999999999999.9999999999"), 10) == Decimal(
        "-99999999999999999999.9999999999"
    )
    total = DecimalSum()
    total.step(format(widest, "f"))
    total.step(format(widest, "f"))
    total.step("0.0001")
    assert total.finalize() == "199999999999999999999999999.9999"


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()])
def test_values_wider_than_the_column_are_refused_on_both_databases(dialect: Dialect) -> None:
    money = Money()
    widest = Decimal("-99999999999999999999999999.9999")
    assert money.process_bind_param(widest, dialect) in (widest, format(widest, "f"))
    for too_wide in (Decimal("1E+26"), Decimal("99999999999999999999999999.99995")):
        with pytest.raises(ValueError, match=r"does not fit NUMERIC\(30, 4\)"):
            money.process_bind_param(too_wide, dialect)
    # A value that rounds to zero fits.
    assert Rate().process_bind_param(Decimal("1E-11"), dialect) in (Decimal(0), "0.0000000000")
