"""queryInfo as clients send it (reference §2.3); :mod:`hesabdar.kit.listing` runs it.

``Filters`` may be a list or a single object (the WooCommerce plugin's webhook sends one object).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from hesabdar.kit.listing import DEFAULT_TAKE
from hesabdar.kit.numbers import Int64
from hesabdar.v1.models import V1Model


class QueryFilter(V1Model):
    property: str
    operator: str = "="
    value: Any = None


class QueryInfo(V1Model):
    sort_by: str | None = None
    sort_desc: bool = False
    take: Int64 = Field(default=DEFAULT_TAKE)
    skip: Int64 = 0
    search: str | None = None
    filters: list[QueryFilter] = Field(default_factory=list)

    @field_validator("filters", mode="before")
    @classmethod
    def _single_filter_object(cls, value: Any) -> Any:
        # The WooCommerce plugin's webhook sends one filter as an object, not a list.
        if isinstance(value, dict):
            return [value]
        return value
