"""Referrers: a contact, item, project or salesman that an invoice (draft or approved) names is
not deleted. :mod:`hesabdar.wiring` registers :data:`REFERRERS` with ``kit.references``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.invoices.books import label
from hesabdar.invoices.models import Invoice, InvoiceRow
from hesabdar.invoices.schemas import InvoiceType
from hesabdar.kit.references import Referrer


def _invoice_referrer(*columns: Any) -> Referrer:
    def refers(session: Session, business_id: int, record_id: int) -> str | None:
        for column in columns:
            found = session.execute(
                select(Invoice.invoice_type, Invoice.number)
                .where(Invoice.business_id == business_id, column == record_id)
                .order_by(Invoice.invoice_type, Invoice.number)
                .limit(1)
            ).first()
            if found is not None:
                return label(InvoiceType(found[0]), found[1])
        return None

    return refers


def _row_referrer(session: Session, business_id: int, record_id: int) -> str | None:
    found = session.execute(
        select(Invoice.invoice_type, Invoice.number)
        .join(InvoiceRow, InvoiceRow.invoice_id == Invoice.id)
        .where(InvoiceRow.business_id == business_id, InvoiceRow.item_id == record_id)
        .order_by(Invoice.invoice_type, Invoice.number)
        .limit(1)
    ).first()
    return None if found is None else label(InvoiceType(found[0]), found[1])


REFERRERS: tuple[tuple[str, Referrer], ...] = (
    ("contact", _invoice_referrer(Invoice.contact_id, Invoice.freight_contact_id)),
    ("item", _row_referrer),
    ("project", _invoice_referrer(Invoice.project_id)),
    ("salesman", _invoice_referrer(Invoice.salesman_id)),
)
