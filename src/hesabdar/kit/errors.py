"""Typed domain errors. Each carries a stable Hesabfa ErrorCode and an HTTP status for REST.

Services raise these; the facades render them and nothing else catches them. Messages name the
field and, for lists, the row (``transactions[2].accountPath``), so a client can fix its input.
"""

from __future__ import annotations

from enum import IntEnum


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


class HesabdarError(Exception):
    """Base of every error a client may see."""

    error_code: ErrorCode = ErrorCode.APPLICATION_ERROR
    http_status: int = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InternalError(HesabdarError):
    error_code = ErrorCode.INTERNAL_SERVER_ERROR
    http_status = 500


class TooManyRequests(HesabdarError):
    error_code = ErrorCode.TOO_MANY_REQUESTS
    http_status = 429


class MissingData(HesabdarError):
    error_code = ErrorCode.MISSING_DATA


class MissingParameter(HesabdarError):
    error_code = ErrorCode.MISSING_PARAMETER

    def __init__(self, parameter: str, message: str | None = None) -> None:
        super().__init__(message or f"Missing parameter: {parameter} is required.")
        self.parameter = parameter


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


class BusinessRuleViolation(HesabdarError):
    """A request that is well formed but breaks an accounting or data rule (ErrorCode 190)."""

    error_code = ErrorCode.APPLICATION_ERROR
    http_status = 409


class ObjectInUse(BusinessRuleViolation):
    """A delete refused because posted data refers to the object; the message names the referrer."""


class UnknownMethod(HesabdarError):
    error_code = ErrorCode.OBJECT_NOT_FOUND
    http_status = 404
