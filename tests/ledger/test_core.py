"""The pure ledger core, without a database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hesabdar.ledger import core
from hesabdar.ledger.core import AccountType, BalanceType, Posting, Side


def test_split_puts_the_amount_on_its_side() -> None:
    assert core.split(Side.DEBIT, Decimal("12.5")) == (Decimal("12.5"), Decimal(0))
    assert core.split(Side.CREDIT, Decimal("12.5")) == (Decimal(0), Decimal("12.5"))


def test_postings_debit_and_credit_columns() -> None:
    debit = Posting(1, Side.DEBIT, Decimal(7))
    credit = Posting(2, Side.CREDIT, Decimal(7))
    assert (debit.debit, debit.credit) == (Decimal(7), Decimal(0))
    assert (credit.debit, credit.credit) == (Decimal(0), Decimal(7))


def test_balanced_exactly() -> None:
    postings = [
        Posting(1, Side.DEBIT, Decimal("0.1")),
        Posting(1, Side.DEBIT, Decimal("0.2")),
        Posting(2, Side.CREDIT, Decimal("0.3")),
    ]
    assert core.is_balanced(postings)  # 0.1 + 0.2 == 0.3 exactly, unlike float
    totals = core.totals(postings)
    assert (totals.debit, totals.credit, totals.difference) == (
        Decimal("0.3"),
        Decimal("0.3"),
        Decimal(0),
    )


def test_unbalanced_by_the_smallest_unit() -> None:
    postings = [
        Posting(1, Side.DEBIT, Decimal("1000000000000000.0001")),
        Posting(2, Side.CREDIT, Decimal("1000000000000000.0000")),
    ]
    assert not core.is_balanced(postings)
    assert core.totals(postings).difference == Decimal("0.0001")


def test_empty_is_balanced() -> None:
    assert core.is_balanced([])


@pytest.mark.parametrize(
    ("debit", "credit", "natural", "expected"),
    [
        (Decimal(10), Decimal(4), BalanceType.CREDITOR, (Decimal(6), BalanceType.DEBTOR)),
        (Decimal(4), Decimal(10), BalanceType.DEBTOR, (Decimal(6), BalanceType.CREDITOR)),
        (Decimal(5), Decimal(5), BalanceType.CREDITOR, (Decimal(0), BalanceType.CREDITOR)),
        (Decimal(5), Decimal(5), BalanceType.DEBTOR, (Decimal(0), BalanceType.DEBTOR)),
    ],
)
def test_balance_of(
    debit: Decimal, credit: Decimal, natural: BalanceType, expected: tuple[Decimal, BalanceType]
) -> None:
    assert core.balance_of(debit, credit, natural) == expected


def test_remaining_columns() -> None:
    assert core.remaining(Decimal(10), Decimal(4)) == (Decimal(6), Decimal(0))
    assert core.remaining(Decimal(4), Decimal(10)) == (Decimal(0), Decimal(6))
    assert core.remaining(Decimal(3), Decimal(3)) == (Decimal(0), Decimal(0))


def test_side_increasing() -> None:
    assert core.side_increasing(BalanceType.DEBTOR) is Side.DEBIT
    assert core.side_increasing(BalanceType.CREDITOR) is Side.CREDIT


@pytest.mark.parametrize(
    "spelling",
    [
        "دارایی ها : دارایی های جاری : موجودی نقد و بانک : صندوق",
        "دارایی ها: دارایی های جاری: موجودی نقد و بانک: صندوق",
        "دارایی ها:دارایی های جاری:موجودی نقد و بانک:صندوق",
        "  دارایی ها  :  دارایی  های جاری :موجودی نقد و بانک :صندوق ",
        "دارايي ها : دارايي هاي جاري : موجودي نقد و بانک : صندوق",  # Arabic yeh
    ],
)
def test_normalize_path(spelling: str) -> None:
    assert (
        core.normalize_path(spelling) == "دارایی ها : دارایی های جاری : موجودی نقد و بانک : صندوق"
    )


def test_join_path() -> None:
    assert core.join_path("A", " B ", "C:D") == "A : B : C : D"


def test_account_type_values_clients_see() -> None:
    assert AccountType.CASH.hesabfa_value == 1
    assert AccountType.SAVED_INCOME_TAX.hesabfa_value == 40
    assert AccountType.COST_OF_GOODS_SOLD.hesabfa_value == 0
