"""Exact decimal storage on both databases.

PostgreSQL stores amounts as ``NUMERIC(p, s)`` and sums them exactly. SQLite has no decimal
type (SQLAlchemy's ``Numeric`` goes through float there), so on SQLite the same column is TEXT
holding the canonical fixed-scale string, and ``decimal_sum`` is a Python aggregate registered on
every SQLite connection (see ``hesabdar.db``). Queries that add amounts use :func:`exact_sum`,
which compiles to ``sum`` on PostgreSQL and ``decimal_sum`` on SQLite. Lists compare and sort
these columns on SQLite with the ``decimal`` collation (:func:`compare_decimal_text`).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Numeric, String
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement, SQLCoreOperations
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator, TypeEngine

# Money carries 4 decimal places (Hesabfa renders amounts as 1000.0000); 30 digits in all keep
# sums of many 10^15 amounts exact. Quantities use the same scale; exchange rates use 10.
MONEY_PRECISION, MONEY_SCALE = 30, 4
RATE_PRECISION, RATE_SCALE = 30, 10
# Arithmetic on these values: the default context's 28 digits would refuse to quantize a value
# of 29 or 30 digits and would round a sum of such values.
EXACT = Context(prec=2 * MONEY_PRECISION, rounding=ROUND_HALF_EVEN)


_EXPONENTS = {scale: Decimal(1).scaleb(-scale) for scale in range(11)}


def quantize(value: Decimal, scale: int) -> Decimal:
    exponent = _EXPONENTS.get(scale)
    if exponent is None:
        exponent = Decimal(1).scaleb(-scale)
    return value.quantize(exponent, rounding=ROUND_HALF_EVEN, context=EXACT)


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal column that round-trips exactly on PostgreSQL and on SQLite."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = MONEY_PRECISION, scale: int = MONEY_SCALE) -> None:
        super().__init__()
        self.precision = precision
        self.scale = scale

    def __repr__(self) -> str:
        # Alembic writes column types into migrations with repr(): keep precision and scale.
        return f"ExactDecimal({self.precision}, {self.scale})"

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(self.precision + 2))
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            try:
                value = Decimal(str(value))
            except InvalidOperation as exc:  # a bug upstream, never user input (validated earlier)
                raise ValueError(f"not a decimal: {value!r}") from exc
        value = quantize(value, self.scale)
        if value and value.adjusted() >= self.precision - self.scale:
            # PostgreSQL refuses it (numeric overflow); SQLite's TEXT would keep it: refuse it
            # on both, so that the databases agree (upstream validation should stop it first).
            raise ValueError(f"{value} does not fit NUMERIC({self.precision}, {self.scale})")
        if dialect.name == "sqlite":
            return format(value, "f")
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, Decimal):
            return quantize(value, self.scale)
        # SQLite: the canonical string; a bare number only when a literal was summed.
        return quantize(Decimal(str(value)), self.scale)

    def coerce_compared_value(self, op: Any, value: Any) -> TypeEngine[Any]:
        return self


def Money() -> ExactDecimal:  # noqa: N802 - reads as a column type
    return ExactDecimal(MONEY_PRECISION, MONEY_SCALE)


def Rate() -> ExactDecimal:  # noqa: N802
    return ExactDecimal(RATE_PRECISION, RATE_SCALE)


class exact_sum(FunctionElement[Decimal]):  # noqa: N801 - used like sqlalchemy.func.sum
    """``SUM`` of an :class:`ExactDecimal` column that stays exact on SQLite."""

    inherit_cache = True
    name = "exact_sum"

    def __init__(
        self, expression: ColumnElement[Any] | SQLCoreOperations[Any], scale: int = MONEY_SCALE
    ) -> None:
        super().__init__(expression)
        self.type = ExactDecimal(MONEY_PRECISION, scale)


@compiles(exact_sum)
def _exact_sum_default(element: exact_sum, compiler: SQLCompiler, **kw: Any) -> str:
    return f"sum({compiler.process(element.clauses, **kw)})"


@compiles(exact_sum, "sqlite")
def _exact_sum_sqlite(element: exact_sum, compiler: SQLCompiler, **kw: Any) -> str:
    return f"decimal_sum({compiler.process(element.clauses, **kw)})"


# SQLite collation that orders canonical amounts by value; registered on every SQLite connection
# (see ``hesabdar.db``) and used by lists to filter and sort decimal properties.
DECIMAL_COLLATION = "decimal"


def _as_number(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return None if value.is_nan() else value


def compare_decimal_text(left: str, right: str) -> int:
    """The ``decimal`` collation: -1, 0 or 1 as ``left`` is less than, equal to or greater than
    ``right`` in value, exactly (``"1.0" == "1.00"``, ``"-2" < "-1"``).

    Amounts are TEXT on SQLite. Compared as text, ``"10" < "9"``; cast to REAL they keep only
    about 15 significant digits, so 123456789012345.0001 and .0002 tie. Strings that are not
    numbers (ExactDecimal never writes one) sort after every number, by their characters, so
    that the order stays total, as SQLite needs of a collation.
    """
    a, b = _as_number(left), _as_number(right)
    if a is not None and b is not None:
        return (a > b) - (a < b)
    if a is None and b is None:
        return (left > right) - (left < right)
    return 1 if a is None else -1


class DecimalSum:
    """The SQLite aggregate behind ``decimal_sum``: adds canonical decimal strings exactly."""

    def __init__(self) -> None:
        self.total: Decimal | None = None

    def step(self, value: Any) -> None:
        if value is None:
            return
        amount = Decimal(str(value))
        self.total = amount if self.total is None else EXACT.add(self.total, amount)

    def finalize(self) -> str | None:
        return None if self.total is None else format(self.total, "f")
