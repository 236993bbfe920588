"""Bad request bodies for a v1 method, built from its own parameters model.

Each field of the model (and of the models inside it) is read through pydantic: its kind (text,
integer, decimal, date, boolean, list, object, anything) picks values of the wrong type and bad
values of its own type, beside a few plausible ones so that the method's own rules are reached
too. JSON is written here rather than by :func:`json.dumps`, so that a body may carry what only
a raw client sends: ``1e1000000`` as a JSON number, ``NaN``, text with NUL or a lone surrogate,
nesting a few hundred levels deep.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal, Union

from hypothesis import strategies as st
from pydantic import BaseModel

Kind = Literal["str", "int", "decimal", "date", "bool", "any", "list", "model"]


@dataclass(frozen=True)
class Raw:
    """A JSON token written as is: ``Raw("1e1000000")`` is a number no float holds."""

    text: str


def encode(value: Any) -> str:
    """``value`` as JSON text; :class:`Raw` tokens are written unchanged."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ", ".join(f"{encode(str(k))}: {encode(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(encode(item) for item in value) + "]"
    if isinstance(value, Decimal):
        return format(value, "f")
    # ensure_ascii escapes NUL, controls and lone surrogates as \\uXXXX, which the server reads
    # back as those very characters.
    return json.dumps(value)


@dataclass(frozen=True)
class Field:
    key: str  # the name a client sends (the alias)
    kind: Kind
    required: bool
    max_length: int | None = None
    item: Field | None = None  # a list's items
    model: type[BaseModel] | None = None  # an object's model
    also_model: type[BaseModel] | None = None  # ``list[X] | X``: one object is accepted too


def _strip(annotation: Any) -> list[Any]:
    """The annotation's members without ``None`` and ``Annotated``."""
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        return [
            member
            for arg in typing.get_args(annotation)
            if arg is not type(None)
            for member in _strip(arg)
        ]
    if origin is typing.Annotated:
        return _strip(typing.get_args(annotation)[0])
    return [annotation]


def _field(key: str, annotation: Any, required: bool, max_length: int | None = None) -> Field:
    members = _strip(annotation)
    lists = [m for m in members if typing.get_origin(m) is list]
    models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
    if lists:
        (inner,) = typing.get_args(lists[0])
        return Field(
            key,
            "list",
            required,
            item=_field("item", inner, True),
            also_model=models[0] if models else None,
        )
    if models:
        return Field(key, "model", required, model=models[0])
    kinds: dict[Any, Kind] = {
        str: "str",
        int: "int",
        Decimal: "decimal",
        date: "date",
        bool: "bool",
    }
    return Field(key, kinds.get(members[0], "any"), required, max_length)


def fields_of(model: type[BaseModel]) -> list[Field]:
    lengths: dict[str, int] = getattr(model, "_max_lengths", {})
    return [
        _field(info.alias or name, info.annotation, info.is_required(), lengths.get(name))
        for name, info in model.model_fields.items()
    ]


# -- values -------------------------------------------------------------------------------

HUGE_NUMBERS = [
    10**24,
    -(10**24),
    2**63,
    -(2**63) - 1,
    2**64,
    10**18,
    2**31,
    2**15,
    -1,
    Raw("1e1000000"),
    Raw("-1e1000000"),
    Raw("1E+999999999"),
    Raw("1e-1000000"),
    Raw("0.00001"),
    Raw("1.5"),
    Raw("1E5"),
    Raw("-0"),
    Raw("NaN"),
    Raw("Infinity"),
    Raw("-Infinity"),
    Raw("1" * 5000),
    Raw("0." + "0" * 3000 + "1"),
]
NUMBER_TEXTS = [
    "1e1000000",
    "-1e1000000",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "sNaN",
    "0.00001",
    "1e24",
    "-1e24",
    str(10**24),
    str(2**63),
    str(-(2**63) - 1),
    "9" * 400,
    "1.5",
    "1,000",
    "1_000",
    "0x10",
    "١٢٣",
    "12abc",
    " ",
    "+",
    "-",
    ".",
    "1e",
    "--1",
]
DATE_TEXTS = [
    "2026-06-02garbage",
    "2026-13-40",
    "2026-02-30",
    "2026-00-00",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "1401/13/01",
    "1401/12/31",
    "1403/12/31",
    "1699/12/30",
    "1000/01/01",
    "9999/12/30",
    "2026-06-02T25:61:61",
    "2026-06-02T10:00:00+99:99",
    "2026/06/02 10:00",
    "02/06/2026",
    "20260602",
    "tomorrow",
    "2026-06-02\x00",
    "۱۴۰۱/۰۷/۰۱",
]
# Characters no text may hold: C0 controls, DEL and unpaired surrogates.
CONTROL_TEXTS = ["\x00", "a\x00b", "\x01\x02\x03", "\x1b[31m", "\x7f", "\ud800", "a\udfffb"]
# Texts a text field takes, that the method's own rules may refuse.
ODD_TEXTS = [
    "\u200f\u202e",
    "\ufffe",
    "   ",
    "' OR 1=1 --",
    '"; DROP TABLE contact; --',
    "%",
    "_",
    "\\",
    ":",
    " : : ",
    "products:",
    "کالاها : : :",
    "0" * 30,
    "-1",
    "1e1000000",
    "NaN",
    "true",
    "null",
    "😀" * 10,
]
BAD_TEXTS = CONTROL_TEXTS + ODD_TEXTS
PLAUSIBLE_TEXTS = ["", "x", "000001", "0001", "1", "IRR", "USD", "Test", "آقای محمدی", "صندوق"]
# Values of the field's type that its model accepts, and that the method's rules may refuse.
EDGE_TEXTS = [*ODD_TEXTS, "اشخاص", "0", "a\tb\r\n"]
EDGE_NUMBERS: dict[str, list[Any]] = {
    "int": [-1, 0, 2**15 - 1, -(2**15), 2**31, 2**63 - 1, -(2**63), " 7 ", "1.0", Raw("1E2")],
    "decimal": [
        Raw("0.00001"),
        Raw("0.0001"),
        "-1",
        0,
        "999999999999999999.9999",
        "-999999999999999999.9999",
        Raw("1E-10"),
        Raw("12.34567"),
        Raw("-0"),
        Raw("1E+17"),
    ],
}
EDGE_DATES = [
    "1401/12/30",
    "1403/12/30",
    "0001-01-01",
    "9999-12-31",
    "1000/01/01",
    "1699/12/29",
    "2000-01-01",
    "2100-01-01",
    "2026-06-02T23:59:59+14:00",
    "2026-06-02T00:00:00.999999999Z",
]
BOOL_TEXTS = ["maybe", "2", "-1", "yes please", "True ", "T", "on"]


def _wrong_type() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from([None, True, False, [], {}, [None], [[]], [{}], {"": None}]),
        st.sampled_from(HUGE_NUMBERS),
        st.sampled_from([0, 1, 7, "x", "[]", "{}"]),
    )


def _nested(depth: st.SearchStrategy[int]) -> st.SearchStrategy[Any]:
    """A list or object nested ``depth`` levels, well within the transport's limits."""

    def build(levels: int, leaf: Any, use_object: bool) -> Any:
        value = leaf
        for _ in range(levels):
            value = {"a": value} if use_object else [value]
        return value

    return st.builds(build, depth, st.sampled_from([None, 1, "x", Raw("1e1000000")]), st.booleans())


def _long_text(max_length: int | None) -> st.SearchStrategy[str]:
    lengths = [300, 5000, 70_000] + ([max_length + 1] if max_length else [])
    return st.builds(
        lambda n, c: c * n, st.sampled_from(lengths), st.sampled_from(["x", "ی", "😀", " "])
    )


def _garbage() -> st.SearchStrategy[Any]:
    return st.one_of(
        _wrong_type(),
        _nested(st.integers(min_value=2, max_value=400)),
        st.sampled_from(BAD_TEXTS),
        st.recursive(
            st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5)),
            lambda children: st.one_of(
                st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children)
            ),
            max_leaves=8,
        ),
    )


