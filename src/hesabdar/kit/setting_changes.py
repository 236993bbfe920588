"""Change-log entries for master data that Hesabfa's LogAction table has no code for.

Hesabfa logs only contacts, products and documents. hesabdar also logs saves, edits and deletes
of banks, cash boxes, petty cash, warehouses, projects, salesmen and the currency table, so that
a syncing client sees them too. Their codes start at 1000, clear of Hesabfa's range (31-263),
and follow Hesabfa's pattern: …1 save, …2 edit, …3 delete.
"""

from __future__ import annotations

from enum import IntEnum
from typing import cast

from sqlalchemy.orm import Session

from hesabdar.changes.models import Change
from hesabdar.changes.service import LogAction, record


class SettingAction(IntEnum):
    BANK_SAVE = 1011
    BANK_EDIT = 1012
    BANK_DELETE = 1013
    CASH_SAVE = 1021
    CASH_EDIT = 1022
    CASH_DELETE = 1023
    PETTY_CASH_SAVE = 1031
    PETTY_CASH_EDIT = 1032
    PETTY_CASH_DELETE = 1033
    WAREHOUSE_SAVE = 1041
    WAREHOUSE_EDIT = 1042
    WAREHOUSE_DELETE = 1043
    PROJECT_SAVE = 1051
    PROJECT_EDIT = 1052
    PROJECT_DELETE = 1053
    SALESMAN_SAVE = 1061
    SALESMAN_EDIT = 1062
    SALESMAN_DELETE = 1063
    CURRENCY_TABLE_SET = 1071


def record_setting_change(
    session: Session,
    business_id: int,
    action: SettingAction,
    object_type: str,
    object_id: int,
    *,
    extra: str = "",
    via_api: bool = True,
) -> Change:
    # The log stores the code as an integer; LogAction only types Hesabfa's own codes.
    return record(
        session,
        business_id,
        cast(LogAction, action),
        object_type,
        object_id,
        extra=extra,
        via_api=via_api,
    )
