"""What saves of projects and salesmen take. ``None`` is "not given": a new record takes the
default, an edit keeps the current value."""

from __future__ import annotations

from dataclasses import dataclass

from hesabdar.kit.errors import Location

# Where a save's input is, for errors.
PROJECT_AT = Location.of("project")
SALESMAN_AT = Location.of("salesman")


@dataclass(frozen=True)
class ProjectInput:
    """``id`` (when not 0) picks the project to rename; otherwise ``title`` picks it."""

    title: str | None = None
    active: bool | None = None
    id: int | None = None


@dataclass(frozen=True)
class SalesmanInput:
    """An empty or absent code creates a salesman with the next code."""

    code: str | None = None
    name: str | None = None
    active: bool | None = None
    note: str | None = None
