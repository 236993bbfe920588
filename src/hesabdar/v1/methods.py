"""The facade modules whose import registers every v1 method."""

import hesabdar.businessinfo.v1
import hesabdar.categories.v1
import hesabdar.changes.v1
import hesabdar.contacts.v1
import hesabdar.currencies.v1
import hesabdar.items.v1
import hesabdar.ledger.v1
import hesabdar.projects.v1
import hesabdar.reports.v1
import hesabdar.treasury.v1
import hesabdar.warehouses.v1  # noqa: F401
