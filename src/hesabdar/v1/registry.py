"""The catalogue of v1 methods.

Each domain's ``v1.py`` declares its methods on a :class:`V1Methods` of its own and imports
nothing else from here; :mod:`hesabdar.wiring` lists those collections and :func:`install`\\ s
them at start-up. This module imports no domain, so the facades and the catalogue no longer
import each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import NoParams, V1Params

P = TypeVar("P", bound=V1Params)
Handler = Callable[[RequestContext, Any], Any]


@dataclass(frozen=True)
class V1Method:
    group: str
    name: str
    params: type[V1Params]
    handler: Handler
    write: bool
    summary: str
    extra_params: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        return f"/v1/{self.group}/{self.name}"


@dataclass(frozen=True)
class V1Response:
    """A result with extra top-level envelope keys (``setting/GetChanges`` adds ``LastId``)."""

    result: Any
    extra: dict[str, Any]


class V1Methods:
    """The v1 methods one facade module offers, in the order it declares them."""

    def __init__(self) -> None:
        self._methods: list[V1Method] = []

    def method(
        self,
        group: str,
        name: str,
        *,
        params: type[P] | None = None,
        write: bool = False,
        summary: str = "",
    ) -> Callable[[Callable[[RequestContext, P], Any]], Callable[[RequestContext, P], Any]]:
        """Declare ``handler(ctx, params)`` as ``/v1/{group}/{name}`` (matched case-insensitively)."""

        def declare(
            handler: Callable[[RequestContext, P], Any],
        ) -> Callable[[RequestContext, P], Any]:
            self._methods.append(
                V1Method(
                    group=group,
                    name=name,
                    params=params or NoParams,
                    handler=handler,
                    write=write,
                    summary=summary or (handler.__doc__ or "").strip().split("\n")[0],
                )
            )
            return handler

        return declare

    def __iter__(self) -> Iterator[V1Method]:
        return iter(self._methods)


_METHODS: dict[tuple[str, str], V1Method] = {}


def install(facades: Iterable[V1Methods]) -> None:
    """Make the methods of ``facades`` the catalogue; a path declared twice is an error."""
    methods: dict[tuple[str, str], V1Method] = {}
    for facade in facades:
        for method in facade:
            key = (method.group.lower(), method.name.lower())
            if key in methods:
                raise RuntimeError(f"v1 method declared twice: {method.group}/{method.name}")
            methods[key] = method
    _METHODS.clear()
    _METHODS.update(methods)


def find(group: str, name: str) -> V1Method | None:
    return _installed().get((group.lower(), name.lower()))


def all_methods() -> list[V1Method]:
    return sorted(_installed().values(), key=lambda m: (m.group.lower(), m.name.lower()))


def _installed() -> dict[tuple[str, str], V1Method]:
    # An empty catalogue would answer every call with "unknown method": say what is missing.
    if not _METHODS:
        raise RuntimeError("No v1 methods are installed: call hesabdar.wiring.wire() at start-up.")
    return _METHODS
