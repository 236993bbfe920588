"""Typed domain errors. Each carries a stable Hesabfa ErrorCode and an HTTP status for REST.

Services raise these; the facades render them and nothing else catches them. An error about one
field of the input carries a :class:`Location` in domain terms (``document``, ``transactions``,
row 2, ``contact_code``) and a message without it; each facade names the location its own way
(v1: ``document.transactions[2].contactCode``), so a client can fix its input.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol


class ErrorCode(IntEnum):
    """Hesabfa API v1 ErrorCode values (reference §2.1)."""

    SUCCESS = 0
    INTERNAL_SERVER_ERROR = 100
    TOO_MANY_REQUESTS = 101
    MISSING_DATA = 103
    MISSING_PARAMETER = 104
    API_DISABLED = 105
    USER_IS_NOT_OWNER = 106
    BUSINESS_NOT_FOUND = 107
    BUSINESS_EXPIRED = 108
    FISCAL_YEAR_NOT_FOUND = 109
    ID_MUST_BE_ZERO = 110
    ID_MUST_NOT_BE_ZERO = 111
    OBJECT_NOT_FOUND = 112
    MISSING_API_KEY = 113
    PARAMETER_OUT_OF_RANGE = 114
    APPLICATION_ERROR = 190
    # Not in Hesabfa's documentation; its server answers it when the business lacks what the
    # call needs (no shareholders for the opening stock, no warehouses).
    NOT_SET_UP = 199


@dataclass(frozen=True)
class Location:
    """Where in a request's input an error is: names of the domain's input fields (snake_case)
    and row indexes, outermost first: ``Location(("document", "transactions", 2, "amount"))``."""

    parts: tuple[str | int, ...]

    @classmethod
    def of(cls, *parts: str | int) -> Location:
        return cls(parts)

    def __truediv__(self, part: str | int) -> Location:
        return Location((*self.parts, part))

    def __str__(self) -> str:
        text = ""
        for part in self.parts:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text


class Naming(Protocol):
    """How a facade spells locations: a whole path (v1: ``contacts[2].Name``) and one field's
    own name (``FirstName``), for messages that mention a neighbouring field or another row."""

    def path(self, where: Location) -> str: ...

    def field(self, where: Location) -> str: ...


class DomainNaming:
    """Locations in the domain's own names (``contacts[2].first_name``), for logs and tests."""

    def path(self, where: Location) -> str:
        return str(where)

    def field(self, where: Location) -> str:
        return str(where.parts[-1])


class HesabdarError(Exception):
    """Base of every error a client may see.

    ``message`` says what is wrong; ``location``, when given, says where, and the facade puts
    the two together (:meth:`describe`).
    """

    error_code: ErrorCode = ErrorCode.APPLICATION_ERROR
    http_status: int = 400

    def __init__(self, message: str, *, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def describe(self, where: str | None) -> str:
        """The message for a client, ``where`` being the location in the facade's own names."""
        return f"{where}: {self.message}" if where else self.message

    def describe_named(self, naming: Naming) -> str:
        """The message for a client of the facade that ``naming`` belongs to. An error whose
        message mentions another place (a sibling field, an earlier row) overrides this."""
        return self.describe(naming.path(self.location) if self.location else None)

    def __str__(self) -> str:
        return self.describe_named(DomainNaming())


class InternalError(HesabdarError):
    error_code = ErrorCode.INTERNAL_SERVER_ERROR
    http_status = 500


class TooManyRequests(HesabdarError):
    error_code = ErrorCode.TOO_MANY_REQUESTS
    http_status = 429


class MissingData(HesabdarError):
    error_code = ErrorCode.MISSING_DATA


class MissingParameter(HesabdarError):
    """A required input is missing. Name it with ``location`` (the facade spells it), or with a
    ready-made ``parameter`` text for errors found while parsing the facade's own input."""

    error_code = ErrorCode.MISSING_PARAMETER

    def __init__(
        self,
        parameter: str = "",
        message: str | None = None,
        *,
        location: Location | None = None,
    ) -> None:
        super().__init__(
            message or (f"Missing parameter: {parameter} is required." if parameter else ""),
            location=location,
        )
        self.parameter = parameter

    def describe(self, where: str | None) -> str:
        if where is None:
            return self.message
        return (
            f"{where}: {self.message}"
            if self.message
            else f"Missing parameter: {where} is required."
        )


class ApiDisabled(HesabdarError):
    error_code = ErrorCode.API_DISABLED
    http_status = 403


class AuthenticationFailed(HesabdarError):
    """Wrong or missing loginToken / userId+password for the business the apiKey names."""

    error_code = ErrorCode.USER_IS_NOT_OWNER
    http_status = 401


class BusinessNotFound(HesabdarError):
    error_code = ErrorCode.BUSINESS_NOT_FOUND
    http_status = 401


class FiscalYearNotFound(HesabdarError):
    error_code = ErrorCode.FISCAL_YEAR_NOT_FOUND
    http_status = 422


class ObjectNotFound(HesabdarError):
    error_code = ErrorCode.OBJECT_NOT_FOUND
    http_status = 404


class MissingApiKey(HesabdarError):
    error_code = ErrorCode.MISSING_API_KEY
    http_status = 401


class ParameterOutOfRange(HesabdarError):
    error_code = ErrorCode.PARAMETER_OUT_OF_RANGE
    http_status = 422


class InvalidFieldValue(ParameterOutOfRange):
    """A value the rules refuse, in one field or row: ``Invalid value for <where>: <why>``,
    phrased like a request model's own validation errors so that both read alike."""

    def describe(self, where: str | None) -> str:
        return f"Invalid value for {where}: {self.message}" if where else self.message


class BusinessRuleViolation(HesabdarError):
    """A request that is well formed but breaks an accounting or data rule (ErrorCode 190)."""

    error_code = ErrorCode.APPLICATION_ERROR
    http_status = 409


class ObjectInUse(BusinessRuleViolation):
    """A delete refused because posted data refers to the object; the message names the referrer."""


class UnknownMethod(HesabdarError):
    error_code = ErrorCode.OBJECT_NOT_FOUND
    http_status = 404


class ConstraintViolated(BusinessRuleViolation):
    """A write that the database itself refused (a CHECK, unique or foreign-key constraint, or
    a deferred trigger at commit): a rule the service should have caught first.

    ``lost_race`` marks a unique key taken by a concurrent request that committed first (two
    saves creating the same code at once): run again, the request sees that row.
    """

    def __init__(
        self, message: str, *, location: Location | None = None, lost_race: bool = False
    ) -> None:
        super().__init__(message, location=location)
        self.lost_race = lost_race
