"""Ledger errors, each with its Hesabfa ErrorCode (through the kit.errors base class)."""

from __future__ import annotations

from hesabdar.kit.errors import (
    BusinessRuleViolation,
    FiscalYearNotFound,
    MissingParameter,
    ObjectNotFound,
    ParameterOutOfRange,
)


class DocumentNotFound(ObjectNotFound):
    def __init__(self, number: int, where: str = "number") -> None:
        super().__init__(f"{where}: document {number} does not exist.")


class AccountNotFound(ObjectNotFound):
    def __init__(self, path: str, where: str) -> None:
        super().__init__(f"{where}: account '{path}' does not exist.")


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
    pass


class AccountChangeRefused(BusinessRuleViolation):
    """A chart change that would break postings or the system accounts."""