def bad_value(field: Field, context: Context) -> st.SearchStrategy[Any]:
    """A value a well-behaved client would not send in ``field``: each kind of badness is
    about as likely as another, whatever the number of values of that kind."""
    kind = field.kind
    own: list[st.SearchStrategy[Any]] = []
    if kind == "str":
        own = [
            st.sampled_from(CONTROL_TEXTS),
            st.sampled_from(ODD_TEXTS),
            _long_text(field.max_length),
            st.text(max_size=20),
            st.sampled_from(NUMBER_TEXTS),
        ]
    elif kind in ("int", "decimal"):
        own = [st.sampled_from(HUGE_NUMBERS), st.sampled_from(NUMBER_TEXTS)]
    elif kind == "date":
        own = [st.sampled_from(DATE_TEXTS), st.sampled_from([20260602, Raw("2026.06")])]
    elif kind == "bool":
        own = [st.sampled_from(BOOL_TEXTS), st.sampled_from([2, -1, Raw("1.5")])]
    elif kind == "list" and field.item is not None:
        item = field.item
        own = [
            st.lists(plausible_value(item, context), max_size=3).map(lambda xs: [*xs, None]),
            # An object where a list goes, and for a list of objects one of its items alone.
            object_value(item.model, context) if item.model else st.just({"0": 1}),
            st.builds(lambda n: [1] * n, st.sampled_from([1000, 5000])),
        ]
        if item.kind not in ("model", "list"):
            own.append(st.lists(bad_value(item, context), min_size=1, max_size=3))
    elif kind == "model" and field.model is not None:
        own = [
            st.lists(object_value(field.model, context), min_size=1, max_size=2),
            st.sampled_from(["x", 1, True, Raw("1e1000000")]),
        ]
    elif kind == "any":
        own = [
            st.sampled_from(CONTROL_TEXTS),
            st.sampled_from(ODD_TEXTS),
            st.sampled_from(DATE_TEXTS),
            st.sampled_from(NUMBER_TEXTS),
            st.sampled_from(HUGE_NUMBERS),
            _wrong_type(),
        ]
    return st.one_of(*own, _garbage())


