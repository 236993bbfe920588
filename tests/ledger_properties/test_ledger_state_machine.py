"""Random sequences of document writes keep the books right.

A hypothesis state machine saves, edits, approves and deletes manual documents through HTTP and
also sends every kind of write the ledger must refuse. After every step the books are read back
and compared with a model kept in Python:

* the documents the server lists are exactly the ones the model holds, with their status;
* ``report/trialbalance`` balances, and each account's debit and credit equal a recomputation
  from the model's approved documents (drafts count for nothing);
* ``report/trialbalanceitems`` of the cash account shows the cash box with the same sums;
* a refused write changed nothing: the document list and the trial balance are as before.

Each run of the machine gets a business of its own, created from the ``database`` fixture.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from hesabdar.db import Database
from tests.conftest import Api, make_business
from tests.ledger_properties.exact_api import ExactApi, normalize_path

DEBIT, CREDIT = 0, 1
DRAFT, APPROVED = 0, 1
CASH_DETAIL_TYPE = 3
ZERO = Decimal(0)
UNIT = Decimal("0.0001")
# Hesabfa's ErrorCodes for the refusals: a required field missing (104), an account or detail
# record that does not exist (112), a value out of range (114), an accounting rule broken (190).
MISSING_PARAMETER, OBJECT_NOT_FOUND, OUT_OF_RANGE, APPLICATION_ERROR = 104, 112, 114, 190

AMOUNTS = st.one_of(
    st.integers(min_value=1, max_value=10**6).map(Decimal),
    st.decimals(min_value=UNIT, max_value=Decimal(100_000), places=4),
    # Around 10^15 with all 4 decimal places: exact sums need more digits than a float has.
    st.integers(min_value=10**19 - 10**8, max_value=10**19 + 10**8).map(
        lambda units: Decimal(units).scaleb(-4)
    ),
)


@dataclass(frozen=True)
class Line:
    path: str
    type: int
    amount: Decimal
    cash_code: str = ""


@dataclass
class Document:
    status: int
    lines: tuple[Line, ...]
    description: str = ""

    @property
    def debit(self) -> Decimal:
        return sum((line.amount for line in self.lines if line.type == DEBIT), ZERO)

    @property
    def credit(self) -> Decimal:
        return sum((line.amount for line in self.lines if line.type == CREDIT), ZERO)

    @property
    def balanced(self) -> bool:
        return self.debit == self.credit


def transaction(line: Line, *, style: int = 0) -> dict[str, Any]:
    """The line as a client sends it; ``style`` varies key case and how amounts travel."""
    amount: Any = line.amount
    if style == 1 and amount == amount.to_integral_value() and abs(amount) < 10**12:
        amount = int(amount)  # a plain JSON number, exact for integers
    if style == 2:
        return {
            "AccountPath": line.path,
            "Amount": format(line.amount, "f"),
            "Type": str(line.type),
            "CashCode": line.cash_code,
            "ContactCode": "",
        }
    return {
        "accountPath": line.path,
        "amount": amount,
        "type": line.type,
        "cashCode": line.cash_code,
    }


def leaf_accounts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Accounts that no other account's path extends: the ones documents post to."""
    paths = {normalize_path(row["FullPath"]) for row in rows}
    return [
        row
        for row in rows
        if not any(other.startswith(normalize_path(row["FullPath"]) + " : ") for other in paths)
    ]


@dataclass
class Snapshot:
    documents: list[dict[str, Any]] = field(default_factory=list)
    trial_balance: list[dict[str, Any]] = field(default_factory=list)


