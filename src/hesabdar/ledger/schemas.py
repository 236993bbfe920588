"""The ledger's typed inputs: a manual document as a client describes it, a resolved posting
line, and the typed reference that ties a system document to its source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from hesabdar.ledger import core
from hesabdar.ledger.core import DocumentStatus, Side
from hesabdar.ledger.models import Account

MANUAL = "manual"
_SOURCE_KIND = re.compile(r"^[a-z][a-z_]{0,29}$")


@dataclass(frozen=True)
class SourceKind:
    """What kind of record posts system documents: declared by the domain that owns it
    (``SourceKind("invoice")`` in invoices), so the ledger lists no consumers of its own.
    ``code`` is what ``document.source_type`` stores."""

    code: str

    def __post_init__(self) -> None:
        if not _SOURCE_KIND.match(self.code) or self.code == MANUAL:
            raise ValueError(f"not a source kind: {self.code!r}")


@dataclass(frozen=True)
class SourceRef:
    """One source record: its kind and its id. A source has at most one system document."""

    kind: SourceKind
    id: int

    def __str__(self) -> str:
        return f"{self.kind.code} {self.id}"


@dataclass(frozen=True)
class TransactionInput:
    """One transaction of a manual document as the client names things: an account path and
    detail codes. ``None`` is "not given"."""

    account_path: str | None = None
    side: Side | None = None
    amount: Decimal | None = None
    description: str = ""
    info: str = ""
    currency_amount: Decimal | None = None
    currency: str | None = None
    contact_code: str | None = None
    product_code: str | None = None
    bank_code: str | None = None
    cash_code: str | None = None
    petty_cash_code: str | None = None

    def code(self, field_name: str) -> str | None:
        """The detail code in ``field_name`` (``contact_code`` …); blank counts as not given."""
        value: str | None = getattr(self, field_name)
        if value is None or not value.strip():
            return None
        return value


@dataclass(frozen=True)
class DocumentInput:
    """A manual document to create (number missing or 0, or a number not used yet) or edit."""

    number: int | None = None
    reference: str = ""
    date: date | None = None
    description: str = ""
    project: str | None = None
    debit: Decimal | None = None
    credit: Decimal | None = None
    status: DocumentStatus | None = None
    transactions: list[TransactionInput] = field(default_factory=list)


@dataclass
class PostingLine:
    """A resolved line, ready to check and write: what manual documents resolve to and what
    invoices, receipts and transfers post."""

    account: Account
    side: Side
    amount: Decimal
    description: str = ""
    info: str = ""
    currency: str = ""
    currency_amount: Decimal | None = None
    contact_id: int | None = None
    item_id: int | None = None
    bank_id: int | None = None
    cash_id: int | None = None
    petty_cash_id: int | None = None
    # The detail's stored code, known once resolved, so the answer needs no re-read.
    detail_code: str = ""

    def posting(self) -> core.Posting:
        return core.Posting(self.account.id, self.side, self.amount)
