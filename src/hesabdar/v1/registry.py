"""The catalogue of v1 methods. Each domain's ``v1.py`` registers its methods with :func:`method`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from hesabdar.v1.models import NoParams, V1Params

if TYPE_CHECKING:
    from hesabdar.uow.context import RequestContext

P = TypeVar("P", bound=V1Params)
Handler = Callable[["RequestContext", Any], Any]


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


_METHODS: dict[tuple[str, str], V1Method] = {}


def method(
    group: str,
    name: str,
    *,
    params: type[P] | None = None,
    write: bool = False,
    summary: str = "",
) -> Callable[[Callable[[RequestContext, P], Any]], Callable[[RequestContext, P], Any]]:
    """Register ``handler(ctx, params)`` as ``/v1/{group}/{name}`` (matched case-insensitively)."""

    def register(handler: Callable[[RequestContext, P], Any]) -> Callable[[RequestContext, P], Any]:
        key = (group.lower(), name.lower())
        if key in _METHODS:
            raise RuntimeError(f"v1 method registered twice: {group}/{name}")
        _METHODS[key] = V1Method(
            group=group,
            name=name,
            params=params or NoParams,
            handler=handler,
            write=write,
            summary=summary or (handler.__doc__ or "").strip().split("\n")[0],
        )
        return handler

    return register


def find(group: str, name: str) -> V1Method | None:
    load_all()
    return _METHODS.get((group.lower(), name.lower()))


def all_methods() -> list[V1Method]:
    load_all()
    return sorted(_METHODS.values(), key=lambda m: (m.group.lower(), m.name.lower()))


def load_all() -> None:
    # Importing the facade modules registers their methods; the import list lives in one place.
    import hesabdar.v1.methods  # noqa: F401
