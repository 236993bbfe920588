"""The facade modules whose import registers every v1 method."""

import hesabdar.changes.v1  # noqa: F401
