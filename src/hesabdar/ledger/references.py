"""Referrers: a master record used by a line of a document (draft or approved) is not deleted.

:mod:`hesabdar.wiring` registers :data:`REFERRERS` with ``kit.references``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from hesabdar.kit.references import Referrer
from hesabdar.ledger.models import Document, DocumentLine


def _line_referrer(column: InstrumentedAttribute[int | None]) -> Referrer:
    def refers(session: Session, business_id: int, record_id: int) -> str | None:
        number = session.scalar(
            select(Document.number)
            .join(DocumentLine, DocumentLine.document_id == Document.id)
            .where(DocumentLine.business_id == business_id, column == record_id)
            .order_by(Document.number)
            .limit(1)
        )
        return None if number is None else f"document {number}"

    return refers


def _project_referrer(session: Session, business_id: int, record_id: int) -> str | None:
    number = session.scalar(
        select(Document.number)
        .where(Document.business_id == business_id, Document.project_id == record_id)
        .order_by(Document.number)
        .limit(1)
    )
    return None if number is None else f"document {number}"


def _account_referrer(session: Session, business_id: int, record_id: int) -> str | None:
    number = session.scalar(
        select(Document.number)
        .join(DocumentLine, DocumentLine.document_id == Document.id)
        .where(DocumentLine.business_id == business_id, DocumentLine.account_id == record_id)
        .order_by(Document.number)
        .limit(1)
    )
    return None if number is None else f"document {number}"


# (master-record kind, referrer): what the ledger's documents point at.
REFERRERS: tuple[tuple[str, Referrer], ...] = (
    ("contact", _line_referrer(DocumentLine.contact_id)),
    ("item", _line_referrer(DocumentLine.item_id)),
    ("bank", _line_referrer(DocumentLine.bank_id)),
    ("cash", _line_referrer(DocumentLine.cash_id)),
    ("petty_cash", _line_referrer(DocumentLine.petty_cash_id)),
    ("project", _project_referrer),
    ("account", _account_referrer),
)