def edge_value(field: Field, context: Context) -> st.SearchStrategy[Any]:
    """A value the field's model accepts that the method's own rules may refuse."""
    kind = field.kind
    if field.key.lower() in context.hints:
        return plausible_value(field, context)
    if kind == "str":
        near = [field.max_length] if field.max_length else []
        return st.one_of(
            st.sampled_from(EDGE_TEXTS),
            st.builds(lambda n: "ی" * n, st.sampled_from([*near, 100, 255])),
        )
    if kind in EDGE_NUMBERS:
        return st.sampled_from(EDGE_NUMBERS[kind])
    if kind == "date":
        return st.sampled_from(EDGE_DATES)
    if kind == "bool":
        return st.sampled_from(["TRUE", "0", 0])
    if kind == "list" and field.item is not None:
        return st.one_of(
            st.just([]),
            st.lists(edge_value(field.item, context), min_size=1, max_size=3),
            st.builds(lambda x, n: [x] * n, plausible_value(field.item, context), st.just(200)),
        )
    if kind == "model" and field.model is not None:
        return object_value(field.model, context)
    return st.sampled_from(
        [*EDGE_TEXTS, *EDGE_DATES, *EDGE_NUMBERS["decimal"], "\ud800", True, [1], {"a": 1}]
    )


def plausible_value(field: Field, context: Context) -> st.SearchStrategy[Any]:
    """A value of the field's type that a client could send, so that bad siblings reach the
    method's own rules rather than failing on the first field."""
    kind = field.kind
    if kind in ("str", "any") and field.key.lower() in context.hints:
        return st.sampled_from(context.hints[field.key.lower()])
    if kind == "str":
        return st.sampled_from(PLAUSIBLE_TEXTS + list(context.texts))
    if kind == "int":
        return st.sampled_from([0, 1, 2, "1", 415])
    if kind == "decimal":
        return st.sampled_from([1, 1000, "1000", Decimal("0.5"), "12.3456"])
    if kind == "date":
        return st.sampled_from([*context.dates, "1401/07/01", "2022-11-26T00:00:00"])
    if kind == "bool":
        return st.sampled_from([True, False, "True", "false", 1])
    if kind == "list" and field.item is not None:
        return st.lists(plausible_value(field.item, context), max_size=3)
    if kind == "model" and field.model is not None:
        return object_value(field.model, context)
    return st.sampled_from(["x", 1, "1401/07/01"])


