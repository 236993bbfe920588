"""hesabdar: an online accounting server that speaks Hesabfa's API v1 over a double-entry ledger."""

__version__ = "0.1.0"
