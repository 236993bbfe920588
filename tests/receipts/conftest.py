from tests.invoices.helpers import shop
from tests.ledger.helpers import ledger_api, ledger_other_api

__all__ = ["ledger_api", "ledger_other_api", "shop"]
