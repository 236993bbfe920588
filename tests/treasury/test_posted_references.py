"""A bank, cash box or project that a ledger document uses cannot be deleted."""

from __future__ import annotations

from tests.conftest import Api
from tests.ledger.helpers import make_masters, simple


def test_cash_used_by_a_document_is_kept(api: Api) -> None:
    make_masters(api)
    api.ok("setting/SaveProject", project={"Title": "P"})
    saved = api.ok("document/save", document={**simple(api), "project": "P"})
    number = saved["Number"]
    cashes = api.ok("setting/GetCashes")
    document = ("document/get", {"number": number})
    with api.unchanged("setting/GetCashes", "setting/GetProjects", document):
        assert api.fail("setting/DeleteCash", 190, code="1") == (
            f"Cash 0001 cannot be deleted: document {number} refers to it."
        )
        assert api.fail("setting/DeleteProject", 190, title="P") == (
            f"Project 'P' cannot be deleted: document {number} refers to it."
        )
    assert api.ok("setting/GetCashes") == cashes
    # The bank is not on the document: it goes.
    assert api.ok("setting/DeleteBank", code="0001") is True
