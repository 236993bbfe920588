"""How v1 spells a domain location: the way the called method's request model names that field.

Services say where an error is in domain terms (``Location.of("contacts", 2, "contact_type")``).
A v1 client knows the names it sent, so each step is looked up in the method's request model and
spelled by its alias: the error reads ``contacts[2].ContactType``, exactly as a validation error of
that model would. A step the model does not know falls back to camelCase, or to the few names v1
spells differently from the domain (:data:`_V1_NAMES`).
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel
from pydantic.alias_generators import to_camel

from hesabdar.kit.errors import Location

# Domain field names that v1 spells otherwise than their camelCase (a line's side is its type).
_V1_NAMES = {"side": "type"}


class V1Naming:
    """Names locations for one method; ``model`` is its request model (None: camelCase only)."""

    def __init__(self, model: type[BaseModel] | None = None) -> None:
        self.model = model

    def path(self, where: Location) -> str:
        text = ""
        for part in self._spelled(where):
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text

    def field(self, where: Location) -> str:
        return str(self._spelled(where)[-1])

    def _spelled(self, where: Location) -> list[str | int]:
        model = self.model
        spelled: list[str | int] = []
        for part in where.parts:
            if isinstance(part, int):
                # A row of the list the previous step holds: its model stays the row's model.
                spelled.append(part)
                continue
            field = model.model_fields.get(part) if model is not None else None
            if field is None:
                spelled.append(_V1_NAMES.get(part) or to_camel(part))
                model = None
            else:
                spelled.append(field.alias or part)
                model = _model_in(field.annotation)
        return spelled


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The request model a field holds: the field's type itself, or inside a list or optional."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None
