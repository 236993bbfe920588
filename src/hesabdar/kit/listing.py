"""Listing: filter, search, sort and page a business's rows (Hesabfa's queryInfo, reference §2.3).

A list method declares which properties a client may filter and sort on (:class:`QueryFields`);
anything else is ErrorCode 114 naming the property. Values are always bound parameters.

``Filters`` may be a list or a single object; several filters are ANDed. Operators: ``=``,
``!=``, ``<``, ``<=``, ``>``, ``>=``, ``in`` (a list, or a comma-separated string) and ``*``
(contains). ``Search`` matches any of the entity's search columns. ``Take`` defaults to 10 as in
Hesabfa's own samples; large values (1,000,000) are fine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, Protocol

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    Numeric,
    Select,
    String,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator, TypeEngine

from hesabdar.kit import bulk
from hesabdar.kit.dates import parse_date
from hesabdar.kit.errors import ParameterOutOfRange
from hesabdar.kit.numbers import bounded_int
from hesabdar.kit.types import DECIMAL_COLLATION

DEFAULT_TAKE = 10
_STRING = String()
_NUMERIC = Numeric(asdecimal=True)
# A decimal filter value further than this from 1 in powers of ten is refused: every amount
# fits well inside, and a value such as 1E+999999 must not reach the database.
_DECIMAL_EXPONENT_LIMIT = 64


class ListFilter(Protocol):
    """One filter: ``property``, ``operator`` and ``value`` (queryInfo's Filters[i])."""

    property: str
    operator: str
    value: Any


class ListQuery(Protocol):
    """What a list request asks for; the v1 facade's ``QueryInfo`` is one."""

    sort_by: str | None
    sort_desc: bool
    take: int
    skip: int
    search: str | None

    @property
    def filters(self) -> Sequence[ListFilter]: ...


@dataclass
class DefaultQuery:
    """No queryInfo: the first page, in the entity's default order."""

    sort_by: str | None = None
    sort_desc: bool = False
    take: int = DEFAULT_TAKE
    skip: int = 0
    search: str | None = None
    filters: Sequence[ListFilter] = ()


Kind = Literal["str", "int", "decimal", "bool", "date", "datetime"]


def kind_of(type_: TypeEngine[Any]) -> Kind:
    """What a filter value must be to compare with a column of this type."""
    if isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    if isinstance(type_, Boolean):
        return "bool"
    if isinstance(type_, DateTime):
        return "datetime"
    if isinstance(type_, Date):
        return "date"
    if isinstance(type_, Integer):
        return "int"
    if isinstance(type_, Numeric):
        return "decimal"
    return "str"


@dataclass(frozen=True)
class QueryField:
    """A property a client may filter or sort on; ``joins`` are added when it is used. What its
    filter values must be (:data:`Kind`) is read from the column's type."""

    expression: ColumnElement[Any]
    # Given only for an expression whose type does not tell; by default read from the type.
    kind: Kind | None = None
    joins: tuple[tuple[Any, Any], ...] = ()
    value_kind: Kind = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "value_kind", self.kind or kind_of(self.expression.type))


@dataclass
class QueryFields:
    fields: dict[str, QueryField]
    search: Sequence[ColumnElement[Any]] = ()
    default_sort: Sequence[ColumnElement[Any]] = ()
    _lower: dict[str, QueryField] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._lower = {name.lower(): spec for name, spec in self.fields.items()}

    def get(self, name: str, role: str) -> QueryField:
        spec = self._lower.get(name.strip().lower())
        if spec is None:
            allowed = ", ".join(sorted(self.fields))
            raise ParameterOutOfRange(
                f"queryInfo.{role}: unknown property '{name}'. Allowed: {allowed}."
            )
        return spec


