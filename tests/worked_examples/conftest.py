from tests.invoices.helpers import shop

__all__ = ["shop"]