class LedgerMachine(RuleBasedStateMachine):
    """Set ``new_api`` on a subclass: it returns a caller for a business of its own."""

    @staticmethod
    def new_api() -> ExactApi:
        raise NotImplementedError

    def __init__(self) -> None:
        super().__init__()
        self.api = self.new_api()
        leaves = leaf_accounts(self.api.ok("setting/GetAccounts"))
        plain = sorted(normalize_path(row["FullPath"]) for row in leaves if row["DetailType"] == 0)
        # A few accounts from different parts of the chart: a spread of the sorted leaves.
        step = max(1, len(plain) // 4)
        self.plain_accounts = plain[::step][:4]
        assert len(self.plain_accounts) == 4, plain
        self.cash_account = sorted(
            normalize_path(row["FullPath"])
            for row in leaves
            if row["DetailType"] == CASH_DETAIL_TYPE
        )[0]
        cash = self.api.ok("setting/SaveCash", cash={"Name": "Main cash box"})
        self.cash_code = cash["Code"]
        self.documents: dict[int, Document] = {}
        self.today = date.today().isoformat()
        self.descriptions = itertools.count(1)

    # ---- drawing lines ------------------------------------------------------------------------

    def draw_line(self, data: st.DataObject, line_type: int | None = None) -> Line:
        path = data.draw(st.sampled_from([*self.plain_accounts, self.cash_account]))
        if line_type is None:
            line_type = data.draw(st.sampled_from([DEBIT, CREDIT]))
        amount = data.draw(AMOUNTS)
        code = self.cash_code if path == self.cash_account else ""
        return Line(path, line_type, amount, code)

    def draw_balanced(self, data: st.DataObject) -> tuple[Line, ...]:
        """2 to 5 lines whose debits equal their credits."""
        count = data.draw(st.integers(min_value=2, max_value=5))
        lines = [self.draw_line(data) for _ in range(count - 1)]
        net = sum((line.amount if line.type == DEBIT else -line.amount for line in lines), ZERO)
        if net == 0:
            return tuple(lines) if len(lines) >= 2 else (*lines, self.mirror(lines[0]))
        closing = self.draw_line(data, CREDIT if net > 0 else DEBIT)
        return (*lines, Line(closing.path, closing.type, abs(net), closing.cash_code))

    def mirror(self, line: Line) -> Line:
        other = self.plain_accounts[0] if line.path != self.plain_accounts[0] else self.cash_account
        code = self.cash_code if other == self.cash_account else ""
        return Line(other, CREDIT if line.type == DEBIT else DEBIT, line.amount, code)

    def draw_unbalanced(self, data: st.DataObject) -> tuple[Line, ...]:
        """2 to 5 lines whose debits differ from their credits."""
        count = data.draw(st.integers(min_value=2, max_value=5))
        lines = [self.draw_line(data) for _ in range(count)]
        if Document(APPROVED, tuple(lines)).balanced:
            first = lines[0]
            lines[0] = Line(first.path, first.type, first.amount + UNIT, first.cash_code)
        return tuple(lines)

    # ---- talking to the server -------------------------------------------------------------------

    def payload(self, document: Document, number: int | None, style: int) -> dict[str, Any]:
        body: dict[str, Any] = {
            "date": self.today,
            "description": document.description,
            "status": document.status if style != 2 else str(document.status),
            "transactions": [transaction(line, style=style) for line in document.lines],
        }
        if number is not None:
            body["number"] = number if style != 2 else str(number)
        return body

    def save(self, document: Document, number: int | None, style: int) -> int:
        result = self.api.ok("document/save", document=self.payload(document, number, style))
        saved = int(result["Number"])
        if number is not None:
            assert saved == number
        self.documents[saved] = document
        self.assert_stored(saved, document)
        return saved

    def assert_stored(self, number: int, document: Document) -> None:
        stored = self.api.ok("document/get", number=number)
        assert (stored["Number"], stored["Status"]) == (number, document.status)
        assert (stored["Debit"], stored["Credit"]) == (document.debit, document.credit)
        assert stored["Description"] == document.description
        got = sorted(
            (
                normalize_path(row["AccountPath"]),
                row["Type"],
                row["Amount"],
                row["CashCode"] or "",
            )
            for row in stored["Transactions"]
        )
        want = sorted(
            (line.path, line.type, line.amount, line.cash_code) for line in document.lines
        )
        assert got == want

    def snapshot(self) -> Snapshot:
        listed = self.api.ok("document/getdocuments", queryInfo={"Take": 100_000})
        rows = sorted(listed["List"], key=lambda row: row["Number"])
        return Snapshot(rows, self.api.ok("report/trialbalance"))

    def refuse(
        self, code: int, document: Document | dict[str, Any], number: int | None, style: int
    ) -> str:
        before = self.snapshot()
        body = document if isinstance(document, dict) else self.payload(document, number, style)
        envelope = self.api.fail("document/save", code, document=body)
        message: str = envelope["ErrorMessage"]
        assert message
        assert self.snapshot() == before
        if number is not None:
            self.assert_stored(number, self.documents[number])
        return message

    def new_description(self) -> str:
        return f"document {next(self.descriptions)}"

    def pick_number(self, data: st.DataObject) -> int:
        return data.draw(st.sampled_from(sorted(self.documents)))

    # ---- rules: writes that must succeed --------------------------------------------------------

    @rule(data=st.data(), status=st.sampled_from([DRAFT, APPROVED]), style=st.integers(0, 2))
    def save_new(self, data: st.DataObject, status: int, style: int) -> None:
        if status == DRAFT and data.draw(st.booleans()):
            lines = self.draw_unbalanced(data)  # a draft need not balance
        else:
            lines = self.draw_balanced(data)
        self.save(Document(status, lines, self.new_description()), None, style)

    @precondition(lambda self: bool(self.documents))
    @rule(data=st.data(), status=st.sampled_from([DRAFT, APPROVED]), style=st.integers(0, 2))
    def edit(self, data: st.DataObject, status: int, style: int) -> None:
        number = self.pick_number(data)
        lines = self.draw_balanced(data)
        self.save(Document(status, lines, self.new_description()), number, style)

    @precondition(lambda self: any(doc.status == DRAFT for doc in self.documents.values()))
    @rule(data=st.data(), style=st.integers(0, 2))
    def approve_draft(self, data: st.DataObject, style: int) -> None:
        drafts = sorted(number for number, doc in self.documents.items() if doc.status == DRAFT)
        number = data.draw(st.sampled_from(drafts))
        draft = self.documents[number]
        approved = Document(APPROVED, draft.lines, draft.description)
        if draft.balanced:
            self.save(approved, number, style)
        else:
            message = self.refuse(APPLICATION_ERROR, approved, number, style)
            assert "balance" in message.lower() or "تراز" in message

    @precondition(lambda self: bool(self.documents))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        number = self.pick_number(data)
        assert self.api.ok("document/delete", number=number) is True
        del self.documents[number]
        self.api.fail("document/get", 112, number=number)

    # ---- rules: writes that must be refused -----------------------------------------------------

    def refusal_target(self, data: st.DataObject) -> int | None:
        """A new document, or (when there are some) an edit of an existing one."""
        if len(self.documents) > 0 and data.draw(st.booleans()):
            return self.pick_number(data)
        return None

    @rule(data=st.data(), style=st.integers(0, 2))
    def refuse_unbalanced_approved(self, data: st.DataObject, style: int) -> None:
        document = Document(APPROVED, self.draw_unbalanced(data), self.new_description())
        message = self.refuse(APPLICATION_ERROR, document, self.refusal_target(data), style)
        assert "balance" in message.lower() or "تراز" in message

    @rule(data=st.data(), status=st.sampled_from([DRAFT, APPROVED]), style=st.integers(0, 2))
    def refuse_one_line(self, data: st.DataObject, status: int, style: int) -> None:
        document = Document(status, (self.draw_line(data),), self.new_description())
        self.refuse(APPLICATION_ERROR, document, self.refusal_target(data), style)

    @rule(
        data=st.data(),
        status=st.sampled_from([DRAFT, APPROVED]),
        negative=st.booleans(),
        style=st.integers(0, 2),
    )
    def refuse_amount_not_positive(
        self, data: st.DataObject, status: int, negative: bool, style: int
    ) -> None:
        lines = list(self.draw_balanced(data))
        bad = self.draw_line(data)
        if negative:
            # -x and +x on the same side: the document still balances; only the sign is wrong.
            lines += [Line(bad.path, bad.type, -bad.amount, bad.cash_code), bad]
        else:
            lines.append(Line(bad.path, bad.type, ZERO, bad.cash_code))
        position = data.draw(st.integers(0, len(lines) - 1))
        lines.insert(position, lines.pop())
        document = Document(status, tuple(lines), self.new_description())
        message = self.refuse(OUT_OF_RANGE, document, self.refusal_target(data), style)
        assert "amount" in message.lower(), message

    @rule(data=st.data(), status=st.sampled_from([DRAFT, APPROVED]), style=st.integers(0, 2))
    def refuse_unknown_account(self, data: st.DataObject, status: int, style: int) -> None:
        lines = list(self.draw_balanced(data))
        index = data.draw(st.integers(0, len(lines) - 1))
        old = lines[index]
        unknown = data.draw(
            st.sampled_from(
                [
                    "دارایی ها : حسابی که نیست",
                    f"{self.plain_accounts[0]} : زیر حساب ناموجود",
                    "No such account",
                ]
            )
        )
        lines[index] = Line(unknown, old.type, old.amount, "")
        document = Document(status, tuple(lines), self.new_description())
        message = self.refuse(OBJECT_NOT_FOUND, document, self.refusal_target(data), style)
        assert "accountpath" in message.lower(), message
        assert f"[{index}]" in message, message

    @rule(data=st.data(), status=st.sampled_from([DRAFT, APPROVED]), style=st.integers(0, 2))
    def refuse_missing_cash_code(self, data: st.DataObject, status: int, style: int) -> None:
        lines = list(self.draw_balanced(data))
        index = data.draw(st.integers(0, len(lines) - 1))
        old = lines[index]
        lines[index] = Line(self.cash_account, old.type, old.amount, "")
        document = Document(status, tuple(lines), self.new_description())
        message = self.refuse(MISSING_PARAMETER, document, self.refusal_target(data), style)
        assert "cashcode" in message.lower(), message
        assert f"[{index}]" in message, message

    @rule(data=st.data(), status=st.sampled_from([DRAFT, APPROVED]), style=st.integers(0, 2))
    def refuse_unknown_cash_code(self, data: st.DataObject, status: int, style: int) -> None:
        lines = list(self.draw_balanced(data))
        index = data.draw(st.integers(0, len(lines) - 1))
        old = lines[index]
        lines[index] = Line(self.cash_account, old.type, old.amount, "9999")
        document = Document(status, tuple(lines), self.new_description())
        message = self.refuse(OBJECT_NOT_FOUND, document, self.refusal_target(data), style)
        assert "cashcode" in message.lower(), message

    @rule(data=st.data(), status=st.sampled_from([DRAFT, APPROVED]))
    def refuse_code_on_account_without_detail(self, data: st.DataObject, status: int) -> None:
        lines = list(self.draw_balanced(data))
        index = data.draw(st.integers(0, len(lines) - 1))
        old = lines[index]
        document = Document(status, tuple(lines), self.new_description())
        body = self.payload(document, None, 0)
        body["transactions"][index] = {
            "accountPath": self.plain_accounts[1],
            "amount": old.amount,
            "type": old.type,
            data.draw(st.sampled_from(["cashCode", "contactCode", "bankCode"])): (self.cash_code),
        }
        number = self.refusal_target(data)
        if number is not None:
            body["number"] = number
        message = self.refuse(APPLICATION_ERROR, body, number, 0)
        assert f"[{index}]" in message, message

    @rule(number=st.integers(min_value=10_000, max_value=10**9))
    def refuse_delete_unknown(self, number: int) -> None:
        before = self.snapshot()
        self.api.fail("document/delete", 112, number=number)
        assert self.snapshot() == before

    # ---- what must hold after every step ---------------------------------------------------------

    @invariant()
    def documents_match_model(self) -> None:
        listed = self.api.ok("document/getdocuments", queryInfo={"Take": 100_000})
        got = {
            row["Number"]: (row["Status"], row["Debit"], row["Credit"]) for row in listed["List"]
        }
        want = {
            number: (doc.status, doc.debit, doc.credit) for number, doc in self.documents.items()
        }
        assert got == want
        assert listed["TotalCount"] == len(self.documents)

    @invariant()
    def trial_balance_matches_model(self) -> None:
        expected: dict[str, list[Decimal]] = {}
        for document in self.documents.values():
            if document.status != APPROVED:
                continue
            for line in document.lines:
                sums = expected.setdefault(line.path, [ZERO, ZERO])
                sums[line.type] += line.amount
        rows = self.api.ok("report/trialbalance")
        reported = {normalize_path(row["Account"]["Path"]): row for row in rows}
        assert len(reported) == len(rows), "an account appears twice in the trial balance"
        for path, row in reported.items():
            debit = sum(
                (
                    sums[DEBIT]
                    for p, sums in expected.items()
                    if p == path or p.startswith(path + " : ")
                ),
                ZERO,
            )
            credit = sum(
                (
                    sums[CREDIT]
                    for p, sums in expected.items()
                    if p == path or p.startswith(path + " : ")
                ),
                ZERO,
            )
            assert (row["Debit"], row["Credit"]) == (debit, credit), path
            assert row["RemainingDebit"] - row["RemainingCredit"] == debit - credit, path
            assert min(row["RemainingDebit"], row["RemainingCredit"]) == 0, path
        for path, (debit, credit) in expected.items():
            assert path in reported or debit == credit == 0, f"{path} missing from the report"
        # Totals over the report's lowest rows (parents, if shown, repeat their children).
        lowest = [
            row
            for path, row in reported.items()
            if not any(other.startswith(path + " : ") for other in reported)
        ]
        total_debit = sum((row["Debit"] for row in lowest), ZERO)
        total_credit = sum((row["Credit"] for row in lowest), ZERO)
        assert total_debit == total_credit
        assert total_debit == sum(
            (doc.debit for doc in self.documents.values() if doc.status == APPROVED), ZERO
        )

    @invariant()
    def cash_box_matches_model(self) -> None:
        debit = credit = ZERO
        for document in self.documents.values():
            if document.status != APPROVED:
                continue
            for line in document.lines:
                if line.path == self.cash_account:
                    if line.type == DEBIT:
                        debit += line.amount
                    else:
                        credit += line.amount
        rows = self.api.ok("report/trialbalanceitems", accountPath=self.cash_account)
        boxes = {row["Code"]: row for row in rows}
        if debit == credit == 0 and self.cash_code not in boxes:
            return
        box = boxes[self.cash_code]
        assert (box["Debit"], box["Credit"]) == (debit, credit)
        assert box["Balance"] == abs(debit - credit)


def test_random_document_sequences_keep_the_books(
    app_client: TestClient, database: Database
) -> None:
    runs = itertools.count(1)

    def new_api() -> ExactApi:
        run = next(runs)
        credentials = make_business(database, name=f"Shop {run}", email=f"owner{run}@example.com")
        return ExactApi(Api(app_client, credentials))

    machine = type("BooksMachine", (LedgerMachine,), {"new_api": staticmethod(new_api)})
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=12,
            stateful_step_count=14,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        ),
    )