@dataclass(frozen=True)
class Page:
    """One page of a listing; each facade renders it in its own shape."""

    total_count: int  # the business's rows of this kind
    filtered_count: int  # of those, the rows the filters and search keep
    skip: int
    rows: list[Any]

    @property
    def first(self) -> int:
        """The 1-based position of the first row; 0 when the page is empty."""
        return self.skip + 1 if self.rows else 0

    @property
    def last(self) -> int:
        """The 1-based position of the last row; ``skip`` when the page is empty."""
        return self.skip + len(self.rows)


def _coerce(value: Any, kind: Kind, where: str) -> Any:
    try:
        # One value: a list or an object where it goes is refused, whatever the property
        # (``in`` takes a list, and each of its items is one value).
        if isinstance(value, list | dict):
            raise ValueError("not a single value")
        if kind == "str":
            return "" if value is None else str(value)
        if value is None or value == "":
            raise ValueError("empty")
        if kind in ("date", "datetime") and not isinstance(value, str):
            raise ValueError("a date is a text")
        if kind == "int":
            if isinstance(value, bool):
                raise ValueError("boolean")
            # Range first: to_integral_exact or int() on "1e1000000" would expand its digits.
            integer = bounded_int(value, 64)
            if integer is None:
                raise ValueError("not an integer")
            return integer
        if kind == "decimal":
            number = Decimal(str(value))
            if not number.is_finite() or abs(number.adjusted()) > _DECIMAL_EXPONENT_LIMIT:
                raise ValueError("out of range")
            return number
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("true", "1", "yes"):
                return True
            if text in ("false", "0", "no"):
                return False
            raise ValueError("not a boolean")
        if not isinstance(value, str | date):
            raise ValueError("not a date")
        parsed = parse_date(value)
        if kind == "datetime" and not isinstance(parsed, datetime):
            return datetime(parsed.year, parsed.month, parsed.day)
        return parsed
    except (ValueError, InvalidOperation, TypeError, ArithmeticError):
        raise ParameterOutOfRange(
            f"queryInfo.Filters: value {_shown(value)} of {where} is not a valid {kind}."
        ) from None


def _comparable(spec: QueryField, dialect: str) -> ColumnElement[Any]:
    # Decimals are TEXT on SQLite: compare and sort them by value there, with the collation
    # that parses both sides as Decimal (a cast to REAL would keep ~15 significant digits).
    # type_coerce only tells SQLAlchemy that the column is text (a collation needs a string
    # type); the SQL has no cast.
    if spec.value_kind == "decimal" and dialect == "sqlite":
        return type_coerce(spec.expression, _STRING).collate(DECIMAL_COLLATION)
    return spec.expression


def _operand(value: Any, spec: QueryField, dialect: str) -> Any:
    """The filter value as the comparison binds it.

    A decimal is bound as sent, not rounded to the column's scale as the column's own type
    would: "= 1.00005" matches no amount of 4 decimals, and "< 1.00005" includes 1.0000. On
    SQLite it is text for the collation; on PostgreSQL a NUMERIC.
    """
    if spec.value_kind != "decimal":
        return value
    if dialect == "sqlite":
        return literal(str(value), _STRING)
    return literal(value, _NUMERIC)


# How much of a refused value an error message repeats.
_SHOWN = 40


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def _refuse(message: str) -> ParameterOutOfRange:
    return ParameterOutOfRange(f"queryInfo.Filters: {message}")


def _in_values(filt: ListFilter, where: str) -> list[Any]:
    """An ``in`` filter's values: a list, or a comma-separated text."""
    values = filt.value
    if isinstance(values, str):
        return [part for part in values.split(",") if part.strip()]
    if not isinstance(values, list):
        raise _refuse(f"operator 'in' of {where} takes a list of values (got {_shown(values)}).")
    for value in values:
        if isinstance(value, list | dict):
            raise _refuse(f"the values of 'in' of {where} are single values (got {_shown(value)}).")
    return values


