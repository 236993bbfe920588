"""Enumerations whose values are the integer codes Hesabfa gives them (contact type 1 is a
natural person, item type 1 a service), and the one place a code is read into one of them."""

from __future__ import annotations

from enum import IntEnum
from typing import Self

from hesabdar.kit.errors import InvalidFieldValue, Location


class CodedEnum(IntEnum):
    """Members are named for their meaning (``NATURAL_PERSON = 1``); :meth:`of` reads a code."""

    @classmethod
    def allowed(cls) -> str:
        """The codes and their meanings, for a message: ``0 (product) or 1 (service)``."""
        listed = [f"{member.value} ({member.name.lower().replace('_', ' ')})" for member in cls]
        return ", ".join(listed[:-1]) + f" or {listed[-1]}" if len(listed) > 1 else listed[0]

    @classmethod
    def of(cls, code: int, at: Location) -> Self:
        """The member whose value is ``code``; 114 naming ``at`` for a code there is not."""
        try:
            return cls(code)
        except ValueError:
            raise InvalidFieldValue(f"must be {cls.allowed()} (got {code}).", location=at) from None
