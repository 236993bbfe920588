from tests.changes.conftest import live, receiver
from tests.warehouse_receipts.helpers import stocked

__all__ = ["live", "receiver", "stocked"]
