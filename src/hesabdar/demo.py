"""The demo business that ``hesabdar serve --demo`` creates, with sample data."""

from __future__ import annotations

from sqlalchemy import select

from hesabdar.db import Database
from hesabdar.tenancy import service as tenancy
from hesabdar.tenancy.models import Business
from hesabdar.tenancy.service import BusinessCredentials

DEMO_EMAIL = "demo@hesabdar.local"
DEMO_PASSWORD = "demo-password"


def ensure_demo_business(database: Database) -> BusinessCredentials:
    """Create the demo business the first time; later, issue fresh credentials for it."""
    with database.transaction() as session:
        business = session.scalar(select(Business).where(Business.is_demo.is_(True)).limit(1))
        if business is not None:
            return tenancy.rotate_credentials(session, business)
        return tenancy.create_business(
            session, name="فروشگاه نمونه", email=DEMO_EMAIL, password=DEMO_PASSWORD, is_demo=True
        )