def _condition(
    session: Session, spec: QueryField, filt: ListFilter, dialect: str
) -> ColumnElement[bool]:
    """The filter as a condition, or 114 naming the property if its operator or value does not
    fit: decided here, before any statement runs."""
    op = filt.operator.strip().lower()
    where = f"'{filt.property}'"
    column = _comparable(spec, dialect)
    if op == "in":
        coerced = [_coerce(v, spec.value_kind, where) for v in _in_values(filt, where)]
        if spec.value_kind == "decimal":
            # Bound as sent (see _operand): text for the SQLite collation, NUMERIC otherwise.
            if dialect == "sqlite":
                return bulk.in_condition(session, column, [str(v) for v in coerced], _STRING)
            return bulk.in_condition(session, column, coerced, _NUMERIC)
        return bulk.in_condition(session, column, coerced)
    if isinstance(filt.value, list | dict):
        raise _refuse(
            f"operator '{filt.operator}' of {where} takes one value (got {_shown(filt.value)})."
        )
    if op in ("*", "contains", "like"):
        text = _coerce(filt.value, "str", where)
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        text_of = func.lower(cast(spec.expression, _STRING))
        return text_of.like(f"%{escaped.lower()}%", escape="\\")
    comparisons = {
        "=": "__eq__",
        "==": "__eq__",
        "!=": "__ne__",
        "<>": "__ne__",
        "<": "__lt__",
        "<=": "__le__",
        ">": "__gt__",
        ">=": "__ge__",
    }
    compare = comparisons.get(op)
    if compare is None:
        raise ParameterOutOfRange(
            f"queryInfo.Filters: unknown operator '{filt.operator}' for {where}. "
            "Use =, !=, <, <=, >, >=, in or *."
        )
    value = _operand(_coerce(filt.value, spec.value_kind, where), spec, dialect)
    condition: ColumnElement[bool] = getattr(column, compare)(value)
    return condition


def _with_joins(statement: Select[Any], specs: list[QueryField]) -> Select[Any]:
    seen: list[Any] = []
    for spec in specs:
        for target, onclause in spec.joins:
            if target not in seen:
                seen.append(target)
                statement = statement.join(target, onclause)
    return statement


def run_query(
    session: Session, base: Select[Any], fields: QueryFields, query: ListQuery | None
) -> Page:
    """Apply queryInfo to ``base`` (already scoped to the business) and fetch one page."""
    query = query or DefaultQuery()
    if query.take < 0 or query.skip < 0:
        raise ParameterOutOfRange("queryInfo.Take and queryInfo.Skip must not be negative.")
    take = query.take or DEFAULT_TAKE
    dialect = session.get_bind().dialect.name

    used: list[QueryField] = []
    conditions: list[ColumnElement[bool]] = []
    for filt in query.filters:
        spec = fields.get(filt.property, "Filters")
        used.append(spec)
        conditions.append(_condition(session, spec, filt, dialect))
    if query.search and fields.search:
        needle = f"%{query.search.lower()}%"
        conditions.append(
            or_(*(func.lower(cast(col, _STRING)).like(needle) for col in fields.search))
        )

    total = session.scalar(select(func.count()).select_from(base.order_by(None).subquery())) or 0
    filtered_statement = _with_joins(base, used)
    if conditions:
        filtered_statement = filtered_statement.where(and_(*conditions))
    if conditions or used:
        filtered = (
            session.scalar(
                select(func.count()).select_from(filtered_statement.order_by(None).subquery())
            )
            or 0
        )
    else:
        filtered = total

    order: list[ColumnElement[Any]] = []
    if query.sort_by:
        spec = fields.get(query.sort_by, "SortBy")
        if spec.joins:
            filtered_statement = _with_joins(
                filtered_statement, [s for s in [spec] if s not in used]
            )
        key = _comparable(spec, dialect)
        order.append(key.desc() if query.sort_desc else key.asc())
    order.extend(fields.default_sort)
    rows = list(session.scalars(filtered_statement.order_by(*order).offset(query.skip).limit(take)))
    return Page(total_count=int(total), filtered_count=int(filtered), skip=query.skip, rows=rows)
