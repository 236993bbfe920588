"""Ledger errors, each with its Hesabfa ErrorCode (through the kit.errors base class)."""

from __future__ import annotations

from hesabdar.kit.errors import (
    BusinessRuleViolation,
    FiscalYearNotFound,
    Location,
    MissingParameter,
    ObjectNotFound,
    ParameterOutOfRange,
)


class DocumentNotFound(ObjectNotFound):
    def __init__(self, number: int, location: Location | None = None) -> None:
        super().__init__(
            f"document {number} does not exist.", location=location or Location.of("number")
        )


class AccountNotFound(ObjectNotFound):
    def __init__(self, path: str, location: Location) -> None:
        super().__init__(f"account '{path}' does not exist.", location=location)


class DetailNotFound(ObjectNotFound):
    """A contact, item, bank, cash box, petty cash or project named by code/title is missing."""


class DetailCodeRequired(MissingParameter):
    pass


class UnexpectedDetailCode(BusinessRuleViolation):
    pass


class AccountNotLeaf(BusinessRuleViolation):
    pass


class UnbalancedDocument(BusinessRuleViolation):
    pass


class TooFewTransactions(BusinessRuleViolation):
    pass


class HeaderTotalMismatch(BusinessRuleViolation):
    pass


class SystemDocument(BusinessRuleViolation):
    """Documents made by invoices, receipts or transfers change only with their source."""


class InvalidAmount(ParameterOutOfRange):
    pass


class InvalidValue(ParameterOutOfRange):
    pass


class DateOutsideFiscalYear(FiscalYearNotFound):
    """A date in no fiscal year of the business (ErrorCode 109)."""


class ClosedFiscalYear(BusinessRuleViolation):
    """A write dated in a closed fiscal year: its books are final (ErrorCode 190)."""


class AccountChangeRefused(BusinessRuleViolation):
    """A chart change that would break postings or the system accounts."""
