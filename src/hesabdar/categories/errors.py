from __future__ import annotations

from hesabdar.kit.errors import InvalidFieldValue


class InvalidCategoryPath(InvalidFieldValue):
    """A NodeFamily that cannot name a category (a segment too long, too many levels)."""
