"""What the ledger tells other domains: contacts' balances (``Liability`` / ``Credits``).

:mod:`hesabdar.wiring` hands :func:`contact_balances` to the contacts domain, which does not
import the ledger.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.contacts.service import ContactBalance
from hesabdar.kit import bulk
from hesabdar.kit.types import exact_sum
from hesabdar.ledger.models import DocumentLine

ZERO = Decimal("0.0000")


def contact_balances(
    session: Session, business_id: int, contact_ids: Sequence[int]
) -> Mapping[int, ContactBalance]:
    """Net of approved postings per contact, over every account: debit-side is what the contact
    owes the business (Liability), credit-side what the business owes it (Credits)."""
    if not contact_ids:
        return {}
    statement = (
        select(
            DocumentLine.contact_id,
            exact_sum(DocumentLine.debit),
            exact_sum(DocumentLine.credit),
        )
        .where(DocumentLine.business_id == business_id, DocumentLine.is_posted.is_(True))
        .group_by(DocumentLine.contact_id)
    )
    rows = bulk.select_in(session, statement, DocumentLine.contact_id, contact_ids)
    balances: dict[int, ContactBalance] = {}
    for contact_id, debit, credit in rows:
        if contact_id is None:  # excluded by the IN filter; keeps the type narrow
            continue
        net = (debit or ZERO) - (credit or ZERO)
        balances[contact_id] = ContactBalance(
            liability=net if net > 0 else ZERO, credits=-net if net < 0 else ZERO
        )
    return balances
