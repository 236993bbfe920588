"""The database itself refuses to delete a master record that posted lines use, even when the
service's referrer check is bypassed (as by a save racing the delete)."""

from __future__ import annotations

from typing import Any

import pytest

from hesabdar.kit import references
from tests.conftest import Api


def _post_with(api: Api) -> None:
    accounts = api.ok("setting/GetAccounts")
    receivable = next(row["FullPath"] for row in accounts if row["AccountType"] == 4)
    cash = next(row["FullPath"] for row in accounts if row["AccountType"] == 1)
    day = api.ok("setting/GetFiscalYear")["StartDate"]
    api.ok(
        "document/save",
        document={
            "Date": day,
            "Status": 1,
            "Project": "Site A",
            "Transactions": [
                {"AccountPath": cash, "CashCode": "0001", "Type": 0, "Amount": 10},
                {"AccountPath": receivable, "ContactCode": "000001", "Type": 1, "Amount": 10},
            ],
        },
    )


@pytest.mark.parametrize(
    ("kind", "path", "params", "label", "listing"),
    [
        ("contact", "contact/delete", {"code": "000001"}, "Contact 000001", "contact/getcontacts"),
        ("cash", "setting/DeleteCash", {"code": "0001"}, "Cash 0001", "setting/GetCashes"),
        (
            "project",
            "setting/DeleteProject",
            {"title": "Site A"},
            "Project 'Site A'",
            "setting/GetProjects",
        ),
    ],
)
def test_foreign_key_refuses_what_the_referrer_check_missed(
    api: Api,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    path: str,
    params: dict[str, Any],
    label: str,
    listing: str,
) -> None:
    api.ok("contact/save", contact={"Name": "Customer"})
    api.ok("setting/SaveCash", cash={"Name": "Till"})
    api.ok("setting/SaveProject", project={"Title": "Site A"})
    _post_with(api)
    before = api.ok(listing)
    monkeypatch.setitem(references._REFERRERS, kind, [])

    message = api.fail(path, 190, **params)

    assert message == f"{label} cannot be deleted: posted data refers to it."
    assert api.ok(listing) == before
