"""Every ORM model, imported so that ``Base.metadata`` is complete (Alembic, tests)."""

from hesabdar.changes.models import Change
from hesabdar.idempotency.models import AppliedRequest
from hesabdar.kit.models import Base
from hesabdar.ledger.models import FiscalYear
from hesabdar.numbering.models import Counter
from hesabdar.tenancy.models import Business, BusinessMember, User

__all__ = [
    "AppliedRequest",
    "Base",
    "Business",
    "BusinessMember",
    "Change",
    "Counter",
    "FiscalYear",
    "User",
]
