"""Referrers: a master record used by a line of a document (draft or approved) is not deleted.

Imported by ``hesabdar.models`` so that the registration happens whenever the models load.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from hesabdar.kit.references import Referrer, register_referrer
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


def _register() -> None:
    columns = {
        "contact": DocumentLine.contact_id,
        "item": DocumentLine.item_id,
        "bank": DocumentLine.bank_id,
        "cash": DocumentLine.cash_id,
        "petty_cash": DocumentLine.petty_cash_id,
    }
    for kind, column in columns.items():
        register_referrer(kind, _line_referrer(column))
    register_referrer("project", _project_referrer)
    register_referrer("account", _account_referrer)


_register()
