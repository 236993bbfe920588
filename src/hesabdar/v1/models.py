"""Request models that accept what real Hesabfa clients send.

* JSON keys match case-insensitively at every depth (``Take``/``take``, ``ContactCode``/``contactCode``).
* Numbers and booleans may arrive as strings (``"1001"``, ``"True"``); codes may arrive as numbers.
* ``""`` and ``null`` in a field that is not text mean "not given", so the default applies (or,
  for a required field, error 104 names it).
* Dates: ``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM:SS``, ISO 8601 with ``T``/``Z``; Jalali ``1401/07/01``
  is accepted too and converted.
"""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from typing import Annotated, Any, ClassVar, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel, to_pascal

from hesabdar.kit.dates import parse_date
from hesabdar.kit.numbers import Int64

_INTEGRAL_STRING = re.compile(r"^\s*([+-]?\d+)\.0*\s*$")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Half of a UTF-16 pair, which JSON's \uD800 escapes can carry alone: no database encodes it.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def refuse_control_characters(value: Any) -> None:
    """ValueError naming the first control character or unpaired surrogate in ``value`` (a
    text, or texts in a list, as an ``in`` filter's values are). Objects are left to their own
    model's fields, so that the error names the field inside them. Text fields refuse a
    surrogate themselves; this catches one in a field that takes any value (a filter's)."""
    if isinstance(value, str):
        found = _CONTROL.search(value)
        if found:
            raise ValueError(
                f"contains the control character U+{ord(found.group()):04X} at position "
                f"{found.start()}"
            )
        found = _SURROGATE.search(value)
        if found:
            raise ValueError(
                f"contains an unpaired surrogate U+{ord(found.group()):04X} at position "
                f"{found.start()}"
            )
    elif isinstance(value, list):
        for item in value:
            refuse_control_characters(item)


def _column_lengths(model: type[V1Model]) -> dict[str, int]:
    """Field name → the length of the String(n) column it is stored in."""
    columns = model.__columns__.__table__.c
    lengths: dict[str, int] = {}
    for name in model.model_fields:
        column = columns.get(model.__column_names__.get(name, name))
        length = getattr(getattr(column, "type", None), "length", None)
        if isinstance(length, int):
            lengths[name] = length
    return lengths


def _annotation_args(annotation: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        # ``Int64 | None``: the Annotated member is an int all the same.
        return tuple(
            inner
            for arg in typing.get_args(annotation)
            if arg is not type(None)
            for inner in _annotation_args(arg)
        )
    if origin is Annotated:
        return _annotation_args(typing.get_args(annotation)[0])
    return (annotation,)


def _admits_none(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        return type(None) in typing.get_args(annotation)
    return annotation is Any


V1Date = Annotated[date, BeforeValidator(parse_date)]


def _unset_credential(value: Any) -> Any:
    # PHP clients send an option nobody set as ``false`` (the WooCommerce plugin's userId and
    # password beside its loginToken). Only credentials read it so: elsewhere ``false`` is a value.
    return None if value is False or value == "" else value


# apiKey, loginToken, userId, password: ``false``, ``null`` and ``""`` all mean "not given".
V1Credential = Annotated[str | None, BeforeValidator(_unset_credential)]


class V1Model(BaseModel):
    """Base of every v1 request object. Field aliases are PascalCase (Hesabfa's own spelling)."""

    model_config = ConfigDict(
        alias_generator=to_pascal,
        populate_by_name=True,
        extra="ignore",
        coerce_numbers_to_str=True,
        str_strip_whitespace=True,
    )

    _lower_aliases: ClassVar[dict[str, str]]
    _text_fields: ClassVar[frozenset[str]]
    _int_fields: ClassVar[frozenset[str]]
    _nullable_fields: ClassVar[frozenset[str]]
    # The table a model's fields are stored in: a text field named like one of its String(n)
    # columns may hold at most n characters, checked here, the same on SQLite (which would
    # store more) and PostgreSQL (which would fail). ``__column_names__`` maps a field whose
    # name differs from its column (``account`` → ``account_number``).
    __columns__: ClassVar[Any] = None
    __column_names__: ClassVar[dict[str, str]] = {}
    _max_lengths: ClassVar[dict[str, int]] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        lower: dict[str, str] = {}
        text, integer, nullable = set(), set(), set()
        for name, field in cls.model_fields.items():
            key = field.alias or name
            lower[key.lower()] = key
            lower.setdefault(name.lower(), key)
            lower.setdefault(name.replace("_", "").lower(), key)
            args = _annotation_args(field.annotation)
            if any(arg is str for arg in args):
                text.add(key)
            if args == (int,):
                integer.add(key)
            if _admits_none(field.annotation):
                nullable.add(key)
        cls._lower_aliases = lower
        cls._text_fields = frozenset(text)
        cls._int_fields = frozenset(integer)
        cls._nullable_fields = frozenset(nullable)
        cls._max_lengths = _column_lengths(cls) if cls.__columns__ is not None else {}

    @model_validator(mode="before")
    @classmethod
    def _accept_client_spelling(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        normalized: dict[str, Any] = {}
        for raw_key, value in data.items():
            key = cls._lower_aliases.get(str(raw_key).lower())
            if key is None:
                continue
            if value is None and key not in cls._nullable_fields:
                continue
            if value == "" and key not in cls._text_fields:
                continue
            if key in cls._int_fields and isinstance(value, str):
                match = _INTEGRAL_STRING.match(value)
                if match:
                    value = match.group(1)
            normalized[key] = value
        return normalized

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: Any, info: ValidationInfo) -> Any:
        # NUL and the other C0 controls (tab, line feed and carriage return aside, which clients
        # put in notes and descriptions) are refused in every text the API takes: PostgreSQL
        # cannot store NUL at all, and SQLite would keep what PostgreSQL refuses.
        refuse_control_characters(value)
        limit = cls._max_lengths.get(info.field_name or "")
        if limit is not None and isinstance(value, str) and len(value.strip()) > limit:
            raise ValueError(f"at most {limit} characters (got {len(value.strip())})")
        return value

    def sent_fields(self) -> frozenset[str]:
        """The fields the client gave a value (``null`` and, outside text, ``""`` are none)."""
        return frozenset(name for name in self.model_fields_set if getattr(self, name) is not None)


class V1Params(V1Model):
    """Top-level method parameters: Hesabfa spells these in camelCase (``queryInfo``, ``idList``)."""

    model_config = ConfigDict(alias_generator=to_camel)


class NoParams(V1Params):
    """A method that takes nothing beyond the credentials."""


class CodeParams(V1Params):
    """``{code}``: one record by its code (``contact/get``, ``item/delete``, ``setting/DeleteBank``…)."""

    code: str


class IdListParams(V1Params):
    """``{idList}``: records by their ids (``contact/getById``, ``item/getById``)."""

    id_list: list[Int64]
