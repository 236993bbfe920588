"""setting/GetBanks, GetCashes, GetPettyCashes (Hesabfa) and their Save*/Delete* (hesabdar's own)."""

from __future__ import annotations

from typing import Any, ClassVar

from hesabdar.treasury import schemas, service
from hesabdar.treasury.models import Bank, Cash, PettyCash
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import CodeParams, V1Model, V1Params
from hesabdar.v1.registry import V1Methods

# --- request models -------------------------------------------------------------------------


class MoneyBoxModel(V1Model):
    """The fields the getters return (records are keyed by Code; an ``Id`` sent is ignored)."""

    __columns__ = Bank
    __column_names__: ClassVar[dict[str, str]] = {"account": "account_number"}

    code: str | None = None
    name: str | None = None
    currency: str | None = None
    active: bool | None = None

    def as_input(self) -> schemas.MoneyBoxInput:
        return schemas.MoneyBoxInput(
            code=self.code, name=self.name, currency=self.currency, active=self.active
        )


class BankModel(MoneyBoxModel):
    branch: str | None = None
    account_number: str | None = None
    # Hesabfa's GetBanks calls the account number ``Account``; either spelling is accepted.
    account: str | None = None
    iban: str | None = None

    def as_bank_input(self) -> schemas.BankInput:
        return schemas.BankInput(
            code=self.code,
            name=self.name,
            currency=self.currency,
            active=self.active,
            branch=self.branch,
            account_number=self.account_number if self.account_number is not None else self.account,
            iban=self.iban,
        )


class SaveBankParams(V1Params):
    bank: BankModel


class SaveCashParams(V1Params):
    cash: MoneyBoxModel


class SavePettyCashParams(V1Params):
    petty_cash: MoneyBoxModel


# --- rendering ------------------------------------------------------------------------------


def render_bank(bank: Bank) -> dict[str, Any]:
    return {
        "Id": bank.id,
        "Code": bank.code,
        "Name": bank.name,
        "Branch": bank.branch,
        "AccountNumber": bank.account_number,
        "Iban": bank.iban,
        "Account": bank.account_number,
        "Currency": bank.currency,
        "Active": bank.is_active,
    }


def render_cash(cash: Cash | PettyCash) -> dict[str, Any]:
    return {
        "Id": cash.id,
        "Code": cash.code,
        "Name": cash.name,
        "Currency": cash.currency,
        "Active": cash.is_active,
    }


render_petty_cash = render_cash


# --- banks ----------------------------------------------------------------------------------


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("setting", "GetBanks")
def get_banks(ctx: RequestContext, params: Any) -> list[dict[str, Any]]:
    """The business's bank accounts, by code."""
    return [render_bank(row) for row in service.list_banks(ctx.session, ctx.business_id)]


@methods.method("setting", "SaveBank", params=SaveBankParams, write=True)
def save_bank(ctx: RequestContext, params: SaveBankParams) -> dict[str, Any]:
    """Create (empty or unknown Code) or edit (existing Code) a bank account."""
    bank = service.save_bank(
        ctx.session, ctx.business_id, params.bank.as_bank_input(), via_api=ctx.via_api
    )
    return render_bank(bank)


@methods.method("setting", "DeleteBank", params=CodeParams, write=True)
def delete_bank(ctx: RequestContext, params: CodeParams) -> bool:
    """Delete a bank account that nothing refers to."""
    service.delete_bank(ctx.session, ctx.business_id, params.code, via_api=ctx.via_api)
    return True


# --- cash boxes -----------------------------------------------------------------------------


@methods.method("setting", "GetCashes")
def get_cashes(ctx: RequestContext, params: Any) -> list[dict[str, Any]]:
    """The business's cash boxes, by code."""
    return [render_cash(row) for row in service.list_cashes(ctx.session, ctx.business_id)]


@methods.method("setting", "SaveCash", params=SaveCashParams, write=True)
def save_cash(ctx: RequestContext, params: SaveCashParams) -> dict[str, Any]:
    """Create (empty or unknown Code) or edit (existing Code) a cash box."""
    cash = service.save_cash(
        ctx.session, ctx.business_id, params.cash.as_input(), via_api=ctx.via_api
    )
    return render_cash(cash)


@methods.method("setting", "DeleteCash", params=CodeParams, write=True)
def delete_cash(ctx: RequestContext, params: CodeParams) -> bool:
    """Delete a cash box that nothing refers to."""
    service.delete_cash(ctx.session, ctx.business_id, params.code, via_api=ctx.via_api)
    return True


# --- petty cash -----------------------------------------------------------------------------


@methods.method("setting", "GetPettyCashes")
def get_petty_cashes(ctx: RequestContext, params: Any) -> list[dict[str, Any]]:
    """The business's petty-cash funds, by code."""
    return [
        render_petty_cash(row) for row in service.list_petty_cashes(ctx.session, ctx.business_id)
    ]


@methods.method("setting", "SavePettyCash", params=SavePettyCashParams, write=True)
def save_petty_cash(ctx: RequestContext, params: SavePettyCashParams) -> dict[str, Any]:
    """Create (empty or unknown Code) or edit (existing Code) a petty-cash fund."""
    petty_cash = service.save_petty_cash(
        ctx.session, ctx.business_id, params.petty_cash.as_input(), via_api=ctx.via_api
    )
    return render_petty_cash(petty_cash)


@methods.method("setting", "DeletePettyCash", params=CodeParams, write=True)
def delete_petty_cash(ctx: RequestContext, params: CodeParams) -> bool:
    """Delete a petty-cash fund that nothing refers to."""
    service.delete_petty_cash(ctx.session, ctx.business_id, params.code, via_api=ctx.via_api)
    return True
