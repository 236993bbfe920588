"""report/trialbalance and report/trialbalanceitems."""

from __future__ import annotations

from typing import Any

from hesabdar.ledger.core import AccountType
from hesabdar.reports import service
from hesabdar.uow.context import RequestContext
from hesabdar.v1.models import V1Date, V1Params
from hesabdar.v1.registry import V1Methods


class ReportParams(V1Params):
    start_date: V1Date | None = None
    end_date: V1Date | None = None
    project: str | None = None


class TrialBalanceItemsParams(ReportParams):
    account_path: str | None = None


def render_trial_balance_row(row: service.TrialBalanceRow) -> dict[str, Any]:
    remaining_debit, remaining_credit = row.remaining
    balance, balance_type = row.balance
    return {
        "Account": {
            "Name": row.account.name,
            "Path": row.account.full_path,
            "Code": row.account.code,
            "AccountType": AccountType(row.account.account_type).hesabfa_value,
            "MainAccountType": row.account.main_account_type,
        },
        "OpeningDebit": row.opening_debit,
        "OpeningCredit": row.opening_credit,
        "Debit": row.debit,
        "Credit": row.credit,
        "RemainingDebit": remaining_debit,
        "RemainingCredit": remaining_credit,
        "Balance": balance,
        "BalanceType": int(balance_type),
    }


def render_detail_row(row: service.DetailRow) -> dict[str, Any]:
    balance, balance_type = row.balance
    return {
        "Code": row.code,
        "Name": row.name,
        "Debit": row.debit,
        "Credit": row.credit,
        "Balance": balance,
        "BalanceType": int(balance_type),
    }


# What this facade offers; hesabdar.wiring installs it in the v1 catalogue.
methods = V1Methods()


@methods.method("report", "trialbalance", params=ReportParams)
def trial_balance(ctx: RequestContext, params: ReportParams) -> list[dict[str, Any]]:
    """Opening, period and remaining debit/credit of every account with activity."""
    rows = service.trial_balance(
        ctx.session,
        ctx.business_id,
        start=params.start_date,
        end=params.end_date,
        project=params.project,
        year_index=ctx.year_index,
    )
    return [render_trial_balance_row(row) for row in rows]


@methods.method("report", "trialbalanceitems", params=TrialBalanceItemsParams)
def trial_balance_items(
    ctx: RequestContext, params: TrialBalanceItemsParams
) -> list[dict[str, Any]]:
    """Balances of the details (contacts, banks, cash boxes …) of one account."""
    rows = service.trial_balance_items(
        ctx.session,
        ctx.business_id,
        params.account_path,
        start=params.start_date,
        end=params.end_date,
        project=params.project,
        year_index=ctx.year_index,
    )
    return [render_detail_row(row) for row in rows]