@dataclass(frozen=True)
class Context:
    """Values the business under test holds (codes, paths, dates in its fiscal year), offered
    as plausible texts so that look-ups find something; ``hints``: plausible values of the
    fields of that name (lower case) wherever they are (a filter's ``property``)."""

    texts: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    hints: dict[str, tuple[Any, ...]] = dataclasses.field(default_factory=dict)


Path = tuple[str, ...]


def paths(model: type[BaseModel]) -> list[Path]:
    """Every field of ``model`` and of the models inside it, by the keys that reach it (a list's
    items are reached through its first item)."""
    found: list[Path] = []
    for field in fields_of(model):
        found.append((field.key,))
        inner = field.model or (field.item.model if field.item else None)
        if inner is not None:
            found.extend((field.key, *rest) for rest in paths(inner))
    return found


def object_value(
    model: type[BaseModel], context: Context, *, bad: Path = ()
) -> st.SearchStrategy[dict[str, Any]]:
    """An object for ``model``: each field left out, plausible or at the edge of what is valid;
    the field at the ``bad`` path (inside a nested object or a list's first item) is bad."""
    fields = fields_of(model)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        body: dict[str, Any] = {}
        for field in fields:
            if bad and bad[0] == field.key:
                body[field.key] = draw(_bad_at(field, bad[1:], context))
                continue
            choice = draw(st.sampled_from(["omit", "plausible", "plausible", "edge"]))
            if choice == "omit":
                continue
            key = draw(st.sampled_from([field.key, field.key.lower(), field.key.upper()]))
            value = (
                edge_value(field, context) if choice == "edge" else plausible_value(field, context)
            )
            body[key] = draw(value)
        if draw(st.integers(0, 9)) == 0:
            body[draw(st.sampled_from(["Unknown", "", "\x00", "a" * 300]))] = draw(_garbage())
        return body

    return build()


def _bad_at(field: Field, rest: Path, context: Context) -> st.SearchStrategy[Any]:
    if not rest:
        return bad_value(field, context)
    if field.model is not None:
        return object_value(field.model, context, bad=rest)
    assert field.item is not None
    assert field.item.model is not None
    first = object_value(field.item.model, context, bad=rest)
    others = st.lists(object_value(field.item.model, context), max_size=2)
    # ``list[X] | X`` (a filter may be one object): sometimes the bad item alone.
    alone = st.booleans() if field.also_model is not None else st.just(False)
    return st.builds(
        lambda one, more, single: one if single else [one, *more], first, others, alone
    )


UNSET = [False, None, ""]
TARGETS = ["params"] * 8 + ["body", "credential", "password", "yearId", "requestUniqueId"]


def body(
    params: type[BaseModel], credentials: dict[str, str], context: Context
) -> st.SearchStrategy[Any]:
    """A whole request body: mostly the valid credentials with bad parameters; sometimes bad
    credentials (``false``, ``null`` and ``""`` count as absent), a bad ``yearId`` or
    ``requestUniqueId``, or no object at all."""

    every_path = paths(params)

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        # One thing is bad, so that it is what the answer is about.
        target = draw(st.sampled_from(TARGETS))
        if target == "body":
            return draw(st.one_of(_garbage(), st.sampled_from(BAD_TEXTS)))
        payload: dict[str, Any] = dict(credentials)
        if target == "credential":
            key = draw(st.sampled_from(sorted(credentials)))
            payload[key] = draw(st.one_of(st.sampled_from(UNSET), _garbage()))
        elif target == "password":
            payload.pop("loginToken", None)
            payload["userId"] = draw(st.one_of(st.sampled_from(UNSET), _garbage()))
            payload["password"] = draw(st.one_of(st.sampled_from(UNSET), _garbage()))
        elif target in ("yearId", "requestUniqueId"):
            kind: Kind = "int" if target == "yearId" else "str"
            payload[target] = draw(bad_value(Field(target, kind, False), context))
        bad = draw(st.sampled_from(every_path)) if target == "params" and every_path else ()
        payload.update(draw(object_value(params, context, bad=bad)))
        return payload

    return build()
