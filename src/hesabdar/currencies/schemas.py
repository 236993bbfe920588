"""What replacing the exchange-rate table takes: its rows, as the client gives them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hesabdar.kit.errors import Location

# Where the table is in the request, for errors naming a row.
TABLE_AT = Location.of("table")


@dataclass(frozen=True)
class RateInput:
    """1 ``source`` = ``rate`` ``target``; currencies are ISO 4217 codes, in any case."""

    source: str
    target: str
    rate: Decimal
