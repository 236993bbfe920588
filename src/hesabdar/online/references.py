"""Referrers: the bank the online gateway pays into is not deleted.

:mod:`hesabdar.wiring` registers :data:`REFERRERS` with ``kit.references``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hesabdar.kit.references import Referrer
from hesabdar.online.models import OnlinePaymentSetting


def _setting_referrer(session: Session, business_id: int, record_id: int) -> str | None:
    found = session.scalar(
        select(OnlinePaymentSetting.id).where(
            OnlinePaymentSetting.business_id == business_id,
            OnlinePaymentSetting.bank_id == record_id,
        )
    )
    return None if found is None else "the online payment setting (setting/SetOnlinePayment)"


REFERRERS: tuple[tuple[str, Referrer], ...] = (("bank", _setting_referrer),)
