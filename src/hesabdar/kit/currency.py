"""Currency codes: ISO 4217, and the toman (``IRT``), which Iranian shops keep their books in
although it is no ISO code (one toman is ten rials)."""

from __future__ import annotations

import pycountry

TOMAN = "IRT"


def is_currency_code(code: str) -> bool:
    """``code`` (upper case) is an ISO 4217 currency or the toman."""
    if code == TOMAN:
        return True
    return len(code) == 3 and code.isascii() and pycountry.currencies.get(alpha_3=code) is not None
